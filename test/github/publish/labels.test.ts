// Labels go to the issues API of the PR, once, only when there are any.
import nock from "nock";
import { expect, it } from "vitest";
import { addLabels } from "../../../src/github/publish/labels.js";
import type { GitHub } from "../../../src/github/client/octokit.js";
import { API, strictNock, TestOctokit } from "../../helpers/github.js";

strictNock();

it("adds the decision's labels with one issues.addLabels call, and makes no call without labels", async () => {
  const bodies: unknown[] = [];
  nock(API)
    .post("/repos/o/r/issues/5/labels")
    .reply(200, (_uri, body) => (bodies.push(body), []));
  const octokit = new TestOctokit({ auth: { token: "t" } }) as GitHub;
  await addLabels(octokit, { owner: "o", repo: "r", pullNumber: 5 }, [
    "security-review:auth",
    "security-review:crypto",
  ]);
  await addLabels(octokit, { owner: "o", repo: "r", pullNumber: 5 }, []);
  expect(bodies).toEqual([{ labels: ["security-review:auth", "security-review:crypto"] }]);
});

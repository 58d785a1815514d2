// Secondary rate limits: retried after retry-after, at most a given number of times; other 403s are not.
import nock from "nock";
import { describe, expect, it } from "vitest";
import { retrySecondaryRateLimits } from "../../../src/github/client/octokit.js";
import { API, quietOctokit as octokit, strictNock } from "../../helpers/github.js";

strictNock();

describe("secondary rate limits", () => {
  const limited = {
    message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  };

  it("are retried after retry-after, at most `retries` times", async () => {
    const waits: number[] = [];
    const gh = retrySecondaryRateLimits(octokit(), { retries: 2, sleep: async (ms) => void waits.push(ms) });
    nock(API)
      .post("/repos/o/r/issues/1/labels")
      .reply(403, limited, { "retry-after": "3" })
      .post("/repos/o/r/issues/1/labels")
      .reply(429, limited)
      .post("/repos/o/r/issues/1/labels")
      .reply(200, []);
    await gh.rest.issues.addLabels({ owner: "o", repo: "r", issue_number: 1, labels: ["x"] });
    expect(waits).toEqual([3000, 60_000]);

    nock(API).post("/repos/o/r/issues/1/labels").times(3).reply(403, limited, { "retry-after": "0" });
    await expect(
      gh.rest.issues.addLabels({ owner: "o", repo: "r", issue_number: 1, labels: ["x"] }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("other 403s are not retried", async () => {
    const gh = retrySecondaryRateLimits(octokit(), { sleep: async () => {} });
    nock(API).post("/repos/o/r/issues/1/labels").reply(403, { message: "Resource not accessible by integration" });
    await expect(
      gh.rest.issues.addLabels({ owner: "o", repo: "r", issue_number: 1, labels: ["x"] }),
    ).rejects.toMatchObject({ status: 403 });
  });
});

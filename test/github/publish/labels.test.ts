// Labels go to the issues API of the PR, once, only when there are any; the labels aiguard
// manages (some tier could produce them) and the plan that adds and removes them.
import nock from "nock";
import { describe, expect, it } from "vitest";
import { addLabels, managedLabels, planLabels } from "../../../src/github/publish/labels.js";
import { configSchema } from "../../../src/core/policy/schema.js";
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

describe("managed labels", () => {
  const config = configSchema.parse({
    tiers: [
      {
        name: "a",
        when: { areas: ["payment"] },
        conclusion: "action_required",
        labels: ["security-review:{area}", "needs-security"],
      },
      { name: "b", conclusion: "success" },
    ],
    overrides: [
      { paths: ["infra/**"], tiers: [{ name: "infra", conclusion: "neutral", labels: ["infra/{area}-check"] }] },
    ],
  });
  const managed = managedLabels(config);

  it("are the labels some tier could produce", () => {
    expect(
      [
        "security-review:payment",
        "Security-Review:auth",
        "security-review",
        "needs-security",
        "infra/crypto-check",
        "infra-check",
      ].map(managed),
    ).toEqual([true, true, true, true, true, true]);
    expect(
      ["bug", "security-review:", "security-review:a b", "needs-security-now", "infra/crypto", "infra"].map(managed),
    ).toEqual([false, false, false, false, false, false]);
  });

  it("a label template from the config cannot make matching backtrack (issue 10, item 9)", () => {
    const m = managedLabels(
      configSchema.parse({
        tiers: [{ name: "t", conclusion: "neutral", labels: [`x-${"{area}".repeat(12)}`] }],
      }),
    );
    // 48 letters and a character no area word has: a backtracking engine tries every way to
    // cut the letters into 12 area words before failing
    expect(m(`x-${"a".repeat(48)}!`)).toBe(false);
    expect(m(`X-${"a".repeat(48)}`)).toBe(true);
  }, 20_000);

  it("the default policy manages security-review:<area>", () => {
    const m = managedLabels(configSchema.parse({}));
    expect(m("security-review:payment")).toBe(true);
    expect(m("enhancement")).toBe(false);
  });

  it("plan: add what is missing, remove managed labels that no longer apply, never others", () => {
    expect(
      planLabels(["security-review:payment"], ["bug", "security-review:auth", "Security-Review:Payment"], managed),
    ).toEqual({ add: [], remove: ["security-review:auth"] });
    expect(planLabels([], ["bug"], managed)).toEqual({ add: [], remove: [] });
    // Without a snapshot of the PR's labels: add, never remove.
    expect(planLabels(["needs-security"], undefined, managed)).toEqual({ add: ["needs-security"], remove: [] });
  });
});

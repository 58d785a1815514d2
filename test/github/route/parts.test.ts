// The parts of routing on their own: managed labels, who still needs a review request,
// reviewers' standings, stale areas, the summary comment's markers, secondary-limit retries.
import nock from "nock";
import { describe, expect, it } from "vitest";
import { StaleAreas } from "../../../src/github/route/approvals.js";
import { classifyAreas as appClassifyAreas } from "../../../src/github/route/changed-areas.js";
import type { ClassifyAreas } from "../../../src/github/route/changed-areas.js";
import { managedLabels, planLabels } from "../../../src/github/publish/labels.js";
import { retrySecondaryRateLimits, type GitHub } from "../../../src/github/client/octokit.js";
import { pendingReviewers, requestReviewers } from "../../../src/github/route/review-requests.js";
import { currentApprovals, latestStandings } from "../../../src/github/route/pr-reviews.js";
import { COMMENT_LIMIT, recordedReviewers, renderSummaryComment } from "../../../src/report/summary-comment.js";
import { configSchema } from "../../../src/core/policy/schema.js";
import { reviewOffline } from "../../helpers/review.js";
import { API, strictNock, TestOctokit } from "../../helpers/github.js";

strictNock();

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const octokit = () => new TestOctokit({ auth: { token: "t" }, log: quiet }) as GitHub;

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

describe("review requests", () => {
  it("skip the author, pending requests, recorded ones, reviewers who reviewed and teams with an approving member", () => {
    const wanted = {
      teams: ["security", "Crypto", "acme/infra"],
      users: ["Codertocat", "alice", "bob", "carol", "dave"],
    };
    expect(
      pendingReviewers(
        wanted,
        {
          author: "codertocat",
          requestedUsers: ["ALICE"],
          requestedTeams: ["crypto"],
          recorded: { teams: [], users: ["bob"] },
          reviewed: ["carol"],
          teamsReviewed: ["infra"],
        },
        "acme",
      ),
    ).toEqual({ teams: ["security"], users: ["dave"] });
  });

  it("a single refused reviewer is one call and a note", async () => {
    const bodies: unknown[] = [];
    nock(API)
      .post("/repos/o/r/pulls/5/requested_reviewers")
      .reply(404, (_u, b) => (bodies.push(b), { message: "Not Found" }));
    const out = await requestReviewers(
      octokit(),
      { owner: "o", repo: "r", pullNumber: 5 },
      { teams: ["nope"], users: [] },
    );
    expect(bodies).toEqual([{ team_reviewers: ["nope"] }]);
    expect(out.requested).toEqual({ teams: [], users: [] });
    expect(out.notes).toEqual([expect.stringContaining("Could not request a review from team `nope`")]);
  });

  it("other errors are not swallowed", async () => {
    nock(API).post("/repos/o/r/pulls/5/requested_reviewers").reply(500, { message: "boom" });
    await expect(
      requestReviewers(octokit(), { owner: "o", repo: "r", pullNumber: 5 }, { teams: ["security"], users: [] }),
    ).rejects.toMatchObject({ status: 500 });
  });
});

describe("reviewers' standings", () => {
  const r = (user: string, state: string, commitSha = "c") => ({ user, state, commitSha });
  it("the latest approval, change request or dismissal counts; comments do not withdraw an approval", () => {
    const reviews = [
      r("alice", "APPROVED", "a1"),
      r("alice", "COMMENTED"),
      r("bob", "APPROVED"),
      r("bob", "CHANGES_REQUESTED"),
      r("carol", "APPROVED"),
      r("carol", "DISMISSED"),
      r("dave", "COMMENTED"),
      r("Eve", "APPROVED", "e1"),
    ];
    expect(latestStandings(reviews).map((x) => `${x.user}:${x.state}`)).toEqual([
      "alice:APPROVED",
      "bob:CHANGES_REQUESTED",
      "carol:DISMISSED",
      "Eve:APPROVED",
    ]);
    expect(currentApprovals(reviews, "eve")).toEqual([r("alice", "APPROVED", "a1")]);
  });
});

describe("stale areas", () => {
  const config = configSchema.parse({});
  const target = { owner: "o", repo: "r", headSha: "h".repeat(40) };
  const classify: ClassifyAreas = (files) => ({
    areas: files.some((f) => f.patch?.includes("stripe")) ? ["payment"] : [],
    evidence: [],
  });

  it("one comparison per approved commit; none for the head itself", async () => {
    nock(API)
      .get(`/repos/o/r/compare/${"a".repeat(40)}...${target.headSha}`)
      .query({ per_page: "1" })
      .once()
      .reply(200, {
        files: [
          { filename: "x.js", status: "modified", changes: 1, patch: "@@ -1 +1 @@\n-a\n+stripe.refunds.create()" },
        ],
      });
    const stale = new StaleAreas({
      octokit: octokit(),
      target,
      config,
      requiredAreas: ["payment"],
      classifyAreas: classify,
    });
    expect(
      await Promise.all([stale.since("a".repeat(40)), stale.since("a".repeat(40)), stale.since(target.headSha)]),
    ).toEqual([["payment"], ["payment"], []]);
  });

  it("commits that cannot be compared make every required area stale, with a note", async () => {
    nock(API)
      .get(`/repos/o/r/compare/${"b".repeat(40)}...${target.headSha}`)
      .query({ per_page: "1" })
      .reply(404, { message: "Not Found" });
    const stale = new StaleAreas({
      octokit: octokit(),
      target,
      config,
      requiredAreas: ["payment", "auth"],
      classifyAreas: classify,
    });
    expect(await stale.since("b".repeat(40))).toEqual(["payment", "auth"]);
    expect(stale.notes).toEqual([expect.stringContaining("could not be compared")]);
  });

  it("a push that only adds a payment SDK to package.json makes payment approvals stale (the App's own classifier)", async () => {
    const head = '{\n  "dependencies": {\n    "express": "^4.19.2",\n    "stripe": "^16.0.0"\n  }\n}\n';
    const patch =
      '@@ -1,5 +1,6 @@\n {\n   "dependencies": {\n-    "express": "^4.19.2"\n+    "express": "^4.19.2",\n+    "stripe": "^16.0.0"\n   }\n }';
    nock(API)
      .get(`/repos/o/r/compare/${"d".repeat(40)}...${target.headSha}`)
      .query({ per_page: "1" })
      .twice()
      .reply(200, { files: [{ filename: "package.json", status: "modified", changes: 3, patch }] });
    const withHead = new StaleAreas({
      octokit: octokit(),
      target,
      config,
      requiredAreas: ["payment"],
      classifyAreas: appClassifyAreas,
      headContents: new Map([["package.json", head]]),
    });
    expect(await withHead.since("d".repeat(40))).toEqual(["payment"]);
    // Without the head text the manifest cannot be compared: nothing is read into it.
    const withoutHead = new StaleAreas({
      octokit: octokit(),
      target,
      config,
      requiredAreas: ["payment"],
      classifyAreas: appClassifyAreas,
    });
    expect(await withoutHead.since("d".repeat(40))).toEqual([]);
  });

  it("for a whole-change (*) requirement, any changed file is stale", async () => {
    nock(API)
      .get(`/repos/o/r/compare/${"c".repeat(40)}...${target.headSha}`)
      .query({ per_page: "1" })
      .reply(200, { files: [{ filename: "README.md", status: "modified", changes: 1, patch: "@@ -1 +1 @@\n-a\n+b" }] });
    const stale = new StaleAreas({ octokit: octokit(), target, config, requiredAreas: ["*"], classifyAreas: classify });
    expect(await stale.since("c".repeat(40))).toEqual(["code"]);
  });
});

describe("the summary comment", () => {
  it("records whom it asked, and stays within GitHub's limit with lots of evidence", async () => {
    const config = configSchema.parse({
      tiers: [
        { name: "t", conclusion: "action_required", reviewers: { teams: ["security"] }, approvals: 1, comment: true },
      ],
    });
    const scanner = { scan: () => ({ language: null, findings: [], notes: [] }), rules: () => [] };
    const result = await reviewOffline(
      {
        base: "b".repeat(40),
        head: "h".repeat(40),
        files: [],
        config,
        customRules: [],
        fullContext: true,
        draft: false,
        notes: [],
      },
      scanner,
    );
    result.review.areaEvidence = Array.from({ length: 5000 }, (_, i) => ({
      area: "payment",
      path: `src/p${i}.js`,
      line: i + 1,
      reason: "x".repeat(100),
    }));
    const body = renderSummaryComment(result, { teams: ["security"], users: ["alice"] });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain("…and 4970 more");
    expect(recordedReviewers(body)).toEqual({ teams: ["security"], users: ["alice"] });
    expect(recordedReviewers("no marker")).toEqual({ teams: [], users: [] });
  });
});

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

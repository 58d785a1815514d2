// Routing and approvals ("agents propose, humans authorize"), through Probot with real
// payloads: labels, one team review request per PR, one summary comment edited in place,
// approvals counted only from active team members, and approvals that go stale when later
// commits touch the approved area. Every GitHub call is asserted, with its body.
import { beforeAll, describe, expect, it } from "vitest";
import { isSummaryComment, recordedReviewers } from "../../../src/report/summary-comment.js";
import {
  addedFile,
  type ApiFile,
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  reviewPayload,
  sharedScanner,
  strictNock,
  withPullState,
} from "../../helpers/github.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const HEAD2 = "2".repeat(40);
const P = "/repos/Codertocat/Hello-World";

const REFUND = [
  'const stripe = require("stripe")(process.env.STRIPE_KEY);',
  "",
  "export async function refund(chargeId, amount) {",
  "  return stripe.refunds.create({ charge: chargeId, amount });",
  "}",
  "",
].join("\n");
const refundFile = addedFile("src/billing/refund.js", REFUND);
/** A later commit that changes the refund call. */
const REFUND2 = REFUND.replace(
  "{ charge: chargeId, amount }",
  '{ charge: chargeId, amount, reason: "requested_by_customer" }',
);
const refundPush: ApiFile = {
  filename: "src/billing/refund.js",
  status: "modified",
  additions: 1,
  deletions: 1,
  patch: [
    "@@ -2,4 +2,4 @@",
    " ",
    " export async function refund(chargeId, amount) {",
    "-  return stripe.refunds.create({ charge: chargeId, amount });",
    '+  return stripe.refunds.create({ charge: chargeId, amount, reason: "requested_by_customer" });',
    " }",
  ].join("\n"),
};

const RERUN = [{ label: "Re-run", description: "Run the aiguard review again", identifier: "rerun" }];

type CheckBody = { status: string; conclusion: string; output: { title: string; summary: string }; actions?: unknown };

beforeAll(async () => {
  await sharedScanner([]);
});
strictNock();

/** How each variant of the policy routes payment code. */
interface Variant {
  name: string;
  /** `.aiguard.yml` at the base commit; undefined: none (the default policy). */
  config?: string;
  label: string;
  /** What the approval status calls the approved area. */
  area: string;
  /** What the stale-approval reason says later commits changed. */
  changed: string;
}

const VARIANTS: Variant[] = [
  // The default policy: payment code is found by its imports and calls (needs the area classifier in analyze()).
  { name: "the default policy (payment area)", label: "security-review:payment", area: "payment", changed: "payment" },
  // The same routing, matched on paths: independent of area classification.
  {
    name: "a paths tier",
    config: [
      "tiers:",
      "  - name: critical",
      '    when: { paths: ["src/billing/**"] }',
      "    conclusion: action_required",
      '    labels: ["security-review:payment"]',
      "    reviewers: { teams: [security] }",
      "    approvals: 1",
      "    comment: true",
      "  - name: low",
      "    conclusion: success",
      "",
    ].join("\n"),
    label: "security-review:payment",
    area: "change",
    // Approved as a whole change (`*`): the reason names the areas the new commits touched.
    changed: "payment",
  },
];

function configured(gh: RepoMock, v: Variant): RepoMock {
  return v.config === undefined ? gh.noConfig(BASE) : gh.config(BASE, v.config);
}

async function run(gh: RepoMock, name: string, payload: unknown) {
  mockInstallationToken();
  const app = await createTestApp();
  await app.receive(name, payload);
  await app.idle();
  expect(app.done).toHaveLength(1);
  expect(gh.checkCreates).toHaveLength(1);
  return { app, check: gh.checkCreates[0] as CheckBody, routes: app.done[0]!.stats.routes };
}

/** An existing summary comment, as an earlier review left it. */
const earlierComment = (teams: string[]) => ({
  id: 77,
  body: `<!-- aiguard:summary -->\n## 🛑 aiguard: security review required\n<!-- aiguard:requested ${JSON.stringify({ teams, users: [] })} -->`,
});

describe.each(VARIANTS)("payment code under $name", (v) => {
  it("labels the PR, requests the security team once, blocks the check and posts one summary comment", async () => {
    const gh = configured(new RepoMock().listFiles(2, [refundFile]), v)
      .contents({ "src/billing/refund.js": { text: REFUND } })
      .reviews(2, [])
      .comments(2, [{ id: 5, body: "Looks good to me, but let's wait for security", bot: false }])
      .requestReviewers(2)
      .createCheck()
      .addLabels(2)
      .createComment(2);
    const { check, routes } = await run(gh, "pull_request", pullRequestPayload("opened"));

    expect(check.conclusion).toBe("action_required");
    expect(check.actions).toEqual(RERUN);
    expect(check.output.summary).toContain("<details><summary>Policy in effect</summary>");
    expect(gh.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      "POST /pulls/2/requested_reviewers",
      "POST /issues/2/labels",
      "POST /issues/2/comments",
    ]);
    expect(gh.writes[0]!.body).toEqual({ team_reviewers: ["security"] });
    expect(gh.writes[1]!.body).toEqual({ labels: [v.label] });
    const comment = (gh.writes[2]!.body as { body: string }).body;
    expect(isSummaryComment(comment)).toBe(true);
    expect(comment).toContain("security review required");
    expect(comment).toContain("**critical** tier");
    expect(comment).toContain("1 approval");
    expect(comment).toContain("team `security`");
    expect(comment).toContain("⏳");
    expect(recordedReviewers(comment)).toEqual({ teams: ["security"], users: [] });
    if (v.area === "payment") {
      expect(comment).toMatch(/`payment`: `src\/billing\/refund\.js:\d+`/);
      expect(check.output.title).toContain("areas: payment");
    }
    // files, config (repo + org), contents, reviews, comments, review request, check run, labels, comment
    expect(routes).toHaveLength(v.config === undefined ? 10 : 9);
  });

  it("keeps blocking when a non-member approves, and says why the approval does not count", async () => {
    const gh = configured(new RepoMock().listFiles(2, [refundFile]), v)
      .contents({ "src/billing/refund.js": { text: REFUND } })
      .reviews(2, [{ user: "mallory", state: "APPROVED", commit: HEAD }])
      .membership("security", "mallory", 404)
      .comments(2, [earlierComment(["security"])])
      .createCheck()
      .updateComment(77);
    const payload = reviewPayload("submitted", {
      user: "mallory",
      commit: HEAD,
      labels: ["bug", v.label],
      requestedTeams: ["security"],
    });
    const { check, app } = await run(gh, "pull_request_review", payload);

    expect(app.done[0]!.job.trigger).toBe("pull_request_review.submitted");
    expect(check.conclusion).toBe("action_required");
    expect(check.output.summary).toContain("approval by @mallory does not count: not a member of team security");
    // No labels call (already there), no second review request, the comment edited in place.
    expect(gh.writes.map((w) => `${w.method} ${w.path}`)).toEqual(["PATCH /issues/comments/77"]);
    const comment = (gh.writes[0]!.body as { body: string }).body;
    expect(comment).toContain("approval by `@mallory` does not count: not a member of team security");
  });

  it("turns green when an active member of the team approves, naming the approver", async () => {
    const gh = configured(new RepoMock().listFiles(2, [refundFile]), v)
      .contents({ "src/billing/refund.js": { text: REFUND } })
      .reviews(2, [
        { user: "mallory", state: "APPROVED", commit: HEAD },
        { user: "alice", state: "COMMENTED", commit: HEAD },
        { user: "alice", state: "APPROVED", commit: HEAD },
      ])
      .membership("security", "mallory", 404)
      .membership("security", "alice", "active")
      .comments(2, [earlierComment(["security"])])
      .createCheck()
      .updateComment(77);
    const payload = reviewPayload("submitted", { user: "alice", commit: HEAD, labels: ["bug", v.label] });
    const { check } = await run(gh, "pull_request_review", payload);

    expect(check.conclusion).toBe("success");
    expect(check.output.summary).toContain("approved by @alice");
    // The team's request was fulfilled by alice's review: it is not asked again.
    expect(gh.writes.map((w) => `${w.method} ${w.path}`)).toEqual(["PATCH /issues/comments/77"]);
    const comment = (gh.writes[0]!.body as { body: string }).body;
    expect(comment).toContain("security review approved");
    expect(comment).toContain(`\`${v.area}\`: approved by \`@alice\``);
  });

  it("blocks again when a later push changes the approved code, without asking the team again", async () => {
    const gh = configured(new RepoMock().listFiles(2, [{ ...refundFile, patch: refundFile.patch }]), v)
      .contents({ "src/billing/refund.js": { text: REFUND2 } })
      .reviews(2, [{ user: "alice", state: "APPROVED", commit: HEAD }])
      .membership("security", "alice", "active")
      .compare(HEAD, HEAD2, [refundPush])
      .comments(2, [earlierComment(["security"])])
      .createCheck()
      .updateComment(77);
    const payload = withPullState(pullRequestPayload("synchronize", { head: HEAD2 }), {
      labels: ["bug", v.label],
      requestedTeams: [],
      comments: 1,
    });
    const { check } = await run(gh, "pull_request", payload);

    expect(check.conclusion).toBe("action_required");
    expect(check.output.summary).toContain(
      `approval by @alice does not count: approved ${HEAD.slice(0, 7)}; later commits changed ${v.changed}`,
    );
    expect(gh.writes.map((w) => `${w.method} ${w.path}`)).toEqual(["PATCH /issues/comments/77"]);
    expect((gh.writes[0]!.body as { body: string }).body).toContain("security review required");
  });

  it("keeps an approval of an older commit when the later commits did not touch the area", async () => {
    const docs: ApiFile = {
      filename: "docs/refunds.md",
      status: "added",
      additions: 1,
      deletions: 0,
      patch: "@@ -0,0 +1 @@\n+# Refunds",
    };
    const gh = configured(new RepoMock().listFiles(2, [refundFile, docs]), v)
      .contents({ "src/billing/refund.js": { text: REFUND }, "docs/refunds.md": { text: "# Refunds\n" } })
      .reviews(2, [{ user: "alice", state: "APPROVED", commit: HEAD }])
      .membership("security", "alice", "active")
      .compare(HEAD, HEAD2, [docs])
      .comments(2, [earlierComment(["security"])])
      .createCheck()
      .updateComment(77);
    const payload = withPullState(pullRequestPayload("synchronize", { head: HEAD2 }), {
      labels: ["bug", v.label],
      comments: 1,
    });
    const { check } = await run(gh, "pull_request", payload);
    // Per area, a docs change leaves the payment approval standing; a `*` tier counts any change.
    expect(check.conclusion).toBe(v.area === "payment" ? "success" : "action_required");
  });
});

describe("routing", () => {
  const PATHS_TIER = (extra: string) =>
    [
      "tiers:",
      "  - name: critical",
      '    when: { paths: ["src/billing/**"] }',
      "    conclusion: action_required",
      extra,
      "  - name: low",
      "    conclusion: success",
      "",
    ].join("\n");

  it("a docs-only PR is one check-run write after files, config and contents: no labels, reviewers or comment calls", async () => {
    const readme = addedFile("README.md", "# Hello\n");
    const gh = new RepoMock()
      .listFiles(2, [readme])
      .noConfig(BASE)
      .contents({ "README.md": { text: "# Hello\n" } })
      .createCheck();
    const { check, routes } = await run(gh, "pull_request", pullRequestPayload("opened"));
    expect(check.conclusion).toBe("success");
    expect(gh.writes).toEqual([]);
    expect([...routes].sort()).toEqual(
      [
        "GET /repos/Codertocat/Hello-World/pulls/2/files",
        "GET /repos/{owner}/{repo}/contents/{path}",
        "GET /repos/{owner}/{repo}/contents/{path}",
        "POST /graphql",
        "POST /repos/{owner}/{repo}/check-runs",
      ].sort(),
    );
  });

  it("fails with the located error when a tier is invalid", async () => {
    const config = [
      "tiers:",
      "  - name: critical",
      "    when: { areas: payment }",
      "    conclusion: action_required",
      "    approvals: -1",
      "",
    ].join("\n");
    const gh = new RepoMock().listFiles(2, [refundFile]).config(BASE, config).createCheck();
    const { check } = await run(gh, "pull_request", pullRequestPayload("opened"));
    expect(check.conclusion).toBe("failure");
    expect(check.output.summary).toContain("Codertocat/Hello-World:.aiguard.yml@f95f852:3:20 (tiers.0.when.areas)");
    expect(check.output.summary).toContain("Codertocat/Hello-World:.aiguard.yml@f95f852:5:16 (tiers.0.approvals)");
    expect(gh.writes).toEqual([]);
  });

  it("removes aiguard's labels that no longer apply (and only those), adding the new ones", async () => {
    const config = PATHS_TIER('    labels: ["security-review:{area}", "needs-security"]');
    const gh = new RepoMock()
      .listFiles(2, [refundFile])
      .config(BASE, config)
      .contents({ "src/billing/refund.js": { text: REFUND } })
      .createCheck()
      .addLabels(2)
      .removeLabel(2, "security-review:auth");
    const payload = withPullState(pullRequestPayload("synchronize"), {
      labels: ["bug", "security-review:auth", "needs-security"],
    });
    await run(gh, "pull_request", payload);
    // `{area}` takes the change's area (payment). `bug` is not aiguard's; `needs-security` still applies.
    expect(gh.writes).toEqual([
      { method: "POST", path: "/issues/2/labels", body: { labels: ["security-review:payment"] } },
      { method: "DELETE", path: "/issues/2/labels/security-review:auth" },
    ]);
  });

  it("drops to a tier without review: removes the labels and says so in the existing comment", async () => {
    const readme = addedFile("README.md", "# Hello\n");
    const gh = new RepoMock()
      .listFiles(2, [readme])
      .noConfig(BASE)
      .contents({ "README.md": { text: "# Hello\n" } })
      .comments(2, [{ id: 9, body: "thanks!", bot: false }, earlierComment(["security"])])
      .createCheck()
      .removeLabel(2, "security-review:payment")
      .updateComment(77);
    const payload = withPullState(pullRequestPayload("synchronize"), {
      labels: ["bug", "security-review:payment"],
      comments: 2,
    });
    const { check } = await run(gh, "pull_request", payload);
    expect(check.conclusion).toBe("success");
    expect(gh.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      "DELETE /issues/2/labels/security-review:payment",
      "PATCH /issues/comments/77",
    ]);
    const body = (gh.writes[1]!.body as { body: string }).body;
    expect(body).toContain("security review no longer required");
    expect(recordedReviewers(body)).toEqual({ teams: ["security"], users: [] });
  });

  it("a team that does not exist gets a note in the check run; the other reviewers are still asked", async () => {
    const config = PATHS_TIER("    reviewers: { teams: [security, ghost-team], users: [octocat, Codertocat] }");
    const gh = new RepoMock()
      .listFiles(2, [refundFile])
      .config(BASE, config)
      .contents({ "src/billing/refund.js": { text: REFUND } })
      .requestReviewers(2, 422)
      .requestReviewers(2, 201)
      .requestReviewers(2, 422)
      .createCheck();
    // octocat is already requested (payload); Codertocat is the author.
    const { check } = await run(gh, "pull_request", pullRequestPayload("opened"));
    expect(check.conclusion).toBe("action_required");
    expect(gh.writes.map((w) => w.body)).toEqual([
      { team_reviewers: ["security", "ghost-team"] },
      { team_reviewers: ["security"] },
      { team_reviewers: ["ghost-team"] },
    ]);
    expect(check.output.summary).toContain("Could not request a review from team `ghost-team`: it does not exist");
    expect(check.output.summary).toContain("HTTP 422");
  });

  it("on a later push, asks only reviewers never asked before (issue events), once", async () => {
    const config = PATHS_TIER("    reviewers: { teams: [security], users: [octocat, hubot] }");
    const gh = new RepoMock()
      .listFiles(2, [refundFile])
      .config(BASE, config)
      .contents({ "src/billing/refund.js": { text: REFUND } })
      .issueEvents(2, [
        { id: 1, event: "labeled", label: { name: "bug" } },
        {
          id: 2,
          event: "review_requested",
          requested_team: { slug: "security" },
          review_requester: { login: "aiguard[bot]" },
        },
      ])
      .reviews(2, [{ user: "hubot", state: "COMMENTED", commit: HEAD }])
      .createCheck();
    // octocat's request is pending (payload), security was asked before, hubot already reviewed.
    await run(gh, "pull_request", withPullState(pullRequestPayload("synchronize"), { requestedUsers: ["octocat"] }));
    expect(gh.writes).toEqual([]);
  });

  it("retries a review request that hits a secondary rate limit", async () => {
    const config = PATHS_TIER("    reviewers: { teams: [security] }");
    const gh = new RepoMock()
      .listFiles(2, [refundFile])
      .config(BASE, config)
      .contents({ "src/billing/refund.js": { text: REFUND } });
    gh.scope
      .post(`${P}/pulls/2/requested_reviewers`)
      .reply(
        403,
        { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." },
        { "retry-after": "0" },
      );
    gh.requestReviewers(2).createCheck();
    const { check } = await run(gh, "pull_request", pullRequestPayload("opened"));
    expect(check.conclusion).toBe("action_required");
    expect(gh.writes).toEqual([
      { method: "POST", path: "/pulls/2/requested_reviewers", body: { team_reviewers: ["security"] } },
    ]);
    expect(check.output.summary).not.toContain("Could not request");
  });

  it("does not request reviewers on a draft, and does not count approvals there", async () => {
    const config = PATHS_TIER("    reviewers: { teams: [security] }\n    approvals: 1");
    const gh = new RepoMock()
      .listFiles(2, [refundFile])
      .config(BASE, config)
      .contents({ "src/billing/refund.js": { text: REFUND } })
      .createCheck();
    const { check } = await run(gh, "pull_request", pullRequestPayload("opened", { draft: true }));
    expect(check.conclusion).toBe("neutral");
    expect(gh.writes).toEqual([]);
  });

  it("shows the merged policy, folded, after the review", async () => {
    const readme = addedFile("README.md", "# Hello\n");
    const gh = new RepoMock()
      .listFiles(2, [readme])
      .config(BASE, "drafts: review\npaths:\n  ignore: [vendor/**]\n")
      .contents({ "README.md": { text: "# Hello\n" } })
      .createCheck();
    const { check } = await run(gh, "pull_request", pullRequestPayload("opened"));
    const s = check.output.summary;
    const at = s.indexOf("<details><summary>Policy in effect</summary>");
    expect(at).toBeGreaterThan(s.indexOf("### aiguard"));
    const folded = s.slice(at);
    expect(folded).toContain("Merged from `Codertocat/Hello-World:.aiguard.yml@f95f852`");
    expect(folded).toContain("drafts: review");
    expect(folded).toContain("- vendor/**");
    expect(folded).toContain("# tiers: aiguard's default policy");
    expect(folded).toContain("name: critical");
    expect(folded.trimEnd().endsWith("</details>")).toBe(true);
    expect(s.length).toBeLessThanOrEqual(65_535);
  });
});

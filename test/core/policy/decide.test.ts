import { describe, expect, it } from "vitest";
import { applyApprovals } from "../../../src/core/policy/approvals.js";
import { resolveConfig } from "../../../src/core/policy/config.js";
import { decide, isDocsOnly } from "../../../src/core/policy/decide.js";
import { defaultTiers } from "../../../src/core/policy/defaults.js";
import { configSchema, defaultConfig, type AiguardConfig } from "../../../src/core/policy/schema.js";
import type { Analysis, DependencyChange, Finding } from "../../../src/core/types.js";

function analysis(extra: Partial<Analysis> = {}): Analysis {
  return {
    findings: [],
    areas: [],
    areaEvidence: [],
    dependencies: [],
    blastRadius: {},
    stats: { filesChanged: 1, linesAdded: 10, linesRemoved: 2, durationMs: 0 },
    notes: [],
    rules: [],
    incomplete: [],
    ...extra,
  };
}

function finding(severity: Finding["severity"], path = "src/a.js"): Finding {
  return {
    id: "x",
    ruleId: "r",
    cwe: ["CWE-89"],
    severity,
    confidence: "high",
    path,
    line: 1,
    endLine: 1,
    message: "m",
    suppressed: null,
  };
}

function config(yaml: string): AiguardConfig {
  const r = resolveConfig([{ source: ".aiguard.yml", text: yaml }]);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.config;
}

const payment = {
  areas: ["payment"],
  areaEvidence: [{ area: "payment", path: "src/billing/refund.js", line: 3, reason: "calls stripe.refunds.create" }],
};

describe("the default policy", () => {
  it("is a readable YAML file with the four tiers in order", () => {
    expect(defaultTiers().map((t) => [t.name, t.conclusion])).toEqual([
      ["critical", "action_required"],
      ["high", "failure"],
      ["medium", "neutral"],
      ["low", "success"],
    ]);
  });

  it("sends payment, auth and crypto changes to the security team with a per-area label", () => {
    const d = decide(analysis(payment), defaultConfig(), { paths: ["src/billing/refund.js"] });
    expect(d).toMatchObject({
      tier: "critical",
      conclusion: "action_required",
      labels: ["security-review:payment"],
      reviewers: { teams: ["security"], users: [] },
      approvals: { required: 1, areas: ["payment"], dismissOnPush: true },
      comment: true,
    });
  });

  it("treats a critical finding as critical even outside the areas, with a plain label", () => {
    const d = decide(analysis({ findings: [finding("critical")] }), defaultConfig(), { paths: ["src/a.js"] });
    expect(d).toMatchObject({ tier: "critical", labels: ["security-review"], approvals: { areas: ["*"] } });
  });

  it("fails high findings and risky dependencies, is neutral on lesser findings and new dependencies, passes the rest", () => {
    expect(decide(analysis({ findings: [finding("high")] }), defaultConfig()).tier).toBe("high");
    const dep = (risks: DependencyChange["risks"]): DependencyChange => ({
      ecosystem: "npm",
      name: "loadsh",
      version: "1",
      change: "added",
      manifest: "package.json",
      direct: true,
      risks,
    });
    expect(
      decide(analysis({ dependencies: [dep([{ kind: "typosquat", severity: "high", detail: "" }])] }), defaultConfig())
        .conclusion,
    ).toBe("failure");
    expect(decide(analysis({ dependencies: [dep([])] }), defaultConfig()).tier).toBe("medium");
    expect(decide(analysis({ findings: [finding("low")] }), defaultConfig()).conclusion).toBe("neutral");
    expect(decide(analysis(), defaultConfig(), { paths: ["README.md"] })).toMatchObject({
      tier: "low",
      conclusion: "success",
      labels: [],
    });
  });

  it("ignores suppressed findings", () => {
    const f = { ...finding("critical"), suppressed: { reason: "r", by: "inline" as const } };
    expect(decide(analysis({ findings: [f] }), defaultConfig()).tier).toBe("low");
  });
});

describe("custom tiers", () => {
  it("match on paths, lines changed, docs only, AI-assisted, and nested any/all", () => {
    const cfg = config(`
tiers:
  - name: docs
    when: { docsOnly: true }
    conclusion: success
  - name: big-ai
    when:
      all:
        - aiAssisted: true
        - linesChanged: { min: 100 }
    conclusion: neutral
    labels: [ai-large]
  - name: infra
    when: { paths: ["infra/**"] }
    conclusion: action_required
    reviewers: { users: [octocat] }
  - name: rest
    conclusion: success
`);
    expect(decide(analysis(), cfg, { paths: ["docs/guide.md", "README.md"] }).tier).toBe("docs");
    expect(
      decide(analysis({ stats: { filesChanged: 1, linesAdded: 150, linesRemoved: 0, durationMs: 0 } }), cfg, {
        paths: ["src/a.ts"],
        aiAssisted: true,
      }).tier,
    ).toBe("big-ai");
    expect(
      decide(analysis({ stats: { filesChanged: 1, linesAdded: 150, linesRemoved: 0, durationMs: 0 } }), cfg, {
        paths: ["src/a.ts"],
      }).tier,
    ).toBe("rest");
    expect(decide(analysis(), cfg, { paths: ["infra/main.tf"] })).toMatchObject({
      tier: "infra",
      reviewers: { users: ["octocat"] },
    });
  });

  it("tries per-directory overrides first, scoped to their own files", () => {
    const cfg = config(`
overrides:
  - paths: ["services/payments/**"]
    tiers:
      - name: payments-critical
        when: { findings: true }
        conclusion: action_required
        reviewers: { teams: [payments-security] }
        approvals: 2
`);
    // A finding outside the override's paths does not trigger it.
    const outside = decide(analysis({ findings: [finding("medium", "services/web/a.js")] }), cfg, {
      paths: ["services/web/a.js", "services/payments/b.js"],
    });
    expect(outside.tier).toBe("medium");
    const inside = decide(analysis({ findings: [finding("medium", "services/payments/b.js")] }), cfg, {
      paths: ["services/payments/b.js"],
    });
    expect(inside).toMatchObject({
      tier: "payments-critical",
      reviewers: { teams: ["payments-security"] },
      approvals: { required: 2 },
    });
  });

  it("makes drafts neutral unless configured otherwise", () => {
    expect(decide(analysis(payment), defaultConfig(), { draft: true }).conclusion).toBe("neutral");
    expect(decide(analysis(payment), config("drafts: review\n"), { draft: true }).conclusion).toBe("action_required");
  });

  it("recognises docs-only changes", () => {
    expect(isDocsOnly(["README.md", "docs/setup/install.rst", "CHANGELOG", "docs/img/arch.png"])).toBe(true);
    expect(isDocsOnly(["README.md", "src/index.ts"])).toBe(false);
    expect(isDocsOnly([])).toBe(false);
  });

  it("never counts a dependency manifest or lockfile as documentation", () => {
    expect(isDocsOnly(["requirements.txt"])).toBe(false);
    expect(isDocsOnly(["README.md", "requirements/dev.txt"])).toBe(false);
    expect(isDocsOnly(["docs/requirements.txt"])).toBe(false);
    expect(isDocsOnly(["docs/package.json"])).toBe(false);
    expect(isDocsOnly(["notes.txt", "docs/guide.md"])).toBe(true);
    // The default policy's reason says so too: a new dependency is not "documentation only".
    const reqOnly = decide(analysis(), defaultConfig(), { paths: ["requirements.txt"] });
    expect(reqOnly.reason).not.toMatch(/documentation only/);
    const docsTier = config(
      "tiers:\n  - name: docs\n    when: { docsOnly: true }\n    conclusion: success\n  - name: rest\n    conclusion: neutral\n",
    );
    expect(decide(analysis(), docsTier, { paths: ["requirements.txt"] }).tier).toBe("rest");
    expect(decide(analysis(), docsTier, { paths: ["README.md"] }).tier).toBe("docs");
  });
});

describe("applyApprovals", () => {
  const d = decide(
    analysis({
      areas: ["payment", "auth"],
      areaEvidence: [
        ...payment.areaEvidence,
        { area: "auth", path: "src/auth.js", line: 1, reason: "imports jsonwebtoken" },
      ],
    }),
    defaultConfig(),
  );

  it("needs a qualified approval for every required area", () => {
    expect(d.approvals?.areas.sort()).toEqual(["auth", "payment"]);
    const none = applyApprovals(d, []);
    expect(none.decision.conclusion).toBe("action_required");
    expect(none.status?.satisfied).toBe(false);

    const ok = applyApprovals(d, [{ user: "alice", commitSha: "abc1234", teams: ["security"], staleAreas: [] }]);
    expect(ok.decision.conclusion).toBe("success");
    expect(ok.decision.reason).toMatch(/approved by @alice/);
    expect(ok.status?.areas.every((a) => a.approvedBy.includes("alice"))).toBe(true);
  });

  it("does not count approvals from outside the required teams, and says why", () => {
    const r = applyApprovals(d, [{ user: "mallory", commitSha: "abc1234", teams: [], staleAreas: [] }]);
    expect(r.decision.conclusion).toBe("action_required");
    expect(r.status?.ignored).toEqual([{ user: "mallory", reason: "not a member of team security" }]);
  });

  it("drops an approval for an area that later commits changed", () => {
    const r = applyApprovals(d, [
      { user: "alice", commitSha: "abc1234", teams: ["security"], staleAreas: ["payment"] },
    ]);
    expect(r.decision.conclusion).toBe("action_required");
    expect(r.status?.areas.find((a) => a.area === "payment")).toMatchObject({ approvedBy: [], missing: 1 });
    expect(r.status?.areas.find((a) => a.area === "auth")).toMatchObject({ approvedBy: ["alice"], missing: 0 });
    expect(r.status?.ignored[0]?.reason).toMatch(/approved abc1234; later commits changed payment/);
  });

  it("leaves decisions without required approvals alone", () => {
    const low = decide(analysis(), defaultConfig());
    expect(applyApprovals(low, [{ user: "a", commitSha: "x", teams: ["security"], staleAreas: [] }])).toEqual({
      decision: low,
      status: null,
    });
  });
});

describe("incomplete analysis", () => {
  const incomplete = [{ path: "dist/app.min.js", reason: "over 1024 KB: secrets scan only" }];

  it("turns a passing review into neutral, and says why", () => {
    const d = decide(analysis({ incomplete }), defaultConfig());
    expect(d.conclusion).toBe("neutral");
    expect(d.reason).toMatch(/1 file not fully analysed/);
  });

  it("fails closed with incomplete: failure", () => {
    const d = decide(analysis({ incomplete }), config("incomplete: failure\n"));
    expect(d.conclusion).toBe("failure");
  });

  it("keeps a worse conclusion", () => {
    const d = decide(analysis({ incomplete, findings: [finding("critical")] }), defaultConfig());
    expect(d.conclusion).not.toBe("success");
    expect(d.conclusion).not.toBe("neutral");
    expect(d.reason).toMatch(/not fully analysed/);
  });

  it("passes a complete review", () => {
    expect(decide(analysis(), defaultConfig()).conclusion).toBe("success");
  });

  it("never accepts incomplete: success", () => {
    const r = configSchema.safeParse({ incomplete: "success" });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/neutral or failure/);
  });
});

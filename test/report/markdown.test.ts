import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/report/json.js";
import { checkTitle, renderMarkdown, SUMMARY_LIMIT } from "../../src/report/markdown.js";
import { renderText } from "../../src/report/text.js";
import type { ReviewResult } from "../../src/pipeline.js";
import type { Finding } from "../../src/core/types.js";

function finding(i: number, extra: Partial<Finding> = {}): Finding {
  return {
    id: `id${i}`,
    ruleId: "js.sql.string-built-query",
    cwe: ["CWE-89"],
    severity: "high",
    confidence: "high",
    path: `src/f${i}.js`,
    line: i + 1,
    endLine: i + 1,
    message: "SQL built | from strings",
    fix: "Use parameters",
    suppressed: null,
    ...extra,
  };
}

function result(findings: Finding[], extra: Partial<ReviewResult["review"]> = {}): ReviewResult {
  return {
    rules: [],
    decision: {
      conclusion: "failure",
      tier: "high",
      labels: [],
      reviewers: { teams: [], users: [] },
      reason: "tier high: 1 finding",
    },
    review: {
      schemaVersion: 1,
      tool: { name: "aiguard", version: "0.1.0" },
      base: "aaaaaaaaaaaa",
      head: "bbbbbbbbbbbb",
      conclusion: "failure",
      tier: "high",
      areas: [],
      areaEvidence: [],
      labels: [],
      reviewers: { teams: [], users: [] },
      findings,
      dependencies: [],
      blastRadius: {},
      stats: { filesChanged: 1, linesAdded: 3, linesRemoved: 0, durationMs: 5 },
      notes: ["1 file skipped (binary): a.png"],
      incomplete: [],
      ...extra,
      suppressions: extra.suppressions ?? [],
    },
  };
}

describe("renderMarkdown", () => {
  it("shows the tier, a findings table with escaped cells, and notes", () => {
    const md = renderMarkdown(result([finding(1)]));
    expect(md).toContain("**Tier:** high");
    expect(md).toContain("| Severity | Location | Rule | CWE | Message |");
    expect(md).toContain("SQL built \\| from strings");
    expect(md).toContain("`src/f1.js:2`");
    expect(md).toContain("- 1 file skipped (binary): a.png");
  });

  it("stays under GitHub's summary limit with thousands of findings, saying how many are left out", () => {
    const many = Array.from({ length: 3000 }, (_, i) => finding(i, { message: "x".repeat(100) }));
    const md = renderMarkdown(result(many));
    expect(md.length).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(md).toMatch(/…and \d+ more findings/);
  });

  it("lists suppressed findings separately with their reason", () => {
    const md = renderMarkdown(result([finding(1, { suppressed: { reason: "ids are ints", by: "inline" } })]));
    expect(md).toContain("#### Suppressed (1)");
    expect(md).toContain("ids are ints");
    expect(md).toContain("No findings introduced by this change.");
  });

  it("shows approval status: who approved, what is missing and which approvals do not count", () => {
    const md = renderMarkdown(
      result([], {
        reviewers: { teams: ["security"], users: [] },
        approval: {
          required: 1,
          satisfied: false,
          areas: [
            { area: "payment", approvedBy: [], missing: 1 },
            { area: "auth", approvedBy: ["alice"], missing: 0 },
          ],
          ignored: [{ user: "mallory", reason: "not a member of team security" }],
        },
      }),
    );
    expect(md).toContain("waiting for 1 approval per area from @security");
    expect(md).toContain("- `payment`: no qualifying approval yet (1 more needed)");
    expect(md).toContain("- `auth`: approved by @alice");
    expect(md).toContain("approval by @mallory does not count: not a member of team security");
  });

  it("titles stay within 255 characters", () => {
    const t = checkTitle(result([finding(1)], { areas: Array.from({ length: 80 }, (_, i) => `area${i}`) }));
    expect(t.length).toBeLessThanOrEqual(255);
    expect(checkTitle(result([]))).toBe("No security findings introduced by this change");
  });
});

describe("files not fully analysed", () => {
  const incomplete = [
    { path: "dist/app.min.js", reason: "over 1024 KB: secrets scan only" },
    { path: "src/big.js", reason: "parse over its time budget, also on the changed region alone; secrets scan only" },
  ];

  it("says so in the check run's title and lists them, with the reason, in the summary", () => {
    const r = result([], { conclusion: "neutral", incomplete });
    expect(checkTitle(r)).toBe("No security findings introduced by this change · 2 files not fully analysed");
    const md = renderMarkdown(r);
    expect(md).toContain("2 files not fully analysed");
    expect(md).toContain("`dist/app.min.js`: over 1024 KB: secrets scan only");
    expect(md).toContain("`src/big.js`: parse over its time budget");
  });

  it("renders them in the JSON contract as path and reason only", () => {
    const r = result([], { incomplete: [{ ...incomplete[0]!, extra: 1 } as (typeof incomplete)[number]] });
    expect(JSON.parse(renderJson(r)).incomplete).toEqual([incomplete[0]]);
    expect(JSON.parse(renderJson(result([]))).incomplete).toEqual([]);
  });

  it("lists them in the text report", () => {
    const out = renderText(result([], { incomplete }), { color: false });
    expect(out).toMatch(/2 files not fully analysed/);
    expect(out).toContain("dist/app.min.js: over 1024 KB: secrets scan only");
  });
});

import { describe, expect, it } from "vitest";
import { renderJson, reviewToJson } from "../../src/report/json.js";
import { sampleResult } from "./sample.js";

describe("renderJson", () => {
  it("prints the contract's keys in order, 2-space indented", () => {
    const res = sampleResult();
    // Build the review with keys in a scrambled order: the renderer must restore the contract's.
    const scrambled = Object.fromEntries(Object.entries(res.review).reverse()) as typeof res.review;
    const out = renderJson({ ...res, review: scrambled });
    const parsed = JSON.parse(out);
    expect(Object.keys(parsed)).toEqual([
      "schemaVersion",
      "tool",
      "base",
      "head",
      "conclusion",
      "tier",
      "areas",
      "areaEvidence",
      "labels",
      "reviewers",
      "findings",
      "dependencies",
      "blastRadius",
      "incomplete",
      "stats",
      "notes",
      "suppressions",
    ]);
    expect(out).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(out.split("\n")[1]).toBe('  "schemaVersion": 1,');
  });

  it("orders finding keys, keeps suppressed (null or an object) and later additions", () => {
    const res = sampleResult();
    const f = res.review.findings[1]!;
    res.review.findings[1] = Object.fromEntries(Object.entries(f).reverse()) as typeof f;
    const j = reviewToJson(res.review) as any;
    expect(Object.keys(j.findings[1])).toEqual([
      "id",
      "ruleId",
      "cwe",
      "severity",
      "confidence",
      "path",
      "line",
      "endLine",
      "message",
      "fix",
      "suppressed",
      "snippet",
    ]);
    expect(j.findings[1].suppressed).toBeNull();
    expect(j.findings[0].suppressed).toEqual({ reason: "test fixture", by: "inline", author: "octocat" });
    expect(j.findings[2]).not.toHaveProperty("fix");
    expect(Object.keys(j.stats)).toEqual(["filesChanged", "linesAdded", "linesRemoved", "durationMs", "filesAnalyzed"]);
    expect(j.areaEvidence[0]).toEqual({
      area: "auth",
      path: "src/auth.js",
      line: 6,
      reason: "calls jsonwebtoken.decode",
    });
  });

  it("orders dependency keys as the contract does", () => {
    const res = sampleResult();
    res.review.dependencies = [
      {
        risks: [{ detail: "1 edit from 'lodash'", severity: "high", kind: "typosquat" }],
        direct: true,
        manifest: "package.json",
        change: "added",
        version: "^4.17.21",
        name: "loadsh",
        ecosystem: "npm",
      },
    ];
    const j = reviewToJson(res.review) as any;
    expect(Object.keys(j.dependencies[0])).toEqual([
      "ecosystem",
      "name",
      "version",
      "change",
      "manifest",
      "direct",
      "risks",
    ]);
    expect(Object.keys(j.dependencies[0].risks[0])).toEqual(["kind", "severity", "detail"]);
  });
});

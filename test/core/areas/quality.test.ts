// The labeled hunk set (test/core/areas/hunks/*.yml): per-area recall >= 0.95 and at most 5% of the
// non-sensitive cases escalated, both with the head file available (the App) and diff-only (a
// plain `git diff`). The held-out batches (test/core/areas/holdout/) are reported, not asserted.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { formatAreaScore, loadAreaCases, scoreAreaCases } from "../../../bench/areas.js";

const HUNKS = fileURLToPath(new URL("./hunks", import.meta.url));
const cases = loadAreaCases(HUNKS);

describe("labeled area set", () => {
  it("is big enough, with at least as many near-misses as true hits, in five languages", () => {
    const sensitive = cases.filter((c) => c.expect.length > 0);
    const near = cases.filter((c) => c.expect.length === 0);
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(near.length).toBeGreaterThanOrEqual(sensitive.length);
    const ext = new Set(cases.map((c) => c.path.slice(c.path.lastIndexOf(".") + 1)));
    for (const e of ["js", "ts", "py", "go", "java"]) expect(ext).toContain(e);
    const names = cases.map((c) => `${c.source}:${c.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  for (const mode of ["full", "bare"] as const) {
    it(`meets recall >= 0.95 per area and <= 5% false escalation (${mode})`, () => {
      const score = scoreAreaCases(cases, mode);
      const report = formatAreaScore(score, true);
      for (const a of score.perArea) expect(a.recall, `${a.area}\n${report}`).toBeGreaterThanOrEqual(0.95);
      expect(score.recall, report).toBeGreaterThanOrEqual(0.95);
      expect(score.falseEscalationRate, report).toBeLessThanOrEqual(0.05);
    });
  }
});

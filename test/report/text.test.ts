import { describe, expect, it } from "vitest";
import { renderText } from "../../src/report/text.js";
import { sampleResult } from "./sample.js";

describe("renderText", () => {
  it("groups findings by file with severity, rule, CWE, message, code line and fix", () => {
    const out = renderText(sampleResult());
    expect(out).not.toContain("\u001b[");
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^aiguard ✖ FAILURE {2}tier high {2}3f2a00000000\.\.\.9c1d00000000$/);
    expect(out).toContain("2 findings (1 high, 1 medium), 1 suppressed");
    const db = lines.indexOf("src/db.js");
    expect(db).toBeGreaterThan(0);
    expect(lines[db + 1]).toMatch(/line 10-12 +MEDIUM +js\.sql\.string-concat {2}CWE-89$/);
    expect(lines[db + 2]!.trim()).toBe("SQL query built from strings");
    expect(lines[db + 3]!.trim()).toBe('│ db.query("SELECT " + id)');
    expect(lines[db + 4]!.trim()).toBe("fix: Use a parameterised query");
    expect(out).toMatch(
      /CRITICAL +secrets\.aws-access-key {2}CWE-798 {2}\(medium confidence\) {2}\[suppressed inline by octocat: test fixture\]/,
    );
    expect(out).toContain("3 files changed, 3 analysed, +42 -7 lines, 31 ms");
    expect(out).toContain("  - 1 file skipped (binary): logo.png");
    expect(out).toContain("areas: auth");
    expect(out).toContain("reviewers: team security");
  });

  it("colours when asked, and strips terminal escapes that come from the repository", () => {
    const res = sampleResult();
    res.review.findings[1]!.snippet = "evil\u001b[2J();";
    const out = renderText(res, { color: true });
    expect(out).toContain("\u001b[1m");
    expect(out).not.toContain("\u001b[2J");
    const plain = renderText(res, { color: false });
    expect(plain).toContain("evil�[2J();");
  });

  it("says so when there are no findings", () => {
    const res = sampleResult();
    res.review.findings = [];
    res.review.conclusion = "success";
    expect(renderText(res)).toContain("No findings introduced by this change.");
    expect(renderText(res).split("\n")[0]).toContain("✔ SUCCESS");
  });
});

// Plain regression tests for what the property and fuzz tests (test/fuzz/*.test.ts) found, each the
// shrunk counterexample fast-check reported.
import { describe, expect, it } from "vitest";
import {
  parseHunks,
  parsePatch,
  parseUnifiedDiff,
  patchSides,
  reconstructHead,
  reverseApply,
} from "../../src/core/diff/patch.js";
import { readExtends, resolveConfig } from "../../src/core/policy/config.js";
import { findInlineSuppressions } from "../../src/core/suppress/inline.js";

describe("fuzz findings: unified diff", () => {
  it('a "\\ No newline at end of file" marker straight after a hunk header does not throw', () => {
    // parse-diff threw TypeError: Cannot read properties of undefined (reading 'type').
    expect(parsePatch("@@ -1,3 +1,4 @@\n\\ No newline at end of file").added.size).toBe(0);
    const twice = "+only\n@@ -0,0 +1 @@\n\\ No newline at end of file\n\\ No newline at end of file\n";
    expect(parseHunks(twice)).toEqual([]);
    expect(patchSides(twice)).toEqual({ base: "", head: "" });
    const files = parseUnifiedDiff(`diff --git a/f b/f\n--- a/f\n+++ b/f\n${twice}`);
    expect(files.map((f) => [f.path, f.additions, f.deletions])).toEqual([["f", 0, 0]]);
  });

  it("a zero-context hunk that appends a last line without newline reverse-applies to a base that ends with one", () => {
    // base "a\n", head "a\na": git diff -U0 writes this hunk; the base came back as "a".
    expect(reverseApply("a\na", "@@ -1,0 +2 @@\n+a\n\\ No newline at end of file\n")).toBe("a\n");
    expect(reverseApply("a\n ", "@@ -1,0 +2 @@\n+ \n\\ No newline at end of file\n")).toBe("a\n");
  });

  it("a hunk header with a huge line number neither builds a huge text nor throws", () => {
    // patchSides took 30 s and built a 100-million-line text; reconstructHead threw RangeError: Invalid array length.
    const start = performance.now();
    expect(patchSides("@@ -1 +100000000 @@\n+a\n").head.length).toBeLessThan(10);
    expect(reconstructHead(parsePatch("@@ -1 +100000000000000000000 @@\n+a\n"))).toBe("");
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe("fuzz findings: .aiguard.yml", () => {
  it("an alias bomb is a located error, not a throw", () => {
    // yaml's toJS threw ReferenceError: Excessive alias count indicates a resource exhaustion attack.
    const text =
      "a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
    const r = resolveConfig([{ source: ".aiguard.yml", text }]);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatchObject({
        source: ".aiguard.yml",
        line: 1,
        column: 1,
        message: expect.stringMatching(/alias/),
      });
  });

  it("thousands of keys load in linear time, and a repeated key is still a located error", () => {
    // 25,000 unknown keys took 80 s: yaml's duplicate-key check and the warnings' key lookup were quadratic.
    const text = Array.from({ length: 12_000 }, (_, i) => `k${i}: 1`).join("\n");
    const start = performance.now();
    const r = resolveConfig([{ source: ".aiguard.yml", text }]);
    expect(readExtends(text)).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(r.ok && r.warnings.length).toBe(12_000);
    if (r.ok) expect(r.warnings[11_999]).toMatchObject({ path: "k11999", line: 12_000, column: 1 });
    const dup = resolveConfig([
      { source: ".aiguard.yml", text: "enabled: true\nlimits:\n  maxFiles: 1\n  maxFiles: 2\n" },
    ]);
    expect(dup.ok).toBe(false);
    if (!dup.ok)
      expect(dup.errors).toEqual([
        { source: ".aiguard.yml", path: "", message: "YAML syntax error: Map keys must be unique", line: 4, column: 3 },
      ]);
  });
});

describe("fuzz findings: inline suppressions", () => {
  it("a line that almost is a suppression, with a long run of blanks, is read in linear time", () => {
    // The fuzzer's input: "/* aiguard-ignore secrets." and thousands of tabs took 53 s; 4,000 spaces after
    // "// aiguard-ignore a" and any other character took two minutes (catastrophic backtracking).
    const start = performance.now();
    expect(findInlineSuppressions(`/* aiguard-ignore secrets.${"\t".repeat(10_000)}!`)).toEqual([]);
    expect(findInlineSuppressions(`// aiguard-ignore a${" ".repeat(20_000)}!`)).toEqual([]);
    expect(findInlineSuppressions(`# aiguard-ignore a${", ".repeat(10_000)}!`)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(2000);
    // What the old pattern read, the new one reads alike.
    expect(
      findInlineSuppressions("x /* aiguard-ignore a.b , c.* : why not */  \r\n<!-- aiguard-ignore[h.x] -->"),
    ).toEqual([
      { line: 1, rules: ["a.b", "c.*"], reason: "why not" },
      { line: 2, rules: ["h.x"], reason: "" },
    ]);
  });
});

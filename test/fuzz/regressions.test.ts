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

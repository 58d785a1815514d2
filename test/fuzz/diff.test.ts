// Properties of the unified-diff parser (src/core/diff/patch.ts): it survives any input in bounded time,
// and the patch of two generated texts, parsed back, gives both texts again.
import fc from "fast-check";
import { describe, expect } from "vitest";
import {
  parseHunks,
  parsePatch,
  parseUnifiedDiff,
  patchSides,
  reconstructHead,
  reverseApply,
} from "../../src/core/diff/patch.js";
import { fuzzTargets, property } from "./harness.js";
import { hunksOf, invertPatch, lineDiff, splitText, unifiedDiff, writeHunks } from "./unidiff.js";

const HUNKS = [
  "@@ -1,3 +1,4 @@\n import os\n-DEBUG = False\n+DEBUG = True\n+SECRET = 1\n x = 1\n",
  "@@ -10,0 +11,2 @@\n+a\n+b\n@@ -20 +22 @@\n-c\n+d\n\\ No newline at end of file\n",
  "@@ -1 +0,0 @@\n-gone\n",
  "@@ -0,0 +1 @@\n+only\n\\ No newline at end of file\n",
];
const GIT = [
  "diff --git a/src/a.ts b/src/a.ts\nindex 1111111..2222222 100644\n--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,2 +1,2 @@\n-const a = 1;\n+const a = 2;\n const b = 3;\n",
  "diff --git a/new.py b/new.py\nnew file mode 100644\n--- /dev/null\n+++ b/new.py\n@@ -0,0 +1,2 @@\n+import os\n+print(os.environ)\n",
  "diff --git a/old.go b/old.go\ndeleted file mode 100644\n--- a/old.go\n+++ /dev/null\n@@ -1 +0,0 @@\n-package old\n",
  "diff --git a/x.png b/x.png\nBinary files a/x.png and b/x.png differ\n",
  "diff --git a/a b/b\nsimilarity index 90%\nrename from a\nrename to b\n",
  "--- a/plain.txt\n+++ b/plain.txt\n@@ -1 +1 @@\n-x\n+y\n",
];

/**
 * Shared check: what a patch shows is placed on line numbers (a malformed header such as
 * `@@ -1 +0,0 @@` followed by an added line places it on line 0: nothing is reported there).
 */
function checkLines(p: ReturnType<typeof parsePatch>): void {
  for (const n of p.added) expect(n >= 0).toBe(true);
  expect(p.linesAdded).toBeGreaterThanOrEqual(0);
  expect(p.linesRemoved).toBeGreaterThanOrEqual(0);
}

fuzzTargets("unified diff", [
  {
    name: "parsePatch + reconstructHead",
    seeds: HUNKS,
    run: (s) => {
      const p = parsePatch(s);
      return { p, head: reconstructHead(p) };
    },
    check: (out) => checkLines((out as { p: ReturnType<typeof parsePatch> }).p),
  },
  { name: "parseHunks", seeds: HUNKS, run: (s) => parseHunks(s) },
  { name: "patchSides", seeds: HUNKS, run: (s) => patchSides(s) },
  {
    name: "parseUnifiedDiff",
    seeds: GIT,
    run: (s) => parseUnifiedDiff(s),
    check: (out) => {
      for (const f of out as ReturnType<typeof parseUnifiedDiff>) expect(f.path.length).toBeGreaterThan(0);
    },
  },
  {
    name: "reverseApply",
    seeds: HUNKS.map((h) => `import os\nDEBUG = True\nSECRET = 1\nx = 1\n\u0000${h}`),
    // Input: head text and patch, split at the first NUL.
    run: (s) => {
      const cut = s.indexOf("\u0000");
      return cut < 0 ? reverseApply(s, s) : reverseApply(s.slice(0, cut), s.slice(cut + 1));
    },
    check: (out) => expect(out === null || typeof out === "string").toBe(true),
  },
]);

// ---------------------------------------------------------------------------------------------
// Round-trips: base text, an edit of it, the unified diff between them.

/** Lines drawn from a small pool (so the two sides share lines), plus lines that look like diff syntax. */
const line = fc.oneof(
  { arbitrary: fc.constantFrom("a", "b", "c", "", "  x = 1;", "}", "\tq", "c "), weight: 6 },
  {
    arbitrary: fc.constantFrom("@@ -1 +1 @@", "--- a/f", "+++ b/f", "-x", "+y", "\\ No", "diff --git a/f b/f", " "),
    weight: 1,
  },
  { arbitrary: fc.string({ maxLength: 12 }).filter((s) => !/[\n\r]/.test(s)), weight: 2 },
);

const text = fc
  .tuple(fc.array(line, { maxLength: 30 }), fc.boolean())
  .map(([lines, eol]) => (lines.length === 0 ? "" : lines.join("\n") + (eol ? "\n" : "")));

type Edit = { op: "ins" | "del" | "rep"; at: number; line: string };
const edits = fc.array(fc.record({ op: fc.constantFrom<Edit["op"]>("ins", "del", "rep"), at: fc.nat(), line }), {
  minLength: 1,
  maxLength: 6,
});

function applyEdits(base: string, list: Edit[], flipEol: boolean): string {
  const { lines, eol } = splitText(base);
  for (const e of list) {
    const i = e.at % (lines.length + 1);
    if (e.op === "ins") lines.splice(i, 0, e.line);
    else if (e.op === "del") lines.splice(i, 1);
    else if (i < lines.length) lines[i] = e.line;
  }
  if (lines.length === 0) return "";
  return lines.join("\n") + (eol !== flipEol ? "\n" : "");
}

const pair = fc
  .tuple(text, edits, fc.boolean(), fc.integer({ min: 0, max: 4 }))
  .map(([base, list, flip, context]) => ({ base, head: applyEdits(base, list, flip), context }))
  .filter(({ base, head }) => base !== head);

describe("round-trip: unified diff", () => {
  property(
    "reverse-applying the patch to the head gives the base; applying it to the base gives the head",
    [pair],
    ({ base, head, context }) => {
      const patch = unifiedDiff(base, head, context);
      expect(reverseApply(head, patch)).toBe(base);
      expect(reverseApply(base, invertPatch(patch))).toBe(head);
      // With file headers, as a whole `git diff` section has them.
      expect(reverseApply(head, `--- a/f\n+++ b/f\n${patch}`)).toBe(base);
    },
  );

  property(
    "parsePatch finds exactly the added lines, and each head line the patch shows",
    [pair],
    ({ base, head, context }) => {
      const ops = lineDiff(base, head);
      const hunks = hunksOf(ops, context);
      const parsed = parsePatch(writeHunks(hunks));
      const added = ops.filter((o) => o.kind === "+").map((o) => o.newIndex + 1);
      expect([...parsed.added].sort((x, y) => x - y)).toEqual(added);
      expect(parsed.linesAdded).toBe(added.length);
      expect(parsed.linesRemoved).toBe(ops.filter((o) => o.kind === "-").length);
      const headLines = splitText(head).lines;
      for (const [n, t] of parsed.headLines) expect(t).toBe(headLines[n - 1]);
      const shown = hunks.flatMap((h) => h.ops.filter((o) => o.kind !== "-"));
      expect(parsed.headLines.size).toBe(shown.length);
    },
  );

  property(
    "patchSides puts every shown line of both sides at its own line number",
    [pair],
    ({ base, head, context }) => {
      const hunks = hunksOf(lineDiff(base, head), context);
      const sides = patchSides(writeHunks(hunks));
      const b = sides.base.split("\n");
      const h = sides.head.split("\n");
      const baseLines = splitText(base).lines;
      const headLines = splitText(head).lines;
      for (const o of hunks.flatMap((x) => x.ops)) {
        if (o.kind !== "+") expect(b[o.oldIndex]).toBe(baseLines[o.oldIndex]);
        if (o.kind !== "-") expect(h[o.newIndex]).toBe(headLines[o.newIndex]);
      }
    },
  );

  property(
    "parseHunks keeps every hunk with its lines in order, on the head's line numbers",
    [pair],
    ({ base, head, context }) => {
      const written = hunksOf(lineDiff(base, head), context);
      const parsed = parseHunks(writeHunks(written));
      expect(parsed.length).toBe(written.length);
      const headLines = splitText(head).lines;
      parsed.forEach((hunk, k) => {
        expect(hunk.lines.map((l) => `${l.kind === "add" ? "+" : l.kind === "del" ? "-" : " "}${l.text}`)).toEqual(
          written[k]!.ops.map((o) => `${o.kind}${o.text}`),
        );
        for (const l of hunk.lines) {
          if (l.kind !== "del") expect(l.text).toBe(headLines[l.line - 1]);
          expect(l.line).toBeGreaterThanOrEqual(1);
        }
      });
    },
  );

  property(
    "parseUnifiedDiff reads a git diff of several files back: paths, status, counts and patches",
    [fc.array(pair, { minLength: 1, maxLength: 3 }), fc.constantFrom("modified", "added", "removed")],
    (pairs, kind) => {
      const files = pairs.map((p, k) => {
        const base = kind === "added" ? "" : p.base;
        const head = kind === "removed" ? "" : p.head;
        return { path: `dir ${k}/file-${k}.txt`, base, head, patch: unifiedDiff(base, head, p.context) };
      });
      const written = files.filter((f) => f.patch !== "");
      const diff = written
        .map((f) => {
          const from = kind === "added" ? "/dev/null" : `a/${f.path}`;
          const to = kind === "removed" ? "/dev/null" : `b/${f.path}`;
          const mode =
            kind === "added" ? "new file mode 100644\n" : kind === "removed" ? "deleted file mode 100644\n" : "";
          return `diff --git a/${f.path} b/${f.path}\n${mode}index 1111111..2222222\n--- ${from}\n+++ ${to}\n${f.patch}`;
        })
        .join("");
      const parsed = parseUnifiedDiff(diff);
      expect(parsed.map((f) => f.path)).toEqual(written.map((f) => f.path));
      parsed.forEach((f, k) => {
        const w = written[k]!;
        const ops = lineDiff(w.base, w.head);
        expect(f.status).toBe(kind);
        expect(f.additions).toBe(ops.filter((o) => o.kind === "+").length);
        expect(f.deletions).toBe(ops.filter((o) => o.kind === "-").length);
        expect(reverseApply(w.head, `${f.patch ?? ""}\n`)).toBe(w.base);
      });
    },
  );
});

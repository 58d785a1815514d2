import { describe, expect, it } from "vitest";
import { parsePatch, parseUnifiedDiff, reconstructHead } from "../../../src/core/diff/patch.js";

describe("parsePatch", () => {
  it("maps added lines to head line numbers across hunks and ignores the no-newline marker", () => {
    const p = parsePatch(
      "@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n@@ -10,2 +11,2 @@\n x\n-y\n+z\n\\ No newline at end of file",
    );
    expect([...p.added]).toEqual([2, 3, 12]);
    expect(p.linesAdded).toBe(3);
    expect(p.linesRemoved).toBe(2);
    expect(p.headLines.get(4)).toBe("c");
  });

  it("handles a missing patch", () => {
    expect(parsePatch(undefined).added.size).toBe(0);
  });

  it("rebuilds a sparse head file with lines at their own positions", () => {
    const p = parsePatch("@@ -0,0 +3,2 @@\n+foo()\n+bar()");
    expect(reconstructHead(p).split("\n")).toEqual(["", "", "foo()", "bar()"]);
  });
});

describe("parseUnifiedDiff", () => {
  const diff = [
    "diff --git a/x.js b/y.js",
    "similarity index 90%",
    "rename from x.js",
    "rename to y.js",
    "--- a/x.js",
    "+++ b/y.js",
    "@@ -1 +1 @@",
    "-a",
    "+b",
    "diff --git a/img.png b/img.png",
    "new file mode 100644",
    "index 0000000..1111111",
    "Binary files /dev/null and b/img.png differ",
    "diff --git a/gone.txt b/gone.txt",
    "deleted file mode 100644",
    "--- a/gone.txt",
    "+++ /dev/null",
    "@@ -1 +0,0 @@",
    "-bye",
    "diff --git a/new.py b/new.py",
    "new file mode 100644",
    "--- /dev/null",
    "+++ b/new.py",
    "@@ -0,0 +1,2 @@",
    "+import os",
    "+x = 1",
    "",
  ].join("\n");

  it("recognises renames, binaries, deletions and new files", () => {
    const files = parseUnifiedDiff(diff);
    expect(files.map((f) => [f.path, f.status, f.previousPath, f.skipped, f.additions, f.deletions])).toEqual([
      ["y.js", "renamed", "x.js", undefined, 1, 1],
      ["img.png", "added", undefined, "binary", 0, 0],
      ["gone.txt", "removed", undefined, undefined, 0, 1],
      ["new.py", "added", undefined, undefined, 2, 0],
    ]);
    expect(files[3]?.patch).toBe("@@ -0,0 +1,2 @@\n+import os\n+x = 1");
  });

  it("accepts a plain diff without git headers", () => {
    const files = parseUnifiedDiff("--- a/f.js\n+++ b/f.js\n@@ -1 +1,2 @@\n a\n+b\n");
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ path: "f.js", status: "modified", additions: 1 });
  });
});

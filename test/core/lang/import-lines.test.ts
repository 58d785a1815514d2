// The import readers' line helpers: matches map back to the lines they start and end on.
import { describe, expect, it } from "vitest";
import { importSource, scanImports } from "../../../src/core/lang/import-lines.js";

describe("import lines", () => {
  it("joins the lines and records where each starts", () => {
    expect(importSource(["ab", "", "cde"])).toEqual({ text: "ab\n\ncde", starts: [0, 3, 4] });
  });

  it("gives each match its first and last line, from any previous lastIndex", () => {
    const src = importSource(["import (", '  "a"', '  "b"', ")", 'import "c"']);
    const re = /import\s*(?:\([^)]*\)|"[^"]*")/g;
    re.lastIndex = 7;
    const seen: Array<[string, number, number]> = [];
    scanImports(src, re, (m, from, to) => seen.push([m[0].split("\n")[0]!, from, to]));
    expect(seen).toEqual([
      ["import (", 0, 3],
      ['import "c"', 4, 4],
    ]);
  });

  it("moves on past empty matches", () => {
    const seen: number[] = [];
    scanImports(importSource(["a", "b"]), /^/gm, (_m, from) => seen.push(from));
    expect(seen).toEqual([0, 1]);
  });
});

// Go import declarations, read lexically (single, blocks, and the inside of a block a hunk shows
// without its `import (` line), and the package name Go code uses for an import path: the
// `readImports` hook of the go entry.
import { importSource, scanImports } from "./import-lines.js";
import type { ImportBinding, ImportStmt } from "./types.js";

const GO_SINGLE = /^[ \t]*import[ \t]+([\w.]+[ \t]+)?"([^"\n]+)"/gm;
const GO_BLOCK = /^[ \t]*import[ \t]*\(([^)]*)\)/gm;
const GO_SPEC = /^[ \t]*([\w.]+[ \t]+)?"([^"\n]+)"/;

/** The package name Go code uses for an import path (`github.com/golang-jwt/jwt/v5` -> jwt). */
export function goPackageName(path: string): string {
  const segs = path.split("/");
  let last = segs[segs.length - 1] ?? path;
  if (/^v\d+$/.test(last) && segs.length > 1) last = segs[segs.length - 2]!;
  last = last
    .replace(/\.v\d+$/, "")
    .replace(/^go-/, "")
    .replace(/-go$/, "")
    .replace(/[-.]/g, "");
  return last;
}

function goSpec(alias: string | undefined, module: string, from: number, to: number): ImportStmt {
  const a = alias?.trim();
  const bindings: ImportBinding[] = a === "_" || a === "." ? [] : [{ local: a || goPackageName(module), member: null }];
  return { module, bindings, members: [], from, to, typeOnly: false };
}

export function readGoImports(lines: readonly string[]): ImportStmt[] {
  const out: ImportStmt[] = [];
  const src = importSource(lines);
  scanImports(src, GO_SINGLE, (m, from, to) => out.push(goSpec(m[1], m[2]!, from, to)));
  scanImports(src, GO_BLOCK, (m, from) => {
    const body = m[1]!.split("\n");
    body.forEach((l, k) => {
      const s = GO_SPEC.exec(l);
      if (s) out.push(goSpec(s[1], s[2]!, from + k, from + k));
    });
  });
  // A hunk may show the inside of an import block without its `import (` line.
  if (!lines.some((l) => /^\s*import\s*\(/.test(l))) {
    lines.forEach((l, k) => {
      const s = /^[ \t]*([\w.]+[ \t]+)?"([\w.-]+(?:\/[\w.-]+)*)"[ \t]*$/.exec(l);
      if (s && !/^[ \t]*import/.test(l)) out.push(goSpec(s[1], s[2]!, k, k));
    });
  }
  return out;
}

// Python import statements, read lexically (`import a.b as c`, `from m import (x, y)`): the
// `readImports` hook of the python entry.
import { importSource, scanImports } from "./import-lines.js";
import type { ImportBinding, ImportStmt } from "./types.js";

const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*)/gm;
const PY_FROM = /^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)/gm;

export function readPyImports(lines: readonly string[]): ImportStmt[] {
  const out: ImportStmt[] = [];
  const src = importSource(lines);
  if (!src.text.includes("import")) return out;
  scanImports(src, PY_IMPORT, (m, from, to) => {
    for (const part of m[1]!.split(",")) {
      const [mod, alias] = part.trim().split(/\s+as\s+/);
      if (!mod) continue;
      out.push({
        module: mod,
        bindings: [{ local: alias ?? mod, member: null }],
        members: [],
        from,
        to,
        typeOnly: false,
      });
    }
  });
  scanImports(src, PY_FROM, (m, from, to) => {
    const module = m[1]!;
    const list = m[2]!.replace(/[()\\]/g, " ");
    const bindings: ImportBinding[] = [];
    const members: string[] = [];
    for (const part of list.split(",")) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (!name || !/^\w+$/.test(name)) continue;
      if (name === "*") continue;
      bindings.push({ local: alias ?? name, member: name });
      members.push(name);
    }
    out.push({ module, bindings, members, from, to, typeOnly: false });
  });
  return out;
}

// Java import declarations, read lexically (`import a.b.C;`, `import static`, `.*`): the
// `readImports` hook of the java entry.
import { importSource, scanImports } from "./import-lines.js";
import type { ImportStmt } from "./types.js";

const JAVA_IMPORT = /^[ \t]*import[ \t]+(static[ \t]+)?([\w.]+?)(\.\*)?[ \t]*;/gm;

export function readJavaImports(lines: readonly string[]): ImportStmt[] {
  const out: ImportStmt[] = [];
  const src = importSource(lines);
  if (!src.text.includes("import")) return out;
  scanImports(src, JAVA_IMPORT, (m, from, to) => {
    const path = m[2]!;
    if (m[3]) {
      out.push({ module: path, bindings: [], members: [], from, to, typeOnly: false });
      return;
    }
    const dot = path.lastIndexOf(".");
    const name = path.slice(dot + 1);
    out.push({ module: path, bindings: [{ local: name, member: null }], members: [], from, to, typeOnly: false });
  });
  return out;
}

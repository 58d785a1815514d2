// One go.mod requirement (`path version [// indirect]`), as a require line or block entry.
import type { ExtractedDep } from "../../types.js";

/** `// indirect` marks a transitive requirement. */
export function parseRequire(spec: string, lineNo: number): ExtractedDep | undefined {
  const indirect = /\/\/\s*indirect\b/.test(spec);
  const m = /^("?)([^\s"]+)\1\s+(\S+)/.exec(spec.replace(/\/\/.*$/, "").trim());
  if (!m?.[2] || !m[3]) return undefined;
  return { name: m[2], version: m[3], direct: !indirect, line: lineNo };
}

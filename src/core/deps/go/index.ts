// Go ecosystem: go.mod require directives; `// indirect` marks transitive ones.
import type { EcosystemModule, ExtractedDep } from "../types.js";
import { basename } from "../util.js";

function parseRequire(spec: string, lineNo: number): ExtractedDep | undefined {
  const indirect = /\/\/\s*indirect\b/.test(spec);
  const m = /^("?)([^\s"]+)\1\s+(\S+)/.exec(spec.replace(/\/\/.*$/, "").trim());
  if (!m?.[2] || !m[3]) return undefined;
  return { name: m[2], version: m[3], direct: !indirect, line: lineNo };
}

export function extractGoMod(content: string): ExtractedDep[] {
  const out: ExtractedDep[] = [];
  let inBlock = false;
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (inBlock) {
      if (line.startsWith(")")) inBlock = false;
      else if (line !== "" && !line.startsWith("//")) {
        const dep = parseRequire(line, i + 1);
        if (dep) out.push(dep);
      }
      continue;
    }
    if (/^require\s*\($/.test(line)) inBlock = true;
    else if (/^require\s+\S/.test(line)) {
      const dep = parseRequire(line.replace(/^require\s+/, ""), i + 1);
      if (dep) out.push(dep);
    } else if (/^(module|go|toolchain|replace|exclude|retract|tool|godebug)\b/.test(line) || line === "" || line.startsWith("//") || line === ")") {
      // other directives; a block opened by them is skipped line by line harmlessly
    } else if (!/^[\w./-]+\s+(v\S+|=>)/.test(line)) {
      throw new Error(`unexpected line ${i + 1}: ${line.slice(0, 60)}`);
    }
  }
  return out;
}

export const go: EcosystemModule = {
  id: "Go",
  matches: (path) => basename(path) === "go.mod",
  isLockfile: () => false,
  extract: (_path, content) => extractGoMod(content),
};

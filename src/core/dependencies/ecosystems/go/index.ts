// Go ecosystem: its names, page, version forms and typosquat hooks; go.mod require directives (`// indirect` marks transitive ones).
import type { EcosystemModule, ExtractedDep } from "../../types.js";
import { basename } from "../../util.js";
import { goModFromPatch } from "./patch.js";
import { parseRequire } from "./require.js";
import { goTyposquat } from "./typosquat.js";

/** `replace` targets that are local directories, by module path (`example.com/lib => ../lib`). */
function localReplacements(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  let inBlock = false;
  for (const raw of lines) {
    let line = raw.replace(/\/\/.*$/, "").trim();
    if (inBlock) {
      if (line.startsWith(")")) {
        inBlock = false;
        continue;
      }
    } else if (/^replace\s*\($/.test(line)) {
      inBlock = true;
      continue;
    } else if (/^replace\s+/.test(line)) {
      line = line.replace(/^replace\s+/, "");
    } else continue;
    const m = /^(\S+)(?:\s+\S+)?\s*=>\s*(\S+)/.exec(line);
    if (m?.[1] && m[2] && /^(\.{1,2}\/|\/)/.test(m[2])) out.set(m[1], m[2]);
  }
  return out;
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
    } else if (
      /^(module|go|toolchain|replace|exclude|retract|tool|godebug)\b/.test(line) ||
      line === "" ||
      line.startsWith("//") ||
      line === ")"
    ) {
      // other directives; a block opened by them is skipped line by line harmlessly
    } else if (!/^[\w./-]+\s+(v\S+|=>)/.test(line)) {
      throw new Error(`unexpected line ${i + 1}: ${line.slice(0, 60)}`);
    }
  }
  // A module replaced by a local directory does not come from the proxy: its version says where it comes from.
  const local = localReplacements(lines);
  for (const d of out) {
    const target = local.get(d.name);
    if (target) d.version = `${d.version} => ${target}`;
  }
  return out;
}

export const go: EcosystemModule = {
  id: "Go",
  aliases: {
    config: ["go", "golang", "gomod"],
    registry: ["go", "goproxy"],
    env: "GO",
    github: ["golang", "go", "gomod"],
    purl: "golang",
  },
  matches: (path) => basename(path) === "go.mod",
  isLockfile: () => false,
  extract: (_path, content) => extractGoMod(content),
  // A `replace` by a local directory outside the patch's hunks is not seen.
  fromPatch: (_path, fragment) => goModFromPatch(fragment),
  canonicalName: (name) => name,
  caseInsensitive: false,
  // A module `replace`d by a local directory (see extractGoMod).
  isLocalSpec: (version) => /=>\s*(\.{1,2}\/|\/)/.test(version),
  // go.mod pins exact versions (v1.6.0, pseudo-versions) as written.
  exactVersion: (declared) => declared,
  packagePage: (name) => `https://pkg.go.dev/${name}`,
  // OSV lists Go versions without the leading "v" (v1.6.0 is 1.6.0 there).
  osv: { ecosystem: "Go", version: (v) => v.replace(/^v(?=\d)/, "") },
  imports: { languages: ["go"] },
  typosquat: goTyposquat,
};

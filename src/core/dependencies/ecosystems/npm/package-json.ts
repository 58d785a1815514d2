// package.json: dependencies, devDependencies, optionalDependencies, peerDependencies (all direct).
import type { ExtractedDep } from "../../types.js";
import { escapeRegex, findLine, isRecord } from "../../util.js";

export const NPM_SECTIONS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;

export function extractPackageJson(content: string): ExtractedDep[] {
  const json: unknown = JSON.parse(content);
  if (!isRecord(json)) throw new Error("not a JSON object");
  const out: ExtractedDep[] = [];
  const seen = new Set<string>();
  for (const section of NPM_SECTIONS) {
    const deps = json[section];
    if (!isRecord(deps)) continue;
    const sectionLine = findLine(content, new RegExp(`^\\s*"${section}"\\s*:`)) ?? 1;
    for (const [name, spec] of Object.entries(deps)) {
      if (seen.has(name)) continue;
      seen.add(name);
      out.push({
        name,
        version: typeof spec === "string" ? spec : "",
        direct: true,
        dev: section === "devDependencies",
        line: findLine(content, new RegExp(`^\\s*"${escapeRegex(name)}"\\s*:`), sectionLine),
      });
    }
  }
  return out;
}

/** Names the root package.json of a lockfile declares, from a lockfile's own copy of it. */
export function rootNames(pkg: unknown): Set<string> {
  const names = new Set<string>();
  if (!isRecord(pkg)) return names;
  for (const section of NPM_SECTIONS) {
    const deps = pkg[section];
    if (isRecord(deps)) for (const n of Object.keys(deps)) names.add(n);
  }
  return names;
}

// Compare one file's base and head extractions per (name, direct-ness).
import type { ExtractedDep } from "./types.js";

export interface FileChange {
  name: string;
  direct: boolean;
  change: "added" | "updated" | "removed";
  version: string;
  previousVersion?: string | undefined;
  line?: number | undefined;
  installScript: boolean;
  /** Declaring file (may differ from the extracted file for includes). */
  file?: string | undefined;
}

interface Agg {
  versions: Set<string>;
  line?: number | undefined;
  installScript: boolean;
  file?: string | undefined;
}

export const depKey = (name: string, direct: boolean) => `${direct ? "d" : "t"}\0${name}`;

export function aggregate(deps: ExtractedDep[]): Map<string, Agg & { name: string; direct: boolean }> {
  const map = new Map<string, Agg & { name: string; direct: boolean }>();
  for (const d of deps) {
    const key = depKey(d.name, d.direct);
    const cur = map.get(key) ?? {
      name: d.name,
      direct: d.direct,
      versions: new Set<string>(),
      installScript: false,
      line: d.line,
      file: d.file,
    };
    cur.versions.add(d.version);
    cur.installScript ||= d.installScript === true;
    map.set(key, cur);
  }
  return map;
}

const versionText = (a: Agg) => [...a.versions].sort().join(", ");

export function diffSides(base: ExtractedDep[], head: ExtractedDep[]): FileChange[] {
  const b = aggregate(base);
  const h = aggregate(head);
  const out: FileChange[] = [];
  for (const [key, hv] of h) {
    const bv = b.get(key);
    const common = { name: hv.name, direct: hv.direct, version: versionText(hv), line: hv.line, file: hv.file };
    if (!bv) out.push({ ...common, change: "added", installScript: hv.installScript });
    else if (versionText(bv) !== versionText(hv)) {
      // An update is flagged only when it starts running an install script the old version did not run.
      const fresh = [...hv.versions].some((v) => !bv.versions.has(v));
      out.push({
        ...common,
        change: "updated",
        previousVersion: versionText(bv),
        installScript: fresh && hv.installScript && !bv.installScript,
      });
    }
  }
  for (const [key, bv] of b) {
    if (!h.has(key))
      out.push({
        name: bv.name,
        direct: bv.direct,
        version: versionText(bv),
        change: "removed",
        installScript: false,
        file: bv.file,
      });
  }
  return out;
}

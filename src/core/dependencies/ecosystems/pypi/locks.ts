// poetry.lock and uv.lock ([[package]] tables).
import { parse as parseToml } from "smol-toml";
import type { ExtractedDep } from "../../types.js";
import { isRecord, unreferenced } from "../../util.js";
import { normalizePypiName } from "./pep508.js";

function packages(content: string): Record<string, unknown>[] {
  const doc = parseToml(content) as Record<string, unknown>;
  const list = doc["package"];
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

/** Where each [[package]] starts: its `name = ...` line, by name and by name + the version on the next line. One pass. */
function lineIndex(content: string): { byName: Map<string, number>; byNameVersion: Map<string, number> } {
  const byName = new Map<string, number>();
  const byNameVersion = new Map<string, number>();
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^name\s*=\s*"([^"]+)"/.exec(lines[i] ?? "");
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    if (!byName.has(name)) byName.set(name, i + 1);
    const v = /^version\s*=\s*"([^"]+)"/.exec(lines[i + 1] ?? "");
    if (v) {
      const key = `${name}\0${v[1]}`;
      if (!byNameVersion.has(key)) byNameVersion.set(key, i + 1);
    }
  }
  return { byName, byNameVersion };
}

function lineOf(index: ReturnType<typeof lineIndex>, name: string, version: string): number | undefined {
  const n = name.toLowerCase();
  return index.byNameVersion.get(`${n}\0${version}`) ?? index.byName.get(n);
}

/** poetry.lock does not mark roots: direct = no other locked package depends on it. */
export function extractPoetryLock(content: string): ExtractedDep[] {
  const pkgs = packages(content);
  const entries = pkgs.map((p) => ({
    item: p,
    keys: [normalizePypiName(String(p["name"] ?? ""))],
    deps: isRecord(p["dependencies"]) ? Object.keys(p["dependencies"]).map(normalizePypiName) : [],
  }));
  const roots = unreferenced(entries);
  const index = lineIndex(content);
  return pkgs.map((p) => ({
    name: normalizePypiName(String(p["name"] ?? "")),
    version: String(p["version"] ?? ""),
    direct: roots.has(p),
    dev: p["category"] === "dev",
    line: lineOf(index, String(p["name"] ?? ""), String(p["version"] ?? "")),
  }));
}

/** uv.lock: the project's own package (source editable/virtual) lists the direct dependencies. */
export function extractUvLock(content: string): ExtractedDep[] {
  const pkgs = packages(content);
  const isRoot = (p: Record<string, unknown>) => {
    const src = p["source"];
    return isRecord(src) && (src["editable"] !== undefined || src["virtual"] !== undefined);
  };
  const direct = new Set<string>();
  const depNames = (v: unknown) =>
    Array.isArray(v) ? v.filter(isRecord).map((d) => normalizePypiName(String(d["name"] ?? ""))) : [];
  for (const p of pkgs.filter(isRoot)) {
    for (const n of depNames(p["dependencies"])) direct.add(n);
    for (const field of ["optional-dependencies", "dev-dependencies"]) {
      const groups = p[field];
      if (isRecord(groups)) for (const list of Object.values(groups)) for (const n of depNames(list)) direct.add(n);
    }
  }
  const index = lineIndex(content);
  return pkgs
    .filter((p) => !isRoot(p))
    .map((p) => {
      const name = normalizePypiName(String(p["name"] ?? ""));
      return {
        name,
        version: String(p["version"] ?? ""),
        direct: direct.has(name),
        line: lineOf(index, String(p["name"] ?? ""), String(p["version"] ?? "")),
      };
    });
}

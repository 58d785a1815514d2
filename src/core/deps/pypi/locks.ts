// poetry.lock and uv.lock ([[package]] tables).
import { parse as parseToml } from "smol-toml";
import type { ExtractedDep } from "../types.js";
import { findLine, escapeRegex, isRecord, unreferenced } from "../util.js";
import { normalizePypiName } from "./pep508.js";

function packages(content: string): Record<string, unknown>[] {
  const doc = parseToml(content) as Record<string, unknown>;
  const list = doc["package"];
  return Array.isArray(list) ? list.filter(isRecord) : [];
}

function lineOf(content: string, name: string, version: string): number | undefined {
  // The `name = ...` line of the [[package]] whose next line carries this version.
  const lines = content.split(/\r?\n/);
  const nameRe = new RegExp(`^name\\s*=\\s*"${escapeRegex(name)}"`, "i");
  const versionRe = new RegExp(`^version\\s*=\\s*"${escapeRegex(version)}"`);
  for (let i = 0; i < lines.length; i++) if (nameRe.test(lines[i] ?? "") && versionRe.test(lines[i + 1] ?? "")) return i + 1;
  return findLine(content, nameRe);
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
  return pkgs.map((p) => ({
    name: normalizePypiName(String(p["name"] ?? "")),
    version: String(p["version"] ?? ""),
    direct: roots.has(p),
    dev: p["category"] === "dev",
    line: lineOf(content, String(p["name"] ?? ""), String(p["version"] ?? "")),
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
  const depNames = (v: unknown) => (Array.isArray(v) ? v.filter(isRecord).map((d) => normalizePypiName(String(d["name"] ?? ""))) : []);
  for (const p of pkgs.filter(isRoot)) {
    for (const n of depNames(p["dependencies"])) direct.add(n);
    for (const field of ["optional-dependencies", "dev-dependencies"]) {
      const groups = p[field];
      if (isRecord(groups)) for (const list of Object.values(groups)) for (const n of depNames(list)) direct.add(n);
    }
  }
  return pkgs
    .filter((p) => !isRoot(p))
    .map((p) => {
      const name = normalizePypiName(String(p["name"] ?? ""));
      return { name, version: String(p["version"] ?? ""), direct: direct.has(name), line: lineOf(content, String(p["name"] ?? ""), String(p["version"] ?? "")) };
    });
}

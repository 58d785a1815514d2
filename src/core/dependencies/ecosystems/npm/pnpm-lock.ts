// pnpm-lock.yaml (v5, v6, v9): `importers` (or top-level sections) for direct, `packages`/`snapshots` for all.
import { parse as parseYaml } from "yaml";
import type { ExtractedDep } from "../../types.js";
import { findText, isRecord } from "../../util.js";
import { NPM_SECTIONS } from "./package-json.js";

/** Package key → name and version: `/a/1.0.0` (v5), `/a@1.0.0` (v6), `a@1.0.0(peer@1)` (v9). */
function parseKey(key: string): { name: string; version: string } | undefined {
  const k = key.replace(/^\//, "").replace(/\(.*$/, "");
  const at = k.indexOf("@", 1);
  if (at > 0) return { name: k.slice(0, at), version: k.slice(at + 1) };
  const slash = k.lastIndexOf("/");
  if (slash <= 0) return undefined;
  return { name: k.slice(0, slash), version: k.slice(slash + 1).replace(/_.*$/, "") };
}

function cleanVersion(v: unknown): string {
  const s = isRecord(v) ? String(v["version"] ?? "") : String(v ?? "");
  return s.replace(/\(.*$/, "").replace(/_.*$/, "");
}

export function extractPnpmLock(content: string): ExtractedDep[] {
  // Machine-written: the duplicate-key check (quadratic in a map's size) buys nothing here.
  const doc: unknown = parseYaml(content, { uniqueKeys: false });
  if (!isRecord(doc)) throw new Error("not a YAML mapping");
  const direct = new Map<string, Set<string>>();
  const projects: unknown[] = isRecord(doc["importers"]) ? Object.values(doc["importers"]) : [doc];
  for (const project of projects) {
    if (!isRecord(project)) continue;
    for (const section of NPM_SECTIONS) {
      const deps = project[section];
      if (!isRecord(deps)) continue;
      for (const [name, v] of Object.entries(deps)) {
        const set = direct.get(name) ?? new Set<string>();
        set.add(cleanVersion(v));
        direct.set(name, set);
      }
    }
  }
  const packages = isRecord(doc["packages"]) ? doc["packages"] : {};
  const snapshots = isRecord(doc["snapshots"]) ? doc["snapshots"] : {};
  const keys = [...new Set([...Object.keys(packages), ...Object.keys(snapshots)])];
  const out: ExtractedDep[] = [];
  const seen = new Set<string>();
  // Keys come in file order (packages, then snapshots): each search starts where the last one ended.
  let from = 1;
  const lineOf = (text: string) => {
    const line = findText(content, text, from) ?? findText(content, text);
    if (line !== undefined) from = line;
    return line;
  };
  for (const key of keys) {
    const parsed = parseKey(key);
    if (!parsed || seen.has(`${parsed.name}@${parsed.version}`)) continue;
    seen.add(`${parsed.name}@${parsed.version}`);
    const entry = packages[key] ?? packages[`${parsed.name}@${parsed.version}`];
    const meta = isRecord(entry) ? entry : {};
    out.push({
      name: parsed.name,
      version: parsed.version,
      direct: direct.get(parsed.name)?.has(parsed.version) ?? false,
      dev: meta["dev"] === true,
      installScript: meta["requiresBuild"] === true,
      line: lineOf(`${key}:`) ?? lineOf(`'${key}':`),
    });
  }
  return out;
}

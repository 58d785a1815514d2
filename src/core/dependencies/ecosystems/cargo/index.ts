// crates.io ecosystem: its names, page and typosquat hooks; Cargo.toml [dependencies], [dev-dependencies], [build-dependencies], target and workspace tables.
import { parse as parseToml } from "smol-toml";
import type { EcosystemModule, ExtractedDep } from "../../types.js";
import { basename, escapeRegex, findLine, isRecord } from "../../util.js";
import { cargoFromPatch } from "./patch.js";

function versionOf(spec: unknown): string {
  if (typeof spec === "string") return spec;
  if (!isRecord(spec)) return "*";
  if (typeof spec["version"] === "string") return spec["version"];
  if (typeof spec["git"] === "string") return `git:${spec["git"]}`;
  if (typeof spec["path"] === "string") return `path:${spec["path"]}`;
  return "*";
}

function addTable(table: unknown, dev: boolean, content: string, out: ExtractedDep[]): void {
  if (!isRecord(table)) return;
  for (const [key, spec] of Object.entries(table)) {
    const name = isRecord(spec) && typeof spec["package"] === "string" ? spec["package"] : key;
    const k = escapeRegex(key);
    out.push({
      name,
      version: versionOf(spec),
      direct: true,
      dev,
      line: findLine(content, new RegExp(`^\\s*(${k}\\s*=|["']${k}["']\\s*=|\\[[\\w.-]*dependencies\\.${k}\\])`)),
    });
  }
}

export function extractCargoToml(content: string): ExtractedDep[] {
  const doc = parseToml(content) as Record<string, unknown>;
  const out: ExtractedDep[] = [];
  const addAll = (scope: Record<string, unknown>) => {
    addTable(scope["dependencies"], false, content, out);
    addTable(scope["build-dependencies"], false, content, out);
    addTable(scope["dev-dependencies"], true, content, out);
    addTable(scope["dev_dependencies"], true, content, out);
  };
  addAll(doc);
  if (isRecord(doc["workspace"])) addTable(doc["workspace"]["dependencies"], false, content, out);
  if (isRecord(doc["target"])) for (const t of Object.values(doc["target"])) if (isRecord(t)) addAll(t);
  const seen = new Set<string>();
  return out.filter((d) => !seen.has(d.name) && seen.add(d.name));
}

export const cargo: EcosystemModule = {
  id: "crates.io",
  aliases: {
    config: ["crates.io", "cargo", "crates", "rust"],
    registry: ["crates", "crates.io", "cargo"],
    env: "CRATES",
    github: ["cargo", "rust", "crates.io"],
    purl: "cargo",
  },
  matches: (path) => basename(path) === "Cargo.toml",
  isLockfile: () => false,
  extract: (_path, content) => extractCargoToml(content),
  fromPatch: (_path, fragment) => cargoFromPatch(fragment),
  // crates.io treats - and _ as the same name, whatever the case (its canon_crate_name).
  canonicalName: (name) => name.toLowerCase().replace(/-/g, "_"),
  caseInsensitive: true,
  packagePage: (name) => `https://crates.io/crates/${encodeURIComponent(name)}`,
  osv: { ecosystem: "crates.io" },
  // No Rust analyser yet: no language imports crates.
  imports: { languages: [] },
  typosquat: {
    list: "cargo",
    popular: new URL("./popular.json", import.meta.url),
    affixes: { prefixes: ["rust_", "rs_"], suffixes: ["_rs", "_rust"] },
  },
};

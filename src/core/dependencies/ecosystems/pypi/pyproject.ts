// pyproject.toml: PEP 621 [project] dependencies / optional-dependencies, PEP 735 groups, Poetry.
import { parse as parseToml } from "smol-toml";
import type { ExtractedDep } from "../../types.js";
import { escapeRegex, findLine, isRecord } from "../../util.js";
import { normalizePypiName, parseRequirement } from "./pep508.js";

function lineOf(content: string, rawName: string): number | undefined {
  const n = escapeRegex(rawName).replace(/[-_.]/g, "[-_.]");
  return findLine(content, new RegExp(`^\\s*${n}\\s*=|["']${n}(?![A-Za-z0-9._-])`, "i"));
}

function fromPep508(list: unknown, content: string, dev: boolean, out: ExtractedDep[]): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    if (typeof item !== "string") continue;
    const req = parseRequirement(item);
    const raw = /^[A-Za-z0-9._-]+/.exec(item)?.[0] ?? item;
    if (req) out.push({ name: req.name, version: req.version, direct: true, dev, line: lineOf(content, raw) });
  }
}

function fromPoetry(table: unknown, content: string, dev: boolean, out: ExtractedDep[]): void {
  if (!isRecord(table)) return;
  for (const [raw, spec] of Object.entries(table)) {
    if (raw.toLowerCase() === "python") continue;
    let version = "*";
    if (typeof spec === "string") version = spec;
    else if (isRecord(spec)) {
      if (typeof spec["version"] === "string") version = spec["version"];
      else if (typeof spec["git"] === "string") version = `git:${spec["git"]}`;
      else if (typeof spec["path"] === "string") version = `path:${spec["path"]}`;
    }
    out.push({ name: normalizePypiName(raw), version, direct: true, dev, line: lineOf(content, raw) });
  }
}

export function extractPyproject(content: string): ExtractedDep[] {
  const doc = parseToml(content) as Record<string, unknown>;
  const out: ExtractedDep[] = [];
  const project = doc["project"];
  if (isRecord(project)) {
    fromPep508(project["dependencies"], content, false, out);
    const optional = project["optional-dependencies"];
    if (isRecord(optional)) for (const list of Object.values(optional)) fromPep508(list, content, false, out);
  }
  const groups = doc["dependency-groups"];
  if (isRecord(groups)) for (const list of Object.values(groups)) fromPep508(list, content, true, out);
  const tool = doc["tool"];
  const poetry = isRecord(tool) ? tool["poetry"] : undefined;
  if (isRecord(poetry)) {
    fromPoetry(poetry["dependencies"], content, false, out);
    fromPoetry(poetry["dev-dependencies"], content, true, out);
    const pg = poetry["group"];
    if (isRecord(pg))
      for (const g of Object.values(pg)) if (isRecord(g)) fromPoetry(g["dependencies"], content, true, out);
  }
  const seen = new Set<string>();
  return out.filter((d) => !seen.has(d.name) && seen.add(d.name));
}

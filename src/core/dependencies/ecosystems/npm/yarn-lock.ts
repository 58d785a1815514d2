// yarn.lock: classic v1 (custom format) and berry (YAML). Direct = no other entry depends on it.
import { parse as parseYaml } from "yaml";
import type { ExtractedDep } from "../../types.js";
import { findText, isRecord, unreferenced } from "../../util.js";

interface Entry {
  descriptors: string[];
  version: string;
  deps: string[];
  header: string;
}

/** `name@range` → [name, range]; handles scoped names. */
function splitDescriptor(d: string): [string, string] {
  const at = d.indexOf("@", 1);
  return at < 0 ? [d, ""] : [d.slice(0, at), d.slice(at + 1)];
}

function normaliseDescriptor(d: string): string {
  const [name, range] = splitDescriptor(d.trim().replace(/^"|"$/g, ""));
  return `${name}@${range.replace(/^npm:/, "")}`;
}

function parseClassic(content: string): Entry[] {
  const entries: Entry[] = [];
  let cur: Entry | undefined;
  let inDeps = false;
  for (const raw of content.split(/\r?\n/)) {
    if (raw.trim() === "" || raw.startsWith("#")) continue;
    if (!raw.startsWith(" ")) {
      if (!raw.endsWith(":")) throw new Error(`unexpected line: ${raw.slice(0, 60)}`);
      const header = raw.slice(0, -1);
      cur = { descriptors: header.split(/,\s*/).map(normaliseDescriptor), version: "", deps: [], header: raw };
      entries.push(cur);
      inDeps = false;
      continue;
    }
    if (!cur) throw new Error(`unexpected indented line: ${raw.slice(0, 60)}`);
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (indent <= 2) {
      inDeps = line === "dependencies:" || line === "optionalDependencies:";
      const m = /^version:?\s+"?([^"]+)"?$/.exec(line);
      if (m?.[1]) cur.version = m[1];
    } else if (inDeps) {
      const m = /^"?([^"\s]+)"?:?\s+"?([^"]+)"?$/.exec(line);
      if (m?.[1] && m[2]) cur.deps.push(`${m[1]}@${m[2].replace(/^npm:/, "")}`);
    }
  }
  return entries;
}

function parseBerry(content: string): Entry[] {
  const doc: unknown = parseYaml(content);
  if (!isRecord(doc)) throw new Error("not a YAML mapping");
  const entries: Entry[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (key === "__metadata" || !isRecord(value)) continue;
    const deps: string[] = [];
    for (const section of ["dependencies", "optionalDependencies"]) {
      const d = value[section];
      if (isRecord(d)) for (const [n, r] of Object.entries(d)) deps.push(`${n}@${String(r).replace(/^npm:/, "")}`);
    }
    entries.push({
      descriptors: key.split(/,\s*/).map(normaliseDescriptor),
      version: value["version"] === undefined ? "" : String(value["version"]),
      deps,
      header: `${key}":`,
    });
  }
  return entries;
}

export function extractYarnLock(content: string): ExtractedDep[] {
  const berry = /^__metadata:/m.test(content);
  const entries = berry ? parseBerry(content) : parseClassic(content);
  const isWorkspace = (e: Entry) => e.descriptors.some((d) => /@(workspace|link|portal|file):/.test(d));
  const roots = unreferenced(entries.map((e) => ({ item: e, keys: e.descriptors, deps: e.deps })));
  // In berry the workspace entries are the roots; their dependencies are the direct ones.
  const workspaceDeps = new Set(entries.filter(isWorkspace).flatMap((e) => e.deps));
  const out: ExtractedDep[] = [];
  // Entries come in file order: each search starts where the last one ended.
  let from = 1;
  for (const e of entries) {
    if (isWorkspace(e)) continue;
    const name = splitDescriptor(e.descriptors[0] ?? "")[0];
    const direct = workspaceDeps.size > 0 ? e.descriptors.some((d) => workspaceDeps.has(d)) : roots.has(e);
    const first = e.header.split(/,\s*/)[0] ?? e.header;
    const text = berry ? first.replace(/"?:$/, "") : first.replace(/:$/, "");
    const line = findText(content, text, from) ?? findText(content, text);
    if (line !== undefined) from = line;
    out.push({ name, version: e.version, direct, line });
  }
  return out;
}

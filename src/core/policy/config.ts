// Parse and validate `.aiguard.yml` layers (pure: texts in, config or located errors out).
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type YAMLMap } from "yaml";
import { configSchema, type AiguardConfig } from "./schema.js";

export interface ConfigLayer {
  /** Human name of where the text came from, e.g. "octo/repo:.aiguard.yml@3f2a1b0". */
  source: string;
  text: string;
}

export interface ConfigProblem {
  source: string;
  /** Dotted key path, e.g. "limits.maxFiles". Empty for the document root. */
  path: string;
  message: string;
  line?: number | undefined;
  column?: number | undefined;
}

export type ConfigResult =
  | { ok: true; config: AiguardConfig; warnings: ConfigProblem[]; sources: string[]; merged: Record<string, unknown> }
  | { ok: false; errors: ConfigProblem[]; warnings: ConfigProblem[]; sources: string[] };

interface ParsedLayer {
  source: string;
  doc: Document.Parsed;
  lc: LineCounter;
  data: Record<string, unknown>;
}

export function formatProblem(p: ConfigProblem): string {
  const loc = p.line ? `:${p.line}:${p.column ?? 1}` : "";
  const where = p.path ? ` (${p.path})` : "";
  return `${p.source}${loc}${where}: ${p.message}`;
}

/**
 * The largest `.aiguard.yml` (or layer it extends) that is parsed at all. Real policies are a few
 * KB; a multi-megabyte one would take seconds and hundreds of MB to parse, so it is refused.
 */
export const MAX_CONFIG_BYTES = 256 * 1024;

function tooLarge(text: string): string | null {
  const bytes = Buffer.byteLength(text, "utf8");
  return bytes > MAX_CONFIG_BYTES
    ? `the file is ${Math.ceil(bytes / 1024)} KB; a policy file may be at most ${MAX_CONFIG_BYTES / 1024} KB`
    : null;
}

/** Keys given twice in one mapping, with the offset of each repeat. Linear in the size of the document. */
function duplicateKeys(doc: Document.Parsed): { pos: number; message: string }[] {
  const out: { pos: number; message: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) out.push({ pos: pair.key.range?.[0] ?? 0, message: "Map keys must be unique" });
        else seen.add(pair.key.value);
      }
    },
  });
  return out;
}

function parseLayer(layer: ConfigLayer, errors: ConfigProblem[]): ParsedLayer | null {
  const size = tooLarge(layer.text);
  if (size) {
    errors.push({ source: layer.source, path: "", message: size, line: 1, column: 1 });
    return null;
  }
  const lc = new LineCounter();
  let doc: Document.Parsed;
  let data: unknown;
  try {
    // Duplicate keys are found by duplicateKeys (yaml's own check is quadratic in a mapping's size).
    doc = parseDocument(layer.text, { lineCounter: lc, prettyErrors: false, uniqueKeys: false });
    const problems = [...doc.errors.map((e) => ({ pos: e.pos[0], message: e.message })), ...duplicateKeys(doc)];
    if (problems.length > 0) {
      for (const e of problems) {
        const pos = lc.linePos(e.pos);
        errors.push({
          source: layer.source,
          path: "",
          message: `YAML syntax error: ${e.message.split("\n")[0]}`,
          line: pos.line,
          column: pos.col,
        });
      }
      return null;
    }
    data = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (e) {
    // yaml throws on too many aliases (a "billion laughs" document) and on nesting deeper than the stack.
    const message = e instanceof Error ? e.message : String(e);
    errors.push({ source: layer.source, path: "", message: `YAML error: ${message}`, line: 1, column: 1 });
    return null;
  }
  if (data === null || data === undefined) return { source: layer.source, doc, lc, data: {} };
  if (typeof data !== "object" || Array.isArray(data)) {
    errors.push({
      source: layer.source,
      path: "",
      message: "the file must be a YAML mapping (key: value pairs)",
      line: 1,
      column: 1,
    });
    return null;
  }
  return { source: layer.source, doc, lc, data: data as Record<string, unknown> };
}

/** The key nodes of a mapping by their value, built once per mapping (a file may have thousands of unknown keys). */
const keyIndex = new WeakMap<YAMLMap, Map<unknown, unknown>>();
function keyNodes(map: YAMLMap): Map<unknown, unknown> {
  let index = keyIndex.get(map);
  if (!index) {
    index = new Map();
    for (const it of map.items) if (isScalar(it.key) && !index.has(it.key.value)) index.set(it.key.value, it.key);
    keyIndex.set(map, index);
  }
  return index;
}

function locate(layer: ParsedLayer, path: (string | number)[], key?: string): { line?: number; column?: number } {
  const full = key !== undefined ? [...path, key] : path;
  // Walk as far down the path as the document goes; report the deepest node found.
  for (let n = full.length; n >= 0; n--) {
    const sub = full.slice(0, n);
    let node: unknown;
    if (key !== undefined && n === full.length) {
      // For an unknown key, point at the key itself rather than its value.
      const parent = sub.length > 1 ? layer.doc.getIn(sub.slice(0, -1), true) : layer.doc.contents;
      if (isMap(parent)) node = keyNodes(parent).get(key);
    } else {
      node = sub.length === 0 ? layer.doc.contents : layer.doc.getIn(sub, true);
    }
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) {
      const pos = layer.lc.linePos(range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return {};
}

function hasPath(data: unknown, path: (string | number)[]): boolean {
  let cur: unknown = data;
  for (const p of path) {
    if (cur === null || typeof cur !== "object" || !(p in (cur as object))) return false;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Deep merge: mappings merge key by key, everything else (lists, scalars) is replaced by the child. */
export function mergeConfig(parent: Record<string, unknown>, child: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...parent };
  for (const [k, v] of Object.entries(child)) {
    const p = out[k];
    out[k] = isPlainObject(p) && isPlainObject(v) ? mergeConfig(p, v) : v;
  }
  return out;
}

function deleteKey(data: Record<string, unknown>, path: (string | number)[], key: string): void {
  let cur: unknown = data;
  for (const p of path) {
    if (!isPlainObject(cur) && !Array.isArray(cur)) return;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  if (isPlainObject(cur)) delete cur[key];
}

/**
 * Validate a chain of config layers, ordered from the most general (the end of an
 * `_extends` chain, or the org default) to the most specific (the repository's file).
 * Unknown keys are warnings; anything else invalid is an error with line and column.
 */
export function resolveConfig(layers: ConfigLayer[]): ConfigResult {
  const errors: ConfigProblem[] = [];
  const warnings: ConfigProblem[] = [];
  const parsed: ParsedLayer[] = [];
  for (const l of layers) {
    const p = parseLayer(l, errors);
    if (p) parsed.push(p);
  }
  const sources = layers.map((l) => l.source);
  if (errors.length > 0) return { ok: false, errors, warnings, sources };

  let merged: Record<string, unknown> = {};
  for (const p of parsed) merged = mergeConfig(merged, p.data);
  delete merged._extends;

  const first = configSchema.safeParse(merged);
  if (first.success) return { ok: true, config: first.data, warnings, sources, merged };

  const owner = (path: (string | number)[]): ParsedLayer => {
    for (let i = parsed.length - 1; i >= 0; i--) if (hasPath(parsed[i]!.data, path)) return parsed[i]!;
    return (
      parsed[parsed.length - 1] ?? {
        source: sources[sources.length - 1] ?? ".aiguard.yml",
        doc: parseDocument(""),
        lc: new LineCounter(),
        data: {},
      }
    );
  };

  const stripped = structuredClone(merged);
  for (const issue of first.error.issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const layer = owner([...path, key]);
        warnings.push({
          source: layer.source,
          path: [...path, key].join("."),
          message: `unknown key "${key}" is ignored`,
          ...locate(layer, path, key),
        });
        deleteKey(stripped, path, key);
      }
    } else {
      const layer = owner(path);
      errors.push({ source: layer.source, path: path.join("."), message: issue.message, ...locate(layer, path) });
    }
  }
  if (errors.length > 0) return { ok: false, errors, warnings, sources };
  const second = configSchema.safeParse(stripped);
  if (second.success) return { ok: true, config: second.data, warnings, sources, merged: stripped };
  for (const issue of second.error.issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    const layer = owner(path);
    errors.push({ source: layer.source, path: path.join("."), message: issue.message, ...locate(layer, path) });
  }
  return { ok: false, errors, warnings, sources };
}

export interface ExtendsTarget {
  owner: string;
  repo: string;
  path: string;
}

/** Read the `_extends` value of a config text, if any (without validating the rest). */
export function readExtends(text: string): string | undefined {
  if (tooLarge(text)) return undefined;
  try {
    const doc = parseDocument(text, { uniqueKeys: false });
    const v = doc.get("_extends");
    return typeof v === "string" && v.trim() ? v.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Interpret `_extends` as Probot does: `repo`, `owner/repo`, optionally `:path`. */
export function parseExtends(value: string, currentOwner: string, defaultPath: string): ExtendsTarget | null {
  const m = /^(?:([a-z\d](?:[a-z\d-]{0,38}))\/)?([\w.-]+)(?::(.+))?$/i.exec(value.trim());
  if (!m) return null;
  return { owner: m[1] ?? currentOwner, repo: m[2]!, path: m[3] ?? defaultPath };
}

/** The policy a review ran with, as its layers merged and where they came from (for the check run's summary). */
export interface PolicyInEffect {
  /** The layers merged (resolveConfig(...).merged), before schema defaults. */
  merged: Record<string, unknown>;
  /** Where the layers came from, most general first. */
  sources: string[];
}

// Every regular expression aiguard ships, with where it comes from: the built-in rules' `where`
// regexes and `#match?` predicates, the secret detectors, the taint data, the area signals and
// the value recognizers. For the ReDoS test (test/core/regex-redos.test.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { RECOGNIZERS } from "../../src/core/engine/recognizers.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface Pattern {
  where: string;
  source: string;
  flags: string;
}

/** Keys whose string value is a regex, in rule files (`where` items), detectors and taint data. */
const RULE_KEYS = new Set([
  "matches",
  "not-matches",
  "value-matches",
  "file-matches",
  "scope-matches",
  "target-matches",
  "in-function-named",
  "named-function-matches",
  "called-as",
  "guarded-by",
  "preceded-by",
  "prefilter-pattern",
]);
const SECRET_KEYS = new Set(["pattern", "keys", "begin", "paths", "ignore"]);
const PARAMETER_KEYS = new Set(["default", "decorator", "function", "type", "not-type", "not-default"]);
/** `#match?` and its variants in a tree-sitter query. */
const MATCH_PREDICATE = /\(#(?:any-)?(?:not-)?match\?\s+@[\w.-]+\s+"((?:[^"\\]|\\.)*)"/g;

function pattern(where: string, source: string, flags = ""): Pattern {
  const m = /^\(\?([imsu]+)\)/.exec(source);
  return m ? { where, source: source.slice(m[0].length), flags: flags + (m[1] ?? "") } : { where, source, flags };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(dir, f));
}

/** Strings under `keys` anywhere in `value` (and `has-kwarg.value`, `#match?` in `query`). */
function collect(value: unknown, keys: ReadonlySet<string>, where: string, out: Pattern[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, keys, `${where}[${i}]`, out));
    return;
  }
  if (value === null || typeof value !== "object") return;
  for (const [k, v] of Object.entries(value)) {
    const at = `${where}.${k}`;
    if (typeof v === "string" && keys.has(k)) out.push(pattern(at, v));
    else if (k === "has-kwarg" && typeof (v as { value?: unknown }).value === "string")
      out.push(pattern(`${at}.value`, (v as { value: string }).value));
    else if (k === "query" && typeof v === "string")
      for (const m of v.matchAll(MATCH_PREDICATE)) out.push(pattern(`${at} #match?`, JSON.parse(`"${m[1]}"`)));
    else collect(v, keys, at, out);
  }
}

export function builtinPatterns(): Pattern[] {
  const out: Pattern[] = [];
  for (const file of yamlFiles(path.join(ROOT, "rules"))) {
    const rel = path.relative(ROOT, file);
    const keys = rel.includes(`${path.sep}secrets${path.sep}`)
      ? SECRET_KEYS
      : rel.includes(`${path.sep}_sources${path.sep}`)
        ? PARAMETER_KEYS
        : RULE_KEYS;
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) collect(doc.toJS(), keys, rel, out);
  }
  const signals = parse(readFileSync(path.join(ROOT, "src/core/areas/signals.yml"), "utf8")) as {
    areas: Record<string, { patterns?: { regex: string; flags?: string }[] }>;
  };
  for (const [area, a] of Object.entries(signals.areas))
    for (const [i, p] of (a.patterns ?? []).entries())
      out.push(pattern(`signals.yml areas.${area}.patterns[${i}]`, p.regex, (p.flags ?? "").replace(/[gy]/g, "")));
  for (const [name, re] of Object.entries(RECOGNIZERS))
    out.push({ where: `recognizers.ts ${name}`, source: re.source, flags: re.flags.replace(/[gy]/g, "") });
  return out;
}

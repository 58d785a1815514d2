// The real-world corpus (test/realworld/<part>/<language>/<case-id>/): human-confirmed vulnerabilities
// from public sources, each replayed twice as a pull request:
//   - the vulnerable PR introduces the flaw (base = the fixed file, head = the vulnerable file);
//   - the fixing PR removes it (base = the vulnerable file, head = the fixed file).
// Scores per part, language and family: how often the vulnerable PR gets a finding (detection), how
// often the fixing PR does (false alarm), and whether a finding of the vulnerable PR lands within
// ±2 lines of a weakness line (line recall).
//
//   npx tsx bench/realworld.ts [--part dev|holdout] [--lang javascript] [--family redos] [--library off] [--verbose]
//
// The cases' files are third-party code and not committed: bench/realworld-build/materialize-js.mjs
// (npm registry) and pgj_build.py materialize (public mirrors) re-create them; a case whose files are
// absent is left out and counted.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { createPatch } from "diff";
import { z } from "zod";
import { analyze } from "../src/core/analyze.js";
import type { Change } from "../src/core/change.js";
import { createScanner } from "../src/core/engine/index.js";
import { packageRoot } from "../src/core/engine/rules-dir.js";
import type { Scanner } from "../src/core/engine/scanner.js";
import { type AiguardConfig, defaultConfig } from "../src/core/policy/schema.js";
import type { ChangedFile, Finding } from "../src/core/types.js";

export const PARTS = ["dev", "holdout"] as const;
export const LANGUAGES = ["javascript", "typescript", "python", "go", "java"] as const;
export const FAMILIES = [
  "xss",
  "redos",
  "path-traversal",
  "command-injection",
  "prototype-pollution",
  "code-injection",
  "open-redirect",
  "ssrf",
  "sql-injection",
  "zip-slip",
  "deserialization",
  "xxe",
  "template-injection",
  "other",
] as const;
/** A finding this close (in lines) to a weakness line counts as locating the flaw. */
export const LINE_TOLERANCE = 2;

export const caseSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][\w.-]*$/),
    cve: z
      .string()
      .regex(/^CVE-\d{4}-\d{4,}$/)
      .optional(),
    source: z.array(z.url()).min(1),
    project: z.string().min(1),
    package: z.string().min(1).optional(),
    vulnerableVersion: z.string().min(1).optional(),
    fixedVersion: z.string().min(1).optional(),
    language: z.enum(LANGUAGES),
    family: z.enum(FAMILIES),
    cwe: z.array(z.string().regex(/^CWE-\d+$/)).min(1),
    files: z
      .array(
        z.object({
          path: z
            .string()
            .min(1)
            .refine((p) => !p.startsWith("/") && !p.split("/").includes(".."), "relative path inside the case"),
          weaknessLines: z.array(z.number().int().positive()),
        }),
      )
      .min(1),
    confirmedBy: z.string().min(1),
  })
  .strict();

export type CaseMeta = z.infer<typeof caseSchema>;

export interface CaseFile {
  path: string;
  /** Absent when the vulnerable version has no such file (the fix removed... or the flaw added it). */
  vulnerable?: string | undefined;
  fixed?: string | undefined;
  weaknessLines: number[];
}

export interface RealWorldCase {
  part: string;
  language: string;
  meta: CaseMeta;
  files: CaseFile[];
}

export type Part = (typeof PARTS)[number];

/** The case directories under root (<part>/<language>/<id>), optionally limited to one part. */
export function caseDirs(root: string, part?: string): { part: string; language: string; id: string; dir: string }[] {
  const out: { part: string; language: string; id: string; dir: string }[] = [];
  for (const p of PARTS) {
    if (part && p !== part) continue;
    const pDir = join(root, p);
    if (!existsSync(pDir)) continue;
    for (const language of readdirSync(pDir).sort()) {
      const lDir = join(pDir, language);
      if (!statSync(lDir).isDirectory()) continue;
      for (const id of readdirSync(lDir).sort()) {
        const dir = join(lDir, id);
        if (statSync(dir).isDirectory()) out.push({ part: p, language, id, dir });
      }
    }
  }
  return out;
}

function readSide(dir: string, side: "vulnerable" | "fixed", path: string): string | undefined {
  const p = join(dir, side, path);
  return existsSync(p) ? readFileSync(p, "utf8") : undefined;
}

/** Load (and validate) the cases; throws on a malformed case.json. */
/** Whether a case's files are on disk (they are re-created, not committed). */
export function materialized(dir: string): boolean {
  return existsSync(join(dir, "vulnerable")) || existsSync(join(dir, "fixed"));
}

/** Cases whose files are not on disk, by language: run the materialize scripts to score them. */
export function unmaterialized(root: string, part?: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of caseDirs(root, part)) if (!materialized(d.dir)) out.set(d.language, (out.get(d.language) ?? 0) + 1);
  return out;
}

export function loadCases(
  root: string,
  opts: { part?: string | undefined; language?: string | undefined; family?: string | undefined } = {},
) {
  const cases: RealWorldCase[] = [];
  for (const d of caseDirs(root, opts.part)) {
    if (opts.language && d.language !== opts.language) continue;
    const parsed = caseSchema.safeParse(JSON.parse(readFileSync(join(d.dir, "case.json"), "utf8")));
    if (!parsed.success) throw new Error(`${d.dir}/case.json: ${z.prettifyError(parsed.error)}`);
    const meta = parsed.data;
    if (opts.family && meta.family !== opts.family) continue;
    if (!materialized(d.dir)) continue;
    const files = meta.files.map((f) => ({
      path: f.path,
      vulnerable: readSide(d.dir, "vulnerable", f.path),
      fixed: readSide(d.dir, "fixed", f.path),
      weaknessLines: f.weaknessLines,
    }));
    cases.push({ part: d.part, language: d.language, meta, files });
  }
  return cases;
}

/** GitHub-style hunks (no `---`/`+++` header) from base to head, with the added and removed line counts. */
export function hunks(
  path: string,
  base: string,
  head: string,
): { patch: string; additions: number; deletions: number } {
  const full = createPatch(path, base, head, "", "", { context: 3 });
  const lines = full.split("\n");
  const start = lines.findIndex((l) => l.startsWith("@@"));
  if (start < 0) return { patch: "", additions: 0, deletions: 0 };
  const body = lines.slice(start);
  while (body.length > 0 && body[body.length - 1] === "") body.pop();
  let additions = 0;
  let deletions = 0;
  for (const l of body) {
    if (l.startsWith("+")) additions++;
    else if (l.startsWith("-")) deletions++;
  }
  return { patch: body.join("\n"), additions, deletions };
}

/** One file of a replayed PR, from its base and head text (either absent: added or removed). */
export function changedFile(path: string, base: string | undefined, head: string | undefined): ChangedFile {
  const status = base === undefined ? "added" : head === undefined ? "removed" : "modified";
  const h = hunks(path, base ?? "", head ?? "");
  return {
    path,
    status,
    patch: h.patch,
    additions: h.additions,
    deletions: h.deletions,
    ...(head !== undefined ? { headContent: head } : {}),
    ...(base !== undefined ? { baseContent: base } : {}),
  };
}

export type Direction = "introduce" | "fix";

/** The PR that introduces the flaw (fixed -> vulnerable) or fixes it (vulnerable -> fixed). */
export function replay(files: readonly CaseFile[], direction: Direction, config: AiguardConfig): Change {
  const changed = files
    .map((f) =>
      direction === "introduce"
        ? changedFile(f.path, f.fixed, f.vulnerable)
        : changedFile(f.path, f.vulnerable, f.fixed),
    )
    .filter((f) => f.additions + f.deletions > 0);
  return {
    base: direction === "introduce" ? "fixed" : "vulnerable",
    head: direction === "introduce" ? "vulnerable" : "fixed",
    files: changed,
    config,
    customRules: [],
    fullContext: true,
    draft: false,
    notes: [],
  };
}

export interface Outcome {
  id: string;
  part: string;
  language: string;
  family: string;
  /** Unsuppressed findings on the case's files in the vulnerable PR / the fixing PR. */
  introduce: Finding[];
  fix: Finding[];
  detected: boolean;
  falseAlarm: boolean;
  /** A finding of the vulnerable PR within LINE_TOLERANCE of a weakness line (same file). */
  lineHit: boolean;
}

function relevant(findings: readonly Finding[], files: readonly CaseFile[]): Finding[] {
  const paths = new Set(files.map((f) => f.path));
  return findings.filter((f) => f.suppressed === null && paths.has(f.path));
}

export function runCase(
  c: RealWorldCase,
  scanner: Scanner,
  config: AiguardConfig = defaultConfig(),
  opts: { library?: boolean } = {},
): Outcome {
  // A published package is a library: what `analysis.library: auto` finds from its root manifest
  // (`--library off` replays every case as an application).
  const library = opts.library !== false && c.meta.package !== undefined;
  const pr = (d: Direction) => ({ ...replay(c.files, d, config), library });
  const introduce = relevant(analyze(pr("introduce"), scanner).findings, c.files);
  const fix = relevant(analyze(pr("fix"), scanner).findings, c.files);
  const weak = new Map(c.files.map((f) => [f.path, f.weaknessLines]));
  const lineHit = introduce.some((f) =>
    (weak.get(f.path) ?? []).some((w) => w >= f.line - LINE_TOLERANCE && w <= f.endLine + LINE_TOLERANCE),
  );
  return {
    id: c.meta.id,
    part: c.part,
    language: c.language,
    family: c.meta.family,
    introduce,
    fix,
    detected: introduce.length > 0,
    falseAlarm: fix.length > 0,
    lineHit,
  };
}

export interface Tally {
  cases: number;
  detected: number;
  falseAlarms: number;
  lineHits: number;
}

export function tally(outcomes: readonly Outcome[]): Tally {
  return {
    cases: outcomes.length,
    detected: outcomes.filter((o) => o.detected).length,
    falseAlarms: outcomes.filter((o) => o.falseAlarm).length,
    lineHits: outcomes.filter((o) => o.lineHit).length,
  };
}

function pct(n: number, d: number): string {
  return `${n}/${d} ${d === 0 ? "-" : `${((100 * n) / d).toFixed(1)}%`}`;
}

export function formatTally(label: string, t: Tally): string {
  return `${label.padEnd(28)} cases ${String(t.cases).padStart(3)}  detect ${pct(t.detected, t.cases).padEnd(14)} false-alarm ${pct(t.falseAlarms, t.cases).padEnd(14)} line-recall ${pct(t.lineHits, t.cases)}`;
}

function groupBy(outcomes: readonly Outcome[], key: (o: Outcome) => string): [string, Outcome[]][] {
  const m = new Map<string, Outcome[]>();
  for (const o of outcomes) m.set(key(o), [...(m.get(key(o)) ?? []), o]);
  return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/** The report: per part (by language and by family), then overall. */
export function formatReport(outcomes: readonly Outcome[], verbose = false): string {
  const out: string[] = [];
  for (const [part, os] of groupBy(outcomes, (o) => o.part)) {
    out.push(`-- ${part}`);
    for (const [lang, ls] of groupBy(os, (o) => o.language)) out.push(formatTally(`  ${lang}`, tally(ls)));
    for (const [fam, fs] of groupBy(os, (o) => o.family)) out.push(formatTally(`  ${fam}`, tally(fs)));
    out.push(formatTally(`  all ${part}`, tally(os)));
  }
  out.push(formatTally("overall", tally(outcomes)));
  if (verbose) {
    out.push("");
    const show = (fs: Finding[]) => fs.map((f) => `${f.ruleId}@${f.line}`).join(", ") || "-";
    for (const o of outcomes) {
      const verdict = `${o.detected ? "DETECTED" : "missed"}${o.lineHit ? "+line" : ""}${o.falseAlarm ? " FALSE-ALARM" : ""}`;
      out.push(
        `${o.part}/${o.language}/${o.id} [${o.family}] ${verdict}: vulnerable PR ${show(o.introduce)}; fixing PR ${show(o.fix)}`,
      );
    }
  }
  return out.join("\n");
}

export function scoreRealWorld(
  root: string,
  scanner: Scanner,
  opts: {
    part?: string | undefined;
    language?: string | undefined;
    family?: string | undefined;
    library?: boolean | undefined;
  } = {},
): Outcome[] {
  const config = defaultConfig();
  const library = { library: opts.library !== false };
  return loadCases(root, opts).map((c) => runCase(c, scanner, config, library));
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const root = join(packageRoot(), "test/realworld");
  const { scanner } = await createScanner();
  const opts = {
    ...(arg("--part") ? { part: arg("--part") } : {}),
    ...(arg("--lang") ? { language: arg("--lang") } : {}),
    ...(arg("--family") ? { family: arg("--family") } : {}),
    ...(arg("--library") === "off" ? { library: false } : {}),
  };
  const outcomes = scoreRealWorld(root, scanner, opts);
  console.log(
    `== real-world corpus (test/realworld): ${outcomes.length} cases, each replayed as the vulnerable and the fixing PR`,
  );
  const missing = unmaterialized(root, opts.part);
  if (missing.size > 0)
    console.log(
      `not scored, files not materialized: ${[...missing].map(([l, n]) => `${l} ${n}`).join(", ")} (node bench/realworld-build/materialize-js.mjs; python3 bench/realworld-build/pgj_build.py materialize)`,
    );
  console.log(formatReport(outcomes, process.argv.includes("--verbose") || Boolean(process.env.VERBOSE)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

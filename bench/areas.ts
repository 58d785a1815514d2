// The labeled set of area hunks (test/core/areas/hunks/*.yml) and its scoring: per-area recall and the
// false-escalation rate (the share of non-sensitive cases that got any area).
//
// A case is one changed file, written as the file before and after the change (either may be
// left out: a new or a deleted file); the patch is computed here, so that the classifier sees real
// unified-diff hunks with context. Each case is labeled with the areas a careful reviewer would
// route it to (`expect: []` for a near-miss).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { classifyAreas, type AreaFile, type AreaResult } from "../src/core/areas/index.js";
import { configSchema, defaultConfig, type AiguardConfig } from "../src/core/policy/schema.js";

const caseSchema = z.strictObject({
  name: z.string().min(1),
  path: z.string().min(1),
  previousPath: z.string().optional(),
  expect: z.array(z.string()),
  before: z.string().optional(),
  after: z.string().optional(),
  /** Why the label is what it is, when that is a judgement call. */
  note: z.string().optional(),
  /** An `.aiguard.yml` for this case (as parsed YAML). */
  config: z.record(z.string(), z.unknown()).optional(),
});

export interface AreaCase extends z.output<typeof caseSchema> {
  /** The YAML file the case comes from. */
  source: string;
}

export function loadAreaCases(dir: string): AreaCase[] {
  const out: AreaCase[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => /\.ya?ml$/.test(n))
    .sort()) {
    const doc = parse(readFileSync(join(dir, name), "utf8")) as unknown;
    const list = z.array(caseSchema).parse(doc);
    for (const c of list) {
      if (c.before === undefined && c.after === undefined)
        throw new Error(`${name}: case "${c.name}" has neither before nor after`);
      out.push({ ...c, source: name });
    }
  }
  return out;
}

// ---- a small line diff (LCS), enough for PR-sized files ----

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

type Op = { t: " " | "-" | "+"; text: string };

function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ t: " ", text: a[i]! });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ t: "-", text: a[i]! });
      i++;
    } else {
      ops.push({ t: "+", text: b[j]! });
      j++;
    }
  }
  return ops;
}

/** A unified diff of two texts, hunks only (GitHub's `patch` format), with `context` lines around changes. */
export function unifiedPatch(before: string, after: string, context = 3): string {
  const ops = diffLines(splitLines(before), splitLines(after));
  const changed = ops.map((o, k) => (o.t !== " " ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return "";
  // Group changes whose context windows touch.
  const groups: Array<[number, number]> = [];
  for (const k of changed) {
    const last = groups[groups.length - 1];
    if (last && k - last[1] <= 2 * context) last[1] = k;
    else groups.push([k, k]);
  }
  const out: string[] = [];
  // Line numbers before each op.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 1;
  let nw = 1;
  for (const op of ops) {
    oldAt.push(o);
    newAt.push(nw);
    if (op.t !== "+") o++;
    if (op.t !== "-") nw++;
  }
  for (const [s, e] of groups) {
    const from = Math.max(0, s - context);
    const to = Math.min(ops.length - 1, e + context);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((x) => x.t !== "+").length;
    const newCount = slice.filter((x) => x.t !== "-").length;
    const oldStart = oldCount === 0 ? oldAt[from]! - 1 : oldAt[from]!;
    const newStart = newCount === 0 ? newAt[from]! - 1 : newAt[from]!;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const x of slice) out.push(`${x.t}${x.text}`);
  }
  return out.join("\n");
}

export type AreaMode = "full" | "bare";

/** The case as a changed file: `full` gives the head content too (as the App does); `bare` only the patch (a plain diff). */
export function caseFile(c: AreaCase, mode: AreaMode = "full"): AreaFile {
  const status =
    c.before === undefined ? "added" : c.after === undefined ? "removed" : c.previousPath ? "renamed" : "modified";
  return {
    path: c.path,
    previousPath: c.previousPath,
    status,
    patch: unifiedPatch(c.before ?? "", c.after ?? ""),
    content: mode === "full" ? c.after : undefined,
  };
}

export function caseConfig(c: AreaCase): AiguardConfig {
  return c.config ? configSchema.parse(c.config) : defaultConfig();
}

export interface AreaRecall {
  area: string;
  expected: number;
  found: number;
  recall: number;
}

export interface AreaCaseResult {
  case: AreaCase;
  result: AreaResult;
  missing: string[];
  extra: string[];
}

export interface AreaScore {
  mode: AreaMode;
  cases: number;
  sensitive: number;
  nonSensitive: number;
  perArea: AreaRecall[];
  /** Recall over all expected (case, area) pairs. */
  recall: number;
  falseEscalations: number;
  falseEscalationRate: number;
  /** Sensitive cases that also got an area they should not have. */
  extraAreas: number;
  results: AreaCaseResult[];
  /** Mean time to classify one case, in milliseconds. */
  msPerCase: number;
}

export function scoreAreaCases(cases: AreaCase[], mode: AreaMode = "full"): AreaScore {
  const per = new Map<string, { expected: number; found: number }>();
  const results: AreaCaseResult[] = [];
  let falseEscalations = 0;
  let extraAreas = 0;
  let sensitive = 0;
  let ms = 0;
  for (const c of cases) {
    const cfg = caseConfig(c);
    const file = caseFile(c, mode);
    const t0 = performance.now();
    const result = classifyAreas([file], cfg);
    ms += performance.now() - t0;
    const missing = c.expect.filter((a) => !result.areas.includes(a));
    const extra = result.areas.filter((a) => !c.expect.includes(a));
    for (const a of c.expect) {
      const p = per.get(a) ?? { expected: 0, found: 0 };
      p.expected++;
      if (result.areas.includes(a)) p.found++;
      per.set(a, p);
    }
    if (c.expect.length === 0) {
      if (result.areas.length > 0) falseEscalations++;
    } else {
      sensitive++;
      if (extra.length > 0) extraAreas++;
    }
    results.push({ case: c, result, missing, extra });
  }
  const perArea = [...per.entries()]
    .map(([area, p]) => ({
      area,
      expected: p.expected,
      found: p.found,
      recall: p.expected === 0 ? 1 : p.found / p.expected,
    }))
    .sort((a, b) => a.area.localeCompare(b.area));
  const expected = perArea.reduce((s, p) => s + p.expected, 0);
  const found = perArea.reduce((s, p) => s + p.found, 0);
  const nonSensitive = cases.length - sensitive;
  return {
    mode,
    cases: cases.length,
    sensitive,
    nonSensitive,
    perArea,
    recall: expected === 0 ? 1 : found / expected,
    falseEscalations,
    falseEscalationRate: nonSensitive === 0 ? 0 : falseEscalations / nonSensitive,
    extraAreas,
    results,
    msPerCase: cases.length === 0 ? 0 : ms / cases.length,
  };
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export function formatAreaScore(s: AreaScore, verbose = false): string {
  const lines: string[] = [];
  lines.push(`area      expected  found  recall`);
  for (const p of s.perArea)
    lines.push(
      `${p.area.padEnd(9)} ${String(p.expected).padStart(8)} ${String(p.found).padStart(6)}  ${p.recall.toFixed(3)}`,
    );
  lines.push(
    `${"all".padEnd(9)} ${String(s.perArea.reduce((n, p) => n + p.expected, 0)).padStart(8)} ${String(s.perArea.reduce((n, p) => n + p.found, 0)).padStart(6)}  ${s.recall.toFixed(3)}`,
  );
  lines.push(
    `false escalation: ${s.falseEscalations}/${s.nonSensitive} non-sensitive cases got an area (${pct(s.falseEscalationRate)}); ` +
      `${s.extraAreas}/${s.sensitive} sensitive cases got an extra area; ${s.msPerCase.toFixed(2)} ms per case`,
  );
  if (verbose) {
    for (const r of s.results) {
      if (r.missing.length === 0 && r.extra.length === 0) continue;
      const why = r.result.evidence.map((e) => `${e.area}@${e.line}: ${e.reason}`).join("; ");
      lines.push(
        `  ${r.case.source} "${r.case.name}" (${r.case.path}): missing [${r.missing.join(", ")}] extra [${r.extra.join(", ")}]${why ? ` -- ${why}` : ""}`,
      );
    }
  }
  return lines.join("\n");
}

// ---- the report printed by `npm run bench:quality` ----

/** Time to classify one PR made of `files`, in ms: fastest and median of `runs` (after a warm-up that compiles the signals). */
export function timeClassify(
  files: AreaFile[],
  config: AiguardConfig = defaultConfig(),
  runs = 15,
): { min: number; median: number } {
  classifyAreas(files, config);
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    classifyAreas(files, config);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { min: times[0]!, median: times[Math.floor(runs / 2)]! };
}

/** A 50-file PR made of the biggest labeled cases (with head contents), and its changed-line count. */
export function benchPr(cases: AreaCase[], files = 50): { files: AreaFile[]; lines: number } {
  const sorted = [...cases].sort((a, b) => (b.after ?? b.before ?? "").length - (a.after ?? a.before ?? "").length);
  const out: AreaFile[] = [];
  let lines = 0;
  for (let i = 0; out.length < files && sorted.length > 0; i++) {
    const c = sorted[i % sorted.length]!;
    const f = caseFile(c, "full");
    out.push({ ...f, path: `pr/${i}/${f.path}` });
    lines += (f.patch ?? "").split("\n").filter((l) => l.startsWith("+") || l.startsWith("-")).length;
  }
  return { files: out, lines };
}

/** Per-area recall and false escalation on the labeled set (and the held-out batches), and speed. */
export function areaReport(testRoot: string, verbose = false): string {
  const out: string[] = [];
  const cases = loadAreaCases(join(testRoot, "core", "areas", "hunks"));
  for (const mode of ["full", "bare"] as const) {
    const s = scoreAreaCases(cases, mode);
    const label = mode === "full" ? "with head contents" : "diff only";
    out.push(`== areas (${label}): ${s.cases} labeled hunks, ${s.sensitive} sensitive, ${s.nonSensitive} near-misses`);
    out.push(formatAreaScore(s, verbose));
  }
  const holdout = loadAreaCases(join(testRoot, "core", "areas", "holdout"));
  if (holdout.length > 0) {
    const s = scoreAreaCases(holdout, "full");
    out.push(
      `== areas, held-out batches (not asserted; see test/core/areas/holdout/*.yml for their first-run figures): ${s.cases} cases`,
    );
    out.push(formatAreaScore(s, verbose));
  }
  const pr = benchPr(cases);
  const t = timeClassify(pr.files);
  out.push(
    `== areas speed: ${pr.files.length} files, ${pr.lines} changed lines, with head contents: ` +
      `${t.min.toFixed(2)} ms fastest, ${t.median.toFixed(2)} ms median of 15 runs (the median suffers on a busy machine)`,
  );
  return out.join("\n");
}

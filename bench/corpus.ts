// The labeled detection corpus (test/corpus/<language>/<file>) and its scoring.
//
// Every corpus file is reviewed as if a PR had added it whole. A line where a finding is
// expected ends with a marker comment naming the CWE(s): `// expect: CWE-89` (or `# expect:`,
// `-- expect:`, `<!-- expect: -->`). Any other finding is a false positive. Lines marked
// `safe: CWE-89` are look-alikes that must stay quiet; they count as negatives in the report.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { analyze } from "../src/core/analyze.js";
import type { Scanner } from "../src/core/engine/scanner.js";
import { defaultConfig } from "../src/core/policy/schema.js";
import type { Finding } from "../src/core/types.js";

const MARKER = /\b(expect|safe):\s*((?:CWE-\d+)(?:\s*,\s*CWE-\d+)*)/g;

export interface CorpusCase {
  /** Path relative to test/corpus/<language>/ (what the review sees as the file's path). */
  path: string;
  language: string;
  content: string;
  expected: Map<number, Set<string>>;
  safe: Map<number, Set<string>>;
}

export function loadCorpus(root: string): CorpusCase[] {
  const out: CorpusCase[] = [];
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
  for (const language of readdirSync(root)) {
    const langDir = join(root, language);
    if (!statSync(langDir).isDirectory()) continue;
    for (const file of walk(langDir)) {
      if (file.endsWith(".md")) continue;
      const content = readFileSync(file, "utf8");
      const expected = new Map<number, Set<string>>();
      const safe = new Map<number, Set<string>>();
      content.split("\n").forEach((line, i) => {
        for (const m of line.matchAll(MARKER)) {
          const target = m[1] === "expect" ? expected : safe;
          const set = target.get(i + 1) ?? new Set<string>();
          for (const c of m[2]!.split(",")) set.add(c.trim());
          target.set(i + 1, set);
        }
      });
      out.push({ path: relative(langDir, file), language, content, expected, safe });
    }
  }
  return out.sort((a, b) => a.language.localeCompare(b.language) || a.path.localeCompare(b.path));
}

export interface CweScore {
  cwe: string;
  tp: number;
  fp: number;
  fn: number;
  /** Look-alike lines that stayed quiet / that fired. */
  safeQuiet: number;
  precision: number;
  recall: number;
}

export interface CorpusScore {
  perCwe: CweScore[];
  overall: CweScore;
  files: number;
  falsePositives: { path: string; line: number; ruleId: string; cwe: string[] }[];
  falseNegatives: { path: string; line: number; cwe: string }[];
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

/** Score the scanner on the corpus: precision and recall per CWE and overall. */
export function scoreCorpus(cases: CorpusCase[], scanner: Scanner): CorpusScore {
  const buckets = new Map<string, { tp: number; fp: number; fn: number; safeQuiet: number }>();
  const bucket = (cwe: string) => {
    let b = buckets.get(cwe);
    if (!b) buckets.set(cwe, (b = { tp: 0, fp: 0, fn: 0, safeQuiet: 0 }));
    return b;
  };
  const falsePositives: CorpusScore["falsePositives"] = [];
  const falseNegatives: CorpusScore["falseNegatives"] = [];

  for (const c of cases) {
    const lineCount = c.content.split("\n").length;
    const patch = `@@ -0,0 +1,${lineCount} @@\n${c.content
      .split("\n")
      .map((l) => `+${l}`)
      .join("\n")}`;
    const analysis = analyze(
      {
        base: "corpus",
        head: "corpus",
        files: [{ path: c.path, status: "added", additions: lineCount, deletions: 0, patch, headContent: c.content }],
        config: defaultConfig(),
        customRules: [],
        fullContext: true,
        draft: false,
        notes: [],
      },
      scanner,
    );
    const active: Finding[] = analysis.findings.filter((f) => f.suppressed === null);
    const byLine = new Map<number, Finding[]>();
    for (const f of active) byLine.set(f.line, [...(byLine.get(f.line) ?? []), f]);

    for (const [line, cwes] of c.expected) {
      const found = new Set((byLine.get(line) ?? []).flatMap((f) => f.cwe));
      for (const cwe of cwes) {
        if (found.has(cwe)) bucket(cwe).tp++;
        else {
          bucket(cwe).fn++;
          falseNegatives.push({ path: `${c.language}/${c.path}`, line, cwe });
        }
      }
    }
    for (const f of active) {
      const exp = c.expected.get(f.line);
      if (exp && f.cwe.some((x) => exp.has(x))) continue; // counted as TP above
      bucket(f.cwe[0] ?? "CWE-?").fp++;
      falsePositives.push({ path: `${c.language}/${c.path}`, line: f.line, ruleId: f.ruleId, cwe: f.cwe });
    }
    for (const [line, cwes] of c.safe) {
      const fired = new Set((byLine.get(line) ?? []).flatMap((f) => f.cwe));
      for (const cwe of cwes) if (!fired.has(cwe)) bucket(cwe).safeQuiet++;
    }
  }

  const mk = (cwe: string, b: { tp: number; fp: number; fn: number; safeQuiet: number }): CweScore => ({
    cwe,
    ...b,
    precision: ratio(b.tp, b.tp + b.fp),
    recall: ratio(b.tp, b.tp + b.fn),
  });
  const perCwe = [...buckets.entries()]
    .map(([cwe, b]) => mk(cwe, b))
    .sort((a, b) => Number(a.cwe.slice(4)) - Number(b.cwe.slice(4)));
  const total = perCwe.reduce(
    (t, s) => ({ tp: t.tp + s.tp, fp: t.fp + s.fp, fn: t.fn + s.fn, safeQuiet: t.safeQuiet + s.safeQuiet }),
    { tp: 0, fp: 0, fn: 0, safeQuiet: 0 },
  );
  return { perCwe, overall: mk("overall", total), files: cases.length, falsePositives, falseNegatives };
}

export function formatScore(score: CorpusScore): string {
  const rows = [...score.perCwe, score.overall].map(
    (s) =>
      `${s.cwe.padEnd(10)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)} ${String(s.safeQuiet).padStart(6)}   ${s.precision.toFixed(2)}      ${s.recall.toFixed(2)}`,
  );
  return [`CWE          TP   FP   FN  safe✓   precision recall`, ...rows].join("\n");
}

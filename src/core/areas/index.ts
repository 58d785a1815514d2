// classifyAreas(files, config) -> the sensitive areas a change touches, with evidence.
//
// Pure: no I/O at call time (the built-in signals are read from ./signals.yml once, when the module
// loads). Every changed hunk -- added AND removed lines -- is scored per area from weighed signals
// (paths, imports and their uses, calls, identifier words, patterns); see signals.yml for the data
// and how the weights add up. `policy` is assigned whenever .aiguard.yml or CODEOWNERS changes, and
// when a CI workflow changes in a way that matters (workflow.ts). Evidence never quotes string literals, so no secret value reaches a reason.
import { ecosystemById } from "../dependencies/ecosystems/index.js";
import type { AiguardConfig } from "../policy/schema.js";
import type { AreaEvidence } from "../types.js";
import { matchPath, modulesFor, pathWords, signalsForFile, type PathSig, type SignalSet } from "./compile.js";
import { fileContext } from "./context.js";
import { BUILTIN_SIGNALS, type SignalsData } from "./data.js";
import { contentHunk, parseHunks, type Hunk } from "./hunks.js";
import { addHit, firstLine, scoreHunk, type Hit } from "./score.js";
import type { AreaFile } from "./types.js";
import { workflowPolicy } from "./workflow.js";

export type { AreaFile } from "./types.js";

export interface AreaResult {
  /** Areas touched, sorted. */
  areas: string[];
  evidence: AreaEvidence[];
}

export interface ClassifyOptions {
  /** Signals data to use instead of the bundled signals.yml (tests, experiments). */
  signals?: SignalsData | undefined;
}

/** At most this many evidence entries per area and file; the strongest per hunk come first. */
const MAX_EVIDENCE_PER_FILE = 5;
/** At most this many reasons per area and hunk. */
const MAX_REASONS_PER_HUNK = 3;

export function classifyAreas(
  files: readonly AreaFile[],
  config: AiguardConfig,
  options: ClassifyOptions = {},
): AreaResult {
  const data = options.signals ?? BUILTIN_SIGNALS;
  const evidence: AreaEvidence[] = [];
  for (const f of files) evidence.push(...classifyFile(f, signalsForFile(f.path, config, data)));
  evidence.sort((a, b) => cmp(a.path, b.path) || a.line - b.line || cmp(a.area, b.area) || cmp(a.reason, b.reason));
  const areas = [...new Set(evidence.map((e) => e.area))].sort();
  return { areas, evidence };
}

/** Code-unit order: the same everywhere, whatever the locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- one file ----

/**
 * Whether a change to `path` always assigns an area regardless of content (the `policy` area:
 * .aiguard.yml, .aiguard/**, CODEOWNERS, .github/workflows/**, the config's rule directories).
 * Callers that drop files before classifying (e.g. `paths.ignore`) should keep these.
 */
export function alwaysClassified(path: string, config: AiguardConfig, options: ClassifyOptions = {}): boolean {
  const set = signalsForFile(path, config, options.signals ?? BUILTIN_SIGNALS);
  const words = pathWords(path);
  return set.always.some((sig) => matchPath(sig, path, words) !== null);
}

/**
 * Whether `path` is a test file (the `files.tests` globs of signals.yml, as the areas weigh them:
 * tests, specs, fixtures, mocks, testdata, `*_test.go`, `test_*.py`, `*Test.java`).
 */
export function isTestPath(path: string, config: AiguardConfig, options: ClassifyOptions = {}): boolean {
  return signalsForFile(path, config, options.signals ?? BUILTIN_SIGNALS).isTest.test(path);
}

/** Why a hunk did or did not reach an area: its score, the threshold, and every signal that fired. */
export interface HunkScore {
  path: string;
  /** First changed head line of the hunk. */
  line: number;
  area: string;
  score: number;
  threshold: number;
  signals: Array<{ reason: string; weight: number; line: number }>;
}

/** Every hunk's score per area, met or not: for debugging signals and for `--explain`-style output. */
export function explainAreas(
  files: readonly AreaFile[],
  config: AiguardConfig,
  options: ClassifyOptions = {},
): HunkScore[] {
  const data = options.signals ?? BUILTIN_SIGNALS;
  const out: HunkScore[] = [];
  for (const f of files) classifyFile(f, signalsForFile(f.path, config, data), out);
  return out;
}

function classifyFile(f: AreaFile, set: SignalSet, explain?: HunkScore[]): AreaEvidence[] {
  const out: AreaEvidence[] = [];
  const hunks: Hunk[] = f.patch
    ? parseHunks(f.patch)
    : f.content !== undefined && f.status !== "removed"
      ? [contentHunk(f.content)]
      : [];
  const fileLine = hunks.length > 0 ? firstLine(hunks[0]!) : 1;

  const words = pathWords(f.path);
  const prevWords = f.previousPath ? pathWords(f.previousPath) : null;
  const matchBoth = (sig: PathSig): string | null =>
    matchPath(sig, f.path, words) ?? (f.previousPath ? prev(matchPath(sig, f.previousPath, prevWords!)) : null);

  // Areas that any change to the file assigns (policy). A workflow's content decides whether its
  // change is policy (see workflow.ts), unless the config names the path itself.
  const workflow = workflowPolicy(f);
  const alwaysSeen = new Set<string>();
  for (const sig of set.always) {
    if (alwaysSeen.has(sig.area) || (workflow !== null && sig.area === "policy" && !sig.configured)) continue;
    const r = matchBoth(sig);
    if (r) {
      alwaysSeen.add(sig.area);
      out.push({ area: sig.area, path: f.path, line: fileLine, reason: r });
    }
  }
  if (workflow !== null && !alwaysSeen.has("policy")) {
    for (const w of workflow.slice(0, MAX_EVIDENCE_PER_FILE)) out.push({ area: "policy", path: f.path, ...w });
  }

  const skip = set.skip.test(f.path);
  const factor = set.isTest.test(f.path) ? set.testFactor : 1;
  // Client-side UI code shows and hides things; it does not enforce access: its paths, words and
  // patterns weigh less (imports and calls, e.g. a payment SDK, keep their weight).
  const uiFactor = set.isUi.test(f.path) ? set.uiFactor : 1;
  // The path is one signal per area: the strongest path entry that matches.
  const bestPath = new Map<string, { area: string; key: string; weight: number; reason: string }>();
  for (const sig of set.paths) {
    if (skip && !sig.configured) continue;
    const r = matchBoth(sig);
    if (!r) continue;
    const weight = sig.configured ? sig.weight : sig.weight * factor * uiFactor;
    const cur = bestPath.get(sig.area);
    if (!cur || weight > cur.weight) bestPath.set(sig.area, { area: sig.area, key: "path", weight, reason: r });
  }
  const pathHits = [...bestPath.values()];

  const scored: Array<Map<string, Map<string, Hit>>> = [];
  if (hunks.length === 0 || skip) {
    // No content to read (a pure rename, a binary, a skipped kind of file): paths only.
    const targets = hunks.length === 0 ? [fileLine] : hunks.map(firstLine);
    for (const line of targets) {
      const hits = new Map<string, Map<string, Hit>>();
      for (const p of pathHits) addHit(hits, p.area, p.key, { weight: p.weight, reason: p.reason, line });
      scored.push(hits);
    }
  } else {
    const ctx = fileContext(f, hunks, set);
    for (const h of hunks) scored.push(scoreHunk(h, ctx, pathHits, factor, uiFactor));
  }

  const perArea = new Map<string, AreaEvidence[]>();
  for (const hits of scored) {
    for (const [area, byKey] of hits) {
      const def = set.areas.get(area);
      if (!def || def.always) continue;
      let total = 0;
      let words = 0;
      for (const h of byKey.values()) {
        if (h.word) words += h.weight;
        else total += h.weight;
      }
      total += Math.min(words, def.identifierCap);
      if (explain) {
        const signals = [...byKey.values()].map((h) => ({
          reason: h.word ? `identifier ${h.word}` : h.reason,
          weight: Math.round(h.weight * 100) / 100,
          line: h.line,
        }));
        signals.sort((a, b) => b.weight - a.weight || a.line - b.line);
        explain.push({
          path: f.path,
          line: Math.min(...signals.map((x) => x.line)),
          area,
          score: Math.round(total * 100) / 100,
          threshold: def.threshold,
          signals,
        });
      }
      if (total < def.threshold - 1e-9) continue;
      const list = perArea.get(area) ?? [];
      for (const h of reasons(byKey)) {
        if (list.some((e) => e.reason === h.reason)) continue;
        list.push({ area, path: f.path, line: h.line, reason: h.reason });
      }
      perArea.set(area, list);
    }
  }
  for (const list of perArea.values()) out.push(...list.slice(0, MAX_EVIDENCE_PER_FILE));
  return out;
}

function prev(reason: string | null): string | null {
  return reason === null ? null : `previous ${reason}`;
}

/** The strongest reasons of one hunk for one area; identifier words merge into one reason. */
function reasons(byKey: Map<string, Hit>): Hit[] {
  const plain: Hit[] = [];
  const words: Hit[] = [];
  for (const h of byKey.values()) (h.word ? words : plain).push(h);
  plain.sort((a, b) => b.weight - a.weight || a.line - b.line || cmp(a.reason, b.reason));
  const out = plain.slice(0, MAX_REASONS_PER_HUNK);
  // Identifier words are weak: they are reported after the stronger signals, as one reason.
  if (words.length > 0 && (out.length < MAX_REASONS_PER_HUNK || plain.reduce((s, h) => s + h.weight, 0) === 0)) {
    words.sort((a, b) => b.weight - a.weight || a.line - b.line || cmp(a.word!, b.word!));
    const shown = words.slice(0, 3).map((w) => w.word);
    out.push({
      weight: words.reduce((s, w) => s + w.weight, 0),
      reason: `identifiers ${shown.join(", ")}${words.length > 3 ? ", …" : ""}`,
      line: Math.min(...words.map((w) => w.line)),
    });
  }
  return out;
}

// ---- dependencies ----

/**
 * Areas a change enters by adding a direct dependency: a package that is itself a strong import
 * signal of an area (`stripe` for payment, `jsonwebtoken` for auth, `cryptography` for crypto)
 * places the manifest line that adds it in that area, even before any code imports it.
 */
export function dependencyAreas(
  deps: readonly {
    ecosystem: string;
    name: string;
    change: string;
    direct: boolean;
    manifest: string;
    line?: number | undefined;
  }[],
  config: AiguardConfig,
  options: ClassifyOptions = {},
): AreaEvidence[] {
  const data = options.signals ?? BUILTIN_SIGNALS;
  const out: AreaEvidence[] = [];
  for (const d of deps) {
    if (d.change !== "added" || !d.direct) continue;
    const set = signalsForFile(d.manifest, config, data);
    // The languages whose import signals a package of this ecosystem answers to, and the module it imports as.
    const imports = ecosystemById(d.ecosystem)?.imports;
    const module = imports?.module ? imports.module(d.name) : d.name;
    const seen = new Set<string>();
    for (const lang of imports?.languages ?? []) {
      for (const [area, sig] of modulesFor(set, lang, module)) {
        const threshold = set.areas.get(area)?.threshold ?? data.defaults.threshold;
        if (seen.has(area) || sig.weight < threshold) continue;
        seen.add(area);
        out.push({ area, path: d.manifest, line: d.line ?? 1, reason: `adds the dependency ${d.name}` });
      }
    }
  }
  return out;
}

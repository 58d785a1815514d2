// classifyAreas(files, config) -> the sensitive areas a change touches, with evidence.
//
// Pure: no I/O at call time (the built-in signals are read from ./signals.yml once, when the module
// loads). Every changed hunk -- added AND removed lines -- is scored per area from weighed signals
// (paths, imports and their uses, calls, identifier words, patterns); see signals.yml for the data
// and how the weights add up. `policy` is assigned whenever .aiguard.yml, CODEOWNERS or a CI
// workflow changes. Evidence never quotes string literals, so no secret value reaches a reason.
import type { AiguardConfig } from "../policy/schema.js";
import type { AreaEvidence, FileStatus } from "../types.js";
import { matchPath, modulesFor, pathWords, signalsForFile, type PathSig, type SignalSet, type WordSig } from "./compile.js";
import { BUILTIN_SIGNALS, type SignalsData } from "./data.js";
import { contentHunk, parseHunks, type Hunk } from "./hunks.js";
import { parseImports, type ImportStmt } from "./imports.js";
import { fileLang, lexFragment, lexLines, type LexedLine } from "./lexer.js";
import { scanTokens } from "./tokens.js";
import { identifierKey, phrases, splitWords } from "./words.js";

export interface AreaFile {
  path: string;
  previousPath?: string | undefined;
  status: FileStatus;
  /** Unified diff hunks (GitHub's `patch`). */
  patch?: string | undefined;
  /** The file at the head commit, when known (makes imports and comment state exact). */
  content?: string | undefined;
}

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
/** Longer lines (minified code) are read up to this many characters. */
const MAX_LINE = 4000;

export function classifyAreas(files: readonly AreaFile[], config: AiguardConfig, options: ClassifyOptions = {}): AreaResult {
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

interface Hit {
  weight: number;
  reason: string;
  line: number;
  /** Identifier words are reported together. */
  word?: string | undefined;
  /** Between equal weights of one signal, the higher rank is reported (a use over its import). */
  rank?: number | undefined;
  /** Found on a removed line: an added line with the same signal is reported instead. */
  removed?: boolean | undefined;
}

interface Binding {
  module: string;
  member: string | null;
  typeOnly: boolean;
  /** Local name split at dots (Python `import a.b.c` binds `a.b.c`). */
  segs: string[];
}

interface ChangedLine {
  kind: "add" | "del" | "ctx";
  /** Where evidence goes: the head line (added), the nearest head line (removed), the hunk's first changed line (context). */
  line: number;
  /** Head line number of an added or context line (0 for a removed line). */
  headLine: number;
  /** Index in hunk.lines. */
  index: number;
  lex: LexedLine;
}

function firstLine(h: Hunk): number {
  const add = h.lines.find((l) => l.kind === "add");
  return (add ?? h.lines.find((l) => l.kind === "del") ?? h.lines[0])?.line ?? 1;
}

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
export function explainAreas(files: readonly AreaFile[], config: AiguardConfig, options: ClassifyOptions = {}): HunkScore[] {
  const data = options.signals ?? BUILTIN_SIGNALS;
  const out: HunkScore[] = [];
  for (const f of files) classifyFile(f, signalsForFile(f.path, config, data), out);
  return out;
}

function classifyFile(f: AreaFile, set: SignalSet, explain?: HunkScore[]): AreaEvidence[] {
  const out: AreaEvidence[] = [];
  const hunks: Hunk[] = f.patch ? parseHunks(f.patch) : f.content !== undefined && f.status !== "removed" ? [contentHunk(f.content)] : [];
  const fileLine = hunks.length > 0 ? firstLine(hunks[0]!) : 1;

  const words = pathWords(f.path);
  const prevWords = f.previousPath ? pathWords(f.previousPath) : null;
  const matchBoth = (sig: PathSig): string | null =>
    matchPath(sig, f.path, words) ?? (f.previousPath ? prev(matchPath(sig, f.previousPath, prevWords!)) : null);

  // Areas that any change to the file assigns (policy).
  const alwaysSeen = new Set<string>();
  for (const sig of set.always) {
    if (alwaysSeen.has(sig.area)) continue;
    const r = matchBoth(sig);
    if (r) {
      alwaysSeen.add(sig.area);
      out.push({ area: sig.area, path: f.path, line: fileLine, reason: r });
    }
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
        const signals = [...byKey.values()].map((h) => ({ reason: h.word ? `identifier ${h.word}` : h.reason, weight: Math.round(h.weight * 100) / 100, line: h.line }));
        signals.sort((a, b) => b.weight - a.weight || a.line - b.line);
        explain.push({ path: f.path, line: Math.min(...signals.map((x) => x.line)), area, score: Math.round(total * 100) / 100, threshold: def.threshold, signals });
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

function addHit(hits: Map<string, Map<string, Hit>>, area: string, key: string, hit: Hit): void {
  if (hit.weight <= 0) return;
  let byKey = hits.get(area);
  if (!byKey) {
    byKey = new Map();
    hits.set(area, byKey);
  }
  const old = byKey.get(key);
  if (!old || hit.weight > old.weight) byKey.set(key, hit);
  else if (hit.weight === old.weight) {
    const d = (old.removed ? 1 : 0) - (hit.removed ? 1 : 0) || (hit.rank ?? 0) - (old.rank ?? 0) || old.line - hit.line;
    if (d > 0) byKey.set(key, hit);
  }
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

// ---- what the whole file tells about each hunk: lexed lines, imports, bindings ----

interface FileContext {
  lang: string | null;
  set: SignalSet;
  /** Lexed head lines by line number. */
  head: Map<number, LexedLine>;
  headImports: Array<{ stmt: ImportStmt; lines: number[] }>;
  bindings: Map<string, Binding[]>;
  /** Usual local names of known modules, used for names that nothing visible binds. */
  implicit: Map<string, Binding[]>;
  /** Whether the head file declares a name itself (always false when only the diff is known). */
  declares: (name: string) => boolean;
  /** Per hunk: lexed removed lines (by index in hunk.lines) and the imports its removed lines drop. */
  old: Map<Hunk, { lex: Map<number, LexedLine>; removedImports: Array<{ stmt: ImportStmt; line: number }>; importLines: Set<number> }>;
}

function fileContext(f: AreaFile, hunks: Hunk[], set: SignalSet): FileContext {
  const { id: lang, lex } = fileLang(f.path);
  const head = new Map<number, LexedLine>();
  const headImports: FileContext["headImports"] = [];
  const bindings = new Map<string, Binding[]>();
  const bind = (stmt: ImportStmt) => {
    for (const b of stmt.bindings) {
      const list = bindings.get(b.local.split(".")[0]!) ?? [];
      list.push({ module: stmt.module, member: b.member, typeOnly: stmt.typeOnly, segs: b.local.split(".") });
      bindings.set(b.local.split(".")[0]!, list);
    }
  };

  let headCode: string[] | null = null;
  if (f.content !== undefined && f.status !== "removed") {
    // Lex the head file up to the last line any hunk shows: exact comment/string state, and imports.
    let last = 0;
    for (const h of hunks) for (const l of h.lines) if (l.kind !== "del" && l.line > last) last = l.line;
    const all = f.content.split("\n");
    const lines = all.slice(0, Math.min(all.length, last)).map((t) => t.replace(/\r$/, ""));
    const lexed = lexLines(lines, lex).lines;
    lexed.forEach((l, i) => head.set(i + 1, l));
    headCode = lexed.map((l) => l.code);
    for (const stmt of parseImports(lang, headCode)) {
      headImports.push({ stmt, lines: range(stmt.from + 1, stmt.to + 1) });
      bind(stmt);
    }
  } else {
    for (const h of hunks) {
      const side = h.lines.filter((l) => l.kind !== "del");
      const lexed = lexFragment(side.map((l) => l.text), lex);
      side.forEach((l, i) => head.set(l.line, lexed[i]!));
      for (const stmt of parseImports(lang, lexed.map((l) => l.code))) {
        headImports.push({ stmt, lines: range(stmt.from, stmt.to).map((i) => side[i]!.line) });
        bind(stmt);
      }
    }
  }

  const old: FileContext["old"] = new Map();
  for (const h of hunks) {
    const idx: number[] = [];
    h.lines.forEach((l, i) => {
      if (l.kind !== "add") idx.push(i);
    });
    if (!h.lines.some((l) => l.kind === "del")) {
      old.set(h, { lex: new Map(), removedImports: [], importLines: new Set() });
      continue;
    }
    const lexed = lexFragment(idx.map((i) => h.lines[i]!.text), lex);
    const lexMap = new Map<number, LexedLine>();
    idx.forEach((i, k) => lexMap.set(i, lexed[k]!));
    const removedImports: Array<{ stmt: ImportStmt; line: number }> = [];
    const importLines = new Set<number>();
    for (const stmt of parseImports(lang, lexed.map((l) => l.code))) {
      bind(stmt);
      for (const k of range(stmt.from, stmt.to)) importLines.add(idx[k]!);
      const del = range(stmt.from, stmt.to)
        .map((k) => h.lines[idx[k]!]!)
        .find((l) => l.kind === "del");
      if (del) removedImports.push({ stmt, line: del.line });
    }
    old.set(h, { lex: lexMap, removedImports, importLines });
  }

  // Names that the file declares itself: such a name is not the module of the same name.
  // Computed on first need (a token whose name is a known module's and that nothing imports).
  let declared: Set<string> | null | undefined = headCode ? undefined : null;
  const declares = (name: string): boolean => {
    if (declared === undefined) {
      declared = new Set();
      for (const l of headCode!) {
        DECL.lastIndex = 0;
        for (let m = DECL.exec(l); m !== null; m = DECL.exec(l)) declared.add(m[1] ?? m[2]!);
      }
    }
    return declared?.has(name) ?? false;
  };
  return { lang, set, head, headImports, bindings, old, implicit: implicitNames(set, lang), declares };
}

/** `const x`, `def x`, `func x`, `x =`, `x :=`: names a file declares (lexically, roughly). */
const DECL = /\b(?:const|let|var|function|class|def|func|type)\s+([A-Za-z_$][\w$]*)|(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?::=|=(?![=>]))/g;

const implicitCache = new WeakMap<SignalSet, Map<string, Map<string, Binding[]>>>();

/**
 * The usual local names of known modules (`bcrypt`, `stripe`, `hmac`, Go's `jwt`), for files whose
 * imports are not visible (a bare diff) or that use a name they neither import nor declare.
 */
function implicitNames(set: SignalSet, lang: string | null): Map<string, Binding[]> {
  if (lang === null || lang === "java") return new Map();
  let perLang = implicitCache.get(set);
  if (!perLang) {
    perLang = new Map();
    implicitCache.set(set, perLang);
  }
  let names = perLang.get(lang);
  if (!names) {
    names = new Map();
    for (const m of set.modules) {
      if (!m.implicitName || names.has(m.implicitName)) continue;
      if (m.lang ? !m.lang.has(lang) : m.implicitGo ? lang !== "go" : lang === "go") continue;
      names.set(m.implicitName, [{ module: m.spec, member: null, typeOnly: false, segs: [m.implicitName] }]);
    }
    perLang.set(lang, names);
  }
  return names;
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

// ---- one hunk ----


/** Keywords and common type names of the languages read: never a signal, skipped early. */
const KEYWORDS = new Set(
  (
    "if else for while do return const let var function class new this self super import from export default async await " +
    "try catch finally throw throws typeof instanceof in of void null undefined true false True False None def elif " +
    "lambda pass yield with as is not and or func package go defer chan map struct interface type range nil public " +
    "private protected static final abstract extends implements string number boolean int long bool byte float double " +
    "char any unknown never switch case break continue"
  ).split(" "),
);

interface Offer {
  key: string;
  weight: number;
  reason: string;
  module: boolean;
}

/** Keep the strongest reading of a token per area; a module use keeps its key, so an import and its uses count once. */
function offer(best: Map<string, Offer>, area: string, key: string, weight: number, reason: string, module: boolean): void {
  const cur = best.get(area);
  if (!cur) {
    best.set(area, { key, weight, reason, module });
    return;
  }
  const stronger = weight > cur.weight;
  cur.key = cur.module ? cur.key : module || stronger ? key : cur.key;
  if (stronger) {
    cur.weight = weight;
    cur.reason = reason;
  }
  cur.module ||= module;
}

const wordCache = new WeakMap<SignalSet, Map<string, WordSig[]>>();

function wordHits(set: SignalSet, ident: string): WordSig[] {
  let cache = wordCache.get(set);
  if (!cache) {
    cache = new Map();
    wordCache.set(set, cache);
  }
  let hit = cache.get(ident);
  if (hit) return hit;
  hit = [];
  if (!set.ignoreIdentifiers.has(identifierKey(ident))) {
    const seen = new Set<string>();
    phrases(splitWords(ident), set.maxPhrase, (p) => {
      if (seen.has(p)) return;
      seen.add(p);
      for (const w of set.words.get(p) ?? []) hit!.push(w);
    });
  }
  if (cache.size < 100_000) cache.set(ident, hit);
  return hit;
}

function scoreHunk(
  h: Hunk,
  ctx: FileContext,
  pathHits: Array<{ area: string; key: string; weight: number; reason: string }>,
  factor: number,
  uiFactor: number,
): Map<string, Map<string, Hit>> {
  const { set, lang } = ctx;
  const hits = new Map<string, Map<string, Hit>>();
  const line0 = firstLine(h);
  for (const p of pathHits) addHit(hits, p.area, p.key, { weight: p.weight, reason: p.reason, line: line0 });

  const oldSide = ctx.old.get(h)!;
  // Changed lines count in full; the hunk's context lines (the code around the change, which
  // often says what a one-word edit is about) count at `contextFactor`.
  const changed: ChangedLine[] = [];
  const added = new Set<number>();
  h.lines.forEach((l, i) => {
    if (l.kind === "add") {
      added.add(l.line);
      const lex = ctx.head.get(l.line);
      if (lex) changed.push({ kind: "add", line: l.line, headLine: l.line, index: i, lex });
    } else if (l.kind === "del") {
      const lex = oldSide.lex.get(i);
      if (lex) changed.push({ kind: "del", line: l.line, headLine: 0, index: i, lex });
    } else if (set.contextFactor > 0) {
      const lex = ctx.head.get(l.line);
      if (lex) changed.push({ kind: "ctx", line: line0, headLine: l.line, index: i, lex });
    }
  });
  const lineFactor = (c: ChangedLine) => (c.kind === "ctx" ? set.contextFactor : 1);
  const suffix = (c: ChangedLine) => (c.kind === "del" ? " (removed)" : c.kind === "ctx" ? " (nearby)" : "");

  // Import statements the hunk adds or removes.
  const importHit = (stmt: ImportStmt, line: number, removed: boolean) => {
    for (const [area, sig] of modulesFor(set, lang, stmt.module)) {
      let w = sig.weight;
      if (stmt.members.length > 0) w = Math.max(...stmt.members.map((m) => sig.members.get(m) ?? sig.weight));
      if (stmt.typeOnly) w *= 0.5;
      addHit(hits, area, sig.key, { weight: w * factor, reason: `imports ${stmt.module}${removed ? " (removed)" : ""}`, line, removed });
    }
  };
  // Lines that are part of an import statement: their names are the import, not uses of it.
  const importHead = new Set<number>();
  for (const { stmt, lines } of ctx.headImports) {
    for (const n of lines) importHead.add(n);
    const l = lines.find((n) => added.has(n));
    if (l !== undefined) importHit(stmt, l, false);
  }
  for (const { stmt, line } of oldSide.removedImports) importHit(stmt, line, true);

  const usageNeedsCall = lang !== "java" && lang !== "go";
  const best = new Map<string, Offer>();
  for (const c of changed) {
    const removed = suffix(c);
    const lf = lineFactor(c);
    const bare = c.lex.bare.length > MAX_LINE ? c.lex.bare.slice(0, MAX_LINE) : c.lex.bare;
    const inImport = c.kind === "del" ? oldSide.importLines.has(c.index) : importHead.has(c.headLine);
    scanTokens(bare, (tok) => {
      const segs = tok.segs;
      if (segs.length === 1 && KEYWORDS.has(segs[0]!)) return;
      for (const seg of segs) {
        for (const w of wordHits(set, seg)) {
          const weight = w.weight * factor * lf * uiFactor;
          const old = hits.get(w.area)?.get(w.key);
          if (old && (old.weight > weight || (old.weight === weight && (!old.removed || c.kind !== "add")))) continue;
          addHit(hits, w.area, w.key, { weight, reason: w.word, line: c.line, word: w.word, removed: c.kind !== "add" });
        }
      }
      if (inImport) return;
      const { decorator, called, chained, jsx } = tok;

      // Per area, the strongest reading of this one token: a use of an imported module, or a known call.
      best.clear();
      const root = segs[0]!;
      const bindings = chained
        ? undefined
        : (ctx.bindings.get(root) ?? (ctx.implicit.has(root) && !ctx.declares(root) ? ctx.implicit.get(root) : undefined));
      if (bindings) {
        for (const bnd of bindings) {
          const n = bnd.segs.length;
          if (segs.length < n || (n > 1 && bnd.segs.some((x, k) => segs[k] !== x))) continue;
          const more = segs.length > n;
          if (usageNeedsCall && !(called || more || decorator || jsx)) continue;
          const member = bnd.member ?? segs[n] ?? null;
          const what = [bnd.module, ...(bnd.member !== null ? [bnd.member] : []), ...segs.slice(n)].slice(0, 3).join(".");
          const verb = called && segs.length - n <= 2 ? "calls" : "uses";
          for (const [area, sig] of modulesFor(set, lang, bnd.module)) {
            let w = member !== null && sig.members.has(member) ? sig.members.get(member)! : sig.weight;
            if (bnd.typeOnly) w *= 0.5;
            offer(best, area, sig.key, w, `${verb} ${what}${removed}`, true);
          }
        }
      }
      if (set.calls.size > 0) {
        for (let i = 0; i < segs.length; i++) {
          let key = "";
          for (let j = i; j < Math.min(segs.length, i + 4); j++) {
            key = j === i ? segs[i]! : `${key}.${segs[j]}`;
            const sigs = set.calls.get(key);
            if (!sigs) continue;
            for (const sig of sigs) {
              if (sig.lang && (lang === null || !sig.lang.has(lang))) continue;
              const verb = decorator && i === 0 ? "decorated with @" : called && j === segs.length - 1 ? "calls " : "uses ";
              offer(best, sig.area, sig.key, sig.weight, `${verb}${sig.spec}${removed}`, false);
            }
          }
        }
      }
      for (const [area, o] of best) addHit(hits, area, o.key, { weight: o.weight * factor * lf, reason: o.reason, line: c.line, rank: 1, removed: c.kind !== "add" });
    });
  }

  // Patterns: one test over the whole hunk first, then find the line.
  if (set.patterns.length > 0 && changed.length > 0) {
    const joined = changed.map((c) => (c.lex.code.length > MAX_LINE ? c.lex.code.slice(0, MAX_LINE) : c.lex.code)).join("\n");
    set.patterns.forEach((p, k) => {
      if (p.lang && (lang === null || !p.lang.has(lang))) return;
      if (!p.re.test(joined)) return;
      const c =
        changed.find((x) => x.kind === "add" && p.re.test(x.lex.code)) ??
        changed.find((x) => x.kind === "del" && p.re.test(x.lex.code)) ??
        changed.find((x) => p.re.test(x.lex.code));
      if (!c) return;
      addHit(hits, p.area, `pat:${k}`, { weight: p.weight * factor * lineFactor(c) * uiFactor, reason: `${p.reason}${suffix(c)}`, line: c.line, removed: c.kind !== "add" });
    });
  }
  return hits;
}

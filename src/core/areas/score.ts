// One hunk -> per area, the signals that fired and their weights (see signals.yml for the rules).
import { modulesFor, type SignalSet, type WordSig } from "./compile.js";
import type { FileContext } from "./context.js";
import type { Hunk } from "./hunks.js";
import type { ImportStmt } from "./imports.js";
import type { LexedLine } from "./lexer.js";
import { scanTokens, type Token } from "./tokens.js";
import { identifierKey, phrases, splitWords } from "./words.js";

/** Longer lines (minified code) are read up to this many characters. */
const MAX_LINE = 4000;

export interface Hit {
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

export function firstLine(h: Hunk): number {
  const add = h.lines.find((l) => l.kind === "add");
  return (add ?? h.lines.find((l) => l.kind === "del") ?? h.lines[0])?.line ?? 1;
}

export function addHit(hits: Map<string, Map<string, Hit>>, area: string, key: string, hit: Hit): void {
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
function offer(
  best: Map<string, Offer>,
  area: string,
  key: string,
  weight: number,
  reason: string,
  module: boolean,
): void {
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

type Hits = Map<string, Map<string, Hit>>;
type OldSide = FileContext["old"] extends Map<Hunk, infer V> ? V : never;

/** One hunk being scored: the file, the hits so far, and the hunk's weight factors. */
interface Scoring {
  ctx: FileContext;
  hits: Hits;
  factor: number;
  uiFactor: number;
}

/** Context lines count at the set's `contextFactor`, changed lines in full. */
function lineFactor(set: SignalSet, c: ChangedLine): number {
  return c.kind === "ctx" ? set.contextFactor : 1;
}

/** How evidence from a line is marked: removed, nearby (context) or not at all (added). */
function suffix(c: ChangedLine): string {
  return c.kind === "del" ? " (removed)" : c.kind === "ctx" ? " (nearby)" : "";
}

/**
 * The hunk's lines with their lexed text: changed lines in full, and the hunk's context lines
 * (the code around the change, which often says what a one-word edit is about) when the set
 * counts them. Also the head line numbers of the added lines.
 */
function changedLines(
  h: Hunk,
  ctx: FileContext,
  oldSide: OldSide,
  line0: number,
): { changed: ChangedLine[]; added: Set<number> } {
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
    } else if (ctx.set.contextFactor > 0) {
      const lex = ctx.head.get(l.line);
      if (lex) changed.push({ kind: "ctx", line: line0, headLine: l.line, index: i, lex });
    }
  });
  return { changed, added };
}

/** One import statement the hunk adds or removes. */
function importHit(s: Scoring, stmt: ImportStmt, line: number, removed: boolean): void {
  for (const [area, sig] of modulesFor(s.ctx.set, s.ctx.lang, stmt.module)) {
    let w = sig.weight;
    if (stmt.members.length > 0) w = Math.max(...stmt.members.map((m) => sig.members.get(m) ?? sig.weight));
    if (stmt.typeOnly) w *= 0.5;
    addHit(s.hits, area, sig.key, {
      weight: w * s.factor,
      reason: `imports ${stmt.module}${removed ? " (removed)" : ""}`,
      line,
      removed,
    });
  }
}

/** Score the imports the hunk adds or removes; the head lines that are part of an import statement. */
function scoreImports(s: Scoring, oldSide: OldSide, added: Set<number>): Set<number> {
  const importHead = new Set<number>();
  for (const { stmt, lines } of s.ctx.headImports) {
    for (const n of lines) importHead.add(n);
    const l = lines.find((n) => added.has(n));
    if (l !== undefined) importHit(s, stmt, l, false);
  }
  for (const { stmt, line } of oldSide.removedImports) importHit(s, stmt, line, true);
  return importHead;
}

/** Identifier words of a token, each kept at its strongest line. */
function scoreWords(s: Scoring, c: ChangedLine, segs: readonly string[]): void {
  const lf = lineFactor(s.ctx.set, c);
  for (const seg of segs) {
    for (const w of wordHits(s.ctx.set, seg)) {
      const weight = w.weight * s.factor * lf * s.uiFactor;
      const old = s.hits.get(w.area)?.get(w.key);
      if (old && (old.weight > weight || (old.weight === weight && (!old.removed || c.kind !== "add")))) continue;
      addHit(s.hits, w.area, w.key, { weight, reason: w.word, line: c.line, word: w.word, removed: c.kind !== "add" });
    }
  }
}

/** A token read as a use of an imported (or usually imported) module: offers per area. */
function offerModuleUses(best: Map<string, Offer>, ctx: FileContext, tok: Token, removed: string): void {
  const { segs, decorator, called, chained, jsx } = tok;
  const { set, lang } = ctx;
  const root = segs[0]!;
  const bindings = chained
    ? undefined
    : (ctx.bindings.get(root) ?? (ctx.implicit.has(root) && !ctx.declares(root) ? ctx.implicit.get(root) : undefined));
  if (!bindings) return;
  const usageNeedsCall = lang !== "java" && lang !== "go";
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

/** A token read as a known call (any run of up to four of its segments): offers per area. */
function offerCalls(best: Map<string, Offer>, ctx: FileContext, tok: Token, removed: string): void {
  const { set, lang } = ctx;
  const { segs, decorator, called } = tok;
  if (set.calls.size === 0) return;
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

/** Identifier words, module uses and known calls on the changed lines. */
function scoreTokens(s: Scoring, changed: ChangedLine[], oldSide: OldSide, importHead: Set<number>): void {
  const best = new Map<string, Offer>();
  for (const c of changed) {
    const removed = suffix(c);
    const lf = lineFactor(s.ctx.set, c);
    const bare = c.lex.bare.length > MAX_LINE ? c.lex.bare.slice(0, MAX_LINE) : c.lex.bare;
    const inImport = c.kind === "del" ? oldSide.importLines.has(c.index) : importHead.has(c.headLine);
    scanTokens(bare, (tok) => {
      const segs = tok.segs;
      if (segs.length === 1 && KEYWORDS.has(segs[0]!)) return;
      scoreWords(s, c, segs);
      if (inImport) return;
      // Per area, the strongest reading of this one token: a use of an imported module, or a known call.
      best.clear();
      offerModuleUses(best, s.ctx, tok, removed);
      offerCalls(best, s.ctx, tok, removed);
      for (const [area, o] of best)
        addHit(s.hits, area, o.key, {
          weight: o.weight * s.factor * lf,
          reason: o.reason,
          line: c.line,
          rank: 1,
          removed: c.kind !== "add",
        });
    });
  }
}

/** Patterns: one test over the whole hunk first, then find the line. */
function scorePatterns(s: Scoring, changed: ChangedLine[]): void {
  const { set, lang } = s.ctx;
  if (set.patterns.length === 0 || changed.length === 0) return;
  const joined = changed
    .map((c) => (c.lex.code.length > MAX_LINE ? c.lex.code.slice(0, MAX_LINE) : c.lex.code))
    .join("\n");
  set.patterns.forEach((p, k) => {
    if (p.lang && (lang === null || !p.lang.has(lang))) return;
    if (!p.re.test(joined)) return;
    const c =
      changed.find((x) => x.kind === "add" && p.re.test(x.lex.code)) ??
      changed.find((x) => x.kind === "del" && p.re.test(x.lex.code)) ??
      changed.find((x) => p.re.test(x.lex.code));
    if (!c) return;
    addHit(s.hits, p.area, `pat:${k}`, {
      weight: p.weight * s.factor * lineFactor(set, c) * s.uiFactor,
      reason: `${p.reason}${suffix(c)}`,
      line: c.line,
      removed: c.kind !== "add",
    });
  });
}

export function scoreHunk(
  h: Hunk,
  ctx: FileContext,
  pathHits: Array<{ area: string; key: string; weight: number; reason: string }>,
  factor: number,
  uiFactor: number,
): Map<string, Map<string, Hit>> {
  const s: Scoring = { ctx, hits: new Map(), factor, uiFactor };
  const line0 = firstLine(h);
  for (const p of pathHits) addHit(s.hits, p.area, p.key, { weight: p.weight, reason: p.reason, line: line0 });
  const oldSide = ctx.old.get(h)!;
  const { changed, added } = changedLines(h, ctx, oldSide, line0);
  const importHead = scoreImports(s, oldSide, added);
  scoreTokens(s, changed, oldSide, importHead);
  scorePatterns(s, changed);
  return s.hits;
}

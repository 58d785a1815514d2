// One hunk -> per area, the signals that fired and their weights (see signals.yml for the rules).
import { modulesFor, type SignalSet, type WordSig } from "./compile.js";
import type { FileContext } from "./context.js";
import type { Hunk } from "./hunks.js";
import type { ImportStmt } from "./imports.js";
import type { LexedLine } from "./lexer.js";
import { scanTokens } from "./tokens.js";
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

export function scoreHunk(
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
      addHit(hits, area, sig.key, {
        weight: w * factor,
        reason: `imports ${stmt.module}${removed ? " (removed)" : ""}`,
        line,
        removed,
      });
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
          addHit(hits, w.area, w.key, {
            weight,
            reason: w.word,
            line: c.line,
            word: w.word,
            removed: c.kind !== "add",
          });
        }
      }
      if (inImport) return;
      const { decorator, called, chained, jsx } = tok;

      // Per area, the strongest reading of this one token: a use of an imported module, or a known call.
      best.clear();
      const root = segs[0]!;
      const bindings = chained
        ? undefined
        : (ctx.bindings.get(root) ??
          (ctx.implicit.has(root) && !ctx.declares(root) ? ctx.implicit.get(root) : undefined));
      if (bindings) {
        for (const bnd of bindings) {
          const n = bnd.segs.length;
          if (segs.length < n || (n > 1 && bnd.segs.some((x, k) => segs[k] !== x))) continue;
          const more = segs.length > n;
          if (usageNeedsCall && !(called || more || decorator || jsx)) continue;
          const member = bnd.member ?? segs[n] ?? null;
          const what = [bnd.module, ...(bnd.member !== null ? [bnd.member] : []), ...segs.slice(n)]
            .slice(0, 3)
            .join(".");
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
              const verb =
                decorator && i === 0 ? "decorated with @" : called && j === segs.length - 1 ? "calls " : "uses ";
              offer(best, sig.area, sig.key, sig.weight, `${verb}${sig.spec}${removed}`, false);
            }
          }
        }
      }
      for (const [area, o] of best)
        addHit(hits, area, o.key, {
          weight: o.weight * factor * lf,
          reason: o.reason,
          line: c.line,
          rank: 1,
          removed: c.kind !== "add",
        });
    });
  }

  // Patterns: one test over the whole hunk first, then find the line.
  if (set.patterns.length > 0 && changed.length > 0) {
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
      addHit(hits, p.area, `pat:${k}`, {
        weight: p.weight * factor * lineFactor(c) * uiFactor,
        reason: `${p.reason}${suffix(c)}`,
        line: c.line,
        removed: c.kind !== "add",
      });
    });
  }
  return hits;
}

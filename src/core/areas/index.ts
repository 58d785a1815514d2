// classifyAreas(files, config) -> the sensitive areas a change touches, with evidence.
//
// Pure: no I/O at call time (the built-in signals are read from ./signals.yml once, when the module
// loads). Every changed hunk -- added AND removed lines -- is scored per area from weighed signals
// (paths, imports and their uses, calls, identifier words, patterns); see signals.yml for the data
// and how the weights add up. `policy` is assigned whenever .aiguard.yml, CODEOWNERS or a CI
// workflow changes. Evidence never quotes string literals, so no secret value reaches a reason.
import type { AiguardConfig } from "../policy/schema.js";
import type { AreaEvidence, FileStatus } from "../types.js";
import { modulesFor, signalsForFile, type SignalSet } from "./compile.js";
import { BUILTIN_SIGNALS, type SignalsData } from "./data.js";
import { contentHunk, parseHunks, type Hunk } from "./hunks.js";
import { parseImports, type ImportStmt } from "./imports.js";
import { fileLang, lexFragment, lexLines, type LexedLine } from "./lexer.js";
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

export function classifyAreas(files: readonly AreaFile[], config: AiguardConfig, options: ClassifyOptions = {}): AreaResult {
  const data = options.signals ?? BUILTIN_SIGNALS;
  const evidence: AreaEvidence[] = [];
  for (const f of files) evidence.push(...classifyFile(f, signalsForFile(f.path, config, data)));
  evidence.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.area.localeCompare(b.area) || a.reason.localeCompare(b.reason));
  const areas = [...new Set(evidence.map((e) => e.area))].sort();
  return { areas, evidence };
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
}

interface Binding {
  module: string;
  member: string | null;
  typeOnly: boolean;
  /** Local name split at dots (Python `import a.b.c` binds `a.b.c`). */
  segs: string[];
}

interface ChangedLine {
  kind: "add" | "del";
  line: number;
  /** Index in hunk.lines. */
  index: number;
  lex: LexedLine;
}

function firstLine(h: Hunk): number {
  const add = h.lines.find((l) => l.kind === "add");
  return (add ?? h.lines.find((l) => l.kind === "del") ?? h.lines[0])?.line ?? 1;
}

function classifyFile(f: AreaFile, set: SignalSet): AreaEvidence[] {
  const out: AreaEvidence[] = [];
  const hunks: Hunk[] = f.patch ? parseHunks(f.patch) : f.content !== undefined && f.status !== "removed" ? [contentHunk(f.content)] : [];
  const fileLine = hunks.length > 0 ? firstLine(hunks[0]!) : 1;

  // Areas that any change to the file assigns (policy).
  const alwaysSeen = new Set<string>();
  for (const sig of set.always) {
    if (alwaysSeen.has(sig.area)) continue;
    const r = sig.match(f.path) ?? (f.previousPath ? prev(sig.match(f.previousPath)) : null);
    if (r) {
      alwaysSeen.add(sig.area);
      out.push({ area: sig.area, path: f.path, line: fileLine, reason: r });
    }
  }

  const skip = set.skip(f.path);
  const factor = set.isTest(f.path) ? set.testFactor : 1;
  const pathHits: Array<{ area: string; key: string; weight: number; reason: string }> = [];
  set.paths.forEach((sig, k) => {
    if (skip && !sig.configured) return;
    const r = sig.match(f.path) ?? (f.previousPath ? prev(sig.match(f.previousPath)) : null);
    if (r) pathHits.push({ area: sig.area, key: `path:${k}`, weight: sig.configured ? sig.weight : sig.weight * factor, reason: r });
  });

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
    for (const h of hunks) scored.push(scoreHunk(h, ctx, pathHits, factor));
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
    const r = (hit.rank ?? 0) - (old.rank ?? 0);
    if (r > 0 || (r === 0 && hit.line < old.line)) byKey.set(key, hit);
  }
}

/** The strongest reasons of one hunk for one area; identifier words merge into one reason. */
function reasons(byKey: Map<string, Hit>): Hit[] {
  const plain: Hit[] = [];
  const words: Hit[] = [];
  for (const h of byKey.values()) (h.word ? words : plain).push(h);
  plain.sort((a, b) => b.weight - a.weight || a.line - b.line || a.reason.localeCompare(b.reason));
  const out = plain.slice(0, MAX_REASONS_PER_HUNK);
  // Identifier words are weak: they are reported after the stronger signals, as one reason.
  if (words.length > 0 && (out.length < MAX_REASONS_PER_HUNK || plain.reduce((s, h) => s + h.weight, 0) === 0)) {
    words.sort((a, b) => b.weight - a.weight || a.line - b.line || a.word!.localeCompare(b.word!));
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

  if (f.content !== undefined && f.status !== "removed") {
    // Lex the head file up to the last line any hunk shows: exact comment/string state, and imports.
    let last = 0;
    for (const h of hunks) for (const l of h.lines) if (l.kind !== "del" && l.line > last) last = l.line;
    const all = f.content.split("\n");
    const lines = all.slice(0, Math.min(all.length, last)).map((t) => t.replace(/\r$/, ""));
    const lexed = lexLines(lines, lex).lines;
    lexed.forEach((l, i) => head.set(i + 1, l));
    for (const stmt of parseImports(lang, lexed.map((l) => l.code))) {
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

  // A bare diff rarely shows the imports: assume the usual local names of known modules
  // (`bcrypt`, `stripe`, Go's `jwt`, `hmac`) when nothing visible binds them otherwise.
  if (f.content === undefined && lang !== null && lang !== "java") {
    for (const m of set.modules) {
      if (!m.implicitName || bindings.has(m.implicitName)) continue;
      if (m.lang ? !m.lang.has(lang) : m.implicitGo ? lang !== "go" : lang === "go") continue;
      bindings.set(m.implicitName, [{ module: m.spec, member: null, typeOnly: false, segs: [m.implicitName] }]);
    }
  }
  return { lang, set, head, headImports, bindings, old };
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

// ---- one hunk ----

const TOKEN = /(?<![\w$])(@)?([A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)*)(\s*\()?/g;

const wordCache = new WeakMap<SignalSet, Map<string, Array<{ area: string; word: string; weight: number }>>>();

function wordHits(set: SignalSet, ident: string): Array<{ area: string; word: string; weight: number }> {
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

function scoreHunk(h: Hunk, ctx: FileContext, pathHits: Array<{ area: string; key: string; weight: number; reason: string }>, factor: number): Map<string, Map<string, Hit>> {
  const { set, lang } = ctx;
  const hits = new Map<string, Map<string, Hit>>();
  const line0 = firstLine(h);
  for (const p of pathHits) addHit(hits, p.area, p.key, { weight: p.weight, reason: p.reason, line: line0 });

  const oldSide = ctx.old.get(h)!;
  const changed: ChangedLine[] = [];
  const added = new Set<number>();
  h.lines.forEach((l, i) => {
    if (l.kind === "add") {
      added.add(l.line);
      const lex = ctx.head.get(l.line);
      if (lex) changed.push({ kind: "add", line: l.line, index: i, lex });
    } else if (l.kind === "del") {
      const lex = oldSide.lex.get(i);
      if (lex) changed.push({ kind: "del", line: l.line, index: i, lex });
    }
  });

  // Import statements the hunk adds or removes.
  const importHit = (stmt: ImportStmt, line: number, removed: boolean) => {
    for (const [area, sig] of modulesFor(set, lang, stmt.module)) {
      let w = sig.weight;
      if (stmt.members.length > 0) w = Math.max(...stmt.members.map((m) => sig.members.get(m) ?? sig.weight));
      if (stmt.typeOnly) w *= 0.5;
      addHit(hits, area, `mod:${sig.spec}`, { weight: w * factor, reason: `imports ${stmt.module}${removed ? " (removed)" : ""}`, line });
    }
  };
  // Lines that are part of an import statement: their names are the import, not uses of it.
  const importLines = new Set<string>();
  for (const { stmt, lines } of ctx.headImports) {
    for (const n of lines) importLines.add(`add:${n}`);
    const l = lines.find((n) => added.has(n));
    if (l !== undefined) importHit(stmt, l, false);
  }
  for (const { stmt, line } of oldSide.removedImports) importHit(stmt, line, true);
  for (const n of oldSide.importLines) importLines.add(`del:${n}`);

  const usageNeedsCall = lang !== "java" && lang !== "go";
  for (const c of changed) {
    const removed = c.kind === "del" ? " (removed)" : "";
    const bare = c.lex.bare;
    const inImport = importLines.has(`${c.kind}:${c.kind === "add" ? c.line : c.index}`);
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(bare); m !== null; m = TOKEN.exec(bare)) {
      const decorator = m[1] === "@";
      const called = m[3] !== undefined;
      const segs = m[2]!.split(/\s*\??\.\s*/);
      let b = m.index - 1;
      while (b >= 0 && (bare[b] === " " || bare[b] === "\t")) b--;
      const chained = b >= 0 && bare[b] === ".";
      const jsx = b >= 0 && (bare[b] === "<" || (bare[b] === "/" && bare[b - 1] === "<"));

      // Per area, the strongest reading of this one token: a use of an imported module, or a known call.
      const best = new Map<string, { key: string; weight: number; reason: string; module: boolean }>();
      const shown = (head: string, rest: string[]) => [head, ...rest].slice(0, 3).join(".");
      const offer = (area: string, key: string, weight: number, reason: string, module: boolean) => {
        const cur = best.get(area);
        if (!cur) best.set(area, { key, weight, reason, module });
        else {
          // A module use keeps its key (so the import and its uses count once) at the best weight.
          const keepKey = cur.module ? cur.key : module ? key : weight > cur.weight ? key : cur.key;
          const stronger = weight > cur.weight;
          best.set(area, { key: keepKey, weight: Math.max(weight, cur.weight), reason: stronger ? reason : cur.reason, module: cur.module || module });
        }
      };

      if (!chained && !inImport) {
        for (const bnd of ctx.bindings.get(segs[0]!) ?? []) {
          const n = bnd.segs.length;
          if (segs.length < n || bnd.segs.some((s, k) => segs[k] !== s)) continue;
          const member = bnd.member ?? segs[n] ?? null;
          const more = segs.length > n;
          if (usageNeedsCall && !(called || more || decorator || jsx)) continue;
          const what = shown(bnd.module, bnd.member !== null ? [bnd.member, ...segs.slice(n)] : segs.slice(n));
          const verb = called && segs.length - n <= 2 ? "calls" : "uses";
          for (const [area, sig] of modulesFor(set, lang, bnd.module)) {
            let w = member !== null && sig.members.has(member) ? sig.members.get(member)! : sig.weight;
            if (bnd.typeOnly) w *= 0.5;
            offer(area, `mod:${sig.spec}`, w, `${verb} ${what}${removed}`, true);
          }
        }
      }
      if (set.calls.size > 0 && !inImport) {
        for (let i = 0; i < segs.length; i++) {
          for (let j = i + 1; j <= Math.min(segs.length, i + 4); j++) {
            const sigs = set.calls.get(segs.slice(i, j).join("."));
            if (!sigs) continue;
            for (const sig of sigs) {
              if (sig.lang && (lang === null || !sig.lang.has(lang))) continue;
              const verb = decorator && i === 0 ? "decorated with @" : called && j === segs.length ? "calls " : "uses ";
              offer(sig.area, `call:${sig.spec}`, sig.weight, `${verb}${sig.spec}${removed}`, false);
            }
          }
        }
      }
      for (const [area, o] of best) addHit(hits, area, o.key, { weight: o.weight * factor, reason: o.reason, line: c.line, rank: 1 });

      for (const seg of segs) {
        for (const w of wordHits(set, seg)) addHit(hits, w.area, `id:${w.word}`, { weight: w.weight * factor, reason: w.word, line: c.line, word: w.word });
      }
    }
  }

  // Patterns: one test over the whole hunk first, then find the line.
  if (set.patterns.length > 0 && changed.length > 0) {
    const joined = changed.map((c) => c.lex.code).join("\n");
    set.patterns.forEach((p, k) => {
      if (p.lang && (lang === null || !p.lang.has(lang))) return;
      if (!p.re.test(joined)) return;
      const c = changed.find((x) => p.re.test(x.lex.code));
      if (!c) return;
      addHit(hits, p.area, `pat:${k}`, { weight: p.weight * factor, reason: `${p.reason}${c.kind === "del" ? " (removed)" : ""}`, line: c.line });
    });
  }
  return hits;
}

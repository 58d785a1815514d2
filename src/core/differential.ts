// Differential analysis: of the findings at the head of a changed file, those the change introduced.
//
// Both sides of the file are analysed. A head finding is matched with the base's by its fingerprint
// key (the rule and the sink's code with whitespace normalized), so lines that moved or were
// reindented still match; a finding whose key the base has as often is pre-existing and is never
// reported. The others are reported wherever their sink is, each with the reason it belongs to the
// change (`IntroducedBy`):
//   changed-line   the change added a line of the finding itself
//   changed-flow   the sink is unchanged, but added lines are on its trace, or in its function
//   removed-guard  the change removed lines around an unchanged sink: the guard, escape or check
//                  that kept it safe (the most guard-like removed line is named, with its base line).
//                  Also a finding present on both sides when, in its function and before its sink,
//                  the change removed a check and wrote none (the rule missed the check; the sink
//                  still lost it).
import { normalizeCode } from "./fingerprint.js";
import type { Hunk } from "./diff/patch.js";
import type { IntroducedBy, LineSpan, RawFinding, RuleMeta } from "./types.js";

/** A line the change removed: its base line, the head line now standing where it was, its text. */
export interface RemovedLine {
  baseLine: number;
  /** The nearest head line (see parseHunks). */
  near: number;
  text: string;
}

/** What a file's patch says, in the form the matching needs. */
export interface ChangedSides {
  /** Head lines the change added or changed. */
  added: ReadonlySet<number>;
  /** Lines the change removed. */
  removed: readonly RemovedLine[];
  /** The hunk (its index in the patch) of each added head line. */
  hunkOfAdded: ReadonlyMap<number, number>;
  /** The hunk of each removed base line. */
  hunkOfRemoved: ReadonlyMap<number, number>;
}

export function changedSides(hunks: readonly Hunk[], added: ReadonlySet<number>): ChangedSides {
  const removed: RemovedLine[] = [];
  const hunkOfAdded = new Map<number, number>();
  const hunkOfRemoved = new Map<number, number>();
  hunks.forEach((h, i) => {
    for (const l of h.lines) {
      if (l.kind === "del" && l.baseLine !== undefined) {
        removed.push({ baseLine: l.baseLine, near: l.line, text: l.text });
        hunkOfRemoved.set(l.baseLine, i);
      } else if (l.kind === "add") hunkOfAdded.set(l.line, i);
    }
  });
  return { added, removed, hunkOfAdded, hunkOfRemoved };
}

/** A head finding the change introduced, and why. */
export interface Introduced {
  raw: RawFinding;
  introducedBy: IntroducedBy;
}

/** Sink code kept in a key: its first line, or as many lines as it takes to reach this many characters. */
const KEY_CHARS = 24;

/**
 * The sink's code as the key sees it: its first line (more when that is short), whitespace
 * normalized. A call whose callback body changed (`request(url, function (err, res) { … })`) keeps
 * its key, so a change inside the callback does not make the call look new.
 */
export function sinkKeyText(code: string): string {
  const lines = code.split("\n");
  let out = "";
  for (const l of lines) {
    out = normalizeCode(`${out} ${l}`);
    if (out.length >= KEY_CHARS) break;
  }
  return out;
}

/** A finding's sink code as the key sees it (see sinkKeyText). */
export function sinkText(raw: RawFinding, lines: readonly string[]): string {
  return sinkKeyText(raw.fingerprintText ?? lines[raw.line - 1] ?? "");
}

/** The fingerprint key of a finding on one side: its rule and its sink's normalized code. */
export function findingKey(raw: RawFinding, lines: readonly string[]): string {
  return `${raw.ruleId}\0${sinkText(raw, lines)}`;
}

/** Texts that mark a line as a guard, an escape or a check (a removed one is named first). */
const GUARD_WORDS =
  /\b(?:if|elif|else|unless|return|throw|raise|continue|break|assert|switch|case|while|try|catch|except)\b|__proto__|constructor|prototype|hasOwn|startsWith|endsWith|includes|indexOf|escape|saniti[sz]|valid|verif|check|allow|deny|forbid|normali[sz]e|resolve|realpath|abspath|canonical|basename|clean|quote|replace|filter|test\(|match|encode|safe|trust|auth/i;

/** A line with nothing to name: blank, a lone brace or bracket, a comment. */
function meaningless(text: string): boolean {
  const t = text.trim();
  return t === "" || /^[\])};,]*$/.test(t) || /^(?:\/\/|#|\/\*|\*)/.test(t);
}

function within(line: number, span: LineSpan): boolean {
  return line >= span.line && line <= span.endLine;
}

/** One line of code for a message: whitespace collapsed, at most 80 characters. */
function shown(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > 80 ? `${t.slice(0, 77)}...` : t;
}

/** The lines of `span` the change added, in order (at most 20). */
function addedIn(sides: ChangedSides, span: LineSpan | null): number[] {
  const out: number[] = [];
  for (const n of sides.added) if (span === null || within(n, span)) out.push(n);
  return out.sort((a, b) => a - b).slice(0, 20);
}

/** The removed line most like a guard among those in `span` (the one nearest before the sink wins). */
function removedGuard(sides: ChangedSides, span: LineSpan | null, sinkLine: number): RemovedLine | null {
  const candidates = sides.removed.filter((r) => (span === null || within(r.near, span)) && !meaningless(r.text));
  if (candidates.length === 0) return null;
  const distance = (r: RemovedLine) => (r.near <= sinkLine ? sinkLine - r.near : 1_000_000 + r.near - sinkLine);
  const guards = candidates.filter((r) => GUARD_WORDS.test(r.text));
  const pool = guards.length > 0 ? guards : candidates;
  return pool.reduce((best, r) => (distance(r) < distance(best) ? r : best));
}

/** Masks what may hold a secret; null when removed lines were not scanned for secrets (they are then not quoted). */
export type Mask = ((s: string) => string) | null;

function removedGuardReason(r: RemovedLine, added: number[], mask: Mask): IntroducedBy {
  return {
    kind: "removed-guard",
    lines: added,
    baseLine: r.baseLine,
    detail: mask
      ? `this change removed \`${mask(shown(r.text))}\` on base line ${r.baseLine}`
      : `this change removed base line ${r.baseLine}`,
  };
}

/**
 * Why a head finding belongs to the change: its own lines, its trace, then its functions from the
 * innermost out (a removed guard-like line there, or added lines there), then the whole file.
 */
export function introducedBy(raw: RawFinding, sides: ChangedSides, mask: Mask): IntroducedBy {
  const own: number[] = [];
  for (let n = raw.line; n <= Math.max(raw.line, raw.endLine); n++) if (sides.added.has(n)) own.push(n);
  if (own.length > 0)
    return {
      kind: "changed-line",
      lines: own,
      detail: `the change ${own.length > 1 ? "wrote these lines" : "wrote this line"}`,
    };
  const traced = [...new Set((raw.trace ?? []).map((s) => s.line).filter((n) => sides.added.has(n)))].sort(
    (a, b) => a - b,
  );
  if (traced.length > 0)
    return {
      kind: "changed-flow",
      lines: traced,
      detail: `the sink did not change; the change wrote ${traced.length > 1 ? "lines" : "line"} ${traced.join(", ")} on the way to it`,
    };
  for (const span of [...(raw.scopes ?? []), null]) {
    const guard = removedGuard(sides, span, raw.line);
    const added = addedIn(sides, span);
    if (guard && (GUARD_WORDS.test(guard.text) || added.length === 0)) return removedGuardReason(guard, added, mask);
    if (added.length > 0)
      return {
        kind: "changed-flow",
        lines: added,
        detail: `the sink did not change; the change wrote ${added.length > 1 ? "lines" : "line"} ${added.join(", ")} ${span ? `in its function (lines ${span.line}-${span.endLine})` : "in its file"}`,
      };
    if (guard) return removedGuardReason(guard, added, mask);
  }
  return { kind: "changed-flow", lines: [], detail: "the finding is absent at the base" };
}

/**
 * A line that checks or cleans a value before its use: a condition that can stop the flow, or a
 * call that escapes, validates or contains it. Stricter than GUARD_WORDS (no plain `return`,
 * `replace` or `filter`): a pre-existing finding is reported only when a line like this went.
 */
const CHECK_LINE =
  /\b(?:if|elif|unless|assert|throw|raise)\b|__proto__|hasOwn|startsWith|endsWith|escape|saniti[sz]|valid|verif|allow|deny|forbid|normali[sz]e|realpath|abspath|canonical|basename|clean|quote|encode/i;

/**
 * A finding present on both sides whose guard this change removed: in the finding's function,
 * before its sink, the change removed a check (CHECK_LINE) and wrote none. The rule did not see
 * the check (it fires at the base too), but the reviewer should: the sink lost its protection.
 * A fix that replaces a check with a better one writes a check, and is not reported.
 */
function weakenedGuard(
  raw: RawFinding,
  headLines: readonly string[],
  sides: ChangedSides,
  mask: Mask,
): IntroducedBy | null {
  const found = removedCheckBefore(raw, headLines, sides, () => true);
  return found ? removedGuardReason(found.check, addedIn(sides, found.span), mask) : null;
}

/**
 * The removed check nearest before a finding's sink in its innermost function (a CHECK_LINE that
 * `also` accepts, outside hunks that deleted whole functions), when the change wrote no check in
 * that function; null otherwise. Shared by the strict (weakenedGuard) and relaxed (relaxedGuards) searches.
 */
function removedCheckBefore(
  raw: RawFinding,
  headLines: readonly string[],
  sides: ChangedSides,
  also: (r: RemovedLine) => boolean,
): { check: RemovedLine; span: LineSpan } | null {
  const span = raw.scopes?.[0];
  if (!span || sides.removed.length === 0) return null;
  const moved = hunksRemovingFunctions(sides, headLines);
  const removed = sides.removed.filter(
    (r) =>
      within(r.near, span) &&
      r.near <= raw.line &&
      !meaningless(r.text) &&
      CHECK_LINE.test(r.text) &&
      !moved.has(sides.hunkOfRemoved.get(r.baseLine) ?? -1) &&
      also(r),
  );
  if (removed.length === 0) return null;
  // every added line of the function, not addedIn's first 20: a check written late still counts
  for (const n of sides.added) if (within(n, span) && CHECK_LINE.test(headLines[n - 1] ?? "")) return null;
  return { check: removed.reduce((best, r) => (r.near > best.near ? r : best)), span };
}

const CONFIDENCE_RANK = { high: 3, medium: 2, low: 1 } as const;

/** The pairs of adjacent characters of a line, whitespace dropped. */
function bigrams(text: string): Map<string, number> {
  const t = text.replace(/\s+/g, "");
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < t.length && i < 400; i++) {
    const g = t.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** How alike two lines are, 0 to 1 (Dice's coefficient of their character pairs). */
function alike(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const n of x.values()) total += n;
  for (const [g, n] of y) {
    total += n;
    common += Math.min(n, x.get(g) ?? 0);
  }
  return total === 0 ? 0 : (2 * common) / total;
}

/**
 * The index of the base finding that `raw` is an edited copy of, among those `eligible` says may
 * be: the one whose line is most like the head finding's (a hunk that rewrote several patterns of
 * a table pairs each with its own old self), -1 when none.
 */
function mostAlike(
  raw: RawFinding,
  headLines: readonly string[],
  candidates: readonly RawFinding[],
  baseLines: readonly string[],
  eligible: (b: RawFinding) => boolean,
): number {
  let best = -1;
  let bestScore = -1;
  const line = headLines[raw.line - 1] ?? "";
  for (let i = 0; i < candidates.length; i++) {
    const b = candidates[i];
    if (!b || !eligible(b)) continue;
    const score = alike(line, baseLines[b.line - 1] ?? "");
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The head finding has all the evidence of the base's and more: a regex the change rewrote still
 * backtracks everywhere it did and now also at another place (`\\d* / \\d+`). The change made it
 * worse, it did not just edit it. (Evidence that only differs, some places gone and others come, is
 * an edit: a fix that rewrites a pattern often leaves a milder ambiguity of another shape.)
 */
function covers(base: RawFinding, head: RawFinding): boolean {
  if (!head.evidence || !base.evidence) return false;
  const had = new Set(base.evidence);
  return head.evidence.every((e) => had.has(e));
}

function gainedEvidence(head: RawFinding, base: RawFinding): boolean {
  if (!head.evidence || !base.evidence) return false;
  const after = new Set(head.evidence);
  return after.size > base.evidence.length && base.evidence.every((e) => after.has(e));
}

/** The hunks a finding's lines fall in, on one side. */
function hunksOf(f: RawFinding, hunkOf: ReadonlyMap<number, number>): Set<number> {
  const out = new Set<number>();
  for (let n = f.line; n <= Math.max(f.line, f.endLine); n++) {
    const h = hunkOf.get(n);
    if (h !== undefined) out.add(h);
  }
  return out;
}

/** A head finding on lines the change wrote. */
export function onAddedLines(f: RawFinding, sides: ChangedSides): boolean {
  return hunksOf(f, sides.hunkOfAdded).size > 0;
}

/** A head finding in a hunk that also removed lines: the base may hold it in its old form. */
export function inRewrittenHunk(f: RawFinding, sides: ChangedSides): boolean {
  const removedIn = new Set(sides.hunkOfRemoved.values());
  return [...hunksOf(f, sides.hunkOfAdded)].some((h) => removedIn.has(h));
}

/**
 * The head findings the change introduced. `base` is the base side's findings (of at least the
 * rules that fired at the head), or null when the base cannot have them (a new file, or sink code
 * the base does not contain): then every head finding is introduced.
 *
 * 1. By key: of findings that share a key, as many as the base has are pre-existing (the ones on
 *    added lines are taken as the new ones first).
 * 2. By hunk: a head finding on lines the change rewrote is the same finding as a base finding of
 *    the same rule on lines the same hunk removed (`db.query(sql)` edited into `db.query(sql, opts)`),
 *    unless the head's is more certain (a parameter became request input): the change kept the
 *    flaw, it did not bring it in.
 */
export function introducedFindings(
  head: readonly RawFinding[],
  headLines: readonly string[],
  base: { findings: readonly RawFinding[]; lines: readonly string[] } | null,
  sides: ChangedSides,
  mask: Mask,
): Introduced[] {
  const baseByKey = new Map<string, RawFinding[]>();
  for (const f of base?.findings ?? []) {
    const k = findingKey(f, base?.lines ?? []);
    const g = baseByKey.get(k);
    if (g) g.push(f);
    else baseByKey.set(k, [f]);
  }
  const groups = new Map<string, RawFinding[]>();
  for (const f of head) {
    const k = findingKey(f, headLines);
    const g = groups.get(k);
    if (g) g.push(f);
    else groups.set(k, [f]);
  }
  const touches = (f: RawFinding) => (onAddedLines(f, sides) ? 1 : 0);
  const unmatched: RawFinding[] = [];
  const preexisting: RawFinding[] = [];
  const baseLeft: RawFinding[] = [];
  for (const [k, group] of groups) {
    const olds = baseByKey.get(k) ?? [];
    baseByKey.delete(k);
    const ranked = [...group].sort((a, b) => touches(b) - touches(a) || a.line - b.line);
    const fresh = Math.max(0, group.length - olds.length);
    unmatched.push(...ranked.slice(0, fresh));
    baseLeft.push(...olds.slice(group.length));
    if (base) preexisting.push(...ranked.slice(fresh));
  }
  for (const olds of baseByKey.values()) baseLeft.push(...olds);
  const out: Introduced[] = [];
  for (const raw of unmatched) {
    // a pattern whose every backtracking place the base already had in a pattern of the same rule
    // (a table's patterns rewritten and moved about): the change brought no new ambiguity in
    if (base && raw.evidence && base.findings.some((b) => b.ruleId === raw.ruleId && covers(b, raw))) continue;
    const rewritten = hunksOf(raw, sides.hunkOfAdded);
    const i =
      rewritten.size === 0
        ? -1
        : mostAlike(
            raw,
            headLines,
            baseLeft,
            base?.lines ?? [],
            (b) =>
              b.ruleId === raw.ruleId &&
              CONFIDENCE_RANK[b.confidence] >= CONFIDENCE_RANK[raw.confidence] &&
              !gainedEvidence(raw, b) &&
              [...hunksOf(b, sides.hunkOfRemoved)].some((h) => rewritten.has(h)),
          );
    if (i >= 0) {
      baseLeft.splice(i, 1);
      // an edited copy of the base's finding, unless the edit dropped its check
      // (`exec("which " + clean(name))` rewritten as `exec("which " + name)`)
      const why = weakenedGuard(raw, headLines, sides, mask);
      if (why) out.push({ raw, introducedBy: why });
      continue;
    }
    out.push({ raw, introducedBy: introducedBy(raw, sides, mask) });
  }
  for (const raw of preexisting) {
    const why = weakenedGuard(raw, headLines, sides, mask);
    if (why) out.push({ raw, introducedBy: why });
  }
  return out.sort((a, b) => a.raw.line - b.raw.line || a.raw.ruleId.localeCompare(b.raw.ruleId));
}

/** Words that link no check to a sink: keywords and names every function has. */
const LINK_STOP = new Set(
  "if elif else unless return throw raise new this self cls true false True False null nil None undefined typeof instanceof not and or in is var let const func function def err error Error string String length len str int bool ok res req ctx".split(
    " ",
  ),
);

/** The names a line of code uses, two characters or more, without the stop words (string literals left out). */
function namesOf(text: string): Set<string> {
  const out = new Set<string>();
  const code = text.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`/g, " ");
  for (const m of code.matchAll(/[A-Za-z_$][\w$]*/g)) if (m[0].length >= 2 && !LINK_STOP.has(m[0])) out.add(m[0]);
  return out;
}

/**
 * A line that starts a function or method (`def f(`, `func (s *S) f(`, `function f(`, `public void
 * f(`, `f(a, b) {`): a hunk that removed one removed or moved whole functions, and its other
 * removed lines are that code's, not guards of the function the hunk now sits in.
 */
export const FUNCTION_START =
  /^\s*(?:export\s+)?(?:async\s+)?(?:def|func|function)\b|^\s*(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*=\s*(?:async\s+)?(?:function\b|(?:\([^()]*\)|[\w$]+)\s*=>)|^\s*(?:public|private|protected)\s[^=;]*\(|^\s*(?:static\s+)?(?:async\s+)?(?!(?:if|for|while|switch|catch|return|else)\b)[A-Za-z_$][\w$]*\s*\([^;]*\)\s*\{\s*$/;

/**
 * The hunks (by index) that removed the start of a function and did not write it again (a
 * function whose signature line was only edited is still there: its guards are its own).
 */
export function hunksRemovingFunctions(sides: ChangedSides, headLines: readonly string[]): ReadonlySet<number> {
  let out = removingFunctions.get(sides);
  if (!out) removingFunctions.set(sides, (out = findHunksRemovingFunctions(sides, headLines)));
  return out;
}

/** hunksRemovingFunctions per change of a file (every check of a file asks). */
const removingFunctions = new WeakMap<ChangedSides, Set<number>>();

function findHunksRemovingFunctions(sides: ChangedSides, headLines: readonly string[]): Set<number> {
  const written = new Map<number, string[]>();
  for (const [line, h] of sides.hunkOfAdded) {
    const list = written.get(h) ?? [];
    list.push(headLines[line - 1] ?? "");
    written.set(h, list);
  }
  const out = new Set<number>();
  for (const r of sides.removed) {
    if (!FUNCTION_START.test(r.text)) continue;
    const h = sides.hunkOfRemoved.get(r.baseLine);
    if (h === undefined) continue;
    const name = /(?:const|let|var)\s+([\w$]+)\s*=/.exec(r.text)?.[1] ?? /([A-Za-z_$][\w$]*)\s*\(/.exec(r.text)?.[1];
    if (
      name &&
      (written.get(h) ?? []).some(
        (t) => t.includes(`${name}(`) || t.includes(`${name} (`) || t.includes(`${name} =`) || t.includes(`${name}=`),
      )
    )
      continue;
    out.add(h);
  }
  return out;
}

/**
 * A change check's finding for a line the change removed (change.*): at the head line now standing
 * where it was, fingerprinted by the removed text, with the base line for `introducedBy`.
 */
export function removedLineFinding(
  meta: RuleMeta,
  r: RemovedLine,
  headLines: readonly string[],
  cwe: string,
  message: string,
): { raw: RawFinding; baseLine: number } {
  const line = Math.max(1, Math.min(r.near, headLines.length));
  const raw: RawFinding = {
    ruleId: meta.id,
    cwe: [cwe],
    severity: meta.severity,
    confidence: meta.confidence,
    line,
    endLine: line,
    message,
    fingerprintText: r.text.replace(/\s+/g, "").slice(0, 200),
  };
  if (meta.fix !== undefined) raw.fix = meta.fix;
  return { raw, baseLine: r.baseLine };
}

/** True when the change removed a check line anywhere (whether a relaxed scan can find anything). */
export function removedAnyCheck(sides: ChangedSides): boolean {
  return sides.removed.some((r) => !meaningless(r.text) && CHECK_LINE.test(r.text));
}

/**
 * Sinks of a relaxed scan (ScanTarget.relaxed: a value of unknown origin counts as input) whose check
 * the change removed: the sink did not change, in its function and before it the change removed a
 * check that names a value the sink uses (`if (name.includes("..")) throw …` before
 * `fs.readFile(path.join(root, name))`), and wrote no check there. Reported at the relaxed finding's
 * confidence (two levels lower than the rule's), as `removed-guard`. Findings the strict scan made
 * (`strict`) are judged by introducedFindings.
 */
export function relaxedGuards(
  relaxed: readonly RawFinding[],
  strict: readonly RawFinding[],
  headLines: readonly string[],
  sides: ChangedSides,
  mask: Mask,
): Introduced[] {
  const taken = new Set(strict.map((f) => `${f.ruleId}:${f.line}`));
  const writing = new Set(sides.hunkOfAdded.values());
  /** Removed outright: its hunk wrote nothing. */
  const deletedOutright = (r: RemovedLine) => {
    const h = sides.hunkOfRemoved.get(r.baseLine);
    return h !== undefined && !writing.has(h);
  };
  const names = new Map<RemovedLine, Set<string>>();
  const removedNames = (r: RemovedLine) => {
    let n = names.get(r);
    if (!n) names.set(r, (n = namesOf(r.text)));
    return n;
  };
  const out: Introduced[] = [];
  const seen = new Set<string>();
  for (const raw of relaxed) {
    const key = `${raw.ruleId}:${raw.line}`;
    if (taken.has(key) || seen.has(key) || raw.secrets || onAddedLines(raw, sides)) continue;
    const sinkNames = namesOf(headLines.slice(raw.line - 1, Math.max(raw.line, raw.endLine)).join("\n"));
    const found = removedCheckBefore(
      raw,
      headLines,
      sides,
      (r) => deletedOutright(r) && [...removedNames(r)].some((n) => sinkNames.has(n)),
    );
    if (!found) continue;
    seen.add(key);
    out.push({ raw, introducedBy: removedGuardReason(found.check, addedIn(sides, found.span), mask) });
  }
  return out;
}

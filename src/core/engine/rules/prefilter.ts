// Cheap text prefilters: skip running a query on a file that cannot match it.
// Two sources: the rule's explicit `prefilter` list, and the literal strings that
// `#eq?` / `#any-of?` predicates require of a capture (the file must contain them).
import type { SafePattern } from "../../regex.js";

/** Needles one query pattern requires: every set must have one member in the text. */
type PatternNeedles = string[][];

const PREDICATE = /\(#(eq|any-of)\?\s+@([\w.-]+)((?:\s+"(?:[^"\\]|\\.)*")+)\s*\)/g;
const STRING = /"((?:[^"\\]|\\.)*)"/g;

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

/**
 * Needles of one pattern's `#eq?`/`#any-of?` predicates. `required(capture)` says whether the
 * capture always has a node in a match (an optional capture's predicate may pass vacuously).
 */
export function patternNeedles(patternSource: string, required: (capture: string) => boolean): PatternNeedles {
  const out: PatternNeedles = [];
  for (const m of patternSource.matchAll(PREDICATE)) {
    if (!required(m[2] ?? "")) continue;
    const values = [...(m[3] ?? "").matchAll(STRING)].map((s) => unescape(s[1] ?? ""));
    if (values.length > 0 && values.every((v) => v.length > 0)) out.push(values);
  }
  return out;
}

export type TextFilter = (text: string) => boolean;

/**
 * Answers about the last text asked about: the rules of one file share most of their needles
 * (`query`, `exec`, `child_process`), so each is searched once, and each `prefilter-pattern` run once.
 */
let lastText: string | null = null;
const found = new Map<string, boolean>();
const patternFound = new Map<SafePattern, boolean>();
/**
 * The pairs of adjacent characters of the last text, hashed to 16 bits: a needle with a pair the
 * text lacks is not in it, told without searching (most needles of most rules are absent).
 */
const pairs = new Uint8Array(1 << 16);
function pairCode(s: string, i: number): number {
  return ((s.charCodeAt(i) & 0xff) << 8) | (s.charCodeAt(i + 1) & 0xff);
}
/** Forget the answers about the previous text when another is asked about. */
function askingAbout(text: string): void {
  if (text === lastText) return;
  lastText = text;
  found.clear();
  patternFound.clear();
  pairs.fill(0);
  for (let i = 0; i + 1 < text.length; i++) pairs[pairCode(text, i)] = 1;
}

/** Whether `text` contains `needle`. */
function contains(text: string, needle: string): boolean {
  askingAbout(text);
  let hit = found.get(needle);
  if (hit === undefined) {
    hit = true;
    for (let i = 0; i + 1 < needle.length; i++) {
      if (pairs[pairCode(needle, i)] === 0) {
        hit = false;
        break;
      }
    }
    if (hit) hit = text.includes(needle);
    found.set(needle, hit);
  }
  return hit;
}

/** Whether the whole text matches a rule's `prefilter-pattern`. */
function matchesPattern(text: string, pattern: SafePattern): boolean {
  askingAbout(text);
  let hit = patternFound.get(pattern);
  if (hit === undefined) {
    if (pattern instanceof RegExp) pattern.lastIndex = 0;
    // the whole text: a prefilter must never skip a file that can match (built-in patterns are
    // checked for super-linear backtracking; a repository's run on RE2)
    hit = pattern.test(text);
    patternFound.set(pattern, hit);
  }
  return hit;
}

/**
 * Build a filter from the explicit list (and `prefilter-pattern`, which also lets a file through)
 * and the needles of every pattern of the query.
 */
export function buildPrefilter(
  explicit: readonly string[] | undefined,
  patterns: readonly PatternNeedles[],
  textPattern?: SafePattern | undefined,
): TextFilter {
  const tests: TextFilter[] = [];
  const strings = explicit ?? [];
  if (strings.length > 0 || textPattern)
    tests.push(
      (t) => strings.some((s) => contains(t, s)) || (textPattern !== undefined && matchesPattern(t, textPattern)),
    );
  // When every pattern requires some literal, the file must satisfy at least one pattern's needles.
  if (patterns.length > 0 && patterns.every((p) => p.length > 0)) {
    tests.push((t) => patterns.some((p) => p.every((set) => set.some((s) => contains(t, s)))));
  }
  return (t) => tests.every((f) => f(t));
}

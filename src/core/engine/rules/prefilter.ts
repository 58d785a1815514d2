// Cheap text prefilters: skip running a query on a file that cannot match it.
// Two sources: the rule's explicit `prefilter` list, and the literal strings that
// `#eq?` / `#any-of?` predicates require of a capture (the file must contain them).

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
 * Whether `text` contains `needle`, remembered for the last text asked about: the rules of one
 * file share most of their needles (`query`, `exec`, `child_process`), so each is searched once.
 */
let lastText: string | null = null;
const found = new Map<string, boolean>();
function contains(text: string, needle: string): boolean {
  if (text !== lastText) {
    lastText = text;
    found.clear();
  }
  let hit = found.get(needle);
  if (hit === undefined) {
    hit = text.includes(needle);
    found.set(needle, hit);
  }
  return hit;
}

/** Build a filter from the explicit list and the needles of every pattern of the query. */
export function buildPrefilter(
  explicit: readonly string[] | undefined,
  patterns: readonly PatternNeedles[],
): TextFilter {
  const tests: TextFilter[] = [];
  if (explicit && explicit.length > 0) tests.push((t) => explicit.some((s) => contains(t, s)));
  // When every pattern requires some literal, the file must satisfy at least one pattern's needles.
  if (patterns.length > 0 && patterns.every((p) => p.length > 0)) {
    tests.push((t) => patterns.some((p) => p.every((set) => set.some((s) => contains(t, s)))));
  }
  return (t) => tests.every((f) => f(t));
}

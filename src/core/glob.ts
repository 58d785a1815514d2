// Path globs (`paths.ignore`, `overrides[].paths`, `when.paths`, area paths, dependency names), matched
// in time linear in the path, whatever the glob.
//
// picomatch parses the glob (so its syntax and meaning stay the reference: braces, extglobs, classes,
// escapes, `!` negation) and gives a JavaScript regex source; that source is run on re2js, a linear-time
// engine, never on the backtracking RegExp (where `**/*a*a*a*a*a*a*a*a*b` takes seconds on a 40-character
// name). RE2 has no lookaround; picomatch's sources with `dot: true` use four fixed ones:
//   - `(?!\.{1,2}(?:\/|$))` and `(?!(?:^|\/)\.{1,2}(?:\/|$))`: no `.` or `..` segment here;
//   - `(?=.)`: not at the end of the path;
//   - `(?!\.{0,1}(?:\/|$))`, after a literal `.` and before a star: the segment is not `.` or `..`.
// On a normalized path (see `normalizedPath`) the first two always hold. `(?=.)` holds at the start
// of a segment, except after the `$` branch a `/**/` group ends with (that branch is dropped); in the
// `*.*` fast path it becomes "at least one character". The third holds when its `.` starts a segment;
// when the star ends the segment (`{.env,.env.*}`) it becomes "the star is neither empty nor `.`";
// anywhere else it stays, and the glob is refused. So the rewritten source matches exactly the
// normalized paths picomatch matches (test/core/glob.test.ts compares them). Anything else a path can
// be (empty, `.` / `..` / empty segments, line breaks) is a path git never gives: it matches no glob.
// A glob whose source keeps a lookaround (the `!(…)` extglob) is refused: `unsupportedGlob` says why,
// and the config schema rejects it.
import picomatch from "picomatch";
import { RE2JS } from "re2js";
import { backtrackingOnlyFeature } from "./regex.js";

export interface GlobOptions {
  nocase?: boolean | undefined;
}

const NO_DOTS = "(?!(?:^|\\/)\\.{1,2}(?:\\/|$))";
const NO_DOTS_SLASH = "(?!\\.{1,2}(?:\\/|$))";
const ONE_CHAR = "(?=.)";
const FAST_DOT_STAR_END = "[^/]*?\\.(?=.)[^/]*?\\/?)$";
const DOT_STAR_END = "[^/]*?\\.[^/]+?\\/?)$";
const NO_DOT_SLASH = "(?!\\.{0,1}(?:\\/|$))";
/** A literal `.` at the start of a segment: after the start, a `/`, or a `**` group (which ends in `/` or `$`). */
const SEGMENT_DOT = /(?:^\^\(\?:|\\\/|\\\/\)|\|\$\))\\\.$/;

const STAR = "[^/]*?";
/** A star after a literal `.` whose segment must not end there or after one more `.`. */
const DOT_STAR_RE2 = "(?:[^./][^/]*?|\\.[^/]+?)";

/** Index after the group that `i` (just after a `|`) is in: past its closing parenthesis. */
function skipAlternatives(source: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")" && depth-- === 0) return i + 1;
  }
  return i;
}

/** Whatever follows position `i` in the source can only start at a `/` or the end of the path. */
function atSegmentEnd(source: string, i: number): boolean {
  let j = i;
  for (;;) {
    if (source[j] === ")") j++;
    else if (source[j] === "|") j = skipAlternatives(source, j + 1);
    else break;
  }
  const rest = source.slice(j);
  return /^(?:\\\/\?)?\)*\$$/.test(rest) || (rest.startsWith("\\/") && !rest.startsWith("\\/?"));
}

/**
 * The source without the `.`-star checks: dropped where the `.` starts a segment; rewritten where the
 * star ends the segment (the `.env.*` of `{.env,.env.*}`); kept (and the glob refused) anywhere else.
 */
function dropSegmentDotChecks(source: string): string {
  const parts = source.split(NO_DOT_SLASH);
  let out = parts[0] ?? "";
  for (const part of parts.slice(1)) {
    const star = ONE_CHAR + STAR;
    if (SEGMENT_DOT.test(out)) out += part.startsWith(ONE_CHAR) ? part.slice(ONE_CHAR.length) : part;
    else if (part.startsWith(star) && atSegmentEnd(part, star.length)) out += DOT_STAR_RE2 + part.slice(star.length);
    else out += NO_DOT_SLASH + part;
  }
  return out;
}

/** No empty, `.` or `..` segment, no line break: the paths globs are defined on here. */
export function normalizedPath(path: string): boolean {
  return path.length > 0 && !/[\n\r\u2028\u2029]/.test(path) && !/(?:^|\/)\.{0,2}(?:\/|$)/.test(path);
}

interface Compiled {
  source: string;
  negated: boolean;
}

function pmOptions(opts: GlobOptions) {
  return { dot: true, nocase: opts.nocase === true };
}

/** picomatch's source for the glob, rewritten for RE2; a string saying why when it cannot be. */
function translate(glob: string, opts: GlobOptions): Compiled | string {
  let re: RegExp & { state?: { negated?: boolean } };
  try {
    re = picomatch.makeRe(glob, pmOptions(opts), false, true);
  } catch (e) {
    return `invalid glob: ${e instanceof Error ? e.message : String(e)}`;
  }
  const negated = re.state?.negated === true;
  let source = re.source;
  if (negated) {
    // `^(?!<inner>).*$`: keep the inner source and negate the result instead.
    const m = /^\^\(\?!(.*)\)\.\*\$$/s.exec(source);
    if (!m?.[1]) return "a negated glob picomatch compiles in an unexpected way";
    source = m[1];
  }
  source = dropSegmentDotChecks(source);
  // The `*.*` and `**/*.*` fast paths end in `[^/]*?\.(?=.)[^/]*?`: a dot inside the segment, then
  // at least one character.
  if (source.endsWith(FAST_DOT_STAR_END)) source = source.slice(0, -FAST_DOT_STAR_END.length) + DOT_STAR_END;
  source = source.split(NO_DOTS).join("").split(NO_DOTS_SLASH).join("");
  source = source.split(`|$)${ONE_CHAR}`).join(")").split(ONE_CHAR).join("");
  const feature = backtrackingOnlyFeature(source);
  if (feature)
    return `it compiles to ${feature}, which the linear-time glob engine aiguard uses does not have (as the !(…) extglob does; write the glob without it, or as several globs)`;
  return { source, negated };
}

/** Why aiguard cannot match this glob (null when it can). */
export function unsupportedGlob(glob: string, opts: GlobOptions = {}): string | null {
  const t = translate(glob, opts);
  if (typeof t === "string") return t;
  try {
    RE2JS.compile(RE2JS.translateRegExp(t.source));
    return null;
  } catch (e) {
    return `invalid glob: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const NEVER = (_: string): boolean => false;

function re2(sources: string[], nocase: boolean): ((s: string) => boolean) | null {
  if (sources.length === 0) return null;
  const body = sources.length === 1 ? sources[0]! : sources.map((s) => `(?:${s})`).join("|");
  try {
    const re = RE2JS.compile(RE2JS.translateRegExp(body), nocase ? RE2JS.CASE_INSENSITIVE : 0);
    return (s) => re.test(s);
  } catch {
    return null;
  }
}

/**
 * A matcher for one glob or any of a list (as picomatch(globs, { dot: true, nocase }) on normalized
 * paths), linear in the path's length. Globs aiguard cannot match (see `unsupportedGlob`) match nothing.
 */
export function globMatcher(globs: string | readonly string[], opts: GlobOptions = {}): (path: string) => boolean {
  const list = typeof globs === "string" ? [globs] : [...globs];
  const key = JSON.stringify([opts.nocase === true, list]);
  const cached = matchers.get(key);
  if (cached) return cached;
  const made = makeMatcher(list, opts);
  if (matchers.size >= MAX_CACHED) matchers.clear();
  matchers.set(key, made);
  return made;
}

/** Matchers compiled lately (a config's lists are matched by several stages of one review). */
const matchers = new Map<string, (path: string) => boolean>();
const MAX_CACHED = 32;

function makeMatcher(list: readonly string[], opts: GlobOptions): (path: string) => boolean {
  const literal = new Set(list);
  const positive: string[] = [];
  const negative: ((s: string) => boolean)[] = [];
  for (const g of list) {
    const t = translate(g, opts);
    if (typeof t === "string") continue;
    if (!t.negated) positive.push(t.source);
    else {
      const inner = re2([t.source], opts.nocase === true);
      if (inner) negative.push(inner);
    }
  }
  const nocase = opts.nocase === true;
  const one = re2(positive, nocase);
  const each = one ? [] : positive.map((s) => re2([s], nocase)).filter((f) => f !== null);
  const any = one ?? (each.length > 0 ? (s: string) => each.some((f) => f(s)) : NEVER);
  return (path: string): boolean => {
    if (path === "") return false;
    if (literal.has(path)) return true;
    if (!normalizedPath(path)) return false;
    return any(path) || negative.some((inner) => !inner(path));
  };
}

// Path globs (`paths.ignore`, `overrides[].paths`, `when.paths`, area paths, dependency names), matched
// in time linear in the path, whatever the glob.
//
// picomatch parses the glob (so its syntax and meaning stay the reference: braces, extglobs, classes,
// escapes, `!` negation) and gives a JavaScript regex source; that source is run on re2js, a linear-time
// engine, never on the backtracking RegExp (where `**/*a*a*a*a*a*a*a*a*b` takes seconds on a 40-character
// name). RE2 has no lookaround, and picomatch's sources (with `dot: true`) use three fixed ones:
//   - `(?!\.{1,2}(?:\/|$))` and `(?!(?:^|\/)\.{1,2}(?:\/|$))`: no `.` or `..` segment here;
//   - `(?=.)`: not at the end of the path;
//   - `(?!\.{0,1}(?:\/|$))(?=.)` after a literal `.` and before a star: rewritten as a star that
//     is neither empty nor `.`.
// On a normalized path (see `normalizedPath`) the first two always hold, and `(?=.)` holds wherever
// picomatch puts it except after the `$` branch a `/**/` group ends with, which is dropped. So the
// source without them matches exactly the same normalized paths. Anything else a path can be (empty,
// `.` / `..` / empty segments, line breaks) is a path git never gives; it matches no glob. A glob whose
// source still has a lookaround (the `!(…)` extglob) is refused: `unsupportedGlob` says so, and the
// config schema rejects it.
import picomatch from "picomatch";
import { RE2JS } from "re2js";
import { backtrackingOnlyFeature } from "./regex.js";

export interface GlobOptions {
  nocase?: boolean | undefined;
}

const NO_DOTS = "(?!(?:^|\\/)\\.{1,2}(?:\\/|$))";
const NO_DOTS_SLASH = "(?!\\.{1,2}(?:\\/|$))";
const ONE_CHAR = "(?=.)";
// After a literal `.`: a star that is neither empty nor `.` (so that the segment is not `.` or `..`).
const DOT_STAR = "(?!\\.{0,1}(?:\\/|$))(?=.)[^/]*?";
const DOT_STAR_RE2 = "(?:[^./][^/]*?|\\.[^/]+?)";

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
  source = source.split(DOT_STAR).join(DOT_STAR_RE2);
  source = source.split(NO_DOTS).join("").split(NO_DOTS_SLASH).join("");
  source = source.split(`|$)${ONE_CHAR}`).join(")").split(ONE_CHAR).join("");
  const feature = backtrackingOnlyFeature(source);
  if (feature)
    return `it compiles to ${feature}, which the linear-time glob engine does not have (e.g. the !(…) extglob)`;
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

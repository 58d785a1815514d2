// Regular expressions written in rule files. A leading `(?i)` (or `(?m)`, `(?s)`) sets flags
// (JavaScript has no inline flags).
//
// Two engines behind one small interface, SafePattern:
//   - built-in rules and detectors (vetted, and each checked for super-linear backtracking by
//     test/core/regex-redos.test.ts) run on JavaScript's RegExp;
//   - patterns a repository brings (custom rules, `#match?` predicates in their queries) run on
//     re2js, a port of RE2 whose matching time is linear in the input, so no pattern can hang the
//     process. RE2 has no backreferences and no lookaround: such a pattern is refused with an
//     error saying so, never run on the backtracking engine.
import { RE2JS } from "re2js";
import { errorText } from "./text.js";

/** Longest text a rule regex is ever run against. */
export const MAX_REGEX_INPUT = 4000;

/** Longest pattern a repository rule may use. */
export const MAX_UNTRUSTED_REGEX = 500;

export class RuleRegexError extends Error {}

/** What the rules need of a compiled pattern. A RegExp is one; so is an RE2 pattern. */
export interface SafePattern {
  readonly source: string;
  test(text: string): boolean;
}

function splitFlags(source: string): { body: string; flags: string } {
  const m = /^\(\?([imsu]+)\)/.exec(source);
  if (!m) return { body: source, flags: "" };
  return { body: source.slice(m[0].length), flags: [...new Set(m[1] ?? "")].join("") };
}

/** Syntax RE2 does not have, outside character classes; null when none. */
export function backtrackingOnlyFeature(body: string): string | null {
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") {
      const next = body[i + 1] ?? "";
      if (!inClass && (/[1-9]/.test(next) || (next === "k" && body[i + 2] === "<"))) return "a backreference";
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
    } else if (c === "(" && body[i + 1] === "?") {
      const kind = body.slice(i + 2, i + 4);
      if (kind.startsWith("=") || kind.startsWith("!")) return "a lookahead";
      if (kind === "<=" || kind === "<!") return "a lookbehind";
    }
  }
  return null;
}

class Re2Pattern implements SafePattern {
  constructor(
    readonly source: string,
    private readonly re: RE2JS,
  ) {}
  test(text: string): boolean {
    return this.re.test(text);
  }
}

const RE2_FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };

/** A repository's pattern, compiled for the linear-time engine (RE2 semantics). */
export function compileUntrustedRegex(source: string): SafePattern {
  const { body, flags } = splitFlags(source);
  if (body.length > MAX_UNTRUSTED_REGEX)
    throw new RuleRegexError(`regex longer than ${MAX_UNTRUSTED_REGEX} characters`);
  const feature = backtrackingOnlyFeature(body);
  if (feature)
    throw new RuleRegexError(
      `regex /${body}/ uses ${feature}, which aiguard does not run for repository rules (they run on a linear-time engine, RE2, which has no backreferences or lookaround)`,
    );
  let mask = 0;
  for (const f of flags) mask |= RE2_FLAGS[f] ?? 0;
  try {
    return new Re2Pattern(body, RE2JS.compile(RE2JS.translateRegExp(body), mask));
  } catch (e) {
    throw new RuleRegexError(`invalid regex /${body}/: ${errorText(e)}`);
  }
}

/** A built-in (vetted) pattern, on JavaScript's RegExp. */
export function compileRuleRegex(source: string): RegExp {
  const { body, flags } = splitFlags(source);
  try {
    return new RegExp(body, flags);
  } catch (e) {
    throw new RuleRegexError(`invalid regex /${body}/: ${errorText(e)}`);
  }
}

/** A rule's pattern: on RE2 when it comes from a repository (`untrusted`), else on RegExp. */
export function compilePattern(source: string, opts: { untrusted: boolean }): SafePattern {
  return opts.untrusted ? compileUntrustedRegex(source) : compileRuleRegex(source);
}

export function testRegex(re: SafePattern, text: string, limit: number = MAX_REGEX_INPUT): boolean {
  if (re instanceof RegExp) re.lastIndex = 0;
  return re.test(text.length > limit ? text.slice(0, limit) : text);
}

// Regular expressions written in rule files. A leading `(?i)` means case-insensitive
// (JavaScript has no inline flags). Rules from outside the package are checked for the
// nested quantifiers that make a regex backtrack catastrophically.
import { errorText } from "./text.js";

/** Longest text a rule regex is ever run against. */
export const MAX_REGEX_INPUT = 4000;

export class RuleRegexError extends Error {}

/** A quantified group that itself contains a quantifier: `(a+)+`, `(\w*x)*`, `(a|b+){2,}`. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*(?:[+*]|\{\d+,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

export function compileRuleRegex(source: string, opts: { untrusted?: boolean } = {}): RegExp {
  let flags = "";
  let body = source;
  const m = /^\(\?([imsu]+)\)/.exec(body);
  if (m) {
    flags = [...new Set(m[1] ?? "")].join("");
    body = body.slice(m[0].length);
  }
  if (opts.untrusted) {
    if (body.length > 500) throw new RuleRegexError(`regex longer than 500 characters`);
    if (NESTED_QUANTIFIER.test(body))
      throw new RuleRegexError(`regex /${body}/ has a nested quantifier (risk of catastrophic backtracking)`);
  }
  try {
    return new RegExp(body, flags);
  } catch (e) {
    throw new RuleRegexError(`invalid regex /${body}/: ${errorText(e)}`);
  }
}

export function testRegex(re: RegExp, text: string, limit: number = MAX_REGEX_INPUT): boolean {
  re.lastIndex = 0;
  return re.test(text.length > limit ? text.slice(0, limit) : text);
}

// `#match?` predicates (and `#not-match?`, `#any-match?`, `#any-not-match?`) in a repository's
// rule query. tree-sitter's JS glue would run them on JavaScript's backtracking RegExp, so in
// custom rules they are renamed before the query is compiled (tree-sitter then keeps them as
// plain predicates and ignores them) and evaluated here on the linear-time engine instead, with
// tree-sitter's meaning: every node of the capture must match (`any-`: one node), and a capture
// without nodes passes only the negated forms.
import type { Node, Query } from "web-tree-sitter";
import { compileUntrustedRegex, testRegex } from "../../regex.js";
import { errorText } from "../../text.js";

/** Strings and comments are skipped; `#match?` and its variants are renamed. */
const OPERATOR = /"(?:[^"\\]|\\.)*"|;[^\n]*|#((?:any-)?(?:not-)?match\?)(?=[\s)])/g;
const RENAMED = "aiguard-re2-";

/** Tests the renamed predicates of the pattern that matched. */
export type PatternTest = (patternIndex: number, captures: ReadonlyMap<string, readonly Node[]>) => boolean;

export class MatchPredicateError extends Error {}

/** The query text with its regex predicates renamed so that tree-sitter does not run them. */
export function renameMatchPredicates(query: string): string {
  return query.replace(OPERATOR, (whole, op: string | undefined) => (op ? `#${RENAMED}${op}` : whole));
}

type CaptureTest = (captures: ReadonlyMap<string, readonly Node[]>) => boolean;

function predicateTest(operator: string, operands: Query["predicates"][number][number]["operands"]): CaptureTest {
  const [capture, pattern] = operands;
  if (operands.length !== 2 || capture?.type !== "capture" || pattern?.type !== "string")
    throw new MatchPredicateError(`#${operator} predicate: expected a capture and a string`);
  let re;
  try {
    re = compileUntrustedRegex(pattern.value);
  } catch (e) {
    throw new MatchPredicateError(`#${operator} predicate: ${errorText(e)}`);
  }
  const positive = !operator.includes("not-");
  const all = !operator.startsWith("any-");
  const name = capture.name;
  return (captures) => {
    const nodes = captures.get(name) ?? [];
    if (nodes.length === 0) return !positive;
    const ok = (n: Node) => testRegex(re, n.text) === positive;
    return all ? nodes.every(ok) : nodes.some(ok);
  };
}

/** The renamed predicates of a compiled query, per pattern; null when it has none. */
export function compileMatchPredicates(query: Query): PatternTest | null {
  const perPattern: CaptureTest[][] = [];
  let count = 0;
  for (let i = 0; i < query.patternCount(); i++) {
    const tests: CaptureTest[] = [];
    for (const p of query.predicatesForPattern(i)) {
      if (!p.operator.startsWith(RENAMED)) continue;
      tests.push(predicateTest(p.operator.slice(RENAMED.length), p.operands));
    }
    count += tests.length;
    perPattern.push(tests);
  }
  if (count === 0) return null;
  return (patternIndex, captures) => (perPattern[patternIndex] ?? []).every((t) => t(captures));
}

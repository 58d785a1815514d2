// Constraints on the code that runs before the capture in its function: checks that guard it.
//
//   guarded-by: <regex>   the capture only runs after a check whose condition matches the regex:
//                           - it sits in the `then` branch of an `if` (or ternary) whose condition
//                             matches: `if (TRUSTED.contains(origin)) { setHeader(..., origin) }`
//                           - or an earlier `if` in an enclosing block of the same function has a
//                             matching condition: `if (!p.startsWith(root)) throw ...; read(p)`,
//                             `if u.Host != "" { next = "/" }; redirect(next)`
//                         Usually negated, for "unless the value is checked first". Only the
//                         condition's text is tested, not its polarity or the variable checked.
//   preceded-by: <regex>  the text of the enclosing function before the capture matches the regex:
//                         `not: { capture: report, preceded-by: '\.verify\(' }` for "unless the
//                         token was verified first".
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import type { FileContext } from "../file-context.js";
import { compilePattern, MAX_REGEX_INPUT, testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";

/** Conditional node types (if statements, ternaries) of the supported grammars. */
const CONDITIONALS = new Set(["if_statement", "ternary_expression", "conditional_expression"]);
/** Node types that hold a list of statements. */
const BLOCKS = new Set([
  "block",
  "statement_list",
  "statement_block",
  "switch_block_statement_group",
  "expression_switch_case",
]);
/** Field names of a conditional's `then` part, by grammar. */
const THEN_FIELDS = ["consequence", "body"];

const MAX_TEXT = 100_000;

function within(n: Node, outer: Node): boolean {
  return outer.startIndex <= n.startIndex && n.endIndex <= outer.endIndex;
}

/** The condition of a conditional node (Python's `a if cond else b` keeps it unnamed: skip). */
function conditionOf(n: Node): Node | null {
  return n.childForFieldName("condition");
}

function thenPart(n: Node): Node | null {
  for (const f of THEN_FIELDS) {
    const c = n.childForFieldName(f);
    if (c) return c;
  }
  return null;
}

function enclosingScope(node: Node, ctx: FileContext): Node | null {
  const scopes = ctx.lang.syntax.scopeTypes;
  for (let p = node.parent; p; p = p.parent) if (scopes.has(p.type)) return p;
  return null;
}

export function isGuarded(node: Node, ctx: FileContext, test: (text: string) => boolean): boolean {
  const scopes = ctx.lang.syntax.scopeTypes;
  let child = node;
  for (let p = node.parent; p && !scopes.has(p.type); child = p, p = p.parent) {
    if (CONDITIONALS.has(p.type)) {
      const cond = conditionOf(p);
      const then = thenPart(p);
      if (cond && then && within(child, then) && test(cond.text)) return true;
    }
    if (BLOCKS.has(p.type)) {
      for (let s = child.previousNamedSibling; s; s = s.previousNamedSibling) {
        if (s.type !== "if_statement") continue;
        const cond = conditionOf(s);
        if (cond && test(cond.text)) return true;
      }
    }
  }
  return false;
}

export const guardedBy = defineConstraint({
  key: "guarded-by",
  describe: "the capture runs inside, or after, an `if` whose condition matches the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    return (node, ctx) => isGuarded(node, ctx.file, (t) => testRegex(re, t));
  },
});

export const precededBy = defineConstraint({
  key: "preceded-by",
  describe: "the enclosing function's text before the capture matches the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    return (node, ctx) => {
      const scope = enclosingScope(node, ctx.file);
      // node indices are offsets into the parsed string (UTF-16 code units)
      const limit = opts.untrusted ? MAX_REGEX_INPUT : MAX_TEXT;
      const from = Math.max(scope ? scope.startIndex : 0, node.startIndex - limit);
      return testRegex(re, ctx.file.text.slice(from, node.startIndex), limit);
    };
  },
});

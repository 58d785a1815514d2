// `dominated-by: <regex>`: code that runs on EVERY path to the capture, before it, matches the
// regex. Unlike `preceded-by` (the function's text before the capture) and `scope-matches` (the
// whole function), a check set in another branch of an `if`/`switch`, in a loop body, after
// the sink, or in a nested function does not count:
//
//   res.type("json"); res.send(html)                            dominated
//   if (asJson) res.type("json"); res.send(html)                 not dominated (a branch)
//   if (asJson) { res.type("json"); return res.send(d) } res.send(html)   not dominated
//
// What counts, walking up from the capture to its function: the earlier statements of every
// enclosing block (their straight-line code only: the bodies of their branches, loops and
// nested functions, the right operand of `&&`/`||`, and the arms of a ternary are left out),
// the earlier operands of every enclosing expression, and the conditions of the enclosing
// `if`s, loops and switches. A callback passed as an argument (`items.forEach((i) => ...)`) is
// looked through to the function around it: what runs before the call runs before the callback.
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import { compilePattern, MAX_REGEX_INPUT, testRegex } from "../../regex.js";
import type { FileContext } from "../file-context.js";
import { defineConstraint } from "./types.js";

/**
 * Nodes whose parts do not all run, or not before the rest: the fields that always run first
 * (a condition, a switch's subject) are kept; the other parts are branches.
 */
const BRANCHING: ReadonlyMap<string, readonly string[]> = new Map([
  ["if_statement", ["condition", "initializer"]],
  ["elif_clause", ["condition"]],
  ["ternary_expression", ["condition"]],
  ["switch_statement", ["value", "condition"]],
  ["switch_expression", ["condition", "value"]],
  ["switch_body", []],
  ["switch_block", []],
  ["expression_switch_statement", ["initializer", "value"]],
  ["type_switch_statement", ["initializer", "value"]],
  ["select_statement", []],
  ["match_statement", ["subject"]],
  ["for_statement", []],
  ["for_in_statement", []],
  ["enhanced_for_statement", []],
  ["while_statement", ["condition"]],
  ["do_statement", []],
  ["try_statement", []],
  ["try_with_resources_statement", ["resources"]],
  ["catch_clause", []],
  ["except_clause", []],
  ["class_declaration", []],
  ["class", []],
  ["class_definition", []],
]);
/** `a && b`, `a || b`, `a ?? b`, `a and b`: the right operand may not run. */
const SHORT_CIRCUIT = new Set(["&&", "||", "??", "and", "or"]);
/** Node types of argument lists: a function passed there is a callback, looked through. */
const ARGUMENT_LISTS = new Set(["arguments", "argument_list"]);

const MAX_TEXT = 100_000;
/** Nesting looked into, at most (see straight). */
const MAX_DEPTH = 200;

type Range = [start: number, end: number];

function isShortCircuit(n: Node): boolean {
  if (n.type !== "binary_expression" && n.type !== "boolean_operator") return false;
  const op = n.childForFieldName("operator")?.type;
  return op !== undefined && SHORT_CIRCUIT.has(op);
}

/** The parts of a branching node that always run first. */
function keptParts(n: Node): Node[] {
  // Python `a if cond else b`: the condition (second operand) runs first
  if (n.type === "conditional_expression") return n.namedChild(1) ? [n.namedChild(1) as Node] : [];
  const out: Node[] = [];
  for (const f of BRANCHING.get(n.type) ?? []) {
    const c = n.childForFieldName(f);
    if (c) out.push(c);
  }
  return out;
}

function isBranching(n: Node): boolean {
  return BRANCHING.has(n.type) || n.type === "conditional_expression";
}

/** Adds a range, merged with the previous one when they touch. */
function add(out: Range[], a: number, b: number): void {
  if (b <= a) return;
  const last = out[out.length - 1];
  if (last && last[1] === a) last[1] = b;
  else out.push([a, b]);
}

/**
 * The straight-line ranges of `n`: the code in it that runs whenever `n` runs (see the header).
 * Appended to `out` in source order.
 */
function straight(n: Node, ctx: FileContext, out: Range[], depth = 0): void {
  if (n.type === "comment" || ctx.lang.syntax.functionTypes.has(n.type)) return;
  // Code nested deeper than this (a generated table of brackets, say) is kept whole, unread: a
  // walk into it would run out of stack.
  if (depth >= MAX_DEPTH) {
    add(out, n.startIndex, n.endIndex);
    return;
  }
  if (isBranching(n)) {
    for (const k of keptParts(n)) straight(k, ctx, out, depth + 1);
    return;
  }
  if (isShortCircuit(n)) {
    const left = n.childForFieldName("left") ?? n.namedChild(0);
    if (left) straight(left, ctx, out, depth + 1);
    return;
  }
  // leaves are kept whole; children with parts of their own are looked into
  let pos = n.startIndex;
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === "comment") {
      add(out, pos, c.startIndex);
      pos = c.endIndex;
      continue;
    }
    if (c.namedChildCount === 0) continue;
    add(out, pos, c.startIndex);
    straight(c, ctx, out, depth + 1);
    pos = c.endIndex;
  }
  add(out, pos, n.endIndex);
}

/** The text that runs on every path to `node` before it, within its function (callbacks looked through). */
export function dominatingText(node: Node, ctx: FileContext, limit = MAX_TEXT): string {
  const syntax = ctx.lang.syntax;
  // collected innermost first; each level's ranges come before the previous level's
  const levels: Range[][] = [];
  let size = 0;
  let child = node;
  for (let p = node.parent; p && size < limit; child = p, p = p.parent) {
    const ranges: Range[] = [];
    if (isBranching(p)) {
      for (const k of keptParts(p)) if (k.endIndex <= child.startIndex) straight(k, ctx, ranges);
    } else {
      const earlier: Node[] = [];
      for (let s = child.previousNamedSibling; s; s = s.previousNamedSibling) earlier.unshift(s);
      for (const s of earlier) straight(s, ctx, ranges);
    }
    for (const [a, b] of ranges) size += b - a;
    levels.push(ranges);
    if (p.id === ctx.root.id) break;
    if (syntax.scopeTypes.has(p.type)) {
      // a callback: what runs before the call runs before it; any other function: stop
      let holder = p.parent;
      while (holder && syntax.wrapperTypes.has(holder.type)) holder = holder.parent;
      if (!holder || !ARGUMENT_LISTS.has(holder.type)) break;
    }
  }
  const text = ctx.text;
  let out = "";
  for (let i = levels.length - 1; i >= 0; i--) {
    for (const [a, b] of levels[i] ?? []) {
      out += `${text.slice(a, b)}\n`;
      if (out.length >= limit) return out.slice(out.length - limit);
    }
  }
  return out;
}

export const dominatedBy = defineConstraint({
  key: "dominated-by",
  describe: "code that runs on every path to the capture, before it in its function, matches the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    const limit = opts.untrusted ? MAX_REGEX_INPUT : MAX_TEXT;
    return (node, ctx) => testRegex(re, dominatingText(node, ctx.file, limit), limit);
  },
});

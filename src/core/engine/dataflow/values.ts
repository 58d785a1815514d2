// What can be said about the value of an expression without running it:
//   constant  - a literal, or built only from constants (through local variables too)
//   dynamic   - a string built at run time with at least one non-constant piece
//   unknown   - anything else (a parameter, a call result, a property read)
// A call of a function of the same file is dynamic when that function returns a built string
// (`String sql = buildQuery(id)` with `return "... WHERE id = " + id`), else unknown.
// The taint analysis (dataflow/taint.ts) builds on the same bindings, adding sources and sanitizers.
import type { Node } from "web-tree-sitter";
import type { FileContext, ValueClass } from "../file-context.js";
import type { Binding } from "../../lang/types.js";
import { resolveLocalCall, returnedExpressions } from "./functions.js";
import { nameOrigins, propertyOrigins, reachingBindings } from "./scope.js";

export type { ValueClass } from "../file-context.js";

const MAX_DEPTH = 12;
/** Texts gathered by valueTexts, at most. */
const MAX_TEXTS = 32;

export function unwrap(node: Node, ctx: FileContext): Node {
  let n = node;
  for (let i = 0; i < 16; i++) {
    const where = ctx.lang.syntax.wrapperTypes.get(n.type);
    if (!where) return n;
    let inner: Node | null;
    if (where === "#first") inner = n.firstNamedChild;
    else if (where === "#last") inner = n.lastNamedChild;
    else inner = n.childForFieldName(where);
    // skip comments inside parentheses
    while (inner && inner.type === "comment") inner = inner.nextNamedSibling;
    if (!inner) return n;
    n = inner;
  }
  return n;
}

function classifyAt(node: Node, ctx: FileContext, depth: number, visiting: Set<number>): ValueClass {
  const n = unwrap(node, ctx);
  const memo = ctx.valueMemo.get(n.id);
  if (memo) return memo;
  if (depth > MAX_DEPTH || visiting.has(n.id)) return "unknown";
  visiting.add(n.id);
  let result: ValueClass;
  try {
    result = compute(n, ctx, depth, visiting);
  } finally {
    visiting.delete(n.id);
  }
  ctx.valueMemo.set(n.id, result);
  return result;
}

function compute(n: Node, ctx: FileContext, depth: number, visiting: Set<number>): ValueClass {
  const syntax = ctx.lang.syntax;
  const parts = syntax.stringParts(n);
  if (parts) {
    // Building a string: any non-constant piece makes the whole thing dynamic.
    return parts.every((p) => classifyAt(p, ctx, depth + 1, visiting) === "constant") ? "constant" : "dynamic";
  }
  if (syntax.constantTypes.has(n.type)) return "constant";
  const joined = syntax.joinedCollection?.(n);
  if (joined) return collectionClass(joined, ctx, depth, visiting);
  if (syntax.identifierTypes.has(n.type)) return bindingsClass(reachingBindings(n, n.text, ctx), ctx, depth, visiting);
  // o.cmd = "ls " + dir; run(o.cmd) / this.cmd set in the constructor
  if (syntax.flow?.member(n)) return bindingsClass(propertyOrigins(n, ctx), ctx, depth, visiting);
  const returns = localReturns(n, ctx);
  if (returns?.some((r) => classifyAt(r, ctx, depth + 1, visiting) === "dynamic")) return "dynamic";
  return "unknown";
}

/** Per file: the returned expressions of each function asked about (by function node id). */
const returnsMemo = new WeakMap<FileContext, Map<number, Node[] | null>>();
/** Per file: the answer of localReturns for each node asked about (by node id). */
const callReturnsMemo = new WeakMap<FileContext, Map<number, Node[] | null>>();

/** The expressions returned by the function of this file that `n` calls, or null (not such a call). */
function localReturns(n: Node, ctx: FileContext): Node[] | null {
  let byCall = callReturnsMemo.get(ctx);
  if (!byCall) callReturnsMemo.set(ctx, (byCall = new Map()));
  const known = byCall.get(n.id);
  if (known !== undefined) return known;
  const out = resolveReturns(n, ctx);
  byCall.set(n.id, out);
  return out;
}

function resolveReturns(n: Node, ctx: FileContext): Node[] | null {
  const call = ctx.lang.syntax.flow?.call(n);
  if (!call) return null;
  const fn = resolveLocalCall(call, n, ctx);
  if (!fn) return null;
  let memo = returnsMemo.get(ctx);
  if (!memo) returnsMemo.set(ctx, (memo = new Map()));
  if (memo.has(fn.node.id)) return memo.get(fn.node.id) ?? null;
  // Go returns an expression list: its first value is the string
  const out =
    returnedExpressions(fn.node, ctx)?.map((r) => (r.type === "expression_list" ? (r.firstNamedChild ?? r) : r)) ??
    null;
  memo.set(fn.node.id, out);
  return out;
}

function bindingsClass(
  bindings: readonly Binding[],
  ctx: FileContext,
  depth: number,
  visiting: Set<number>,
): ValueClass {
  if (bindings.length === 0) return "unknown";
  let sawUnknown = false;
  for (const b of bindings) {
    if (!b.value || b.part) {
      sawUnknown = true;
      continue;
    }
    const c = classifyAt(b.value, ctx, depth + 1, visiting);
    // `q += x` appends x to q: a non-constant x makes q a built string.
    if (c === "dynamic" || (b.augmented && c !== "constant")) return "dynamic";
    if (c === "unknown") sawUnknown = true;
  }
  return sawUnknown ? "unknown" : "constant";
}

/**
 * A collection joined into a string, by its elements: "dynamic" when a literal it was built from
 * or a value added to it (`parts.push(x)`) is not constant, "constant" when all are, "unknown"
 * when where it comes from is not seen (a parameter, a call's result).
 */
function collectionClass(coll: Node, ctx: FileContext, depth: number, visiting: Set<number>): ValueClass {
  const syntax = ctx.lang.syntax;
  const n = unwrap(coll, ctx);
  const elements: Node[] = [];
  if (syntax.collectionTypes?.has(n.type)) elements.push(...n.namedChildren.filter((c): c is Node => c !== null));
  else if (syntax.identifierTypes.has(n.type) || syntax.flow?.member(n)) {
    const origins = syntax.identifierTypes.has(n.type)
      ? nameOrigins(n, n.text, ctx)
      : { bindings: propertyOrigins(n, ctx), parameterOf: null, free: false };
    if (origins.parameterOf || origins.free || origins.bindings.length === 0) return "unknown";
    for (const b of origins.bindings) {
      if (!b.value) return "unknown";
      if (b.part === "mutate") {
        const call = syntax.flow?.call(b.value);
        if (!call) return "unknown";
        elements.push(...call.args);
        continue;
      }
      const v = unwrap(b.value, ctx);
      if (b.part || b.augmented || !syntax.collectionTypes?.has(v.type)) return "unknown";
      elements.push(...v.namedChildren.filter((c): c is Node => c !== null));
    }
  } else return "unknown";
  const pieces = elements.filter((e) => e.type !== "comment");
  return pieces.every((e) => classifyAt(e, ctx, depth + 1, visiting) === "constant") ? "constant" : "dynamic";
}

export function classify(node: Node, ctx: FileContext): ValueClass {
  return classifyAt(node, ctx, 0, new Set());
}

/** The node's own text plus the text of every value that reaches it through local variables. */
export function valueTexts(node: Node, ctx: FileContext): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  const visit = (x: Node, depth: number) => {
    if (depth > MAX_DEPTH || out.length > MAX_TEXTS) return;
    const n = unwrap(x, ctx);
    if (seen.has(n.id)) return;
    seen.add(n.id);
    out.push(n.text);
    const syntax = ctx.lang.syntax;
    const parts = syntax.stringParts(n);
    if (parts) {
      // variables and nested string building (`"a" + b + c` nests): their values reach too
      for (const p of parts) {
        if (out.length > MAX_TEXTS) return;
        const u = unwrap(p, ctx);
        if (syntax.identifierTypes.has(u.type) || syntax.stringParts(u)) visit(p, depth + 1);
      }
    }
    if (syntax.identifierTypes.has(n.type)) {
      for (const b of reachingBindings(n, n.text, ctx)) {
        if (out.length > MAX_TEXTS) return;
        if (b.value && !b.part) visit(b.value, depth + 1);
      }
    }
    // what a function of the same file returns: `q = build_query(name)`
    for (const r of localReturns(n, ctx) ?? []) {
      if (out.length > MAX_TEXTS) return;
      visit(r, depth + 1);
    }
  };
  visit(node, 0);
  return out;
}

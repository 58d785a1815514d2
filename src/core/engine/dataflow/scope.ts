// Local bindings: which assignments to a name can reach a use, within the enclosing
// function (then outer scopes up to the file). Intra-procedural and flow-insensitive
// beyond "assigned before the use" in the innermost scope.
import type { Node } from "web-tree-sitter";
import type { Binding } from "../../lang/types.js";
import type { FileContext } from "../file-context.js";

function collect(scope: Node, ctx: FileContext): Map<string, Binding[]> {
  const cached = ctx.scopeBindings.get(scope.id);
  if (cached) return cached;
  const syntax = ctx.lang.syntax;
  const out = new Map<string, Binding[]>();
  // A cursor walk that only materialises nodes of binding types: node objects are costly.
  const cursor = scope.walk();
  // The depth is counted here: the cursor's own `currentDepth` costs time in proportion to the depth,
  // which made a walk of deeply nested code quadratic (minutes on a 200 KB line of brackets).
  let depth = 0;
  try {
    let descend = cursor.gotoFirstChild();
    if (descend) depth = 1;
    while (descend) {
      const type = cursor.nodeType;
      let enter = !syntax.scopeTypes.has(type); // nested function: its own scope
      if (syntax.bindingTypes.has(type)) {
        for (const b of syntax.bindings(cursor.currentNode) ?? []) {
          b.end = b.at.endIndex;
          const list = out.get(b.name) ?? [];
          list.push(b);
          out.set(b.name, list);
        }
      }
      if (enter && cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      enter = false;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || --depth === 0) {
          descend = false;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  ctx.scopeBindings.set(scope.id, out);
  return out;
}

/** True when `scope` (a function) declares `name` as a parameter. */
function isParameter(scope: Node, name: string, ctx: FileContext): boolean {
  const key = `${scope.id}\u0000${name}`;
  const memo = ctx.parameterMemo.get(key);
  if (memo !== undefined) return memo;
  const result = declaresParameter(scope, name, ctx);
  ctx.parameterMemo.set(key, result);
  return result;
}

function declaresParameter(scope: Node, name: string, ctx: FileContext): boolean {
  const flow = ctx.lang.syntax.flow;
  if (flow) return flow.parameter(scope, name) !== null;
  const params = scope.childForFieldName("parameters") ?? scope.childForFieldName("parameter");
  if (!params) return false;
  if (params.type === "identifier") return params.text === name;
  for (const id of params.descendantsOfType("identifier")) if (id?.text === name) return true;
  return false;
}

/** Bindings completed before `use` starts (in the innermost scope, later ones cannot reach it). */
function before(all: readonly Binding[], use: Node, ctx: FileContext): Binding[] {
  if (all.length === 0) return [];
  let start = ctx.startMemo.get(use.id);
  if (start === undefined) {
    start = use.startIndex;
    ctx.startMemo.set(use.id, start);
  }
  const s = start;
  return all.filter((b) => (b.end ?? b.at.endIndex) <= s);
}

/**
 * The nearest scope strictly above `n` (a function, or the root). Memoised per node for every
 * node on the way up, so that walks from nearby uses stop early (parent steps are costly).
 */
function enclosingScope(n: Node, ctx: FileContext): Node | null {
  if (n.id === ctx.root.id) return null;
  const scopeTypes = ctx.lang.syntax.scopeTypes;
  const visited: number[] = [];
  let result: Node | null = null;
  for (let s: Node | null = n.parent; s; s = s.parent) {
    const cached = ctx.scopeOf.get(s.id);
    if (cached !== undefined) {
      result = cached;
      break;
    }
    visited.push(s.id);
    if (s.id === ctx.root.id || scopeTypes.has(s.type)) {
      result = s;
      break;
    }
  }
  // each visited node's nearest scope at or above it
  for (const id of visited) ctx.scopeOf.set(id, result);
  return result;
}

/** Where the value of a name used at some point comes from. */
export type NameOrigin =
  | { kind: "bindings"; bindings: Binding[] }
  /** A parameter of the function `scope`. */
  | { kind: "parameter"; scope: Node }
  /** Bound nowhere visible: a global, an import, a name from another file. */
  | { kind: "free" };

/** The bindings of `name` that may reach `use`, or the function whose parameter it is. */
export function resolveName(use: Node, name: string, ctx: FileContext): NameOrigin {
  let innermost = true;
  for (let s = enclosingScope(use, ctx); s; s = enclosingScope(s, ctx)) {
    const all = collect(s, ctx).get(name) ?? [];
    // In the innermost scope only assignments completed before the use count.
    const found = innermost ? before(all, use, ctx) : all;
    if (found.length > 0) return { kind: "bindings", bindings: found };
    if (isParameter(s, name, ctx)) return { kind: "parameter", scope: s };
    innermost = false;
  }
  return { kind: "free" };
}

/**
 * The bindings of `name` that may reach `use`. Empty when the name is a parameter
 * or is bound nowhere visible (its value is then unknown).
 */
export function reachingBindings(use: Node, name: string, ctx: FileContext): Binding[] {
  const o = resolveName(use, name, ctx);
  return o.kind === "bindings" ? o.bindings : [];
}

/** Every origin of a name's value at a use, for the taint analysis. */
export interface NameOrigins {
  /** Assignments that may reach the use. */
  bindings: Binding[];
  /** The function whose parameter the name is, when the value may still be the argument. */
  parameterOf: Node | null;
  /** The name may still hold a value from outside any visible scope (a global, an import). */
  free: boolean;
}

/**
 * Like resolveName, but a scope whose bindings only add to the value (`q += x`, `sb.append(x)`,
 * `parts.push(x)`) does not hide where the value started: the search goes on to the parameter
 * or outer scope that first defined it.
 */
export function nameOrigins(use: Node, name: string, ctx: FileContext): NameOrigins {
  const out: NameOrigins = { bindings: [], parameterOf: null, free: false };
  let innermost = true;
  for (let s = enclosingScope(use, ctx); s; s = enclosingScope(s, ctx)) {
    const all = collect(s, ctx).get(name) ?? [];
    const found = innermost ? before(all, use, ctx) : all;
    out.bindings.push(...found);
    if (found.some((b) => !b.augmented)) return out;
    if (isParameter(s, name, ctx)) {
      out.parameterOf = s;
      return out;
    }
    innermost = false;
  }
  out.free = true;
  return out;
}

// Taint within one function: does outside input reach an expression?
//
//   SOURCE     the value comes from a known source (rules/_sources/<language>.yml) through local
//              flow: assignments, destructuring, member reads, string building, collections,
//              pass-through calls and methods called on tainted data
//   PARAMETER  the value derives from a function parameter of unknown origin, or from a call this
//              analysis does not know that was given tainted arguments: maybe outside input
//   CLEAN      constant, sanitized, or of an origin that is not outside input (globals, fields,
//              results of unknown calls on clean arguments)
//
// Intra-procedural and flow-insensitive beyond "assigned before the use" (see scope.ts).
// Results are memoised per node in the FileContext; the walk is bounded in depth and steps.
import type { Node } from "web-tree-sitter";
import type { Binding, CalleePath, CallShape, ParameterInfo } from "../../lang/types.js";
import type { FileContext } from "../file-context.js";
import type { ParameterRule } from "../taint/spec.js";
import { regexHolds } from "../taint/spec.js";
import { fieldOrigins, nameOrigins, propertyOrigins } from "./scope.js";
import { isExportedFunction } from "./exported.js";
import { type Assumption, CLEAN, PARAMETER, SOURCE, type TaintLevel } from "./facts.js";
import { isEscapingReplace, localCallTaint } from "./functions.js";
import { unwrap } from "./values.js";

export { type Assumption, CLEAN, PARAMETER, SOURCE, type TaintLevel } from "./facts.js";

const MAX_DEPTH = 24;
/** Nodes visited for one question, at most: keeps a pathological file from stalling a scan. */
const MAX_STEPS = 4000;

interface State {
  /** Where results are memoised: the file's memo, or one of its own under an assumption. */
  memo: Map<number, number>;
  assume?: Assumption | undefined;
  visiting: Set<number>;
  /** Times the walk was cut short (cycle, depth, budget): such results are not memoised. */
  cuts: number;
  steps: number;
}

const JS_LIKE = new Set(["javascript", "typescript", "tsx"]);

const max = (a: TaintLevel, b: TaintLevel): TaintLevel => (a > b ? a : b);

/** How much outside input reaches `node` (see the header). */
export function taintOf(node: Node, ctx: FileContext): TaintLevel {
  return taintAt(node, ctx, 0, { memo: ctx.taintMemo, visiting: new Set(), cuts: 0, steps: 0 });
}

/** taintOf under an assumption about one function's parameters, memoised in `memo` (see Assumption). */
export function taintAssuming(node: Node, ctx: FileContext, assume: Assumption, memo: Map<number, number>): TaintLevel {
  return taintAt(node, ctx, 0, { memo, assume, visiting: new Set(), cuts: 0, steps: 0 });
}

function taintAt(node: Node, ctx: FileContext, depth: number, st: State): TaintLevel {
  // memo first: unwrapping reads the tree, which is costly
  // under an assumption, what lies outside the function does not depend on it: the file's memo
  const a = st.assume;
  const memoMap = a && (node.startIndex < a.from || node.endIndex > a.to) ? ctx.taintMemo : st.memo;
  const early = memoMap.get(node.id);
  if (early !== undefined) return early as TaintLevel;
  const n = unwrap(node, ctx);
  const memo = memoMap.get(n.id);
  if (memo !== undefined) return memo as TaintLevel;
  if (depth > MAX_DEPTH || st.visiting.has(n.id) || ++st.steps > MAX_STEPS) {
    st.cuts++;
    return CLEAN;
  }
  st.visiting.add(n.id);
  const cuts = st.cuts;
  let result: TaintLevel;
  try {
    result = compute(n, ctx, depth, st);
  } finally {
    st.visiting.delete(n.id);
  }
  if (st.cuts === cuts) {
    memoMap.set(n.id, result);
    if (node.id !== n.id) memoMap.set(node.id, result);
  }
  return result;
}

function maxOf(
  nodes: readonly Node[],
  ctx: FileContext,
  depth: number,
  st: State,
  cap: TaintLevel = SOURCE,
): TaintLevel {
  let t: TaintLevel = CLEAN;
  for (const x of nodes) {
    const v = taintAt(x, ctx, depth + 1, st);
    t = max(t, v > cap ? cap : v);
    if (t === cap) break;
  }
  return t;
}

/** A dotted path as written and as resolved through the file's imports. */
export function pathNames(path: CalleePath, ctx: FileContext): string[] {
  const raw = [path.root, ...path.rest].join(".");
  if (path.rootIsModule) return [raw];
  const mod = ctx.imports().get(path.root);
  if (mod === undefined) return [raw];
  const q = [mod, ...path.rest].join(".");
  return q === raw ? [raw] : [raw, q];
}

function compute(n: Node, ctx: FileContext, depth: number, st: State): TaintLevel {
  const syntax = ctx.lang.syntax;
  const flow = syntax.flow;
  const spec = ctx.taint;

  const parts = syntax.stringParts(n);
  if (parts) return maxOf(parts, ctx, depth, st);
  if (syntax.constantTypes.has(n.type)) return CLEAN;
  if (syntax.identifierTypes.has(n.type) || flow?.referenceTypes?.has(n.type)) return nameTaint(n, ctx, depth, st);
  if (!flow) return CLEAN;

  const call = flow.call(n);
  if (call) return callTaint(n, call, ctx, depth, st);

  if (flow.numeric?.(n)) return CLEAN;
  const object = flow.member(n);
  if (object) {
    if (spec.sources.size > 0) {
      const path = syntax.calleePath(n);
      if (path && pathNames(path, ctx).some((x) => spec.sources.test(x))) return SOURCE;
    }
    // what was stored in the property (`o.cmd = x`, `this.options = opts` in the constructor),
    // and whatever the object itself carries
    let t: TaintLevel = CLEAN;
    for (const b of propertyOrigins(n, ctx)) {
      t = max(t, bindingTaint(b, ctx, depth, st));
      if (t === SOURCE) return t;
    }
    return max(t, taintAt(object, ctx, depth + 1, st));
  }

  const derived = flow.derived(n);
  if (derived) return maxOf(derived, ctx, depth, st);
  return CLEAN;
}

function nameTaint(n: Node, ctx: FileContext, depth: number, st: State): TaintLevel {
  const name = n.text;
  const origins = nameOrigins(n, name, ctx);
  let t: TaintLevel = CLEAN;
  for (const b of origins.bindings) {
    t = max(t, bindingTaint(b, ctx, depth, st));
    if (t === SOURCE) return t;
  }
  if (origins.parameterOf) return max(t, parameterTaint(origins.parameterOf, name, ctx, st.assume));
  // Java: a field read by its bare name, set elsewhere in the class (`this.cmd = cmd`)
  for (const b of fieldOrigins(n, name, origins, ctx)) {
    t = max(t, bindingTaint(b, ctx, depth, st));
    if (t === SOURCE) return t;
  }
  if (origins.free) {
    // A global or imported name: `argv` from `from sys import argv`, `location`.
    const spec = ctx.taint;
    if (spec.sources.size > 0 && pathNames({ root: name, rest: [] }, ctx).some((x) => spec.sources.test(x)))
      return SOURCE;
  }
  return t;
}

function bindingTaint(b: Binding, ctx: FileContext, depth: number, st: State): TaintLevel {
  if (!b.value) return CLEAN;
  if (b.part === "mutate") {
    // sb.append(x): what goes in is what the name now holds, whatever the method
    const call = ctx.lang.syntax.flow?.call(b.value);
    return call ? maxOf(call.args, ctx, depth, st) : CLEAN;
  }
  return taintAt(b.value, ctx, depth + 1, st);
}

export function parameterTaint(scope: Node, name: string, ctx: FileContext, assume?: Assumption): TaintLevel {
  const flow = ctx.lang.syntax.flow;
  if (flow?.receiverParameters?.has(name)) return CLEAN;
  if (assume && assume.scope === scope.id) return assume.names.has(name) ? SOURCE : CLEAN;
  const rule = parameterRule(scope, name, ctx);
  if (rule) return rule.clean ? CLEAN : SOURCE;
  // library mode: the caller of a package's public API is outside
  if (ctx.library && isExportedFunction(scope, ctx)) return SOURCE;
  return PARAMETER;
}

function parameterRule(scope: Node, name: string, ctx: FileContext): ParameterRule | undefined {
  const flow = ctx.lang.syntax.flow;
  const rules = ctx.taint.parameters;
  if (!flow || rules.length === 0) return undefined;
  const info = flow.parameter(scope, name);
  return info ? rules.find((r) => parameterMatches(r, info)) : undefined;
}

/** The parameter is outside input only because library mode makes exported parameters so. */
export function isLibraryInput(scope: Node, name: string, ctx: FileContext): boolean {
  if (!ctx.library || ctx.lang.syntax.flow?.receiverParameters?.has(name)) return false;
  return parameterRule(scope, name, ctx) === undefined && isExportedFunction(scope, ctx);
}

export function parameterMatches(r: ParameterRule, p: ParameterInfo): boolean {
  if (r.names && !r.names.has(p.name)) return false;
  if (r.notNames?.has(p.name)) return false;
  if (r.function && !regexHolds(r.function, p.functionName)) return false;
  if (r.decorator) {
    const re = r.decorator;
    if (!p.decorators.some((d) => regexHolds(re, d))) return false;
  }
  if (r.annotation) {
    const set = r.annotation;
    if (!p.annotations.some((a) => set.has(a))) return false;
  }
  if (r.type && !regexHolds(r.type, p.type)) return false;
  if (r.default && !regexHolds(r.default, p.defaultValue?.text ?? null)) return false;
  if (r.notType && regexHolds(r.notType, p.type)) return false;
  if (r.notDefault && p.defaultValue && regexHolds(r.notDefault, p.defaultValue.text)) return false;
  return true;
}

function callTaint(node: Node, call: CallShape, ctx: FileContext, depth: number, st: State): TaintLevel {
  const spec = ctx.taint;
  const names = call.path ? pathNames(call.path, ctx) : [];
  if (names.length > 0) {
    if (spec.sourceCalls.size > 0 && names.some((x) => spec.sourceCalls.test(x))) return SOURCE;
    if (spec.sanitizers.size > 0 && names.some((x) => spec.sanitizers.test(x))) return CLEAN;
  }
  if (call.receiver && isEscapingReplace(node, ctx)) return CLEAN;
  const inputs = call.receiver ? [call.receiver, ...call.args] : call.args;
  if (call.conversion || (spec.propagators.size > 0 && names.some((x) => spec.propagators.test(x)))) {
    return maxOf(inputs, ctx, depth, st);
  }
  // A function of this file: what its summary says its return value carries (functions.ts).
  const local = localCallTaint(
    node,
    call,
    ctx,
    (x) => taintAt(x, ctx, depth + 1, st),
    (x, assume, memo) => taintAssuming(x, ctx, assume, memo),
  );
  if (local !== null) return local;
  // A method of tainted data returns tainted data (`s.trim()`, `params.get("q")`); what an
  // unknown function makes of tainted arguments is uncertain: at most PARAMETER.
  let t: TaintLevel = call.receiver ? taintAt(call.receiver, ctx, depth + 1, st) : CLEAN;
  if (t < PARAMETER) t = max(t, maxOf(call.args, ctx, depth, st, PARAMETER));
  // A function value made from outside input returns what it was made from, as far as we know:
  // `$ = cheerio.load(html); $(el).attr("name")`. At most PARAMETER, as for an unknown call.
  if (t < PARAMETER && !call.receiver && JS_LIKE.has(ctx.lang.id) && node.type === "call_expression") {
    const callee = node.childForFieldName("function");
    if (callee?.type === "identifier") t = max(t, maxOf([callee], ctx, depth, st, PARAMETER));
  }
  return t;
}

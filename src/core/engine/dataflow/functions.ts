// Functions of one file and what they return (the return summaries of issue 11): which
// parameters reach a function's return value, and how (unchanged, or through calls the analysis
// does not know), so that a call of the function carries the taint of those arguments only. A
// function whose return value is clean whatever it is given (`return s.replace(/[<>&"]/g, ...)`,
// `return path.basename(p)`, `return parseInt(x, 10)`) is a sanitizer: its calls are CLEAN.
// taint.ts asks localCallTaint; the walk it runs under an assumption is passed in (this module
// does not import taint.ts). Bounded: functions indexed, parameters summarised, returns read.
import type { Node } from "web-tree-sitter";
import { namedChildren, field } from "../../lang/nodes.js";
import { lastName } from "../../lang/naming.js";
import { patternNames } from "../../lang/javascript-flow.js";
import type { CallShape } from "../../lang/types.js";
import { functionName } from "../constraints/enclosing-function.js";
import type { FileContext } from "../file-context.js";
import { resolveName } from "./scope.js";
import {
  type Assumption,
  CLEAN,
  type FunctionIndex,
  type FunctionInfo,
  PARAMETER,
  type ParamSlot,
  type ReturnSummary,
  SOURCE,
  type TaintLevel,
} from "./facts.js";

/** The taint walk under an assumption (taint.ts's taintAssuming). */
export type AssumingWalk = (node: Node, assume: Assumption, memo: Map<number, number>) => TaintLevel;

/** Functions indexed per file, at most. */
const MAX_FUNCTIONS = 500;
/** Parameters summarised per function, at most (later ones are taken to reach the return as PARAMETER). */
export const MAX_PARAMS = 8;
/** Longest function (characters) that is summarised; a longer one is an unknown call. */
const MAX_FUNCTION_CHARS = 40_000;
/** Functions summarised per file, at most. */
const MAX_SUMMARISED = 300;
/** Return statements read per function, at most. */
const MAX_RETURNS = 32;

const CLASS_TYPES = new Set([
  "class_declaration",
  "class",
  "class_definition",
  "abstract_class_declaration",
  "enum_declaration",
  "record_declaration",
  "interface_declaration",
]);

function ownerClass(fn: Node, ctx: FileContext): Node | null {
  const fnTypes = ctx.lang.syntax.functionTypes;
  for (let p = fn.parent; p; p = p.parent) {
    if (CLASS_TYPES.has(p.type)) return p;
    if (fnTypes.has(p.type)) return null;
  }
  return null;
}

/** The parameter positions of a function, per language. */
export function parameterSlots(fn: Node, ctx: FileContext): ParamSlot[] {
  const params = field(fn, "parameters") ?? field(fn, "parameter");
  if (!params) return [];
  const lang = ctx.lang.id;
  if (lang === "javascript" || lang === "typescript" || lang === "tsx") {
    const list = params.type === "formal_parameters" ? namedChildren(params) : [params];
    const out: ParamSlot[] = [];
    for (const p of list) {
      if (p.type === "comment" || p.type === "decorator") continue;
      const pattern = p.type === "required_parameter" || p.type === "optional_parameter" ? field(p, "pattern") : p;
      const names = patternNames(pattern?.type === "assignment_pattern" ? field(pattern, "left") : pattern);
      if (names.length === 0 && pattern?.type === "this") continue; // TypeScript `this: T`
      out.push({ names: names.map((n) => n.text), rest: pattern?.type === "rest_pattern" });
    }
    return out;
  }
  if (lang === "python") {
    const out: ParamSlot[] = [];
    for (const p of namedChildren(params)) {
      if (p.type === "dictionary_splat_pattern" || p.type === "keyword_separator" || p.type === "positional_separator")
        continue;
      const id =
        p.type === "identifier"
          ? p
          : (field(p, "name") ?? namedChildren(p).find((c) => c.type === "identifier") ?? null);
      if (!id) continue;
      out.push({ names: [id.text], rest: p.type === "list_splat_pattern" });
    }
    // a method's receiver is not an argument of `self.f(x)`
    const first = out[0]?.names[0];
    if (first === "self" || first === "cls") out.shift();
    return out;
  }
  if (lang === "go") {
    const out: ParamSlot[] = [];
    for (const p of namedChildren(params)) {
      if (p.type !== "parameter_declaration" && p.type !== "variadic_parameter_declaration") continue;
      const names = p.childrenForFieldName("name").filter((n): n is Node => n !== null);
      if (names.length === 0) out.push({ names: [], rest: false });
      for (const n of names) out.push({ names: [n.text], rest: p.type === "variadic_parameter_declaration" });
    }
    return out;
  }
  if (lang === "java") {
    if (params.type === "identifier") return [{ names: [params.text], rest: false }];
    const out: ParamSlot[] = [];
    for (const p of namedChildren(params)) {
      if (p.type === "formal_parameter") out.push({ names: [field(p, "name")?.text ?? ""], rest: false });
      else if (p.type === "spread_parameter") {
        const d = namedChildren(p).find((c) => c.type === "variable_declarator");
        out.push({ names: [d?.childForFieldName("name")?.text ?? ""], rest: true });
      } else if (p.type === "identifier") out.push({ names: [p.text], rest: false });
    }
    return out;
  }
  return [];
}

/** The named functions of the file (built once per file, bounded). */
export function functionIndex(ctx: FileContext): FunctionIndex {
  if (ctx.functions) return ctx.functions;
  const index: FunctionIndex = { byShort: new Map(), byNode: new Map(), spans: [] };
  ctx.functions = index;
  const syntax = ctx.lang.syntax;
  let count = 0;
  for (const fn of ctx.root.descendantsOfType([...syntax.functionTypes])) {
    if (!fn) continue;
    if (++count > MAX_FUNCTIONS) break;
    const name = functionName(fn, syntax.naming);
    if (!name) continue;
    let params: ParamSlot[] | null = null;
    let owner: Node | null | undefined;
    const info: FunctionInfo = {
      node: fn,
      name,
      short: lastName(name),
      start: fn.startIndex,
      end: fn.endIndex,
      // read on first use: most functions of a large file are never called, nor hold a sink
      get owner() {
        if (owner === undefined) owner = ownerClass(fn, ctx);
        return owner;
      },
      get params() {
        params ??= parameterSlots(fn, ctx);
        return params;
      },
    };
    const list = index.byShort.get(info.short) ?? [];
    list.push(info);
    index.byShort.set(info.short, list);
    index.byNode.set(fn.id, info);
    index.spans.push(info);
  }
  return index;
}

function enclosingClass(n: Node): Node | null {
  for (let p = n.parent; p; p = p.parent) if (CLASS_TYPES.has(p.type)) return p;
  return null;
}

/** The function of this file that a call calls, when it can be told (unique by name and place). */
export function resolveLocalCall(call: CallShape, node: Node, ctx: FileContext): FunctionInfo | null {
  const path = call.path;
  if (!path || path.rootIsModule || call.conversion) return null;
  const index = functionIndex(ctx);
  const lang = ctx.lang.id;
  let candidates: FunctionInfo[] = [];
  if (path.rest.length === 0) {
    // no function of the file has the name: nothing to resolve (most calls; shadowed() is costly)
    const all = index.byShort.get(path.root) ?? [];
    if (all.length === 0) return null;
    if (ctx.imports().has(path.root)) return null;
    if (lang !== "java" && shadowed(node, path.root, ctx)) return null;
    if (lang === "java") {
      // a method of the same class, called without a receiver
      const cls = enclosingClass(node);
      candidates = all.filter((f) => f.owner !== null && f.owner.id === cls?.id);
    } else candidates = all.filter((f) => f.owner === null && f.name === path.root);
    if (node.type === "new_expression") return null;
  } else if (path.rest.length === 1 && (path.root === "this" || path.root === "self")) {
    const cls = enclosingClass(node);
    if (!cls) return null;
    candidates = (index.byShort.get(path.rest[0] ?? "") ?? []).filter((f) => f.owner?.id === cls.id);
  } else {
    // `exports.run(x)`, `module.exports.run(x)`: the function assigned there
    const full = [path.root, ...path.rest].join(".");
    candidates = (index.byShort.get(lastName(full)) ?? []).filter((f) => f.owner === null && f.name === full);
  }
  if (candidates.length > 1) {
    // overloads (Java): the one whose arity fits, when only one does
    const fits = candidates.filter((f) => f.params.length === call.args.length && !f.params.some((p) => p.rest));
    candidates = fits;
  }
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

/** The callee name is a parameter, or a variable holding something else than a function, where it is called. */
function shadowed(call: Node, name: string, ctx: FileContext): boolean {
  const callee = field(call, "function");
  if (!callee) return false;
  const origin = resolveName(callee, name, ctx);
  if (origin.kind === "parameter") return true;
  if (origin.kind !== "bindings") return false;
  const fnTypes = ctx.lang.syntax.functionTypes;
  return origin.bindings.some((b) => !b.value || !fnTypes.has(b.value.type));
}

/** The argument expressions given to each parameter position of `fn` by a call. */
export function argumentsBySlot(fn: FunctionInfo, call: CallShape, node: Node, ctx: FileContext): Node[][] {
  const out: Node[][] = fn.params.map(() => []);
  const put = (i: number, a: Node) => {
    const last = fn.params.length - 1;
    const slot = i > last && fn.params[last]?.rest ? last : i;
    out[slot]?.push(a);
  };
  if (ctx.lang.id === "python") {
    const list = field(node, "arguments");
    let i = 0;
    for (const a of list ? namedChildren(list) : []) {
      if (a.type === "comment") continue;
      if (a.type === "keyword_argument") {
        const name = field(a, "name")?.text;
        const v = field(a, "value");
        const slot = fn.params.findIndex((p) => p.names.includes(name ?? ""));
        if (v && slot >= 0) out[slot]?.push(v);
      } else if (a.type === "list_splat") {
        const v = a.namedChild(0);
        if (v) for (let j = i; j < fn.params.length; j++) out[j]?.push(v);
      } else if (a.type !== "dictionary_splat") put(i++, a);
    }
    return out;
  }
  call.args.forEach((a, i) => {
    if (a.type === "spread_element") {
      for (let j = i; j < fn.params.length; j++) out[j]?.push(a);
    } else put(i, a);
  });
  return out;
}

/** The expressions a function returns (not those of the functions nested in it). */
export function returnedExpressions(fn: Node, ctx: FileContext): Node[] | null {
  const syntax = ctx.lang.syntax;
  const body = field(fn, "body");
  if (!body) return [];
  if (syntax.naming.expressionFunctions.has(fn.type) && body.type !== "statement_block" && body.type !== "block")
    return [body];
  const out: Node[] = [];
  for (const r of body.descendantsOfType("return_statement")) {
    if (!r) continue;
    let owner: Node | null = r.parent;
    while (owner && !syntax.functionTypes.has(owner.type)) owner = owner.parent;
    if (owner?.id !== fn.id) continue;
    const value = namedChildren(r).find((c) => c.type !== "comment");
    if (value) out.push(value);
    if (out.length > MAX_RETURNS) return null;
  }
  return out;
}

/** What a function's return value carries (memoised per file; null when it cannot be said). */
export function returnSummary(fn: FunctionInfo, ctx: FileContext, walk: AssumingWalk): ReturnSummary | null {
  const memo = ctx.returnSummaries.get(fn.node.id);
  if (memo !== undefined) return memo;
  if (ctx.returnSummaries.size >= MAX_SUMMARISED) return null; // a file's budget: later calls are unknown
  ctx.returnSummaries.set(fn.node.id, null); // recursion: the call is unknown
  if (fn.node.endIndex - fn.node.startIndex > MAX_FUNCTION_CHARS) return null;
  const returns = returnedExpressions(fn.node, ctx);
  if (returns === null) return null;
  const levelOf = (names: ReadonlySet<string>): TaintLevel => {
    const memo = new Map<number, number>();
    let t: TaintLevel = CLEAN;
    for (const r of returns) {
      const v = walk(r, { scope: fn.node.id, names, from: fn.node.startIndex, to: fn.node.endIndex }, memo);
      if (v > t) t = v;
      if (t === SOURCE) break;
    }
    return t;
  };
  const summary: ReturnSummary = {
    base: levelOf(new Set()),
    params: fn.params.map((p, i) => (i < MAX_PARAMS ? levelOf(new Set(p.names)) : PARAMETER)),
  };
  ctx.returnSummaries.set(fn.node.id, summary);
  return summary;
}

/**
 * The taint of a call of a function of this file, from its return summary: the arguments whose
 * parameters reach the return value (unchanged: their own level; through unknown calls: at most
 * PARAMETER). Null when the call is not of a function of this file (or it has no summary).
 */
export function localCallTaint(
  node: Node,
  call: CallShape,
  ctx: FileContext,
  argTaint: (n: Node) => TaintLevel,
  walk: AssumingWalk,
): TaintLevel | null {
  if (!ctx.lang.syntax.flow) return null;
  const fn = resolveLocalCall(call, node, ctx);
  if (!fn) return null;
  const summary = returnSummary(fn, ctx, walk);
  if (!summary) return null;
  let t: TaintLevel = summary.base;
  const slots = argumentsBySlot(fn, call, node, ctx);
  for (let i = 0; i < slots.length && t < SOURCE; i++) {
    const how = summary.params[i] ?? CLEAN;
    if (how === CLEAN) continue;
    for (const a of slots[i] ?? []) {
      const v = argTaint(a);
      const carried = how === SOURCE ? v : v > PARAMETER ? PARAMETER : v;
      if (carried > t) t = carried;
    }
  }
  return t;
}

// ---- sanitizing replacements ----

/** `[^\w-]` and other negated classes of word characters: what is left is letters, digits, `_`, `-`. */
const ALLOW_LIST_CLASS = /^\[\^(?:\\w|\\d|[A-Za-z0-9_]|-)+\]\+?$/;
const HTML_META = ["<", ">", "&", '"', "'"];

/** The characters a JS regex literal's pattern stands for when it is one character or one class. */
function patternChars(pattern: string): string[] {
  if (pattern.length === 1) return [pattern];
  if (pattern.length === 2 && pattern.startsWith("\\")) return [pattern.slice(1)];
  if (pattern.startsWith("[") && !pattern.startsWith("[^") && pattern.endsWith("]"))
    return [...pattern.slice(1, -1).replace(/\\/g, "")];
  return [];
}

/**
 * A JavaScript replacement that leaves no HTML metacharacter, or only word characters:
 * `s.replace(/[<>&"]/g, ...)`, `s.replace(/&/g, "&amp;").replace(/</g, "&lt;")...`,
 * `name.replace(/[^\w-]/g, "")`. Its result is clean, like the sanitizers of rules/_sources.
 */
export function isEscapingReplace(node: Node, ctx: FileContext): boolean {
  const lang = ctx.lang.id;
  if (lang !== "javascript" && lang !== "typescript" && lang !== "tsx") return false;
  const covered = new Set<string>();
  let allowList = false;
  let n: Node | null = node;
  for (let i = 0; i < 12 && n?.type === "call_expression"; i++) {
    const fn = field(n, "function");
    const method = fn?.type === "member_expression" ? field(fn, "property")?.text : null;
    if (method !== "replace" && method !== "replaceAll") break;
    const re = field(n, "arguments")?.namedChild(0);
    if (re?.type !== "regex") break;
    const pattern = field(re, "pattern")?.text ?? "";
    const flags = field(re, "flags")?.text ?? "";
    if (!flags.includes("g") && method === "replace") break;
    if (ALLOW_LIST_CLASS.test(pattern)) allowList = true;
    for (const c of patternChars(pattern)) covered.add(c);
    n = fn ? field(fn, "object") : null;
    while (n?.type === "parenthesized_expression") n = n.namedChild(0);
  }
  if (allowList) return true;
  return covered.has("<") && HTML_META.filter((c) => covered.has(c)).length >= 2;
}

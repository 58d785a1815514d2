// Local bindings: which assignments to a name can reach a use, within the enclosing
// function (then outer scopes up to the file). Intra-procedural and flow-insensitive
// beyond "assigned before the use" in the innermost scope.
import type { Node } from "web-tree-sitter";
import { memberName } from "../../lang/members.js";
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

// ---- Properties: `o.cmd = x; run(o.cmd)`, `this.options = opts` read in another method ----

/** Node types of classes: `this.x` / `self.x` written in one method is read in the others. */
const CLASS_TYPES = new Set([
  "class_declaration",
  "class",
  "class_definition",
  "abstract_class_declaration",
  "enum_declaration",
  "record_declaration",
]);

const classCache = new WeakMap<FileContext, Map<number, Map<string, Binding[]>>>();

/**
 * Every binding of a property path (`this.options`, `self.path`) anywhere in `owner` (a class,
 * or the file for prototype-style code), methods and nested functions included.
 */
function propertyBindings(owner: Node, ctx: FileContext): Map<string, Binding[]> {
  let perFile = classCache.get(ctx);
  if (!perFile) {
    perFile = new Map();
    classCache.set(ctx, perFile);
  }
  const cached = perFile.get(owner.id);
  if (cached) return cached;
  const syntax = ctx.lang.syntax;
  const out = new Map<string, Binding[]>();
  const cursor = owner.walk();
  let depth = 0;
  try {
    let more = cursor.gotoFirstChild();
    if (more) depth = 1;
    while (more) {
      if (syntax.bindingTypes.has(cursor.nodeType)) {
        for (const b of syntax.bindings(cursor.currentNode) ?? []) {
          if (!b.name.includes(".")) continue;
          b.end = b.at.endIndex;
          const list = out.get(b.name) ?? [];
          list.push(b);
          out.set(b.name, list);
        }
      }
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || --depth === 0) {
          more = false;
          break;
        }
      }
    }
  } finally {
    cursor.delete();
  }
  perFile.set(owner.id, out);
  return out;
}

function enclosingClass(n: Node, ctx: FileContext): Node {
  for (let p = n.parent; p; p = p.parent) if (CLASS_TYPES.has(p.type)) return p;
  return ctx.root;
}

/** `this`, or a parameter that is the receiver (`self`): its properties belong to the object. */
function isReceiver(root: string, ctx: FileContext): boolean {
  return root === "this" || ctx.lang.syntax.flow?.receiverParameters?.has(root) === true;
}

/**
 * The assignments to the property path a member read names (`o.cmd`, `this.options`): for
 * `this.x` / `self.x`, every one in the class (flow-insensitive: a constructor sets what a
 * method reads); for a local object, those that may reach the read, as for a name.
 */
export function propertyOrigins(use: Node, ctx: FileContext): Binding[] {
  const name = memberName(use);
  if (!name) return [];
  const dot = name.indexOf(".");
  const root = name.slice(0, dot);
  if (isReceiver(root, ctx)) return propertyBindings(enclosingClass(use, ctx), ctx).get(name) ?? [];
  const local = localPropertyOrigins(use, name, root, ctx);
  if (local.length > 0 || name.indexOf(".", dot + 1) !== -1) return local;
  // Go: `r.cmd` in a method of *Runner reads what `&Runner{cmd: c}` or another method stored
  const type = goReceiverType(use, root);
  return type ? (goStructFields(type, ctx).get(name.slice(dot + 1)) ?? []) : [];
}

/**
 * Like nameOrigins for the path `name`, but the search stops at the scope that declares the
 * object (`root`): a property of a parameter or a local is not looked for in the whole file.
 */
function localPropertyOrigins(use: Node, name: string, root: string, ctx: FileContext): Binding[] {
  const out: Binding[] = [];
  let innermost = true;
  for (let s = enclosingScope(use, ctx); s; s = enclosingScope(s, ctx)) {
    const bound = collect(s, ctx);
    const all = bound.get(name) ?? [];
    const found = innermost ? before(all, use, ctx) : all;
    out.push(...found);
    if (found.some((b) => !b.augmented)) return out;
    if (bound.has(root) || isParameter(s, root, ctx)) return out;
    innermost = false;
  }
  return out;
}

/** The struct type of a Go method's receiver when `root` names it (`func (r *Runner) Run()`). */
function goReceiverType(use: Node, root: string): string | null {
  for (let p = use.parent; p; p = p.parent) {
    if (p.type === "function_declaration" || p.type === "source_file") return null;
    if (p.type !== "method_declaration") continue;
    for (const decl of p.childForFieldName("receiver")?.namedChildren ?? []) {
      if (decl?.type !== "parameter_declaration" || decl.childForFieldName("name")?.text !== root) continue;
      let type = decl.childForFieldName("type");
      if (type?.type === "pointer_type") type = type.namedChild(0);
      return type?.type === "type_identifier" ? type.text : null;
    }
    return null;
  }
  return null;
}

const goFieldCache = new WeakMap<FileContext, Map<string, Map<string, Binding[]>>>();

/**
 * What the file stores in the fields of Go struct type `type`: keyed composite literals
 * (`&Runner{cmd: c}`, in a constructor function or anywhere) and assignments `r.cmd = v` in
 * methods whose receiver is that type.
 */
function goStructFields(type: string, ctx: FileContext): Map<string, Binding[]> {
  let perFile = goFieldCache.get(ctx);
  if (!perFile) {
    perFile = new Map();
    goFieldCache.set(ctx, perFile);
  }
  const cached = perFile.get(type);
  if (cached) return cached;
  const out = new Map<string, Binding[]>();
  const add = (field: string, b: Binding) => {
    b.end = b.at.endIndex;
    const list = out.get(field) ?? [];
    list.push(b);
    out.set(field, list);
  };
  for (const lit of ctx.root.descendantsOfType("composite_literal")) {
    if (lit?.childForFieldName("type")?.text !== type) continue;
    for (const el of lit.childForFieldName("body")?.namedChildren ?? []) {
      if (el?.type !== "keyed_element") continue;
      const key = el.childForFieldName("key");
      const value = el.childForFieldName("value");
      const id = key?.namedChild(0) ?? key;
      if (!id || (id.type !== "identifier" && id.type !== "field_identifier") || !value) continue;
      add(id.text, { name: id.text, value: value.namedChild(0) ?? value, augmented: false, at: el });
    }
  }
  for (const m of ctx.root.descendantsOfType("method_declaration")) {
    const body = m?.childForFieldName("body");
    const decl = m?.childForFieldName("receiver")?.namedChildren.find((d) => d?.type === "parameter_declaration");
    const recv = decl?.childForFieldName("name")?.text;
    if (!body || !decl || !recv) continue;
    let t = decl.childForFieldName("type");
    if (t?.type === "pointer_type") t = t.namedChild(0);
    if (t?.text !== type) continue;
    for (const [name, list] of propertyBindings(body, ctx)) {
      if (!name.startsWith(`${recv}.`) || name.indexOf(".", recv.length + 1) !== -1) continue;
      for (const b of list) add(name.slice(recv.length + 1), b);
    }
  }
  perFile.set(type, out);
  return out;
}

/**
 * A bare name that no scope binds, in a language whose methods read their object's fields by
 * bare name (Java: `cmd` for `this.cmd`): the assignments to that field in the class.
 */
export function fieldOrigins(use: Node, name: string, origins: NameOrigins, ctx: FileContext): Binding[] {
  if (ctx.lang.syntax.flow?.receiverParameters?.has("this") !== true) return [];
  // bound nowhere, or only by the field's declaration (`private String cmd;`)
  if (origins.parameterOf) return [];
  if (!origins.free && !origins.bindings.every((b) => b.at.parent?.type === "field_declaration")) return [];
  const owner = enclosingClass(use, ctx);
  if (owner.id === ctx.root.id) return [];
  return propertyBindings(owner, ctx).get(`this.${name}`) ?? [];
}

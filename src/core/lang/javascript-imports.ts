// JavaScript / TypeScript import statements, read lexically (`import ... from`, `require`,
// dynamic `import()`): the `readImports` hook of the javascript, typescript and tsx entries.
//
// Also the parse-tree view (`jsImports`, the `imports` syntax hook): which local names stand for
// which modules, from `import` statements and from `require(...)` at any depth (inside an IIFE,
// a UMD wrapper, a function), including the parameters of an IIFE or UMD factory that are fed
// `require(...)` by the wrapper's call.
import type { Node } from "web-tree-sitter";
import { importSource, scanImports } from "./import-lines.js";
import { field, namedChildren, unquote } from "./nodes.js";
import type { ImportBinding, ImportStmt } from "./types.js";

const JS_IMPORT = /\bimport\s+(type\s+)?([\w$*{}\s,]+?)\s+from\s*(['"])([^'"\n]+)\3/g;
const JS_SIDE_EFFECT = /\bimport\s*(['"])([^'"\n]+)\1/g;
const JS_REQUIRE =
  /\b(?:const|let|var)\s+([\w$]+|\{[^}]*\})\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*(['"])([^'"\n]+)\2\s*\)(\s*\.\s*[\w$]+)?/g;
const JS_DYNAMIC = /\b(?:require|import)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

function jsModule(m: string): string {
  return m.startsWith("node:") ? m.slice(5) : m;
}

function jsNamed(list: string, typeOnly: boolean): { bindings: ImportBinding[]; members: string[]; typeOnly: boolean } {
  const bindings: ImportBinding[] = [];
  const members: string[] = [];
  let allTypes = list.trim().length > 0;
  for (const part of list.split(",")) {
    let p = part.trim();
    if (!p) continue;
    const isType = p.startsWith("type ");
    if (isType) p = p.slice(5).trim();
    else allTypes = false;
    const [name, alias] = p.split(/\s+as\s+|\s*:\s*/).map((s) => s.trim());
    if (!name) continue;
    bindings.push({ local: alias || name, member: name });
    members.push(name);
  }
  return { bindings, members, typeOnly: typeOnly || allTypes };
}

export function readJsImports(lines: readonly string[]): ImportStmt[] {
  const out: ImportStmt[] = [];
  const src = importSource(lines);
  if (!src.text.includes("import") && !src.text.includes("require")) return out;
  const seen = new Set<string>();
  const push = (s: ImportStmt) => {
    seen.add(`${s.from}:${s.module}`);
    out.push(s);
  };
  scanImports(src, JS_IMPORT, (m, from, to) => {
    const typeOnly = m[1] !== undefined;
    const clause = m[2]!;
    const module = jsModule(m[4]!);
    const bindings: ImportBinding[] = [];
    const members: string[] = [];
    let named = false;
    let allTypes = typeOnly;
    const brace = /\{([^}]*)\}/.exec(clause);
    if (brace) {
      const n = jsNamed(brace[1]!, typeOnly);
      bindings.push(...n.bindings);
      members.push(...n.members);
      named = true;
      allTypes = n.typeOnly;
    }
    const rest = clause.replace(/\{[^}]*\}/, "");
    const ns = /\*\s*as\s+([\w$]+)/.exec(rest);
    if (ns) {
      bindings.push({ local: ns[1]!, member: null });
      named = false;
      allTypes = typeOnly;
    }
    const def = /^\s*([\w$]+)\s*(?:,|$)/.exec(rest.replace(/\*\s*as\s+[\w$]+/, ""));
    if (def && def[1] !== "type") {
      bindings.push({ local: def[1]!, member: null });
      named = false;
      allTypes = typeOnly;
    }
    push({ module, bindings, members: named ? members : [], from, to, typeOnly: allTypes });
  });
  scanImports(src, JS_SIDE_EFFECT, (m, from, to) => {
    push({ module: jsModule(m[2]!), bindings: [], members: [], from, to, typeOnly: false });
  });
  scanImports(src, JS_REQUIRE, (m, from, to) => {
    const target = m[1]!;
    const module = jsModule(m[3]!);
    const prop = m[4] ? m[4].replace(/[\s.]/g, "") : null;
    if (target.startsWith("{")) {
      const n = jsNamed(target.slice(1, -1), false);
      push({ module, bindings: n.bindings, members: n.members, from, to, typeOnly: false });
    } else {
      push({
        module,
        bindings: [{ local: target, member: prop }],
        members: prop ? [prop] : [],
        from,
        to,
        typeOnly: false,
      });
    }
  });
  scanImports(src, JS_DYNAMIC, (m, from, to) => {
    const module = jsModule(m[2]!);
    if (seen.has(`${from}:${module}`)) return;
    push({ module, bindings: [], members: [], from, to, typeOnly: false });
  });
  return out;
}

/** `node:child_process` and `child_process` are the same module. */
function moduleName(spec: string): string {
  return spec.startsWith("node:") ? spec.slice(5) : spec;
}

/** The module of `require("m")` or `await import("m")`, or null. */
export function requireSource(node: Node | null): string | null {
  let n = node;
  while (n && (n.type === "await_expression" || n.type === "parenthesized_expression")) n = n.namedChild(0);
  if (n?.type !== "call_expression") return null;
  const fn = field(n, "function");
  if (!fn || (fn.type !== "identifier" && fn.type !== "import") || (fn.type === "identifier" && fn.text !== "require"))
    return null;
  const arg = field(n, "arguments")?.namedChild(0);
  if (!arg || arg.type !== "string") return null;
  return moduleName(unquote(arg.text));
}

/** `require("m")` -> "m"; `require("m").exec` -> "m.exec"; else null. */
function requiredModule(value: Node | null): string | null {
  const mod = requireSource(value);
  if (mod || value?.type !== "member_expression") return mod;
  const inner = requireSource(field(value, "object"));
  const prop = field(value, "property")?.text;
  return inner && prop ? `${inner}.${prop}` : null;
}

type Bind = (local: string, mod: string) => void;

/** Binds the names of `const <pattern> = require("m")`: the module, or its members. */
function bindTarget(name: Node | null, mod: string, bind: Bind): void {
  if (name?.type === "identifier") bind(name.text, mod);
  else if (name?.type === "object_pattern") {
    for (const p of namedChildren(name)) {
      if (p.type === "shorthand_property_identifier_pattern") bind(p.text, `${mod}.${p.text}`);
      else if (p.type === "pair_pattern") {
        const k = field(p, "key");
        const v = field(p, "value");
        if (k && v?.type === "identifier") bind(v.text, `${mod}.${unquote(k.text)}`);
      }
    }
  }
}

function importStatement(stmt: Node, out: Map<string, string>): void {
  // TypeScript `import cp = require("child_process")`
  const req = namedChildren(stmt).find((c) => c.type === "import_require_clause");
  const reqName = req ? namedChildren(req).find((c) => c.type === "identifier") : undefined;
  const reqSrc = req ? field(req, "source") : null;
  if (reqName && reqSrc) out.set(reqName.text, moduleName(unquote(reqSrc.text)));
  const src = field(stmt, "source");
  if (!src) return;
  const mod = moduleName(unquote(src.text));
  const clause = namedChildren(stmt).find((c) => c.type === "import_clause");
  if (!clause) return;
  for (const part of namedChildren(clause)) {
    if (part.type === "identifier")
      out.set(part.text, mod); // default import
    else if (part.type === "namespace_import") {
      const id = namedChildren(part).find((c) => c.type === "identifier");
      if (id) out.set(id.text, mod);
    } else if (part.type === "named_imports") {
      for (const spec of namedChildren(part)) {
        if (spec.type !== "import_specifier") continue;
        const name = field(spec, "name");
        const alias = field(spec, "alias");
        if (name) out.set((alias ?? name).text, `${mod}.${unquote(name.text)}`);
      }
    }
  }
}

const FUNCTION_VALUES = new Set(["function_expression", "function", "arrow_function"]);

function unparen(n: Node | null): Node | null {
  let x = n;
  while (x?.type === "parenthesized_expression") x = x.namedChild(0);
  return x;
}

/** Plain identifier parameters of a function, by position (null where a pattern or default stands). */
function simpleParams(fn: Node): Array<string | null> {
  const params = field(fn, "parameters") ?? field(fn, "parameter");
  if (!params) return [];
  if (params.type === "identifier") return [params.text];
  return namedChildren(params)
    .filter((p) => p.type !== "comment")
    .map((p) => {
      const id = p.type === "required_parameter" ? field(p, "pattern") : p;
      return id?.type === "identifier" ? id.text : null;
    });
}

function callArgs(call: Node): Node[] {
  const list = field(call, "arguments");
  return list && list.type === "arguments" ? namedChildren(list).filter((a) => a.type !== "comment") : [];
}

/**
 * An IIFE `(function (cp, factory) { ... })(require("child_process"), function (x) { ... })`: a
 * parameter fed `require("m")` is module m; a parameter fed a function (a UMD factory) passes the
 * modules of the wrapper's own calls on: `factory(require("m"))`, `define(["m"], factory)`.
 */
function iife(call: Node, bind: Bind): void {
  const fn = unparen(field(call, "function"));
  if (!fn || !FUNCTION_VALUES.has(fn.type)) return;
  const params = simpleParams(fn);
  const args = callArgs(call);
  for (let i = 0; i < args.length && i < params.length; i++) {
    const p = params[i];
    if (!p) continue;
    const arg = unparen(args[i] ?? null);
    const mod = requiredModule(arg);
    if (mod) {
      bind(p, mod);
      continue;
    }
    if (!arg || !FUNCTION_VALUES.has(arg.type)) continue;
    const factoryParams = simpleParams(arg);
    if (factoryParams.length === 0) continue;
    const body = field(fn, "body");
    if (!body) continue;
    for (const inner of body.descendantsOfType("call_expression")) {
      if (!inner) continue;
      const callee = unparen(field(inner, "function"));
      if (callee?.type !== "identifier") continue;
      const innerArgs = callArgs(inner);
      if (callee.text === p) {
        // factory(require("a"), require("b"))
        innerArgs.forEach((a, j) => {
          const m = requiredModule(unparen(a));
          const fp = factoryParams[j];
          if (m && fp) bind(fp, m);
        });
      } else if (callee.text === "define" && innerArgs.some((a) => a.type === "identifier" && a.text === p)) {
        // define(["a", "b"], factory) / define("name", ["a"], factory)
        const deps = innerArgs.find((a) => a.type === "array");
        if (!deps) continue;
        namedChildren(deps).forEach((d, j) => {
          const fp = factoryParams[j];
          if (d.type === "string" && fp) bind(fp, moduleName(unquote(d.text)));
        });
      }
    }
  }
}

/** `promisify(f)`, `util.promisify(f)`, `Bluebird.promisify(f)`, `pify(f)`: the same function, as a promise. */
const PROMISIFY = /^(?:[\w$]+\.)?promisify$|^pify$|^require\(\s*["'](?:node:)?util["']\s*\)\.promisify$/;

/** The function a promisify call wraps, when it is one: its argument. */
function promisified(value: Node | null): Node | null {
  const v = unparen(value);
  if (v?.type !== "call_expression") return null;
  const callee = field(v, "function");
  if (!callee || callee.text.length > 60 || !PROMISIFY.test(callee.text)) return null;
  return unparen(callArgs(v)[0] ?? null);
}

/** A function reference's qualified name through the imports: `exec`, `cp.exec`, `require("m").exec`. */
function referenceName(ref: Node, out: Map<string, string>): string | null {
  if (ref.type === "identifier") return out.get(ref.text) ?? null;
  const mod = requiredModule(ref);
  if (mod) return mod;
  if (ref.type !== "member_expression") return null;
  const obj = unparen(field(ref, "object"));
  const prop = field(ref, "property");
  if (obj?.type !== "identifier" || prop?.type !== "property_identifier") return null;
  return `${out.get(obj.text) ?? obj.text}.${prop.text}`;
}

/** Where a nested require/define/promisify may bind a name: the calls, read from the text. */
const DEEP_CALL = /\b(?:require|define|promisify|pify)\s*\(/g;
/** Calls looked at, at most (a bundle may hold thousands). */
const MAX_DEEP_CALLS = 2000;
/** Ancestors looked at above each call: a UMD wrapper's IIFE is a few levels up. */
const MAX_UP = 40;

/** `const exec = cp.exec` (cp a module): read from the text, like the import lines. */
const MEMBER_ALIAS = /\b(?:const|let|var)\s+([\w$]+)\s*=\s*([\w$]+)\s*\.\s*([\w$]+)\s*(?=[;,\n)])/g;
/** `const { exec, spawn: run } = cp` (cp a module). */
const DESTRUCTURE_ALIAS = /\b(?:const|let|var)\s*\{([^{}]*)\}\s*=\s*([\w$]+)\s*(?=[;,\n)])/g;

/**
 * Names bound to a member of a module through a local alias: `const child = require("child_process");
 * const exec = child.exec` makes `exec` child_process.exec, at any depth.
 */
function aliases(text: string, out: Map<string, string>, bind: Bind): void {
  if (out.size === 0) return;
  const moduleOf = (alias: string | undefined) => {
    const mod = alias ? out.get(alias) : undefined;
    return mod && !mod.includes(".") ? mod : undefined;
  };
  MEMBER_ALIAS.lastIndex = 0;
  for (let m = MEMBER_ALIAS.exec(text); m; m = MEMBER_ALIAS.exec(text)) {
    const mod = moduleOf(m[2]);
    if (mod && m[1]) bind(m[1], `${mod}.${m[3]}`);
  }
  DESTRUCTURE_ALIAS.lastIndex = 0;
  for (let m = DESTRUCTURE_ALIAS.exec(text); m; m = DESTRUCTURE_ALIAS.exec(text)) {
    const mod = moduleOf(m[2]);
    if (!mod) continue;
    for (const b of jsNamed(m[1] ?? "", false).bindings) bind(b.local, `${mod}.${b.member}`);
  }
}

/**
 * The file's imports as local name -> module (or module.member): `import` statements, and
 * `require(...)` bound to a name at any depth. A name bound at the top level wins over one bound
 * in a function; of two nested bindings of one name, the first wins.
 */
export function jsImports(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const stmt of namedChildren(root)) {
    if (stmt.type === "import_statement") importStatement(stmt, out);
    else if (stmt.type === "lexical_declaration" || stmt.type === "variable_declaration") {
      for (const decl of namedChildren(stmt)) {
        if (decl.type !== "variable_declarator") continue;
        const mod = requiredModule(field(decl, "value"));
        if (mod) bindTarget(field(decl, "name"), mod, (k, v) => out.set(k, v));
      }
    }
  }
  const text = root.text;
  const bind: Bind = (k, v) => {
    if (!out.has(k)) out.set(k, v);
  };
  // const run = promisify(exec): resolved once every require is known
  const wrapped: Array<[local: string, ref: Node]> = [];
  // From each call to `require(`, `define(`, `promisify(` up to the declaration, assignment or
  // IIFE that binds its result: linear in the calls, not in the file (a bundle or a deeply
  // nested literal costs nothing more).
  const seen = new Set<number>();
  DEEP_CALL.lastIndex = 0;
  let calls = 0;
  // (the regex finds nothing in a file without such calls: no tree is touched)
  for (let m = DEEP_CALL.exec(text); m && calls < MAX_DEEP_CALLS; m = DEEP_CALL.exec(text), calls++) {
    let n: Node | null = root.descendantForIndex(m.index);
    for (let up = 0; n && up < MAX_UP && n.id !== root.id; up++, n = n.parent) {
      if (seen.has(n.id)) break;
      seen.add(n.id);
      if (n.type === "variable_declarator") {
        const value = field(n, "value");
        const mod = requiredModule(value);
        if (mod) bindTarget(field(n, "name"), mod, bind);
        else {
          const name = field(n, "name");
          const ref = name?.type === "identifier" ? promisified(value) : null;
          if (name && ref) wrapped.push([name.text, ref]);
        }
      } else if (n.type === "assignment_expression") {
        // var cp; cp = require("child_process")
        const mod = requiredModule(field(n, "right"));
        const left = field(n, "left");
        if (mod && left?.type === "identifier") bind(left.text, mod);
      } else if (n.type === "call_expression") iife(n, bind);
    }
  }
  aliases(text, out, bind);
  for (const [local, ref] of wrapped) {
    const name = referenceName(ref, out);
    if (name) bind(local, name);
  }
  return out;
}

// Which functions of a file are part of a package's public API (library mode, see taint.ts):
// their callers are outside the package, so their parameters are outside input.
//
//   JavaScript / TypeScript  `export function f`, `export default ...`, `export const f = () =>`,
//                            `export { f }`, `module.exports = f | { f, g: ... }`,
//                            `module.exports.f = ...`, `exports.f = ...`,
//                            `const f = module.exports = (...) =>`, functions assigned to properties
//                            of an exported object (`api.f = function`, `const api = { f() {} }`)
//                            and the public methods of an exported class
//   Python                   public (no leading `_`) top-level functions and public methods of
//                            public top-level classes, their dunder methods (`__init__`, `__call__`)
//                            included
//   Go                       capitalised functions and methods
//   Java                     public methods (and constructors) of public classes
// Test files and scripts are not a library (libraryFile).
import type { Node } from "web-tree-sitter";
import { field, namedChildren } from "../../lang/nodes.js";
import type { FileContext } from "../file-context.js";
import { functionName } from "../constraints/enclosing-function.js";

/** Paths that are tests, examples, benchmarks or build scripts, not the package's API. */
const NOT_LIBRARY_PATH =
  /(?:^|\/)(?:tests?|__tests__|spec|specs|examples?|benchmarks?|bench|scripts?|fixtures?|docs?|testdata|e2e)\/|(?:^|\/)test_[^/]*\.py$|_test\.(?:py|go)$|\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)(?:conftest|setup|noxfile|manage)\.py$|(?:^|\/)[^/]*\.config\.[cm]?[jt]s$/;
const PY_MAIN = /^if\s+__name__\s*==\s*["']__main__["']\s*:/m;

/** Whether library mode applies to this file of a library (not a test, an example or a script). */
export function libraryFile(path: string, text: string): boolean {
  const p = path.replace(/\\/g, "/");
  if (NOT_LIBRARY_PATH.test(p)) return false;
  if (p.endsWith(".py") && PY_MAIN.test(text)) return false;
  return true;
}

/** Whether `fn` (a function node) is part of the file's public API (memoised per file). */
export function isExportedFunction(fn: Node, ctx: FileContext): boolean {
  const memo = ctx.exportedMemo.get(fn.id);
  if (memo !== undefined) return memo;
  let result = false;
  switch (ctx.lang.id) {
    case "javascript":
    case "typescript":
    case "tsx":
      result = jsExported(fn, ctx);
      break;
    case "python":
      result = pyExported(fn);
      break;
    case "go":
      // a `package main` is a program, not an importable package
      result =
        (fn.type === "function_declaration" || fn.type === "method_declaration") &&
        /^[A-Z]/.test(field(fn, "name")?.text ?? "") &&
        !goMainPackage(ctx);
      break;
    case "java":
      result = javaExported(fn);
      break;
    default:
      result = false;
  }
  ctx.exportedMemo.set(fn.id, result);
  return result;
}

// ---- JavaScript ----

const MODULE_EXPORTS = /^(?:module\.exports|exports)(?:\.[\w$]+|\[["'][\w$]+["']\])?$/;

/** Skip parentheses and TypeScript casts between a value and where it is held. */
function holder(n: Node): Node | null {
  let p = n.parent;
  while (
    p &&
    (p.type === "parenthesized_expression" || p.type === "as_expression" || p.type === "satisfies_expression")
  )
    p = p.parent;
  return p;
}

/** Local names the file exports (`export { a, b as c }`, `module.exports = { a, b: c }`, `exports.x = a`). */
function exportedNames(ctx: FileContext): Set<string> {
  if (ctx.exportedNames) return ctx.exportedNames;
  const out = new Set<string>();
  for (const n of ctx.root.descendantsOfType(["export_statement", "assignment_expression"])) {
    if (!n) continue;
    if (n.type === "export_statement") {
      for (const spec of n.descendantsOfType("export_specifier")) {
        const name = spec ? field(spec, "name")?.text : undefined;
        if (name) out.add(name);
      }
      const value = field(n, "value") ?? field(n, "declaration");
      if (value?.type === "identifier") out.add(value.text);
      if (value?.type === "lexical_declaration" || value?.type === "variable_declaration")
        for (const d of namedChildren(value)) {
          const name = d.type === "variable_declarator" ? field(d, "name") : null;
          if (name?.type === "identifier") out.add(name.text);
        }
      if (value && (value.type === "class_declaration" || value.type === "abstract_class_declaration")) {
        const name = field(value, "name")?.text;
        if (name) out.add(name);
      }
      continue;
    }
    const left = field(n, "left")?.text.replace(/\s+/g, "") ?? "";
    if (!MODULE_EXPORTS.test(left)) continue;
    const right = field(n, "right");
    if (right?.type === "identifier") out.add(right.text);
    if (right?.type === "object")
      for (const c of namedChildren(right)) {
        if (c.type === "shorthand_property_identifier") out.add(c.text);
        if (c.type === "pair") {
          const v = field(c, "value");
          if (v?.type === "identifier") out.add(v.text);
        }
      }
  }
  ctx.exportedNames = out;
  return out;
}

function jsExported(fn: Node, ctx: FileContext): boolean {
  const p = holder(fn);
  if (!p) return false;
  if (p.type === "export_statement") return true; // export function f / export default () =>
  const names = exportedNames(ctx);
  const own = field(fn, "name")?.text;
  if (fn.type === "function_declaration" || fn.type === "generator_function_declaration")
    return own !== undefined && names.has(own);
  if (fn.type === "method_definition") {
    const name = field(fn, "name")?.text ?? "";
    if (name.startsWith("#") || name.startsWith("_") || /\bprivate\b/.test(fn.text.slice(0, 40))) return false;
    // a method of an exported class, or of an exported object literal
    const body = fn.parent;
    const owner = body?.parent;
    if (!owner) return false;
    if (owner.type === "class_declaration" || owner.type === "class") return classExported(owner, names);
    if (body?.type === "object") return objectExported(body, names);
    return false;
  }
  if (p.type === "variable_declarator") {
    const name = field(p, "name")?.text ?? "";
    if (names.has(name)) return true;
    const decl = p.parent;
    return decl?.parent?.type === "export_statement";
  }
  if (p.type === "assignment_expression") {
    const left = field(p, "left")?.text.replace(/\s+/g, "") ?? "";
    if (MODULE_EXPORTS.test(left)) return true;
    // api.f = function () {} with api exported; a chain `const f = module.exports = ...`
    const root = left.split(".")[0] ?? "";
    if (left.includes(".") && names.has(root)) return true;
    const outer = holder(p);
    if (outer?.type === "assignment_expression") {
      const l2 = field(outer, "left")?.text.replace(/\s+/g, "") ?? "";
      if (MODULE_EXPORTS.test(l2)) return true;
    }
    return false;
  }
  if (p.type === "pair") {
    const obj = p.parent;
    return obj?.type === "object" && objectExported(obj, names);
  }
  const name = functionName(fn, ctx.lang.syntax.naming);
  return name !== null && names.has(name);
}

function objectExported(obj: Node, names: ReadonlySet<string>): boolean {
  const p = holder(obj);
  if (!p) return false;
  if (p.type === "export_statement") return true;
  if (p.type === "variable_declarator") return names.has(field(p, "name")?.text ?? "");
  if (p.type === "assignment_expression") return MODULE_EXPORTS.test(field(p, "left")?.text.replace(/\s+/g, "") ?? "");
  return false;
}

function classExported(cls: Node, names: ReadonlySet<string>): boolean {
  const p = holder(cls);
  if (p?.type === "export_statement") return true;
  const name = field(cls, "name")?.text;
  if (name && names.has(name)) return true;
  if (p?.type === "assignment_expression") return MODULE_EXPORTS.test(field(p, "left")?.text.replace(/\s+/g, "") ?? "");
  if (p?.type === "variable_declarator") return names.has(field(p, "name")?.text ?? "");
  return false;
}

// ---- Python ----

function pyTopLevel(n: Node): Node | null {
  let p = n.parent;
  if (p?.type === "decorated_definition") p = p.parent;
  return p;
}

function pyExported(fn: Node): boolean {
  if (fn.type !== "function_definition") return false;
  const name = field(fn, "name")?.text ?? "";
  // a dunder method (`__init__`, `__call__`) is how callers construct and use a public class
  const dunder = /^__\w+__$/.test(name);
  if (name.startsWith("_") && !dunder) return false;
  const parent = pyTopLevel(fn);
  if (parent?.type === "module") return !dunder;
  if (parent?.type !== "block") return false;
  const cls = parent.parent;
  if (cls?.type !== "class_definition") return false;
  const clsName = field(cls, "name")?.text ?? "";
  return !clsName.startsWith("_") && pyTopLevel(cls)?.type === "module";
}

// ---- Go ----

function goMainPackage(ctx: FileContext): boolean {
  const clause = namedChildren(ctx.root).find((c) => c.type === "package_clause");
  return clause?.namedChild(0)?.text === "main";
}

// ---- Java ----

function hasModifier(n: Node, word: string): boolean {
  const mods = namedChildren(n).find((c) => c.type === "modifiers");
  return mods !== undefined && mods.text.split(/\s+/).includes(word);
}

function javaExported(fn: Node): boolean {
  if (fn.type !== "method_declaration" && fn.type !== "constructor_declaration") return false;
  const body = fn.parent;
  const cls = body?.parent;
  if (!cls) return false;
  if (cls.type === "interface_declaration") return hasModifier(cls, "public");
  if (cls.type !== "class_declaration" && cls.type !== "record_declaration" && cls.type !== "enum_declaration")
    return false;
  return hasModifier(fn, "public") && hasModifier(cls, "public");
}

// `related-code-matches: <regex>`: like `named-function-matches`, but the regex may also match
// code of the same file that the function is bound up with, for checks that live one call away:
//
//   - the innermost enclosing named function (anonymous callbacks looked through; the file's text
//     outside any function);
//   - the functions and variables of the file it refers to by name, and those they refer to
//     (two levels: `if (!isSafeKey(k))` where `isSafeKey` tests a `BLOCKED = /__proto__/`);
//   - the functions of the file that refer to it (its callers), and what those refer to (two
//     levels: `set(path)` calls `parsePath(path)`, which refuses "__proto__", and then
//     `fill(parts)`); not for a function exported where it is declared, which anyone may call.
//
// `{ pattern: <regex>, callers: false }` leaves the callers out: a recursive merge re-enters
// itself with keys its caller never saw, so the caller's check on the top-level keys does not
// cover it.
//
// Typical use is negated: a prototype-key check in a path parser or a helper covers the writer
// that it feeds. A function or variable is found by its (last) name; a name given to several
// declarations brings in each of them. Declarations longer than MAX_DECL_TEXT characters are left
// out (a large table or a whole module object says nothing about one function).
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import type { FileContext } from "../file-context.js";
import { compilePattern, testRegex } from "../../regex.js";
import { functionName, namedEnclosingFunction } from "./enclosing-function.js";
import { defineConstraint } from "./types.js";

const MAX_DECL_TEXT = 20_000;
const MAX_RELATED = 64;

interface Decl {
  node: Node;
  text: string;
  /** Names this declaration's text refers to (identifiers and property names). */
  refs: Set<string>;
}

interface FileIndex {
  /** Named functions and variable declarations of the file, by name. */
  byName: Map<string, Decl[]>;
  /** Every named function, with its name. */
  functions: { name: string; decl: Decl }[];
}

const indexes = new WeakMap<FileContext, FileIndex>();

/** Leaf identifiers (any grammar's `*identifier` node types) in a node. */
function refsOf(node: Node): Set<string> {
  const out = new Set<string>();
  const walk = (n: Node, depth: number) => {
    if (depth > 200) return;
    if (n.childCount === 0) {
      if (n.type.endsWith("identifier")) out.add(n.text);
      return;
    }
    for (const c of n.children) if (c) walk(c, depth + 1);
  };
  walk(node, 0);
  return out;
}

/** The last segment of a dotted name (`DotObject.prototype._fill` -> `_fill`). */
function last(name: string): string {
  const i = name.lastIndexOf(".");
  return i >= 0 ? name.slice(i + 1) : name;
}

function indexOf(file: FileContext, root: Node): FileIndex {
  const known = indexes.get(file);
  if (known) return known;
  const syntax = file.lang.syntax;
  const byName = new Map<string, Decl[]>();
  const functions: { name: string; decl: Decl }[] = [];
  const add = (name: string, node: Node) => {
    if (node.text.length > MAX_DECL_TEXT) return;
    const decl: Decl = { node, text: node.text, refs: refsOf(node) };
    const list = byName.get(name) ?? [];
    if (!list.some((d) => d.node.id === node.id)) list.push(decl);
    byName.set(name, list);
    return decl;
  };
  const walk = (n: Node, depth: number) => {
    if (depth > 400) return;
    if (syntax.functionTypes.has(n.type)) {
      const name = functionName(n, syntax.naming);
      if (name) {
        const d = add(last(name), n);
        if (d) functions.push({ name: last(name), decl: d });
      }
    } else {
      // `const BLOCKED = [...]`, `x = re.compile(...)`, `var blocked = ...`: name -> declaration
      const target = n.childForFieldName("name") ?? n.childForFieldName("left");
      if (target && target.type.endsWith("identifier") && /declarator|assignment|declaration/.test(n.type))
        add(target.text, n);
    }
    for (const c of n.children) if (c) walk(c, depth + 1);
  };
  walk(root, 0);
  const index = { byName, functions };
  indexes.set(file, index);
  return index;
}

/** Declared as exported in place (`export function f`, `export const f = ...`). */
function exported(fn: Node): boolean {
  for (let p = fn.parent, depth = 0; p && depth < 4; p = p.parent, depth++)
    if (p.type === "export_statement") return true;
  return false;
}

/** Texts of the enclosing named function and the code related to it (see the header). */
function relatedTexts(node: Node, file: FileContext, callers: boolean): string[] {
  const f = namedEnclosingFunction(node, file.lang.syntax);
  if (!f) return [file.text];
  let root: Node = f.fn;
  while (root.parent) root = root.parent;
  const index = indexOf(file, root);
  const self = last(f.name);
  const seen = new Set<number>([f.fn.id]);
  const texts = [f.fn.text];
  const take = (d: Decl): boolean => {
    if (seen.has(d.node.id) || texts.length >= MAX_RELATED) return false;
    seen.add(d.node.id);
    texts.push(d.text);
    return true;
  };
  const referenced = (refs: Set<string>, depth: number) => {
    for (const r of refs) {
      if (r === self) continue;
      for (const d of index.byName.get(r) ?? []) if (take(d) && depth > 1) referenced(d.refs, depth - 1);
    }
  };
  referenced(refsOf(f.fn), 2);
  // callers, and what they refer to; not for an exported function (`export function set...`),
  // which anyone may call without the caller's check
  if (!callers || exported(f.fn)) return texts;
  for (const g of index.functions) {
    if (g.decl.node.id === f.fn.id || !g.decl.refs.has(self)) continue;
    if (g.decl.node.startIndex <= f.fn.startIndex && g.decl.node.endIndex >= f.fn.endIndex) continue;
    take(g.decl);
    referenced(g.decl.refs, 2);
  }
  return texts;
}

export const relatedCodeMatches = defineConstraint({
  key: "related-code-matches",
  describe:
    "the enclosing named function, or a function/variable of the file it refers to (two levels), or a caller of it or what a caller refers to, matches the regex",
  arg: z.union([z.string().min(1), z.object({ pattern: z.string().min(1), callers: z.boolean() }).strict()]),
  compile(arg, opts) {
    const { pattern, callers } = typeof arg === "string" ? { pattern: arg, callers: true } : arg;
    const re = compilePattern(pattern, { untrusted: opts.untrusted });
    const limit = opts.untrusted ? undefined : 100_000;
    return (node, ctx) => relatedTexts(node, ctx.file, callers).some((t) => testRegex(re, t, limit));
  },
});

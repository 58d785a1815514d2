// Constraints on the function around a capture, for flaws that depend on what the code is FOR
// or how it is shaped (complements `target-matches`, which looks at the value's own name):
//
//   in-function-named: <regex>   the innermost enclosing NAMED function has a name that matches.
//                                A function's name is its own (declaration, method) or that of the
//                                variable, property or key holding it (`const makeToken = () => ...`).
//                                Anonymous callbacks are looked through: `Math.random()` inside
//                                `chars.map(() => ...)` inside `generatePassword()` is in
//                                `generatePassword`.
//   in-recursive-function: bool  the innermost enclosing named function calls itself (by its name,
//                                or as `this.name` / `self.name`), e.g. a hand-written deep merge.
//                                A chain of holders gives it each name (`const merge =
//                                module.exports = (a, b) => ... merge(...)`). A call of a named
//                                function it is nested in also counts (a `copy` helper inside
//                                `defaultsDeep` that calls `defaultsDeep`).
//   named-function-matches: <regex>  the text of the innermost enclosing named function matches
//                                (like `scope-matches`, but looking through anonymous callbacks:
//                                a guard in `merge()` also covers the `forEach((key) => ...)` in it).
//                                `{{capture}}` in the regex stands for that capture's text, escaped:
//                                '\w+\(\s*{{target}}\s*\[' is "some call passes target[...] first".
//                                It does not hold when the match has no such capture.
//
// Which node types are functions is the language's to say (LanguageSyntax.functionTypes), and so
// are the nodes that name them and the calls (LanguageSyntax.naming).
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import { unquote } from "../../lang/nodes.js";
import { lastName } from "../../lang/naming.js";
import type { LanguageSyntax, NamingSyntax } from "../../lang/types.js";
import type { FileContext } from "../file-context.js";
import { compilePattern, type SafePattern, testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";
import { escapeRegex } from "../../text.js";

/**
 * Name of a function node: its own name, or that of the variable / property / key holding it
 * (`naming` is the file's language, which says which nodes hold functions).
 */
export function functionName(fn: Node, naming: NamingSyntax): string | null {
  const own = fn.childForFieldName("name");
  if (own) return own.text;
  let p = fn.parent;
  while (p && naming.holderWrappers.has(p.type)) p = p.parent;
  const holder = p ? naming.functionHolders.get(p.type) : undefined;
  if (!p || !holder) return null;
  for (const f of holder.fields) {
    const name = p.childForFieldName(f);
    if (name) return holder.unquote ? unquote(name.text) : name.text;
  }
  return null;
}

/**
 * The innermost enclosing function that has a name (anonymous callbacks are looked through);
 * `syntax` is the file's language, which says which node types are functions.
 */
export function namedEnclosingFunction(node: Node, syntax: LanguageSyntax): { fn: Node; name: string } | null {
  for (let p = node.parent; p; p = p.parent) {
    if (!syntax.functionTypes.has(p.type)) continue;
    const name = functionName(p, syntax.naming);
    if (name) return { fn: p, name };
  }
  return null;
}

/**
 * Further names a function is known by when its holder is itself held: `const merge =
 * module.exports = (a, b) => ...` is `module.exports` and also `merge`.
 */
function chainedNames(fn: Node, naming: NamingSyntax): string[] {
  const out: string[] = [];
  let n: Node = fn;
  for (let depth = 0; depth < 4; depth++) {
    let p = n.parent;
    while (p && naming.holderWrappers.has(p.type)) p = p.parent;
    const holder = p ? naming.functionHolders.get(p.type) : undefined;
    if (!p || !holder) break;
    for (const f of holder.fields) {
      const name = p.childForFieldName(f);
      if (name) {
        out.push(holder.unquote ? unquote(name.text) : name.text);
        break;
      }
    }
    n = p;
  }
  return out;
}

/**
 * True when `fn` (named `name`) calls `name`, `this.name` or `self.name` somewhere in its body, or
 * calls a named function it is nested in (`function defaultsDeep(t, s) { function copy(t, c) {
 * ... defaultsDeep(val, value) } ... copy(t, s) }`): `outer` lists those functions' names.
 */
function callsItself(fn: Node, name: string, naming: NamingSyntax, outer: readonly string[] = []): boolean {
  const body = fn.childForFieldName("body");
  if (!lastName(name) || !body) return false;
  const names = [name, ...chainedNames(fn, naming), ...outer].filter(
    (n, i, all) => lastName(n) && all.indexOf(n) === i,
  );
  for (const c of body.descendantsOfType([...naming.callTypes])) {
    if (c && names.some((n) => naming.callsSelf(c, n))) return true;
  }
  return false;
}

export const inFunctionNamed = defineConstraint({
  key: "in-function-named",
  describe: "the innermost enclosing named function's name matches the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    return (node, ctx) => {
      const f = namedEnclosingFunction(node, ctx.file.lang.syntax);
      return f !== null && testRegex(re, f.name);
    };
  },
});

const MAX_FUNCTION_TEXT = 100_000;

/** `{{capture}}` in a regex: the (escaped) text of that capture in the current match. */
const PLACEHOLDER = /\{\{\s*@?([\w.-]+)\s*\}\}/g;
const MAX_PLACEHOLDER_TEXT = 200;

export const namedFunctionMatches = defineConstraint({
  key: "named-function-matches",
  describe:
    "the text of the innermost enclosing named function (or of the file, outside any) matches the regex; {{capture}} stands for that capture's text",
  arg: z.string().min(1),
  compile(arg, opts) {
    const limit = opts.untrusted ? undefined : MAX_FUNCTION_TEXT;
    const textOf = (node: Node, file: FileContext) => {
      const f = namedEnclosingFunction(node, file.lang.syntax);
      return f ? f.fn.text : file.text;
    };
    if (!/\{\{\s*@?[\w.-]+\s*\}\}/.test(arg)) {
      const re = compilePattern(arg, { untrusted: opts.untrusted });
      return (node, ctx) => testRegex(re, textOf(node, ctx.file), limit);
    }
    // Validate the shape once with a harmless stand-in, then compile per distinct capture text.
    compilePattern(arg.replace(PLACEHOLDER, "x"), { untrusted: opts.untrusted });
    const cache = new Map<string, SafePattern>();
    return (node, ctx) => {
      let missing = false;
      const source = arg.replace(PLACEHOLDER, (_whole, name: string) => {
        const n = ctx.captures.get(name)?.[0];
        if (!n || n.text.length > MAX_PLACEHOLDER_TEXT) {
          missing = true;
          return "";
        }
        return escapeRegex(n.text);
      });
      if (missing) return false;
      let re = cache.get(source);
      if (!re) {
        re = compilePattern(source, { untrusted: opts.untrusted });
        if (cache.size < 256) cache.set(source, re);
      }
      return testRegex(re, textOf(node, ctx.file), limit);
    };
  },
});

export const inRecursiveFunction = defineConstraint({
  key: "in-recursive-function",
  describe: "the innermost enclosing named function calls itself (true) or not (false)",
  arg: z.boolean(),
  compile(arg) {
    return (node, ctx) => {
      const syntax = ctx.file.lang.syntax;
      const f = namedEnclosingFunction(node, syntax);
      if (f === null) return !arg;
      const outer: string[] = [];
      for (
        let g = namedEnclosingFunction(f.fn, syntax);
        g && outer.length < 4;
        g = namedEnclosingFunction(g.fn, syntax)
      )
        outer.push(g.name);
      return callsItself(f.fn, f.name, syntax.naming, outer) === arg;
    };
  },
});

// `called-as: <regex>`: the innermost named function around the capture is called somewhere in
// the same file, and at one of those calls its result is stored, passed or returned under a name
// that matches the regex (the name `target-matches` would give the call):
//
//   func randomString(n int) string { ... rand.Intn(len(letters)) ... }
//   ...
//   sessionID := randomString(32)          // randomString is called as "sessionID"
//
// For helpers whose own name says nothing, while their callers say what the value is for.
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import type { FileContext } from "../file-context.js";
import { compilePattern, testRegex } from "../../regex.js";
import { namedEnclosingFunction } from "./enclosing-function.js";
import { targetName } from "./target-matches.js";
import { defineConstraint } from "./types.js";

const MAX_CALLS = 2000;

/** The bare name a call node calls: `f(x)`, `pkg.f(x)`, `obj.f(x)`, `this.f(x)` all give `f`. */
function calledName(call: Node): string | null {
  if (call.type === "method_invocation") return call.childForFieldName("name")?.text ?? null;
  const fn = call.childForFieldName("function");
  if (!fn) return null;
  const last =
    fn.childForFieldName("field") ?? fn.childForFieldName("property") ?? fn.childForFieldName("attribute") ?? fn;
  return /^[\w$]+$/.test(last.text) ? last.text : null;
}

/** Call nodes of the file by called name (computed once per file and constraint use). */
const callsByFile = new WeakMap<FileContext, Map<string, Node[]>>();

function callsNamed(ctx: FileContext, name: string): Node[] {
  let index = callsByFile.get(ctx);
  if (!index) {
    index = new Map();
    let n = 0;
    for (const c of ctx.root.descendantsOfType([...ctx.lang.syntax.naming.callTypes])) {
      if (!c || ++n > MAX_CALLS) break;
      const called = calledName(c);
      if (!called) continue;
      const list = index.get(called) ?? [];
      list.push(c);
      index.set(called, list);
    }
    callsByFile.set(ctx, index);
  }
  return index.get(name) ?? [];
}

export const calledAs = defineConstraint({
  key: "called-as",
  describe:
    "the enclosing named function is called in the file with its result stored, passed or returned under a name matching the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    return (node, ctx) => {
      const fn = namedEnclosingFunction(node, ctx.file.lang.syntax);
      if (!fn) return false;
      const simple = fn.name.replace(/^.*\./, "");
      for (const call of callsNamed(ctx.file, simple)) {
        // a recursive call inside the function itself says nothing
        if (call.startIndex >= fn.fn.startIndex && call.endIndex <= fn.fn.endIndex) continue;
        const target = targetName(call, ctx.file.lang.syntax);
        if (target !== null && testRegex(re, target)) return true;
      }
      return false;
    };
  },
});

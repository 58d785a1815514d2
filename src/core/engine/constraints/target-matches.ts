// `target-matches: <regex>`: the name the captured value is stored or passed under matches.
// Walking up from the capture through the expression that contains it, the first of these
// gives the name:
//   - the left side of an assignment or declaration (`token = ...`, `user.reset_code = ...`,
//     `session["csrf"] = ...`, `const sid = ...`, `otp := ...`)
//   - a keyword argument or object/dict key (`create(api_key=...)`, `{"salt": ...}`)
//   - a `return`: the name of the enclosing function (`def make_token(): return ...`)
// The walk stops at the statement that holds the capture, so a value used only inside a
// condition or as a plain call statement has no name and the constraint fails.
//
// Which node types assign and which are functions is the language's to say (LanguageSyntax.naming).
//
// Typical use: a non-cryptographic random value is a flaw only when it becomes a token,
// password, OTP or session id: `- { capture: report, target-matches: '(?i)token|otp|salt' }`.
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import type { LanguageSyntax, NamingSyntax } from "../../lang/types.js";
import { compilePattern, testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";

/** Statement-level or structural nodes where the walk gives up. */
const STOP =
  /(?:^|_)(?:statement|block|module|program|source_file|class_body|class_definition|class_declaration|decorator)$|^(?:if_statement|for_statement|while_statement)$/;

const MAX_DEPTH = 24;

function functionName(fn: Node, naming: NamingSyntax): string | null {
  const own = fn.childForFieldName("name");
  if (own) return own.text;
  // `const makeToken = () => ...` / `make_token = lambda: ...`: the binding's name.
  const p = fn.parent;
  if (!p) return null;
  const spec = naming.assignments.get(p.type);
  if (spec && p.childForFieldName(spec[1])?.id === fn.id) return p.childForFieldName(spec[0])?.text ?? null;
  return null;
}

/**
 * The name the value of `node` is stored or passed under, or null. `syntax` is the file's
 * language, which says which node types assign and which are functions.
 */
export function targetName(node: Node, syntax: LanguageSyntax): string | null {
  const { naming } = syntax;
  let child = node;
  for (let p = node.parent, depth = 0; p && depth < MAX_DEPTH; child = p, p = p.parent, depth++) {
    const spec = naming.assignments.get(p.type);
    if (spec) {
      const value = p.childForFieldName(spec[1]);
      // Only the value side is "stored under" the name (not `x` in `x[i] = 1`).
      if (value && value.startIndex <= child.startIndex && child.endIndex <= value.endIndex) {
        return p.childForFieldName(spec[0])?.text ?? null;
      }
      return null;
    }
    if (p.type === "return_statement") {
      for (let f: Node | null = p.parent; f; f = f.parent) {
        if (naming.returnFunctions.has(f.type)) return functionName(f, naming);
      }
      return null;
    }
    // An arrow function's or lambda's expression body is returned.
    if (naming.expressionFunctions.has(p.type))
      return p.childForFieldName("body")?.id === child.id ? functionName(p, naming) : null;
    if (naming.returnFunctions.has(p.type) || STOP.test(p.type)) {
      // An expression statement (`x = ...` in Python and JS) wraps the assignment: keep going.
      if (p.type === "expression_statement") continue;
      return null;
    }
  }
  return null;
}

export const targetMatches = defineConstraint({
  key: "target-matches",
  describe: "the name the capture's value is assigned to, passed as, or returned from matches the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    return (node, ctx) => {
      const name = targetName(node, ctx.file.lang.syntax);
      return name !== null && testRegex(re, name);
    };
  },
});

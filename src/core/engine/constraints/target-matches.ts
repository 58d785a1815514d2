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
// Typical use: a non-cryptographic random value is a flaw only when it becomes a token,
// password, OTP or session id: `- { capture: report, target-matches: '(?i)token|otp|salt' }`.
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import { compileRuleRegex, testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";

/** Node types that bind a name to a value: type -> [name field, value field]. */
const ASSIGNMENTS: ReadonlyMap<string, readonly [string, string]> = new Map([
  // python
  ["assignment", ["left", "right"]],
  ["augmented_assignment", ["left", "right"]],
  ["keyword_argument", ["name", "value"]],
  ["default_parameter", ["name", "value"]],
  ["typed_default_parameter", ["name", "value"]],
  ["pair", ["key", "value"]],
  // javascript / typescript
  ["variable_declarator", ["name", "value"]],
  ["assignment_expression", ["left", "right"]],
  ["augmented_assignment_expression", ["left", "right"]],
  ["public_field_definition", ["name", "value"]],
  ["field_definition", ["property", "value"]],
  // go
  ["short_var_declaration", ["left", "right"]],
  ["assignment_statement", ["left", "right"]],
  ["var_spec", ["name", "value"]],
  ["keyed_element", ["key", "value"]],
]);

/** Statement-level or structural nodes where the walk gives up. */
const STOP =
  /(?:^|_)(?:statement|block|module|program|source_file|class_body|class_definition|class_declaration|decorator)$|^(?:if_statement|for_statement|while_statement)$/;

const RETURNS = new Set(["return_statement", "arrow_function"]);

/** Function-like node types whose `name` field names the function. */
const FUNCTIONS =
  /^(?:function_definition|function_declaration|function_expression|method_definition|method_declaration|generator_function_declaration|func_literal|lambda|arrow_function|function)$/;

const MAX_DEPTH = 24;

function functionName(fn: Node): string | null {
  const own = fn.childForFieldName("name");
  if (own) return own.text;
  // `const makeToken = () => ...` / `make_token = lambda: ...`: the binding's name.
  const p = fn.parent;
  if (!p) return null;
  const spec = ASSIGNMENTS.get(p.type);
  if (spec && p.childForFieldName(spec[1])?.id === fn.id) return p.childForFieldName(spec[0])?.text ?? null;
  return null;
}

/** The name the value of `node` is stored or passed under, or null. */
export function targetName(node: Node): string | null {
  let child = node;
  for (let p = node.parent, depth = 0; p && depth < MAX_DEPTH; child = p, p = p.parent, depth++) {
    const spec = ASSIGNMENTS.get(p.type);
    if (spec) {
      const value = p.childForFieldName(spec[1]);
      // Only the value side is "stored under" the name (not `x` in `x[i] = 1`).
      if (value && value.startIndex <= child.startIndex && child.endIndex <= value.endIndex) {
        return p.childForFieldName(spec[0])?.text ?? null;
      }
      return null;
    }
    if (RETURNS.has(p.type)) {
      // `return expr` or an arrow function's expression body.
      if (p.type === "arrow_function" && p.childForFieldName("body")?.id !== child.id) return null;
      for (let f: Node | null = p.type === "arrow_function" ? p : p.parent; f; f = f.parent) {
        if (FUNCTIONS.test(f.type)) return functionName(f);
      }
      return null;
    }
    if (p.type === "lambda" && p.childForFieldName("body")?.id === child.id) return functionName(p);
    if (FUNCTIONS.test(p.type) || STOP.test(p.type)) {
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
    const re = compileRuleRegex(arg, { untrusted: opts.untrusted });
    return (node) => {
      const name = targetName(node);
      return name !== null && testRegex(re, name);
    };
  },
});

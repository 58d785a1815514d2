// Helpers for the naming hooks (`LanguageSyntax.naming`): whether a call calls the function it is
// in, for grammars whose call nodes hold the callee expression in one field.
import type { Node } from "web-tree-sitter";

/** The last element of a dotted name (`obj.merge` -> `merge`). */
export function lastName(name: string): string {
  return name.replace(/^.*\./, "");
}

/**
 * `callsSelf` for calls whose callee expression is the field `calleeField` (`f(x)`, `a.b(x)`):
 * the callee, as written, is the function's name, its last element, or that on `this` or `self`.
 */
export function callsSelfByCallee(calleeField: string): (call: Node, name: string) => boolean {
  return (call, name) => {
    const simple = lastName(name);
    const text = call.childForFieldName(calleeField)?.text;
    if (text === undefined) return false;
    return text === simple || text === name || text === `this.${simple}` || text === `self.${simple}`;
  };
}

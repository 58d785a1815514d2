// Property paths (`o.cmd`, `this.options`, `self.path`, `r.cmd`): how the binding hooks name a
// write to an object's property, and how the data flow names a read of one, so that
// `o.cmd = x; run(o.cmd)` and `this.options = opts` (read in another method) are followed.
import type { Node } from "web-tree-sitter";

/** Member access node types of the supported grammars, and where their object is. */
const MEMBER_OBJECT: ReadonlyMap<string, string> = new Map([
  ["member_expression", "object"], // JavaScript / TypeScript
  ["attribute", "object"], // Python
  ["field_access", "object"], // Java
  ["selector_expression", "operand"], // Go
]);
const PROPERTY_FIELDS = ["property", "attribute", "field"];
const PROPERTY_TYPES = new Set([
  "property_identifier",
  "private_property_identifier",
  "identifier",
  "field_identifier",
]);
const ROOT_TYPES = new Set(["identifier", "this"]);
const MAX_PARTS = 8;

/**
 * A member read or write as a dotted path from a plain name or `this` (`this.options.cmd`),
 * or null when it is not one (a call in the chain, a computed key, a bare name).
 */
export function memberName(node: Node): string | null {
  const parts: string[] = [];
  let x: Node | null = node;
  for (let i = 0; i < MAX_PARTS && x; i++) {
    if (ROOT_TYPES.has(x.type)) {
      if (parts.length === 0) return null;
      parts.push(x.text);
      return parts.reverse().join(".");
    }
    const objectField = MEMBER_OBJECT.get(x.type);
    if (!objectField) return null;
    let prop: Node | null = null;
    for (const f of PROPERTY_FIELDS) {
      prop = x.childForFieldName(f);
      if (prop) break;
    }
    if (!prop || !PROPERTY_TYPES.has(prop.type)) return null;
    parts.push(prop.text);
    x = x.childForFieldName(objectField);
  }
  return null;
}

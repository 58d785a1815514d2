// Go hooks for the taint analysis (see FlowSyntax in types.ts).
import type { Node } from "web-tree-sitter";
import { field, fields, namedChildren } from "./nodes.js";
import type { CalleePath, CallShape, FlowSyntax } from "./types.js";

function literalValues(body: Node | null): Node[] {
  if (!body) return [];
  const out: Node[] = [];
  for (const el of namedChildren(body)) {
    if (el.type === "keyed_element") {
      const v = field(el, "value") ?? el.lastNamedChild;
      if (v) out.push(v.type === "literal_element" ? (v.namedChild(0) ?? v) : v);
    } else if (el.type === "literal_element") {
      const v = el.namedChild(0);
      if (v) out.push(v);
    } else if (el.type !== "comment") out.push(el);
  }
  return out;
}

export function makeGoFlow(calleePath: (n: Node) => CalleePath | null): FlowSyntax {
  return {
    call(node): CallShape | null {
      if (node.type === "type_conversion_expression") {
        const operand = field(node, "operand");
        return { path: null, receiver: null, args: operand ? [operand] : [], conversion: true };
      }
      if (node.type !== "call_expression") return null;
      const fn = field(node, "function");
      if (!fn) return null;
      const list = field(node, "arguments");
      const args = list ? namedChildren(list).filter((a) => a.type !== "comment") : [];
      // []byte(x) and similar conversions parse as calls of a type
      if (/_type$/.test(fn.type)) return { path: null, receiver: null, args, conversion: true };
      return { path: calleePath(fn), receiver: fn.type === "selector_expression" ? field(fn, "operand") : null, args };
    },
    member(node) {
      if (node.type === "selector_expression" || node.type === "index_expression" || node.type === "slice_expression")
        return field(node, "operand");
      return null;
    },
    derived(node) {
      switch (node.type) {
        case "composite_literal":
          return literalValues(field(node, "body"));
        case "literal_value":
          return literalValues(node);
        case "unary_expression":
        case "type_assertion_expression": {
          const o = field(node, "operand");
          return o ? [o] : null;
        }
        case "expression_list":
          return namedChildren(node);
        default:
          return null;
      }
    },
    parameter(scope, name) {
      const params = field(scope, "parameters");
      if (!params) return null;
      for (const p of namedChildren(params)) {
        if (p.type !== "parameter_declaration" && p.type !== "variadic_parameter_declaration") continue;
        if (!fields(p, "name").some((n) => n.text === name)) continue;
        return {
          name,
          functionName: field(scope, "name")?.text ?? null,
          decorators: [],
          annotations: [],
          type: field(p, "type")?.text ?? null,
          defaultValue: null,
        };
      }
      return null;
    },
  };
}

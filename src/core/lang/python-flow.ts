// Python hooks for the taint analysis (see FlowSyntax in types.ts).
import type { Node } from "web-tree-sitter";
import { field, namedChildren } from "./nodes.js";
import type { CalleePath, CallShape, FlowSyntax } from "./types.js";

/** Names bound by an assignment target: `a`, `a, b`, `[a, (b, c)]`, `*rest`. */
export function targetNames(t: Node | null, out: Node[] = []): Node[] {
  if (!t) return out;
  switch (t.type) {
    case "identifier":
      out.push(t);
      break;
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern":
    case "expression_list":
    case "tuple":
    case "list":
    case "parenthesized_expression":
      for (const c of namedChildren(t)) targetNames(c, out);
      break;
    case "list_splat_pattern":
      targetNames(t.namedChild(0), out);
      break;
    default:
      break;
  }
  return out;
}

/** The identifier a parameter node declares, or null. */
function paramName(p: Node): Node | null {
  switch (p.type) {
    case "identifier":
      return p;
    case "typed_parameter":
    case "list_splat_pattern":
    case "dictionary_splat_pattern":
      return namedChildren(p).find((c) => c.type === "identifier") ?? null;
    case "default_parameter":
    case "typed_default_parameter":
      return field(p, "name");
    default:
      return null;
  }
}

function decoratorsOf(fn: Node): string[] {
  const parent = fn.parent;
  if (parent?.type !== "decorated_definition") return [];
  return namedChildren(parent)
    .filter((c) => c.type === "decorator")
    .map((d) => d.text.replace(/^@\s*/, ""));
}

export function makePyFlow(calleePath: (n: Node) => CalleePath | null): FlowSyntax {
  return {
    receiverParameters: new Set(["self", "cls"]),
    call(node): CallShape | null {
      if (node.type !== "call") return null;
      const fn = field(node, "function");
      if (!fn) return null;
      const list = field(node, "arguments");
      const args: Node[] = [];
      for (const a of list ? namedChildren(list) : []) {
        if (a.type === "keyword_argument") {
          const v = field(a, "value");
          if (v) args.push(v);
        } else if (a.type === "list_splat" || a.type === "dictionary_splat") {
          const v = a.namedChild(0);
          if (v) args.push(v);
        } else if (a.type !== "comment") args.push(a);
      }
      return { path: calleePath(fn), receiver: fn.type === "attribute" ? field(fn, "object") : null, args };
    },
    member(node) {
      if (node.type === "attribute") return field(node, "object");
      if (node.type === "subscript") return field(node, "value");
      return null;
    },
    derived(node) {
      switch (node.type) {
        case "list":
        case "tuple":
        case "set":
        case "expression_list":
          return namedChildren(node);
        case "dictionary":
          return namedChildren(node).flatMap((c) => {
            if (c.type === "pair") return [field(c, "value")].filter((x): x is Node => x !== null);
            if (c.type === "dictionary_splat") return namedChildren(c);
            return [];
          });
        case "list_splat":
        case "dictionary_splat":
          return namedChildren(node);
        case "conditional_expression": {
          const [a, , b] = namedChildren(node);
          return [a, b].filter((x): x is Node => x !== undefined);
        }
        case "boolean_operator":
          return [field(node, "left"), field(node, "right")].filter((x): x is Node => x !== null);
        case "binary_operator":
          // pathlib: `BASE / name` carries the name (`+` and `%` are string building, handled before)
          if (field(node, "operator")?.type !== "/") return null;
          return [field(node, "left"), field(node, "right")].filter((x): x is Node => x !== null);
        case "list_comprehension":
        case "generator_expression":
        case "set_comprehension": {
          const body = field(node, "body");
          return body ? [body] : null;
        }
        default:
          return null;
      }
    },
    parameter(scope, name) {
      const params = field(scope, "parameters");
      if (!params) return null;
      for (const p of namedChildren(params)) {
        const id = paramName(p);
        if (id?.text !== name) continue;
        const type = field(p, "type");
        return {
          name,
          functionName: field(scope, "name")?.text ?? null,
          decorators: decoratorsOf(scope),
          annotations: [],
          type: type ? type.text : null,
          defaultValue: field(p, "value"),
        };
      }
      return null;
    },
  };
}

// Java hooks for the taint analysis (see FlowSyntax in types.ts).
import type { Node } from "web-tree-sitter";
import { field, namedChildren } from "./nodes.js";
import type { CalleePath, CallShape, FlowSyntax } from "./types.js";

function annotationName(a: Node): string | null {
  const n = field(a, "name");
  if (!n) return null;
  // @org.springframework...RequestParam -> RequestParam
  return n.text.split(".").pop() ?? null;
}

function annotationsOf(node: Node): { names: string[]; texts: string[] } {
  const mods = namedChildren(node).find((c) => c.type === "modifiers");
  const names: string[] = [];
  const texts: string[] = [];
  for (const m of mods ? namedChildren(mods) : []) {
    if (m.type !== "annotation" && m.type !== "marker_annotation") continue;
    const n = annotationName(m);
    if (n) names.push(n);
    texts.push(m.text.replace(/^@\s*/, ""));
  }
  return { names, texts };
}

export function makeJavaFlow(calleePath: (n: Node) => CalleePath | null): FlowSyntax {
  return {
    receiverParameters: new Set(["this"]),
    call(node): CallShape | null {
      if (node.type === "method_invocation") {
        const list = field(node, "arguments");
        return {
          path: calleePath(node),
          receiver: field(node, "object"),
          args: list ? namedChildren(list).filter((a) => !a.type.endsWith("comment")) : [],
        };
      }
      if (node.type === "object_creation_expression") {
        const type = field(node, "type");
        const list = field(node, "arguments");
        const name = type ? type.text.replace(/<[\s\S]*$/, "") : "";
        const parts = name.split(".").filter((p) => p.length > 0);
        const path = parts.length > 0 ? { root: parts[0] ?? "", rest: parts.slice(1) } : null;
        return {
          path,
          receiver: null,
          args: list ? namedChildren(list).filter((a) => !a.type.endsWith("comment")) : [],
        };
      }
      if (node.type === "cast_expression") {
        const v = field(node, "value");
        return { path: null, receiver: null, args: v ? [v] : [], conversion: true };
      }
      return null;
    },
    member(node) {
      if (node.type === "field_access") return field(node, "object");
      if (node.type === "array_access") return field(node, "array");
      return null;
    },
    derived(node) {
      switch (node.type) {
        case "array_initializer":
          return namedChildren(node);
        case "array_creation_expression": {
          const v = field(node, "value");
          return v ? [v] : null;
        }
        case "ternary_expression":
          return [field(node, "consequence"), field(node, "alternative")].filter((x): x is Node => x !== null);
        default:
          return null;
      }
    },
    parameter(scope, name) {
      const params = field(scope, "parameters");
      if (!params) return null;
      const fnName = () => field(scope, "name")?.text ?? null;
      const decorators = () => (scope.type === "lambda_expression" ? [] : annotationsOf(scope).texts);
      if (params.type === "identifier") {
        return params.text === name
          ? { name, functionName: fnName(), decorators: decorators(), annotations: [], type: null, defaultValue: null }
          : null;
      }
      for (const p of namedChildren(params)) {
        let id: Node | null = null;
        if (p.type === "formal_parameter") id = field(p, "name");
        else if (p.type === "spread_parameter")
          id =
            namedChildren(p)
              .find((c) => c.type === "variable_declarator")
              ?.childForFieldName("name") ?? null;
        else if (p.type === "identifier") id = p;
        if (id?.text !== name) continue;
        return {
          name,
          functionName: fnName(),
          decorators: decorators(),
          annotations: p.type === "identifier" ? [] : annotationsOf(p).names,
          type: field(p, "type")?.text ?? null,
          defaultValue: null,
        };
      }
      return null;
    },
  };
}

// JavaScript / TypeScript hooks for the taint analysis (see FlowSyntax in types.ts).
import type { Node } from "web-tree-sitter";
import { field, namedChildren } from "./nodes.js";
import type { CalleePath, CallShape, FlowSyntax, ParameterInfo } from "./types.js";

/** Names bound by a declaration pattern: `{ a, b: { c }, ...d }`, `[x, , y = 1]`, `id`. */
export function patternNames(p: Node | null, out: Node[] = []): Node[] {
  if (!p) return out;
  switch (p.type) {
    case "identifier":
    case "shorthand_property_identifier_pattern":
      out.push(p);
      break;
    case "object_pattern":
    case "array_pattern":
      for (const c of namedChildren(p)) patternNames(c, out);
      break;
    case "pair_pattern":
      patternNames(field(p, "value"), out);
      break;
    case "assignment_pattern":
    case "object_assignment_pattern":
      patternNames(field(p, "left"), out);
      break;
    case "rest_pattern":
      patternNames(p.namedChild(0), out);
      break;
    case "required_parameter":
    case "optional_parameter":
      patternNames(field(p, "pattern"), out);
      break;
    default:
      break;
  }
  return out;
}

function args(list: Node | null): Node[] {
  if (!list) return [];
  // tagged template: fn`...${x}`
  if (list.type === "template_string") return [list];
  return namedChildren(list).filter((a) => a.type !== "comment");
}

export function makeJsFlow(calleePath: (n: Node) => CalleePath | null): FlowSyntax {
  return {
    referenceTypes: new Set(["shorthand_property_identifier"]),
    call(node): CallShape | null {
      if (node.type === "call_expression") {
        const fn = field(node, "function");
        if (!fn) return null;
        const receiver =
          fn.type === "member_expression" || fn.type === "subscript_expression" ? field(fn, "object") : null;
        return { path: calleePath(fn), receiver, args: args(field(node, "arguments")) };
      }
      if (node.type === "new_expression") {
        const ctor = field(node, "constructor");
        return { path: ctor ? calleePath(ctor) : null, receiver: null, args: args(field(node, "arguments")) };
      }
      return null;
    },
    member(node) {
      if (node.type === "member_expression" || node.type === "subscript_expression") return field(node, "object");
      return null;
    },
    numeric: (node) => node.type === "member_expression" && field(node, "property")?.text === "length",
    derived(node) {
      switch (node.type) {
        case "array":
          return namedChildren(node);
        case "object":
          return namedChildren(node).flatMap((c) =>
            c.type === "pair"
              ? [field(c, "value")].filter((x): x is Node => x !== null)
              : c.type === "comment"
                ? []
                : [c],
          );
        case "spread_element":
          return namedChildren(node);
        case "ternary_expression":
          return allowListed(node);
        case "binary_expression": {
          const op = field(node, "operator")?.type;
          if (op !== "||" && op !== "??" && op !== "&&") return null;
          return [field(node, "left"), field(node, "right")].filter((x): x is Node => x !== null);
        }
        case "sequence_expression": {
          const last = node.lastNamedChild;
          return last ? [last] : null;
        }
        default:
          return null;
      }
    },
    parameter(scope, name) {
      const params = field(scope, "parameters") ?? field(scope, "parameter");
      if (!params) return null;
      const list = params.type === "formal_parameters" ? namedChildren(params) : [params];
      for (const p of list) {
        if (!patternNames(p.type === "assignment_pattern" ? field(p, "left") : p).some((n) => n.text === name))
          continue;
        const annotations = namedChildren(p)
          .filter((c) => c.type === "decorator")
          .map((d) => decoratorName(d))
          .filter((x): x is string => x !== null);
        const typeNode = field(p, "type");
        const info: ParameterInfo = {
          name,
          functionName: functionName(scope),
          decorators: methodDecorators(scope),
          annotations,
          type: typeNode ? typeNode.text.replace(/^:\s*/, "") : null,
          defaultValue: p.type === "assignment_pattern" ? field(p, "right") : field(p, "value"),
        };
        return info;
      }
      return null;
    },
  };
}

/**
 * The branches of `cond ? a : b` whose value can flow on. A branch that is exactly the value an
 * allow-list check in the condition tested is not outside input any more:
 * `ALLOWED.has(x) ? x : "id"`, `[..].includes(x) ? x : d`, `!SET.has(x) ? d : x`.
 */
function allowListed(node: Node): Node[] {
  const cons = field(node, "consequence");
  const alt = field(node, "alternative");
  let cond = field(node, "condition");
  while (cond?.type === "parenthesized_expression") cond = cond.namedChild(0);
  let negated = false;
  if (cond?.type === "unary_expression" && field(cond, "operator")?.type === "!") {
    negated = true;
    cond = field(cond, "argument");
    while (cond?.type === "parenthesized_expression") cond = cond.namedChild(0);
  }
  let checked: string | null = null;
  if (cond?.type === "call_expression") {
    const fn = field(cond, "function");
    const method = fn?.type === "member_expression" ? field(fn, "property")?.text : null;
    const arg = field(cond, "arguments")?.namedChild(0);
    if (arg && (method === "has" || method === "includes")) checked = arg.text;
  }
  const out: Node[] = [];
  if (cons && !(checked !== null && !negated && cons.text === checked)) out.push(cons);
  if (alt && !(checked !== null && negated && alt.text === checked)) out.push(alt);
  return out;
}

function decoratorName(d: Node): string | null {
  let n = d.namedChild(0);
  if (n?.type === "call_expression") n = field(n, "function");
  if (!n) return null;
  return n.type === "member_expression" ? (field(n, "property")?.text ?? null) : n.text;
}

function methodDecorators(scope: Node): string[] {
  if (scope.type !== "method_definition") return [];
  const out: string[] = [];
  for (let s = scope.previousNamedSibling; s && s.type === "decorator"; s = s.previousNamedSibling)
    out.push(s.text.replace(/^@/, ""));
  for (const c of namedChildren(scope)) if (c.type === "decorator") out.push(c.text.replace(/^@/, ""));
  return out;
}

function functionName(scope: Node): string | null {
  const own = field(scope, "name");
  if (own) return own.text;
  const parent = scope.parent;
  if (!parent) return null;
  if (parent.type === "variable_declarator") return field(parent, "name")?.text ?? null;
  if (parent.type === "pair") return field(parent, "key")?.text ?? null;
  if (parent.type === "assignment_expression") return field(parent, "left")?.text ?? null;
  return null;
}

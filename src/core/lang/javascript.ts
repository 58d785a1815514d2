// JavaScript, TypeScript and TSX share one set of syntax hooks: the TypeScript
// grammars extend the JavaScript one, and only add wrapper nodes (casts, `!`).
import type { Node } from "web-tree-sitter";
import { makeJsFlow, patternNames } from "./javascript-flow.js";
import { jsImports, requireSource } from "./javascript-imports.js";
import { memberName } from "./members.js";
import { field, namedChildren } from "./nodes.js";
import { callsSelfByCallee } from "./naming.js";
import { tableCalleePath } from "./callee.js";
import type { Binding, CommentSyntax, LanguageSyntax, StringSyntax } from "./types.js";

export const JS_COMMENTS: CommentSyntax = { line: ["//"], block: [["/*", "*/"]] };
export const JS_STRINGS: StringSyntax = { quotes: ['"', "'"], multi: ["`"], template: true };

const FUNCTION_TYPES = [
  "function_declaration",
  "function_expression",
  "function",
  "arrow_function",
  "method_definition",
  "generator_function_declaration",
  "generator_function",
];

function stringParts(node: Node): Node[] | null {
  switch (node.type) {
    case "template_string": {
      const subs = namedChildren(node).filter((c) => c.type === "template_substitution");
      return subs.flatMap((s) => namedChildren(s));
    }
    case "binary_expression": {
      const op = node.childForFieldName("operator")?.type;
      if (op !== "+") return null;
      const l = field(node, "left");
      const r = field(node, "right");
      return [l, r].filter((x): x is Node => x !== null);
    }
    case "call_expression": {
      // "a".concat(b), [a, b].join("")
      const fn = field(node, "function");
      if (fn?.type !== "member_expression") return null;
      const prop = field(fn, "property")?.text;
      const obj = field(fn, "object");
      const args = field(node, "arguments");
      if (!obj || !args) return null;
      if (prop === "concat" && (obj.type === "string" || obj.type === "template_string"))
        return [obj, ...namedChildren(args)];
      if (prop === "join" && obj.type === "array") return namedChildren(obj);
      return null;
    }
    default:
      return null;
  }
}

/**
 * `parts.join(" ")` / `this.args.join()`: the array joined (an array literal is a string part
 * already). `path.join(...)` is a module function, not an array's.
 */
function joinedCollection(node: Node): Node | null {
  if (node.type !== "call_expression") return null;
  const fn = field(node, "function");
  if (fn?.type !== "member_expression" || field(fn, "property")?.text !== "join") return null;
  const obj = field(fn, "object");
  if (!obj || (obj.type !== "identifier" && obj.type !== "member_expression")) return null;
  if (/(?:^|\.)(?:path|posix|win32|upath)$/.test(obj.text)) return null;
  const args = namedChildren(field(node, "arguments") ?? node).filter((a) => a.type !== "comment");
  if (args.length > 1 || (args[0] && args[0].type !== "string" && args[0].type !== "template_string")) return null;
  return obj;
}

/** Methods that add their arguments to the object they are called on. */
const MUTATORS = new Set(["push", "unshift", "append", "set", "add"]);

function destructure(pattern: Node | null, value: Node | null, at: Node): Binding[] {
  return patternNames(pattern).map((n) => ({
    name: n.text,
    value,
    augmented: false,
    at,
    part: "destructure" as const,
  }));
}

function bindings(node: Node): Binding[] | null {
  switch (node.type) {
    case "variable_declarator": {
      const name = field(node, "name");
      if (name?.type === "object_pattern" || name?.type === "array_pattern")
        return destructure(name, field(node, "value"), node);
      if (name?.type !== "identifier") return null;
      return [{ name: name.text, value: field(node, "value"), augmented: false, at: node }];
    }
    case "assignment_expression": {
      const left = field(node, "left");
      if (left?.type === "object_pattern" || left?.type === "array_pattern")
        return destructure(left, field(node, "right"), node);
      // o.cmd = x / this.options = opts: a binding of the property path
      const name = left?.type === "identifier" ? left.text : left ? memberName(left) : null;
      if (!name) return null;
      return [{ name, value: field(node, "right"), augmented: false, at: node }];
    }
    case "augmented_assignment_expression": {
      const left = field(node, "left");
      const name = left?.type === "identifier" ? left.text : left ? memberName(left) : null;
      if (!name) return null;
      return [{ name, value: field(node, "right"), augmented: true, at: node }];
    }
    case "for_in_statement": {
      // for (const x of xs) / for (k in obj): x takes a part of xs
      const left = field(node, "left");
      const right = field(node, "right");
      if (!left || !right) return null;
      return destructure(left, right, left);
    }
    case "call_expression": {
      // parts.push(x), params.append(k, v): the receiver now holds the arguments
      const fn = field(node, "function");
      if (fn?.type !== "member_expression") return null;
      const obj = field(fn, "object");
      if (!obj || !MUTATORS.has(field(fn, "property")?.text ?? "")) return null;
      // this.args.push(x): the property holds x too
      const name = obj.type === "identifier" ? obj.text : memberName(obj);
      if (!name) return null;
      return [{ name, value: node, augmented: true, at: node, part: "mutate" }];
    }
    default:
      return null;
  }
}

const calleePath = tableCalleePath({
  roots: ["identifier", "this"],
  members: [{ type: "member_expression", object: "object", property: "property" }],
  subscripts: [{ type: "subscript_expression", object: "object", index: "index", keys: ["string"] }],
  // `await db.query<T>(...)`: the TypeScript grammar parses the callee as `await db.query`
  wrappers: {
    parenthesized_expression: "#first",
    non_null_expression: "#first",
    as_expression: "#first",
    await_expression: "#first",
  },
  // require("m").exec
  modules: { types: ["call_expression"], name: requireSource },
});

export const jsSyntax: LanguageSyntax = {
  constantTypes: new Set(["string", "number", "true", "false", "null", "undefined", "regex"]),
  wrapperTypes: new Map([
    ["parenthesized_expression", "#first"],
    ["as_expression", "#first"],
    ["satisfies_expression", "#first"],
    ["non_null_expression", "#first"],
    ["type_assertion", "#last"],
    ["await_expression", "#first"],
  ]),
  identifierTypes: new Set(["identifier"]),
  scopeTypes: new Set([...FUNCTION_TYPES, "program"]),
  functionTypes: new Set(FUNCTION_TYPES),
  stringParts(node) {
    // A template string without substitutions is a constant.
    if (node.type === "template_string" && !namedChildren(node).some((c) => c.type === "template_substitution"))
      return [];
    return stringParts(node);
  },
  joinedCollection,
  collectionTypes: new Set(["array"]),
  bindingTypes: new Set([
    "variable_declarator",
    "assignment_expression",
    "augmented_assignment_expression",
    "for_in_statement",
    "call_expression",
  ]),
  bindings,
  imports: jsImports,
  calleePath,
  naming: {
    assignments: new Map([
      ["variable_declarator", ["name", "value"]],
      ["assignment_expression", ["left", "right"]],
      ["augmented_assignment_expression", ["left", "right"]],
      ["pair", ["key", "value"]],
      ["public_field_definition", ["name", "value"]],
      ["field_definition", ["property", "value"]],
    ]),
    returnFunctions: new Set([
      "function_declaration",
      "function_expression",
      "method_definition",
      "generator_function_declaration",
      "arrow_function",
    ]),
    expressionFunctions: new Set(["arrow_function"]),
    functionHolders: new Map([
      ["variable_declarator", { fields: ["name"] }],
      ["assignment_expression", { fields: ["left"] }],
      ["pair", { fields: ["key"], unquote: true }],
      ["public_field_definition", { fields: ["name", "property"] }],
      ["field_definition", { fields: ["name", "property"] }],
    ]),
    holderWrappers: new Set([
      "parenthesized_expression",
      "as_expression",
      "satisfies_expression",
      "non_null_expression",
    ]),
    callTypes: ["call_expression"],
    callsSelf: callsSelfByCallee("function"),
  },
  flow: makeJsFlow(calleePath),
};

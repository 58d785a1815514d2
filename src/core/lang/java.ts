// Java syntax hooks.
import type { Node } from "web-tree-sitter";
import { makeJavaFlow } from "./java-flow.js";
import { memberName } from "./members.js";
import { lastName } from "./naming.js";
import { field, namedChildren } from "./nodes.js";
import { tableCalleePath } from "./callee.js";
import type { Binding, CommentSyntax, LanguageSyntax, StringSyntax } from "./types.js";

export const JAVA_COMMENTS: CommentSyntax = { line: ["//"], block: [["/*", "*/"]] };
export const JAVA_STRINGS: StringSyntax = { quotes: ['"', "'"], multi: ['"""'] };

function stringParts(node: Node): Node[] | null {
  if (node.type === "binary_expression") {
    if (field(node, "operator")?.type !== "+") return null;
    return [field(node, "left"), field(node, "right")].filter((x): x is Node => x !== null);
  }
  if (node.type === "method_invocation") {
    const obj = field(node, "object");
    const name = field(node, "name")?.text;
    const args = field(node, "arguments");
    if (!args) return null;
    // String.format(...), "...".formatted(...), a.concat(b), String.join(...)
    if (obj?.text === "String" && (name === "format" || name === "join" || name === "valueOf"))
      return namedChildren(args);
    if (
      obj &&
      (obj.type === "string_literal" || obj.type === "text_block") &&
      (name === "formatted" || name === "concat")
    )
      return [obj, ...namedChildren(args)];
    return null;
  }
  return null;
}

/** Methods that add their arguments to the object they are called on (StringBuilder, collections). */
const MUTATORS = new Set(["append", "insert", "add", "addAll", "put", "putAll"]);

/** Declared types whose values cannot carry text (numbers, booleans). */
const PRIMITIVE_TYPES = new Set(["integral_type", "floating_point_type", "boolean_type"]);

function bindings(node: Node): Binding[] | null {
  switch (node.type) {
    case "variable_declarator":
    case "resource": {
      // String s = ...;  try (InputStream in = ...) { }
      const name = field(node, "name");
      if (name?.type !== "identifier") return null;
      let value = field(node, "value");
      // int n = doc.getLength(): a number or boolean computed at run time carries no text from
      // its inputs, so its value is left unknown (taint: clean); literals stay constants
      const declType = node.type === "variable_declarator" ? node.parent?.childForFieldName("type")?.type : undefined;
      if (value && declType && PRIMITIVE_TYPES.has(declType) && !/_literal$|^(?:true|false)$/.test(value.type))
        value = null;
      return [{ name: name.text, value, augmented: false, at: node }];
    }
    case "assignment_expression": {
      const left = field(node, "left");
      // this.cmd = cmd: a binding of the field path
      const name = left?.type === "identifier" ? left.text : left?.type === "field_access" ? memberName(left) : null;
      if (!name) return null;
      const op = node.childForFieldName("operator")?.type;
      return [{ name, value: field(node, "right"), augmented: op === "+=", at: node }];
    }
    case "enhanced_for_statement": {
      // for (String s : list): s takes a part of list
      const name = field(node, "name");
      const value = field(node, "value");
      if (name?.type !== "identifier" || !value) return null;
      return [{ name: name.text, value, augmented: false, at: name, part: "destructure" }];
    }
    case "method_invocation": {
      // sb.append(x), list.add(x): the receiver now holds x (also inside a chain sb.append(a).append(b))
      if (!MUTATORS.has(field(node, "name")?.text ?? "")) return null;
      let obj = field(node, "object");
      while (obj?.type === "method_invocation" && MUTATORS.has(field(obj, "name")?.text ?? ""))
        obj = field(obj, "object");
      if (obj?.type !== "identifier") return null;
      return [{ name: obj.text, value: node, augmented: true, at: node, part: "mutate" }];
    }
    default:
      return null;
  }
}

function imports(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  for (const imp of namedChildren(root)) {
    if (imp.type !== "import_declaration") continue;
    const text = imp.text
      .replace(/^import\s+(static\s+)?/, "")
      .replace(/;\s*$/, "")
      .replace(/\s+/g, "");
    if (text.endsWith(".*")) continue;
    const local = text.split(".").pop();
    if (local) out.set(local, text);
  }
  return out;
}

const calleePath = tableCalleePath({
  roots: ["identifier"],
  members: [{ type: "field_access", object: "object", property: "field" }],
  // the callee of a.b(...) is reported by its name; callers pass `object`
  methodCalls: [{ type: "method_invocation", receiver: "object", method: "name" }],
});

/** Function-like node types. */
/** `in-recursive-function`: the bare method name, called on no object or on `this` (another object's method is another method). */
function callsSelf(call: Node, name: string): boolean {
  const obj = field(call, "object");
  return field(call, "name")?.text === lastName(name) && (obj === null || obj.text === "this");
}

const FUNCTION_TYPES = ["method_declaration", "constructor_declaration", "lambda_expression"];

export const javaSyntax: LanguageSyntax = {
  constantTypes: new Set([
    "string_literal",
    "text_block",
    "decimal_integer_literal",
    "hex_integer_literal",
    "decimal_floating_point_literal",
    "character_literal",
    "true",
    "false",
    "null_literal",
  ]),
  wrapperTypes: new Map([
    ["parenthesized_expression", "#first"],
    ["cast_expression", "value"],
  ]),
  identifierTypes: new Set(["identifier"]),
  scopeTypes: new Set([...FUNCTION_TYPES, "class_body", "program"]),
  functionTypes: new Set(FUNCTION_TYPES),
  stringParts,
  bindingTypes: new Set([
    "variable_declarator",
    "resource",
    "assignment_expression",
    "enhanced_for_statement",
    "method_invocation",
  ]),
  bindings,
  imports,
  calleePath,
  naming: {
    assignments: new Map([
      ["variable_declarator", ["name", "value"]],
      ["assignment_expression", ["left", "right"]],
    ]),
    returnFunctions: new Set(["method_declaration"]),
    expressionFunctions: new Set(),
    functionHolders: new Map([
      ["variable_declarator", { fields: ["name"] }],
      ["assignment_expression", { fields: ["left"] }],
    ]),
    holderWrappers: new Set(["parenthesized_expression"]),
    callTypes: ["method_invocation"],
    callsSelf,
  },
  flow: makeJavaFlow(calleePath),
};

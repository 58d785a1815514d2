// Go syntax hooks.
import type { Node } from "web-tree-sitter";
import { makeGoFlow } from "./go-flow.js";
import { memberName } from "./members.js";
import { field, fields, namedChildren, unquote } from "./nodes.js";
import { callsSelfByCallee } from "./naming.js";
import { tableCalleePath } from "./callee.js";
import type { Binding, CommentSyntax, LanguageSyntax, StringSyntax } from "./types.js";

export const GO_COMMENTS: CommentSyntax = { line: ["//"], block: [["/*", "*/"]] };
export const GO_STRINGS: StringSyntax = { quotes: ['"', "'"], multi: ["`"], raw: ["`"] };

/** Calls that format a string from their arguments. */
const FORMATTERS = new Set([
  "fmt.Sprintf",
  "fmt.Sprint",
  "fmt.Sprintln",
  "strings.Join",
  "strings.Replace",
  "strings.ReplaceAll",
]);

function stringParts(node: Node): Node[] | null {
  if (node.type === "binary_expression") {
    if (field(node, "operator")?.type !== "+") return null;
    return [field(node, "left"), field(node, "right")].filter((x): x is Node => x !== null);
  }
  if (node.type === "call_expression") {
    const fn = field(node, "function");
    const args = field(node, "arguments");
    if (fn?.type !== "selector_expression" || !args) return null;
    const name = `${field(fn, "operand")?.text ?? ""}.${field(fn, "field")?.text ?? ""}`;
    if (!FORMATTERS.has(name)) return null;
    return namedChildren(args).flatMap((a) =>
      a.type === "composite_literal" ? namedChildren(field(a, "body") ?? a) : [a],
    );
  }
  return null;
}

function pairUp(left: Node | null, right: Node | null, augmented: boolean, at: Node): Binding[] | null {
  if (!left) return null;
  const names = left.type === "expression_list" ? namedChildren(left) : [left];
  const values = right ? (right.type === "expression_list" ? namedChildren(right) : [right]) : [];
  const out: Binding[] = [];
  names.forEach((n, i) => {
    // r.cmd = c: a binding of the field path
    if (n.type === "selector_expression" && values.length === names.length) {
      const name = memberName(n);
      if (name) out.push({ name, value: values[i] ?? null, augmented, at });
      return;
    }
    if (n.type !== "identifier" || n.text === "_") return;
    if (values.length === names.length) out.push({ name: n.text, value: values[i] ?? null, augmented, at });
    // `a, err := f()` : one call, many names -> each takes a part of the value
    else
      out.push({
        name: n.text,
        value: values.length === 1 ? (values[0] ?? null) : null,
        augmented,
        at,
        part: "destructure",
      });
  });
  return out;
}

/** Methods that append their arguments to the receiver (strings.Builder, bytes.Buffer). */
const MUTATORS = new Set(["WriteString", "Write", "WriteByte", "WriteRune", "Add", "Set"]);

function bindings(node: Node): Binding[] | null {
  switch (node.type) {
    case "short_var_declaration":
      return pairUp(field(node, "left"), field(node, "right"), false, node);
    case "assignment_statement": {
      const op = node.childForFieldName("operator")?.type;
      return pairUp(field(node, "left"), field(node, "right"), op === "+=", node);
    }
    case "var_spec":
    case "const_spec": {
      const names = fields(node, "name");
      const value = field(node, "value");
      const values = value ? (value.type === "expression_list" ? namedChildren(value) : [value]) : [];
      return names.map((n, i) => ({
        name: n.text,
        value: values.length === names.length ? (values[i] ?? null) : null,
        augmented: false,
        at: node,
      }));
    }
    case "range_clause": {
      // for k, v := range xs: both take parts of xs
      const left = field(node, "left");
      const right = field(node, "right");
      if (!left || !right) return null;
      const names = left.type === "expression_list" ? namedChildren(left) : [left];
      return names
        .filter((n) => n.type === "identifier" && n.text !== "_")
        .map((n) => ({ name: n.text, value: right, augmented: false, at: left, part: "destructure" as const }));
    }
    case "call_expression": {
      const args = field(node, "arguments");
      const out: Binding[] = [];
      // json.Unmarshal(b, &v), c.ShouldBindJSON(&v): the call fills v
      for (const a of args ? namedChildren(args) : []) {
        if (a.type !== "unary_expression" || a.child(0)?.type !== "&") continue;
        const target = field(a, "operand");
        if (target?.type === "identifier")
          out.push({ name: target.text, value: node, augmented: false, at: node, part: "out" });
      }
      // sb.WriteString(x): the receiver now holds x
      const fn = field(node, "function");
      if (fn?.type === "selector_expression" && MUTATORS.has(field(fn, "field")?.text ?? "")) {
        const obj = field(fn, "operand");
        if (obj?.type === "identifier")
          out.push({ name: obj.text, value: node, augmented: true, at: node, part: "mutate" });
      }
      return out.length > 0 ? out : null;
    }
    default:
      return null;
  }
}

function imports(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  // imports sit at the top of the file: search only the import declarations, not the whole tree
  const specs = namedChildren(root)
    .filter((d) => d.type === "import_declaration")
    .flatMap((d) => d.descendantsOfType("import_spec"));
  for (const spec of specs) {
    if (!spec) continue;
    const path = field(spec, "path");
    if (!path) continue;
    const mod = unquote(path.text);
    const alias = field(spec, "name");
    const local = alias && alias.type === "package_identifier" ? alias.text : (mod.split("/").pop() ?? mod);
    out.set(local, mod);
  }
  return out;
}

const calleePath = tableCalleePath({
  roots: ["identifier", "package_identifier"],
  members: [{ type: "selector_expression", object: "operand", property: "field" }],
  wrappers: { parenthesized_expression: "#first" },
});

/** Function-like node types. */
const FUNCTION_TYPES = ["function_declaration", "method_declaration", "func_literal"];

export const goSyntax: LanguageSyntax = {
  constantTypes: new Set([
    "interpreted_string_literal",
    "raw_string_literal",
    "int_literal",
    "float_literal",
    "rune_literal",
    "true",
    "false",
    "nil",
  ]),
  wrapperTypes: new Map([["parenthesized_expression", "#first"]]),
  identifierTypes: new Set(["identifier"]),
  scopeTypes: new Set([...FUNCTION_TYPES, "source_file"]),
  functionTypes: new Set(FUNCTION_TYPES),
  stringParts,
  bindingTypes: new Set([
    "short_var_declaration",
    "assignment_statement",
    "var_spec",
    "const_spec",
    "range_clause",
    "call_expression",
  ]),
  bindings,
  imports,
  calleePath,
  naming: {
    assignments: new Map([
      ["short_var_declaration", ["left", "right"]],
      ["assignment_statement", ["left", "right"]],
      ["var_spec", ["name", "value"]],
      ["keyed_element", ["key", "value"]],
    ]),
    returnFunctions: new Set(FUNCTION_TYPES),
    expressionFunctions: new Set(),
    functionHolders: new Map(),
    holderWrappers: new Set(["parenthesized_expression"]),
    callTypes: ["call_expression"],
    callsSelf: callsSelfByCallee("function"),
  },
  flow: makeGoFlow(calleePath),
};

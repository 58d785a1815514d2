// Python syntax hooks.
import type { Node } from "web-tree-sitter";
import { field, fields, namedChildren } from "./nodes.js";
import { callsSelfByCallee } from "./naming.js";
import { memberName } from "./members.js";
import { makePyFlow, targetNames } from "./python-flow.js";
import { tableCalleePath } from "./callee.js";
import type { Binding, CommentSyntax, LanguageSyntax, StringSyntax } from "./types.js";

export const PY_COMMENTS: CommentSyntax = { line: ["#"], block: [] };
export const PY_STRINGS: StringSyntax = { quotes: ['"', "'"], multi: ['"""', "'''"], prefixes: /^[rRbBuUfF]{1,2}$/ };

function isStringy(n: Node | null): boolean {
  return n !== null && (n.type === "string" || n.type === "concatenated_string");
}

function stringParts(node: Node): Node[] | null {
  switch (node.type) {
    case "string": {
      // f-strings carry `interpolation` children; plain strings are constants.
      const interps = namedChildren(node).filter((c) => c.type === "interpolation");
      if (interps.length === 0) return null;
      return interps.map((i) => field(i, "expression")).filter((x): x is Node => x !== null);
    }
    case "concatenated_string":
      return namedChildren(node);
    case "binary_operator": {
      const op = field(node, "operator")?.type;
      const l = field(node, "left");
      const r = field(node, "right");
      if (!l || !r) return null;
      if (op === "+") return [l, r];
      if (op === "%") {
        // "..." % (a, b)  or "..." % x
        if (!isStringy(l) && l.type !== "identifier") return null;
        const rhs = r.type === "tuple" || r.type === "parenthesized_expression" ? namedChildren(r) : [r];
        return [l, ...rhs];
      }
      return null;
    }
    case "call": {
      // "...".format(a, b=c)  and  "".join([...])
      const fn = field(node, "function");
      const args = field(node, "arguments");
      if (fn?.type !== "attribute" || !args) return null;
      const obj = field(fn, "object");
      const attr = field(fn, "attribute")?.text;
      if (!isStringy(obj) || !obj) return null;
      const argValues = namedChildren(args).map((a) => (a.type === "keyword_argument" ? field(a, "value") : a));
      const vals = argValues.filter((x): x is Node => x !== null);
      if (attr === "format") return [obj, ...vals];
      if (attr === "join")
        return vals.flatMap((v) => (v.type === "list" || v.type === "tuple" ? namedChildren(v) : [v]));
      return null;
    }
    default:
      return null;
  }
}

/** Methods that add their arguments to the object they are called on. */
const MUTATORS = new Set(["append", "extend", "insert", "add", "update", "write"]);

function bindings(node: Node): Binding[] | null {
  switch (node.type) {
    case "assignment":
    case "augmented_assignment": {
      const left = field(node, "left");
      const right = field(node, "right");
      const augmented = node.type === "augmented_assignment";
      if (left?.type === "identifier") return [{ name: left.text, value: right, augmented, at: node }];
      if (!left) return null;
      if (left.type === "attribute") {
        // self.path = path: a binding of the attribute path
        const name = memberName(left);
        return name ? [{ name, value: right, augmented, at: node }] : null;
      }
      const names = targetNames(left);
      // a, b = x, y pairs up; a, b = f() takes parts of one value
      const values =
        right && (right.type === "expression_list" || right.type === "tuple") ? namedChildren(right) : null;
      if (values && values.length === names.length && names.every((n) => n.parent === left)) {
        return names.map((n, i) => ({ name: n.text, value: values[i] ?? null, augmented, at: node }));
      }
      return names.map((n) => ({ name: n.text, value: right, augmented, at: node, part: "destructure" as const }));
    }
    case "for_statement":
    case "for_in_clause": {
      const left = field(node, "left");
      const right = field(node, "right");
      if (!left || !right) return null;
      // In a comprehension the body comes first: `[x.strip() for x in xs]`; bind at its opening bracket.
      const at = node.type === "for_in_clause" ? (node.parent?.child(0) ?? left) : left;
      return targetNames(left).map((n) => ({
        name: n.text,
        value: right,
        augmented: false,
        at,
        part: "destructure" as const,
      }));
    }
    case "call": {
      // parts.append(x): the receiver now holds the argument
      const fn = field(node, "function");
      if (fn?.type !== "attribute") return null;
      const obj = field(fn, "object");
      if (!obj || !MUTATORS.has(field(fn, "attribute")?.text ?? "")) return null;
      const name = obj.type === "identifier" ? obj.text : memberName(obj);
      if (!name) return null;
      return [{ name, value: node, augmented: true, at: node, part: "mutate" }];
    }
    default:
      return null;
  }
}

function dotted(n: Node | null): string | null {
  return n ? n.text.replace(/\s+/g, "") : null;
}

function imports(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (stmt: Node) => {
    if (stmt.type === "import_statement") {
      for (const name of fields(stmt, "name")) {
        if (name.type === "aliased_import") {
          const mod = dotted(field(name, "name"));
          const alias = field(name, "alias")?.text;
          if (mod && alias) out.set(alias, mod);
        } else {
          const mod = dotted(name);
          // `import os.path` binds `os`
          if (mod) out.set(mod.split(".")[0] ?? mod, mod.split(".")[0] ?? mod);
        }
      }
    } else if (stmt.type === "import_from_statement") {
      const mod = dotted(field(stmt, "module_name"));
      if (!mod) return;
      for (const name of fields(stmt, "name")) {
        if (name.type === "aliased_import") {
          const n = dotted(field(name, "name"));
          const alias = field(name, "alias")?.text;
          if (n && alias) out.set(alias, `${mod}.${n}`);
        } else {
          const n = dotted(name);
          if (n) out.set(n, `${mod}.${n}`);
        }
      }
    }
  };
  // Imports anywhere in the file: guarded by try/except ImportError, `if TYPE_CHECKING:`,
  // or local to a function (common in Python). Scoping is ignored: a name imported anywhere
  // is taken to mean that module everywhere.
  for (const stmt of root.descendantsOfType(["import_statement", "import_from_statement"])) if (stmt) visit(stmt);
  return out;
}

const calleePath = tableCalleePath({
  roots: ["identifier"],
  members: [{ type: "attribute", object: "object", property: "attribute" }],
  wrappers: { parenthesized_expression: "#first" },
});

/** Function-like node types. */
const FUNCTION_TYPES = ["function_definition", "lambda"];

function keywordArguments(args: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const a of namedChildren(args)) {
    if (a.type !== "keyword_argument") continue;
    const name = field(a, "name");
    const value = field(a, "value");
    if (name && value) out.set(name.text, value);
  }
  return out;
}

export const pySyntax: LanguageSyntax = {
  constantTypes: new Set(["string", "concatenated_string", "integer", "float", "true", "false", "none"]),
  wrapperTypes: new Map([
    ["parenthesized_expression", "#first"],
    ["await", "#first"],
  ]),
  identifierTypes: new Set(["identifier"]),
  scopeTypes: new Set([...FUNCTION_TYPES, "module"]),
  functionTypes: new Set(FUNCTION_TYPES),
  stringParts,
  bindingTypes: new Set(["assignment", "augmented_assignment", "for_statement", "for_in_clause", "call"]),
  bindings,
  imports,
  calleePath,
  keywordArguments,
  naming: {
    assignments: new Map([
      ["assignment", ["left", "right"]],
      ["augmented_assignment", ["left", "right"]],
      ["keyword_argument", ["name", "value"]],
      ["default_parameter", ["name", "value"]],
      ["typed_default_parameter", ["name", "value"]],
      ["pair", ["key", "value"]],
    ]),
    returnFunctions: new Set(FUNCTION_TYPES),
    expressionFunctions: new Set(["lambda"]),
    functionHolders: new Map([
      ["assignment", { fields: ["left"] }],
      ["pair", { fields: ["key"], unquote: true }],
    ]),
    holderWrappers: new Set(["parenthesized_expression"]),
    callTypes: ["call"],
    callsSelf: callsSelfByCallee("function"),
  },
  flow: makePyFlow(calleePath),
};

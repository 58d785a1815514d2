// genericSyntax(): a language described only by its node types gets the value and taint analyses.
// Exercised on the Python grammar (no extra grammar package needed), as a new language would be.
import { beforeAll, describe, expect, it } from "vitest";
import { type Node, Parser } from "web-tree-sitter";
import { classify } from "../../../src/core/engine/dataflow/values.js";
import { CLEAN, PARAMETER, SOURCE, taintOf } from "../../../src/core/engine/dataflow/taint.js";
import { FileContext } from "../../../src/core/engine/file-context.js";
import { compileTaintSpec, TaintFileSchema } from "../../../src/core/engine/taint/spec.js";
import { genericSyntax } from "../../../src/core/lang/generic.js";
import { loadGrammar } from "../../../src/core/lang/grammars.js";
import type { LanguageDef } from "../../../src/core/lang/types.js";

const def: LanguageDef = {
  id: "mini",
  extensions: [".mini"],
  interpreters: [],
  grammar: { pkg: "tree-sitter-python", wasm: "tree-sitter-python.wasm" },
  comments: { line: ["#"], block: [] },
  syntax: genericSyntax({
    constants: ["string", "integer", "float", "true", "false", "none"],
    identifiers: ["identifier"],
    scopes: ["function_definition", "module"],
    wrappers: { parenthesized_expression: "#first" },
    concatenation: { types: ["binary_operator"], operators: ["+"], left: "left", right: "right", operator: "operator" },
    interpolation: { types: ["string"], substitutions: ["interpolation"] },
    assignments: [
      { type: "assignment", left: "left", right: "right" },
      { type: "augmented_assignment", left: "left", right: "right", augmented: true },
    ],
    calls: [{ type: "call", function: "function", arguments: "arguments" }],
    members: [
      { type: "attribute", object: "object", property: "attribute" },
      { type: "subscript", object: "value" },
    ],
    collections: { types: ["list", "dictionary"], pairs: { pair: "value" } },
    parameters: "parameters",
    receivers: ["self"],
  }),
};

const spec = compileTaintSpec([
  TaintFileSchema.parse({
    languages: ["mini"],
    sources: ["request.args", "read_input()"],
    sanitizers: ["int"],
    propagators: ["join_path"],
  }),
]);

let parser: Parser;
beforeAll(async () => {
  const grammar = await loadGrammar(def);
  parser = new Parser();
  parser.setLanguage(grammar);
});

/** Parse `code`, find the first argument of `sink(...)`, and ask `fn` about it. */
function atSink<T>(code: string, fn: (arg: Node, ctx: FileContext) => T): T {
  const tree = parser.parse(code);
  if (!tree) throw new Error("no tree");
  try {
    const ctx = new FileContext(def, tree.rootNode, code, spec);
    const call = tree.rootNode.descendantsOfType("call").find((c) => c?.childForFieldName("function")?.text === "sink");
    const arg = call?.childForFieldName("arguments")?.namedChild(0);
    if (!arg) throw new Error("no sink(...) in the code");
    return fn(arg, ctx);
  } finally {
    tree.delete();
  }
}

describe("genericSyntax", () => {
  it("value analysis: constants, built strings, through variables and +=", () => {
    expect(atSink("q = 'a' + 'b'\nsink(q)", classify)).toBe("constant");
    expect(atSink("def f(a):\n    q = 'x' + a\n    sink(q)", classify)).toBe("dynamic");
    expect(atSink("def f(a):\n    sink(f'x {a}')", classify)).toBe("dynamic");
    expect(atSink("def f(a):\n    q = 'x'\n    q += a\n    sink(q)", classify)).toBe("dynamic");
  });

  it("taint: sources, members, calls, sanitizers, propagators, collections, parameters", () => {
    expect(atSink("sink(request.args['q'])", taintOf)).toBe(SOURCE);
    expect(atSink("v = read_input()\nsink('cmd ' + v)", taintOf)).toBe(SOURCE);
    expect(atSink("sink(int(request.args['n']))", taintOf)).toBe(CLEAN);
    expect(atSink("sink(join_path('/srv', request.args['f']))", taintOf)).toBe(SOURCE);
    expect(atSink("sink([1, {'k': request.args['v']}])", taintOf)).toBe(SOURCE);
    expect(atSink("sink(request.args.get('x').strip())", taintOf)).toBe(SOURCE);
    expect(atSink("def f(p):\n    sink(p)", taintOf)).toBe(PARAMETER);
    expect(atSink("def f(self):\n    sink(self.x)", taintOf)).toBe(CLEAN);
    expect(atSink("sink('literal')", taintOf)).toBe(CLEAN);
  });

  it("naming: assignments name values and functions, calls to self by callee", () => {
    const n = def.syntax.naming;
    expect(n.assignments.get("assignment")).toEqual(["left", "right"]);
    expect(n.functionHolders.get("augmented_assignment")).toEqual({ fields: ["left"] });
    expect([...n.returnFunctions]).toEqual(["function_definition", "module"]);
    expect(n.callTypes).toEqual(["call"]);
    const tree = parser.parse("walk(a)\nself.walk(b)\nos.walk(c)\n");
    if (!tree) throw new Error("no tree");
    try {
      const calls = tree.rootNode.descendantsOfType("call").flatMap((c) => (c ? [c] : []));
      expect(calls.map((c) => n.callsSelf(c, "walk"))).toEqual([true, true, false]);
    } finally {
      tree.delete();
    }
  });
});

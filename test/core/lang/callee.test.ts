// tableCalleePath(): callee paths from a table of node types, as every language entry uses it.
import { beforeAll, describe, expect, it } from "vitest";
import { type Node, Parser } from "web-tree-sitter";
import { tableCalleePath } from "../../../src/core/lang/callee.js";
import { loadGrammar } from "../../../src/core/lang/grammars.js";
import { languageById } from "../../../src/core/lang/registry.js";
import type { CalleePath } from "../../../src/core/lang/types.js";

const parsers = new Map<string, Parser>();
beforeAll(async () => {
  for (const id of ["javascript", "typescript", "python", "go", "java"]) {
    const def = languageById(id);
    if (!def) throw new Error(`no language ${id}`);
    const grammar = await loadGrammar(def);
    const parser = new Parser();
    parser.setLanguage(grammar);
    parsers.set(id, parser);
  }
});

/** The callee expression of the first call of type `callType` in `code`, as the language's calleePath sees it. */
function pathOf(id: string, code: string, callType: string, calleeField: string | null): CalleePath | null {
  const tree = parsers.get(id)?.parse(code);
  if (!tree) throw new Error("no tree");
  try {
    const call = tree.rootNode.descendantsOfType(callType)[0];
    if (!call) throw new Error(`no ${callType} in ${code}`);
    const callee: Node | null = calleeField === null ? call : call.childForFieldName(calleeField);
    if (!callee) throw new Error("no callee");
    const syntax = languageById(id)?.syntax;
    if (!syntax) throw new Error(`no language ${id}`);
    return syntax.calleePath(callee);
  } finally {
    tree.delete();
  }
}

describe("calleePath of the shipped languages", () => {
  it("javascript: members, this, string subscripts, wrappers and require() roots", () => {
    const js = (code: string) => pathOf("javascript", code, "call_expression", "function");
    expect(js("cp.exec(x)")).toEqual({ root: "cp", rest: ["exec"] });
    expect(js("this.db.query(x)")).toEqual({ root: "this", rest: ["db", "query"] });
    expect(js("obj['run'](x)")).toEqual({ root: "obj", rest: ["run"] });
    expect(js("obj[key](x)")).toBeNull();
    expect(js("(a.b)(x)")).toEqual({ root: "a", rest: ["b"] });
    expect(js('require("node:child_process").exec(x)')).toEqual({
      root: "child_process",
      rootIsModule: true,
      rest: ["exec"],
    });
    expect(js("f()(x)")).toBeNull();
  });

  it("typescript: non-null and as-casts are looked through", () => {
    const ts = (code: string) => pathOf("typescript", code, "call_expression", "function");
    expect(ts("a!.b(x)")).toEqual({ root: "a", rest: ["b"] });
    expect(ts("(a as any).b(x)")).toEqual({ root: "a", rest: ["b"] });
  });

  it("python: attributes and parentheses, but not await", () => {
    const py = (code: string) => pathOf("python", code, "call", "function");
    expect(py("os.path.join(a)")).toEqual({ root: "os", rest: ["path", "join"] });
    expect(py("(subprocess).run(a)")).toEqual({ root: "subprocess", rest: ["run"] });
    expect(py("x[0].run(a)")).toBeNull();
  });

  it("go: selectors, package names and parentheses", () => {
    const go = (code: string) => pathOf("go", `package p\nfunc f() { ${code} }`, "call_expression", "function");
    expect(go("exec.Command(x)")).toEqual({ root: "exec", rest: ["Command"] });
    expect(go("(r.URL).Query()")).toEqual({ root: "r", rest: ["URL", "Query"] });
  });

  it("java: field access and method calls, a bare method name as the root", () => {
    const java = (code: string) => pathOf("java", `class A { void f() { ${code}; } }`, "method_invocation", null);
    expect(java("Runtime.getRuntime().exec(cmd)")).toEqual({ root: "Runtime", rest: ["getRuntime", "exec"] });
    // `this` is not a name in the Java table
    expect(java("this.conn.prepareStatement(q)")).toBeNull();
  });
});

describe("tableCalleePath", () => {
  it("gives up after maxDepth links", async () => {
    const def = languageById("python");
    if (!def) throw new Error("no python");
    const parser = new Parser();
    parser.setLanguage(await loadGrammar(def));
    const tree = parser.parse("a.b.c.d(x)");
    if (!tree) throw new Error("no tree");
    const callee = tree.rootNode.descendantsOfType("call")[0]?.childForFieldName("function");
    if (!callee) throw new Error("no callee");
    const table = { roots: ["identifier"], members: [{ type: "attribute", object: "object", property: "attribute" }] };
    expect(tableCalleePath(table)(callee)).toEqual({ root: "a", rest: ["b", "c", "d"] });
    expect(tableCalleePath({ ...table, maxDepth: 3 })(callee)).toBeNull();
    expect(tableCalleePath({ ...table, maxDepth: 4 })(callee)).toEqual({ root: "a", rest: ["b", "c", "d"] });
    tree.delete();
  });
});

describe("functionTypes", () => {
  it("each language names its own function node types", () => {
    expect([...(languageById("python")?.syntax.functionTypes ?? [])]).toEqual(["function_definition", "lambda"]);
    expect([...(languageById("go")?.syntax.functionTypes ?? [])]).toEqual([
      "function_declaration",
      "method_declaration",
      "func_literal",
    ]);
    expect([...(languageById("java")?.syntax.functionTypes ?? [])]).toEqual([
      "method_declaration",
      "constructor_declaration",
      "lambda_expression",
    ]);
    expect(languageById("typescript")?.syntax.functionTypes.has("arrow_function")).toBe(true);
    expect(languageById("javascript")?.syntax.functionTypes.has("lambda")).toBe(false);
  });
});

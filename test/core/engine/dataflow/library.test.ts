// Library mode: the parameters of a package's exported functions are outside input.
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";
import type { Confidence } from "../../../../src/core/types.js";

// A sink that wants a known source; in library mode an exported function's parameter is one.
const RULES = `
- id: t.lib.js
  languages: [javascript, typescript, tsx]
  severity: high
  confidence: high
  message: input reaches sink
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: source }]
- id: t.lib.py
  languages: [python]
  severity: high
  confidence: high
  message: input reaches sink
  query: '((call function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: source }]
- id: t.lib.go
  languages: [go]
  severity: high
  confidence: high
  message: input reaches sink
  query: '((call_expression function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: source }]
- id: t.lib.java
  languages: [java]
  severity: high
  confidence: high
  message: input reaches sink
  query: '((method_invocation name: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: source }]
`;

let scanner: Scanner;
beforeAll(async () => {
  const r = await createScanner({ customRules: [{ origin: "lib.yml", text: RULES }] });
  expect(r.notes.filter((n) => n.includes("lib.yml"))).toEqual([]);
  scanner = r.scanner;
  scanner.scan({
    path: "src/w.js",
    content: "export function f(a) { sink(a); }",
    changedLines: new Set(),
    library: true,
  });
});

/** Lines of the rule's findings, in library mode or not. */
function lines(path: string, code: string, library: boolean): number[] {
  return found(path, code, library).map((f) => f.line);
}

function found(path: string, code: string, library: boolean) {
  const id = `t.lib.${path.endsWith(".py") ? "py" : path.endsWith(".go") ? "go" : path.endsWith(".java") ? "java" : "js"}`;
  return scanner
    .scan({ path, content: code, changedLines: new Set(), library })
    .findings.filter((f) => f.ruleId === id);
}

describe("library mode: exported functions", () => {
  it("JavaScript: the export forms; private helpers are not API", () => {
    const code = [
      "export function a(x) { sink(x); }", // 1
      "export default function (x) { sink(x); }", // 2
      "function helper(x) { sink(x); }", // 3
      "module.exports.b = function (x) { sink(x); };", // 4
      "exports.c = (x) => { sink(x); };", // 5
      "const d = module.exports = (opts, x) => { sink(x); };", // 6
      "const api = {};", // 7
      "api.e = function (x) { sink(x); };", // 8
      "const f = (x) => sink(x);", // 9
      "export { f, api };", // 10
      "export class K { run(x) { sink(x); } _own(x) { sink(x); } }", // 11
    ].join("\n");
    expect(lines("src/lib.js", code, true)).toEqual([1, 2, 4, 5, 6, 8, 9, 11]);
    expect(lines("src/lib.js", code, false)).toEqual([]);
    // `untrusted: source` holds, one level below the rule's confidence by default
    expect(found("src/lib.js", code, true).map((f) => f.confidence)).toEqual(Array(8).fill("medium"));
  });

  it("JavaScript: module.exports = { ... } names what is exported", () => {
    const code = [
      "function merge(target, src) { sink(src); }",
      "function internal(x) { sink(x); }",
      "module.exports = { merge, other: internal2 };",
    ].join("\n");
    expect(lines("lib/merge.js", code, true)).toEqual([1]);
  });

  it("test files, examples and scripts are not a library", () => {
    const code = "export function a(x) { sink(x); }";
    expect(lines("test/a.test.js", code, true)).toEqual([]);
    expect(lines("examples/a.js", code, true)).toEqual([]);
    expect(lines("src/a.spec.ts", code, true)).toEqual([]);
  });

  it("Python: public functions and public methods of public classes", () => {
    const code = [
      "def load(path):", // 1
      "    sink(path)",
      "def _private(path):", // 3
      "    sink(path)",
      "class Store:", // 5
      "    def get(self, key):",
      "        sink(key)", // 7
      "    def _raw(self, key):",
      "        sink(key)", // 9
      "class _Hidden:",
      "    def get(self, key):",
      "        sink(key)", // 12
      "class Runner:",
      "    def __init__(self, cmd):",
      "        sink(cmd)", // 15
      "def __getattr__(name):",
      "    sink(name)", // 17
    ].join("\n");
    expect(lines("pkg/store.py", code, true)).toEqual([2, 7, 15]);
    const script = `${code}\nif __name__ == "__main__":\n    load("x")\n`;
    expect(lines("pkg/store.py", script, true)).toEqual([]);
    expect(lines("tests/test_store.py", code, true)).toEqual([]);
  });

  it("Go: capitalised functions and methods, not in package main", () => {
    const code = [
      "package store",
      "func Open(p string) { sink(p) }", // 2
      "func open(p string) { sink(p) }", // 3
      "func (s *S) Get(k string) { sink(k) }", // 4
    ].join("\n");
    expect(lines("store/store.go", code, true)).toEqual([2, 4]);
    expect(lines("cmd/main.go", code.replace("package store", "package main"), true)).toEqual([]);
  });

  it("Java: public methods of public classes", () => {
    const code = [
      "public class Store {",
      "  public void get(String k) { sink(k); }", // 2
      "  void local(String k) { sink(k); }", // 3
      "  private void hidden(String k) { sink(k); }", // 4
      "}",
      "class Internal {",
      "  public void get(String k) { sink(k); }", // 7
      "}",
    ].join("\n");
    expect(lines("src/main/java/Store.java", code, true)).toEqual([2]);
  });

  it("a request parameter stays a full-confidence source; a typed number is still clean", () => {
    const code = [
      "public class Api {",
      '  public void get(@RequestParam("k") String k, int n) { sink(k); sink(n); }',
      "}",
    ].join("\n");
    expect(found("src/main/java/Api.java", code, true).map((f) => [f.line, f.column, f.confidence])).toEqual([
      [2, 57, "high"],
    ]);
  });
});

describe("library mode: confidence and traces", () => {
  it("a built-in rule's finding holds; the trace starts at the exported parameter", async () => {
    const { scanner: builtins } = await createScanner();
    const code = [
      'const { exec } = require("child_process");',
      "module.exports = function clone(repo) {",
      '  exec("git clone " + repo);',
      "};",
    ].join("\n");
    const conf = (library: boolean, libraryConfidence?: "rule" | "lower"): Confidence | undefined =>
      builtins
        .scan({ path: "index.js", content: code, changedLines: new Set(), library, libraryConfidence })
        .findings.find((f) => f.ruleId === "js.command.exec-dynamic")?.confidence;
    expect(conf(false)).toBe("medium");
    // by default one level below the rule's (measured noise); the policy may keep the rule's
    expect(conf(true)).toBe("medium");
    expect(conf(true, "rule")).toBe("high");
    const f = builtins
      .scan({ path: "index.js", content: code, changedLines: new Set(), library: true })
      .findings.find((x) => x.ruleId === "js.command.exec-dynamic");
    expect(f?.trace?.map((s) => `${s.line}:${s.role}:${s.code}`)).toEqual([
      "2:source:repo",
      '3:sink:exec("git clone " + repo)',
    ]);
  });
});

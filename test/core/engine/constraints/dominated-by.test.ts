// `dominated-by`: a check counts only when it runs on every path to the capture, before it.
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";

const RULES = `
- id: t.dom.js
  languages: [javascript, typescript]
  severity: high
  confidence: high
  message: sink without a dominating guard
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "sink"))'
  where: [{ not: { capture: report, dominated-by: 'guard\\(' } }]
- id: t.dom.py
  languages: [python]
  severity: high
  confidence: high
  message: sink without a dominating guard
  query: '((call function: (identifier) @fn) @report (#eq? @fn "sink"))'
  where: [{ not: { capture: report, dominated-by: 'guard\\(' } }]
- id: t.dom.go
  languages: [go]
  severity: high
  confidence: high
  message: sink without a dominating guard
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "sink"))'
  where: [{ not: { capture: report, dominated-by: 'guard\\(' } }]
- id: t.dom.java
  languages: [java]
  severity: high
  confidence: high
  message: sink without a dominating guard
  query: '((method_invocation name: (identifier) @fn) @report (#eq? @fn "sink"))'
  where: [{ not: { capture: report, dominated-by: 'guard\\(' } }]
`;

let scanner: Scanner;
beforeAll(async () => {
  const r = await createScanner({ customRules: [{ origin: "dom.yml", text: RULES }] });
  expect(r.notes.filter((n) => n.includes("dom.yml"))).toEqual([]);
  scanner = r.scanner;
});

const PATHS = { js: "src/a.js", py: "app/a.py", go: "pkg/a.go", java: "src/A.java" } as const;

/** Number of sink() calls NOT dominated by guard(). */
function open(lang: keyof typeof PATHS, code: string): number {
  return scanner
    .scan({ path: PATHS[lang], content: code, changedLines: new Set() })
    .findings.filter((f) => f.ruleId === `t.dom.${lang}`).length;
}

describe("dominated-by (JavaScript)", () => {
  it("an earlier statement of the same or an enclosing block dominates", () => {
    expect(open("js", "function f(x) { guard(x); sink(x) }")).toBe(0);
    expect(open("js", "function f(x) { guard(x); if (x.ok) { log(x); sink(x) } }")).toBe(0);
    expect(open("js", "function f(x) { const r = guard(x).then(y); sink(r) }")).toBe(0);
    expect(open("js", "function f(x) { if (guard(x)) sink(x) }")).toBe(0);
    expect(open("js", "function f(x) { switch (guard(x)) { case 1: sink(x) } }")).toBe(0);
    expect(open("js", "function f(x) { try { guard(x); sink(x) } catch (e) {} }")).toBe(0);
  });
  it("a check in another branch, in a loop body, after the sink, or in a nested function does not", () => {
    expect(open("js", "function f(x) { if (x.a) { guard(x) } sink(x) }")).toBe(1);
    // the sink in the guarded branch is dominated, the other one is not
    expect(open("js", "function f(x) { if (x.a) { guard(x); return sink(1) } else { sink(x) } }")).toBe(1);
    expect(open("js", "function f(x) { if (x.a) guard(x); else sink(x) }")).toBe(1);
    expect(open("js", "function f(x) { switch (x.t) { case 'a': guard(x); break; case 'b': sink(x) } }")).toBe(1);
    expect(open("js", "function f(x) { for (const y of x) { guard(y) } sink(x) }")).toBe(1);
    expect(open("js", "function f(x) { sink(x); guard(x) }")).toBe(1);
    expect(open("js", "function f(x) { const g = () => guard(x); sink(x) }")).toBe(1);
    expect(open("js", "function f(x) { x.ok && guard(x); sink(x) }")).toBe(1);
    expect(open("js", "function f(x) { const y = x.ok ? guard(x) : x; sink(y) }")).toBe(1);
    expect(open("js", "function f(x) { try { guard(x) } catch (e) {} sink(x) }")).toBe(1);
    expect(open("js", "function f(x) {\n  // guard(x)\n  sink(x)\n}")).toBe(1);
    expect(open("js", "function g(x) { guard(x) }\nfunction f(x) { sink(x) }")).toBe(1);
  });
  it("a callback sees what ran before the call that takes it; a named function does not", () => {
    expect(open("js", "function f(xs) { guard(xs); xs.forEach((x) => { sink(x) }) }")).toBe(0);
    expect(open("js", "function f(xs) { guard(xs); function inner(x) { sink(x) } }")).toBe(1);
  });
});

describe("dominated-by (Python, Go, Java)", () => {
  it("Python", () => {
    expect(open("py", "def f(x):\n    guard(x)\n    sink(x)\n")).toBe(0);
    expect(open("py", "def f(x):\n    if x:\n        guard(x)\n    sink(x)\n")).toBe(1);
    expect(open("py", "def f(x):\n    if x:\n        guard(x)\n    else:\n        sink(x)\n")).toBe(1);
    expect(open("py", "def f(x):\n    if guard(x):\n        sink(x)\n")).toBe(0);
  });
  it("Go", () => {
    expect(open("go", "package p\n\nfunc f(x string) {\n\tguard(x)\n\tsink(x)\n}\n")).toBe(0);
    expect(open("go", 'package p\n\nfunc f(x string) {\n\tif x != "" {\n\t\tguard(x)\n\t}\n\tsink(x)\n}\n')).toBe(1);
    expect(
      open(
        "go",
        'package p\n\nfunc f(x string) {\n\tswitch x {\n\tcase "a":\n\t\tguard(x)\n\tcase "b":\n\t\tsink(x)\n\t}\n}\n',
      ),
    ).toBe(1);
  });
  it("Java", () => {
    expect(open("java", "class A {\n  void f(String x) {\n    guard(x);\n    sink(x);\n  }\n}\n")).toBe(0);
    expect(
      open("java", "class A {\n  void f(String x) {\n    if (x.isEmpty()) { guard(x); }\n    sink(x);\n  }\n}\n"),
    ).toBe(1);
  });
});

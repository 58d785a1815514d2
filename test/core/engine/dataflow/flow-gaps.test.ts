// Issue 11, cause 3: the value and taint analyses follow joined arrays and object properties
// (`args.join(" ")`, `o.cmd = x`, `this.options = opts` read in another method, Python `self.x`,
// Java `this.x`, Go struct fields set by a constructor function).
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";
import type { Confidence } from "../../../../src/core/types.js";

const RULES = `
- id: t.flow.dynamic
  languages: [javascript, typescript]
  severity: high
  confidence: high
  message: built string reaches run
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "run"))'
  where: [{ capture: arg, dynamic: true }]
- id: t.flow.js
  languages: [javascript, typescript]
  severity: high
  confidence: high
  message: untrusted value reaches sink
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
- id: t.flow.py
  languages: [python]
  severity: high
  confidence: high
  message: untrusted value reaches sink
  query: '((call function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
- id: t.flow.java
  languages: [java]
  severity: high
  confidence: high
  message: untrusted value reaches sink
  query: '((method_invocation name: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
- id: t.flow.go
  languages: [go]
  severity: high
  confidence: high
  message: untrusted value reaches sink
  query: '((call_expression function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
`;

let scanner: Scanner;
beforeAll(async () => {
  const r = await createScanner({ customRules: [{ origin: "flow.yml", text: RULES }] });
  expect(r.notes.filter((n) => n.includes("flow.yml"))).toEqual([]);
  scanner = r.scanner;
});

const EXT = { js: "src/a.js", ts: "src/a.ts", py: "app/a.py", java: "src/A.java", go: "pkg/a.go" } as const;

function conf(lang: keyof typeof EXT, code: string, rule: string): Confidence | null {
  const found = scanner
    .scan({ path: EXT[lang], content: code, changedLines: new Set() })
    .findings.filter((f) => f.ruleId === rule);
  return found.length === 0 ? null : (found[0]?.confidence ?? null);
}
const dyn = (code: string) => conf("js", code, "t.flow.dynamic") !== null;

describe("dynamic: an array joined into a string", () => {
  it("an array literal with a non-constant element, joined, is a built string", () => {
    expect(dyn("function f(file) { const args = ['convert', file, 'out.png']; run(args.join(' ')) }")).toBe(true);
    expect(dyn("function f(file) { const args = ['convert', file]; const cmd = args.join(' '); run(cmd) }")).toBe(true);
  });
  it("an array pushed non-constant values, joined, is a built string", () => {
    expect(dyn("function f(opts) { const a = ['git', 'log']; if (opts.ref) a.push(opts.ref); run(a.join(' ')) }")).toBe(
      true,
    );
    expect(dyn("function f(xs) { const a = []; for (const x of xs) { a.push('-I' + x) } run(a.join(' ')) }")).toBe(
      true,
    );
  });
  it("constant arrays, constant pushes and arrays of unseen origin are not", () => {
    expect(dyn("const a = ['git', 'status']; run(a.join(' '))")).toBe(false);
    expect(dyn("const a = ['npm']; a.push('ci'); run(a.join(' '))")).toBe(false);
    expect(dyn("function f(args) { run(args.join(' ')) }")).toBe(false);
    expect(dyn("function f(dir) { run(path.join(dir, 'x')) }")).toBe(false);
  });
  it("the join carries the elements' taint", () => {
    expect(
      conf(
        "js",
        "app.get('/', (req, res) => { const a = ['ls']; a.push(req.query.d); sink(a.join(' ')) })",
        "t.flow.js",
      ),
    ).toBe("high");
    expect(conf("js", "const a = ['ls', '-la']; sink(a.join(' '))", "t.flow.js")).toBeNull();
  });
});

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

describe("untrusted: values stored in object properties", () => {
  it("a local object's property set from a source (JS)", () => {
    expect(
      conf("js", "app.get('/', (req, res) => { const o = {}; o.cmd = req.query.x; sink(o.cmd) })", "t.flow.js"),
    ).toBe("high");
    expect(conf("js", "app.get('/', (req, res) => { const o = { cmd: req.query.x }; sink(o.cmd) })", "t.flow.js")).toBe(
      "high",
    );
    expect(
      conf(
        "js",
        "app.get('/', (req, res) => { const o = {}; o.opts = {}; o.opts.cmd = req.body.c; sink(o.opts.cmd) })",
        "t.flow.js",
      ),
    ).toBe("high");
    expect(
      conf(
        "js",
        "app.get('/', (req, res) => { const o = {}; o.cmd = 'ls'; o.id = req.query.x; sink(o.cmd) })",
        "t.flow.js",
      ),
    ).toBeNull();
  });

  it("this.options set in the constructor is read in another method (parameter level)", () => {
    const cls = "class Runner {\n  constructor(opts) { this.options = opts }\n  run() { sink(this.options.cmd) }\n}";
    expect(conf("js", cls, "t.flow.js")).toBe("medium");
    const fromReq =
      "class H {\n  constructor(req) { this.q = req.query.q }\n  render() { return sink(`<p>${this.q}</p>`) }\n}\nfunction h(req) { return new H(req).render() }";
    expect(conf("js", fromReq, "t.flow.js")).toBe("high");
    expect(
      conf("js", "class R {\n  constructor() { this.cmd = 'ls' }\n  run() { sink(this.cmd) }\n}", "t.flow.js"),
    ).toBeNull();
  });

  it("prototype-style constructors: this.x set in the function, read in a prototype method", () => {
    const proto = "function Git(opts) { this.bin = opts.bin }\nGit.prototype.run = function () { sink(this.bin) };";
    expect(conf("js", proto, "t.flow.js")).toBe("medium");
  });

  it("dynamic: a property assigned a built string", () => {
    expect(dyn("function f(dir) { const o = {}; o.cmd = 'ls ' + dir; run(o.cmd) }")).toBe(true);
    expect(dyn("class C {\n  constructor(ref) { this.cmd = `git show ${ref}` }\n  go() { run(this.cmd) }\n}")).toBe(
      true,
    );
    expect(
      dyn(
        "class C {\n  constructor(ref) { this.args = ['git', 'show']; this.args.push(ref) }\n  go() { run(this.args.join(' ')) }\n}",
      ),
    ).toBe(true);
    expect(dyn("function f() { const o = {}; o.cmd = 'ls -la'; run(o.cmd) }")).toBe(false);
  });

  it("Python self.path set in __init__ is read in a method", () => {
    const py =
      "class Store:\n    def __init__(self, path):\n        self.path = path\n\n    def read(self):\n        return sink(self.path)\n";
    expect(conf("py", py, "t.flow.py")).toBe("medium");
    const src =
      "class Store:\n    def __init__(self, request):\n        self.path = request.args.get('p')\n\n    def read(self):\n        return sink(self.path)\n";
    expect(conf("py", src, "t.flow.py")).toBe("high");
    const constant =
      "class Store:\n    def __init__(self):\n        self.path = '/etc/app.conf'\n\n    def read(self):\n        return sink(self.path)\n";
    expect(conf("py", constant, "t.flow.py")).toBeNull();
  });

  it("Java fields set from a constructor parameter, read as this.x or by bare name", () => {
    const viaThis =
      "class Runner {\n  private String cmd;\n  Runner(String cmd) { this.cmd = cmd; }\n  void run() { sink(this.cmd); }\n}\n";
    expect(conf("java", viaThis, "t.flow.java")).toBe("medium");
    const bare =
      "class Runner {\n  private String cmd;\n  Runner(String c) { this.cmd = c; }\n  void run() { sink(cmd); }\n}\n";
    expect(conf("java", bare, "t.flow.java")).toBe("medium");
    const constant =
      'class Runner {\n  private String cmd;\n  Runner() { this.cmd = "ls"; }\n  void run() { sink(cmd); }\n}\n';
    expect(conf("java", constant, "t.flow.java")).toBeNull();
  });
});

describe("untrusted: Go struct fields set by a constructor function", () => {
  it("a field stored by &T{f: param} or a setter is read through the receiver in a method", () => {
    const ctor =
      "package p\n\ntype Runner struct{ cmd string }\n\nfunc NewRunner(cmd string) *Runner {\n\treturn &Runner{cmd: cmd}\n}\n\nfunc (r *Runner) Run() {\n\tsink(r.cmd)\n}\n";
    expect(conf("go", ctor, "t.flow.go")).toBe("medium");
    const setter =
      "package p\n\ntype Runner struct{ cmd string }\n\nfunc (r *Runner) Set(c string) {\n\tr.cmd = c\n}\n\nfunc (x Runner) Run() {\n\tsink(x.cmd)\n}\n";
    expect(conf("go", setter, "t.flow.go")).toBe("medium");
    const constant =
      'package p\n\ntype Runner struct{ cmd string }\n\nfunc NewRunner(dir string) *Runner {\n\treturn &Runner{cmd: "ls"}\n}\n\nfunc (r *Runner) Run() {\n\tsink(r.cmd)\n}\n';
    expect(conf("go", constant, "t.flow.go")).toBeNull();
  });
});

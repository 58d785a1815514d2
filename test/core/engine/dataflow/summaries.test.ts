// Function summaries within a file: return summaries (what a call of a function of the file
// carries) and sink summaries (a helper that wraps a sink makes its calls with input findings).
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { ScanResult, Scanner } from "../../../../src/core/engine/scanner.js";
import type { RawFinding } from "../../../../src/core/types.js";

// A sink that wants a known source (`untrusted: source`), and one that takes parameters lowered.
const RULES = `
- id: t.sum.strict
  languages: [javascript, typescript, tsx]
  severity: high
  confidence: high
  message: source reaches strict sink
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "strictSink"))'
  where: [{ capture: arg, untrusted: source }]
- id: t.sum.py
  languages: [python]
  severity: high
  confidence: high
  message: source reaches strict sink
  query: '((call function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "strict_sink"))'
  where: [{ capture: arg, untrusted: source }]
`;

let scanner: Scanner;
beforeAll(async () => {
  const r = await createScanner({ customRules: [{ origin: "sum.yml", text: RULES }] });
  expect(r.notes.filter((n) => n.includes("sum.yml"))).toEqual([]);
  scanner = r.scanner;
  // warm up (the custom rules' queries have a small time budget; a cold first scan may exceed it)
  scanner.scan({ path: "src/w.js", content: "strictSink(wrap(req.query.id));", changedLines: new Set() });
});

function scan(path: string, code: string, changed: number[] = []): ScanResult {
  return scanner.scan({ path, content: code, changedLines: new Set(changed) });
}
const of = (r: ScanResult, rule: string): RawFinding[] => r.findings.filter((f) => f.ruleId === rule);

describe("return summaries", () => {
  const js = (helper: string) =>
    [helper, "app.get('/', (req, res) => {", "  strictSink(wrap(req.query.id));", "});"].join("\n");

  it("a function that returns its parameter carries the argument's taint", () => {
    expect(
      of(scan("src/a.js", js("function wrap(s) { return '<b>' + s.trim() + '</b>'; }")), "t.sum.strict"),
    ).toHaveLength(1);
    expect(of(scan("src/a.js", js("const wrap = (s) => `[${s}]`;")), "t.sum.strict")).toHaveLength(1);
  });

  it("a function that sanitizes its parameter is clean", () => {
    for (const helper of [
      'function wrap(s) { return String(s).replace(/[<>&"]/g, (c) => MAP[c]); }',
      "function wrap(s) { return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); }",
      "const wrap = (p) => path.basename(p);",
      "function wrap(x) { return parseInt(x, 10); }",
      "function wrap(name) { return name.replace(/[^\\w-]/g, ''); }",
    ])
      expect(of(scan("src/a.js", js(helper)), "t.sum.strict"), helper).toHaveLength(0);
  });

  it("only the parameters that reach the return value count", () => {
    const code = [
      "function pick(a, b) { log(b); return a; }",
      "app.get('/', (req, res) => {",
      "  strictSink(pick('fixed', req.query.id));",
      "  strictSink(pick(req.query.id, 'fixed'));",
      "});",
    ].join("\n");
    expect(of(scan("src/a.js", code), "t.sum.strict").map((f) => f.line)).toEqual([4]);
  });

  it("a method called on this, a Python function", () => {
    const cls = [
      "class C {",
      "  quote(s) { return `'${s}'`; }",
      "  handle(req) { strictSink(this.quote(req.body.name)); }",
      "}",
    ].join("\n");
    expect(of(scan("src/a.js", cls), "t.sum.strict")).toHaveLength(1);
    const py = [
      "from flask import request",
      "import html",
      "def clean(s):",
      "    return html.escape(s)",
      "def raw(s, sep=','):",
      "    return s.strip() + sep",
      "def view():",
      "    strict_sink(clean(request.args['q']))",
      "    strict_sink(raw(request.args['q']))",
    ].join("\n");
    expect(of(scan("app/a.py", py), "t.sum.py").map((f) => f.line)).toEqual([9]);
  });
});

describe("sink summaries", () => {
  const helper = [
    'const { exec } = require("child_process");',
    "function run(cmd) {",
    "  exec(cmd, () => {});",
    "}",
    "app.get('/a', (req, res) => {",
    "  run(req.query.cmd);",
    "});",
    "app.get('/b', (req, res) => {",
    "  run('uptime');",
    "});",
  ].join("\n");

  it("a call with outside input of a helper around exec is the rule's finding at the call", () => {
    const r = scan("src/a.js", helper);
    const found = of(r, "js.command.exec-dynamic");
    expect(found.map((f) => [f.line, f.confidence])).toEqual([[6, "high"]]);
    expect(found[0]?.message).toContain("through run()");
    expect(found[0]?.trace?.map((s) => `${s.line}:${s.role}`)).toEqual(["6:source", "6:call", "2:parameter", "3:sink"]);
    expect(r.summaries).toEqual([
      expect.objectContaining({
        kind: "sink",
        function: "run",
        parameter: 0,
        ruleId: "js.command.exec-dynamic",
        sinkLine: 3,
      }),
    ]);
  });

  it("the helper's own finding stays parameter-level; a helper called with constants gives none", () => {
    const code = [
      'const { exec } = require("child_process");',
      "function purge(dir) {",
      '  exec("rm -rf " + dir);',
      "}",
      "purge('/tmp/cache');",
    ].join("\n");
    const found = of(scan("src/a.js", code), "js.command.exec-dynamic");
    expect(found.map((f) => [f.line, f.confidence])).toEqual([[3, "medium"]]);
  });

  it("chains through a second helper", () => {
    const code = [
      'const { exec } = require("child_process");',
      "function run(cmd) { exec(cmd); }",
      "function list(dir) { run('ls ' + dir); }",
      "app.get('/', (req, res) => { list(req.query.dir); });",
    ].join("\n");
    const r = scan("src/a.js", code);
    const lines = of(r, "js.command.exec-dynamic").map((f) => [f.line, f.confidence]);
    expect(lines).toContainEqual([4, "high"]);
    const hit = of(r, "js.command.exec-dynamic").find((f) => f.line === 4);
    expect(hit?.trace?.map((s) => s.role)).toEqual(["source", "call", "parameter", "call", "parameter", "sink"]);
    expect(r.summaries?.map((s) => [s.function, s.depth])).toEqual(
      expect.arrayContaining([
        ["run", 0],
        ["list", 1],
      ]),
    );
  });

  it("a change that only adds the call still finds the helper's sink", () => {
    const r = scan("src/a.js", helper, [6]);
    expect(of(r, "js.command.exec-dynamic").map((f) => f.line)).toEqual([6]);
  });

  it("Python: a helper around os.system", () => {
    const code = [
      "import os",
      "from flask import request",
      "",
      "def convert(name):",
      "    os.system(name)",
      "",
      "def view():",
      "    convert(request.args.get('f'))",
      "    convert('fixed.png')",
    ].join("\n");
    const r = scan("app/a.py", code);
    const found = of(r, "py.command.os-system");
    expect(found.find((f) => f.line === 8)?.confidence).toBe("high");
    expect(found.some((f) => f.line === 9)).toBe(false);
    expect(r.summaries?.[0]).toMatchObject({ function: "convert", parameter: 0, parameterName: "name" });
  });

  it("Go: a helper around a shell command; Java: a sanitizing method of the same class", () => {
    const go = [
      "package web",
      "",
      'import ("net/http"; "os/exec")',
      "",
      "func run(script string) {",
      '\texec.Command("sh", "-c", script).Run()',
      "}",
      "",
      "func handler(w http.ResponseWriter, r *http.Request) {",
      '\trun(r.URL.Query().Get("s"))',
      "}",
    ].join("\n");
    const r = scan("web/h.go", go);
    const hit = of(r, "go.command.shell-dynamic").find((f) => f.line === 10);
    expect(hit?.confidence).toBe("high");
    expect(hit?.trace?.map((s) => s.role)).toEqual(["source", "call", "parameter", "sink"]);
    expect(r.summaries?.[0]).toMatchObject({ function: "run", parameter: 0, sinkLine: 6 });
  });
});

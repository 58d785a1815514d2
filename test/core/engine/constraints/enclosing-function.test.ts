// `in-function-named`, `in-recursive-function` and `named-function-matches`: facts about the
// named function around a capture (anonymous callbacks are looked through), on several grammars.
// Also: an allow-list ternary (`SET.has(x) ? x : "id"`) does not pass outside input on.
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";

const RULES = `
- id: t.fn.named-js
  languages: [javascript, typescript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "rnd"))'
  where: [{ capture: report, in-function-named: "(?i)token|passw" }]

- id: t.fn.named-py
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (identifier) @fn) @report (#eq? @fn "rnd"))'
  where: [{ capture: report, in-function-named: "(?i)token" }]

- id: t.fn.named-go
  languages: [go]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "rnd"))'
  where: [{ capture: report, in-function-named: "(?i)token" }]

- id: t.fn.named-java
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn) @report (#eq? @fn "rnd"))'
  where: [{ capture: report, in-function-named: "(?i)token" }]

- id: t.fn.recursive-js
  languages: [javascript, typescript]
  severity: info
  confidence: low
  message: m
  query: '((assignment_expression left: (subscript_expression)) @report)'
  where: [{ capture: report, in-recursive-function: true }]

- id: t.fn.recursive-py
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((assignment left: (subscript)) @report)'
  where: [{ capture: report, in-recursive-function: true }]

- id: t.fn.recursive-java
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn) @report (#eq? @fn "put"))'
  where: [{ capture: report, in-recursive-function: true }]

- id: t.fn.text-js
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((assignment_expression left: (subscript_expression)) @report)'
  where: [{ not: { capture: report, named-function-matches: "__proto__" } }]

- id: t.fn.text-capture
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((assignment_expression left: (subscript_expression object: (identifier) @target)) @report)'
  where: [{ capture: report, named-function-matches: 'descend\\(\\s*{{target}}\\[' }]

- id: t.fn.allow-list
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
`;

let scanner: Scanner;
beforeAll(async () => {
  const made = await createScanner({ customRules: [{ origin: "t.yml", text: RULES }] });
  expect(made.notes).toEqual([]);
  scanner = made.scanner;
});

function fired(code: string, path: string, rule: string): number[] {
  return scanner
    .scan({ path, content: code, changedLines: new Set() })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.line);
}

describe("in-function-named", () => {
  const fires: Array<[string, string, string]> = [
    ["a.js", "t.fn.named-js", "function generateToken() { return rnd(); }"],
    ["a.js", "t.fn.named-js", "const makeToken = () => rnd().toString(36);"],
    ["a.js", "t.fn.named-js", "const makeToken = async function () { return rnd(); };"],
    [
      "a.js",
      "t.fn.named-js",
      "function generatePassword(n) {\n  let s = '';\n  for (let i = 0; i < n; i++) s += chars[Math.floor(rnd() * 62)];\n  return s;\n}",
    ],
    ["a.js", "t.fn.named-js", "function newToken() { return Array.from({ length: 8 }, () => rnd()).join(''); }"],
    ["a.js", "t.fn.named-js", "class Auth { resetToken() { return rnd(); } }"],
    ["a.js", "t.fn.named-js", "const api = { createToken: () => rnd() };"],
    ["a.ts", "t.fn.named-js", "export const issueToken = (): string => rnd() as string;"],
    ["a.py", "t.fn.named-py", "def make_token():\n    return ''.join(str(rnd()) for _ in range(6))"],
    ["a.go", "t.fn.named-go", "package p\nfunc NewToken() int { return rnd() }"],
    ["A.java", "t.fn.named-java", "class A { String newToken() { return String.valueOf(rnd()); } }"],
  ];
  const quiet: Array<[string, string, string]> = [
    ["a.js", "t.fn.named-js", "function jitter(ms) { return ms * rnd(); }"],
    ["a.js", "t.fn.named-js", "rnd();"],
    ["a.js", "t.fn.named-js", "function render() { items.forEach(() => rnd()); }"],
    [
      "a.js",
      "t.fn.named-js",
      "function getToken() { return cache.get('t'); }\nfunction shuffle(a) { return a.sort(() => rnd() - 0.5); }",
    ],
    ["a.py", "t.fn.named-py", "def roll():\n    return rnd()"],
    ["a.go", "t.fn.named-go", "package p\nfunc Backoff() int { return rnd() }"],
  ];
  for (const [path, rule, code] of fires)
    it(`fires: ${code.split("\n")[0]}`, () => expect(fired(code, path, rule).length).toBeGreaterThan(0));
  for (const [path, rule, code] of quiet)
    it(`quiet: ${code.split("\n")[0]}`, () => expect(fired(code, path, rule)).toEqual([]));
});

describe("in-recursive-function", () => {
  it("fires in a function that calls itself by name", () => {
    const code =
      "function merge(t, s) {\n  for (const k in s) {\n    if (typeof s[k] === 'object') merge(t[k], s[k]);\n    else t[k] = s[k];\n  }\n}";
    expect(fired(code, "a.js", "t.fn.recursive-js")).toEqual([4]);
  });

  it("looks through anonymous callbacks to the named function", () => {
    const code =
      "const extend = (t, s) => {\n  Object.keys(s).forEach((k) => {\n    t[k] = typeof s[k] === 'object' ? extend(t[k] || {}, s[k]) : s[k];\n  });\n  return t;\n};";
    expect(fired(code, "a.js", "t.fn.recursive-js")).toEqual([3]);
  });

  it("knows a function by every name in a chain of holders (const f = module.exports = ...)", () => {
    const code =
      "const merge = module.exports = (t, s) => {\n  for (const k in s) {\n    if (typeof s[k] === 'object') merge(t[k], s[k]);\n    else t[k] = s[k];\n  }\n};";
    expect(fired(code, "a.js", "t.fn.recursive-js")).toEqual([4]);
    const notRecursive = "const copy = module.exports = (t, s) => {\n  for (const k in s) t[k] = s[k];\n};";
    expect(fired(notRecursive, "a.js", "t.fn.recursive-js")).toEqual([]);
  });

  it("counts a call of the named function it is nested in (mutual recursion through a helper)", () => {
    const code =
      "function defaultsDeep(target, src) {\n  function copy(t, c) {\n    for (const k in c) {\n      if (t[k] == null) t[k] = c[k];\n      else defaultsDeep(t[k], c[k]);\n    }\n  }\n  copy(target, src);\n}";
    expect(fired(code, "a.js", "t.fn.recursive-js")).toEqual([4]);
    const helperOnly =
      "function outer(o) {\n  function fill(t, c) {\n    for (const k in c) t[k] = c[k];\n  }\n  fill(o, {});\n}";
    expect(fired(helperOnly, "a.js", "t.fn.recursive-js")).toEqual([]);
  });

  it("counts this.method() and self.method() calls", () => {
    expect(
      fired(
        "class M { merge(t, s) { for (const k in s) { t[k] = s[k]; this.merge(t, s[k]); } } }",
        "a.ts",
        "t.fn.recursive-js",
      ),
    ).toEqual([1]);
    expect(
      fired(
        "class M:\n    def merge(self, t, s):\n        for k in s:\n            t[k] = s[k]\n            self.merge(t, s[k])",
        "a.py",
        "t.fn.recursive-py",
      ),
    ).toEqual([4]);
  });

  it("handles Java methods calling themselves without a receiver", () => {
    expect(
      fired("class A { void copy(Map a, Map b) { a.put(1, 2); copy(a, b); } }", "A.java", "t.fn.recursive-java"),
    ).toEqual([1]);
    expect(
      fired("class A { void copy(Map a, Map b) { a.put(1, 2); other.copy(a, b); } }", "A.java", "t.fn.recursive-java"),
    ).toEqual([]);
  });

  it("stays quiet in non-recursive functions and at top level", () => {
    expect(
      fired("function assign(t, s) { for (const k in s) t[k] = s[k]; return other(t); }", "a.js", "t.fn.recursive-js"),
    ).toEqual([]);
    expect(fired("const o = {}; o['a'] = 1;", "a.js", "t.fn.recursive-js")).toEqual([]);
    expect(
      fired(
        "function merge(t, s) { for (const k in s) t[k] = s[k]; return mergeAll(t); }",
        "a.js",
        "t.fn.recursive-js",
      ),
    ).toEqual([]);
  });
});

describe("named-function-matches", () => {
  it("sees a guard written in the named function around an anonymous callback", () => {
    const guarded =
      "function merge(t, s) {\n  Object.keys(s).filter((k) => k !== '__proto__').forEach((k) => {\n    t[k] = s[k];\n  });\n}";
    expect(fired(guarded, "a.js", "t.fn.text-js")).toEqual([]);
    const open = "function merge(t, s) {\n  Object.keys(s).forEach((k) => {\n    t[k] = s[k];\n  });\n}";
    expect(fired(open, "a.js", "t.fn.text-js")).toEqual([3]);
  });

  it("falls back to the file text outside any named function", () => {
    expect(fired("const t = {};\nt[k] = v;", "a.js", "t.fn.text-js")).toEqual([2]);
    expect(fired("// no __proto__ here\nconst t = {};\nt[k] = v;", "a.js", "t.fn.text-js")).toEqual([]);
  });
});

describe("named-function-matches with {{capture}}", () => {
  it("substitutes the escaped text of the capture", () => {
    expect(fired("function f(t, s) {\n  t[k] = s[k];\n  descend(t[k]);\n}", "a.js", "t.fn.text-capture")).toEqual([2]);
    expect(fired("function f(t, s) {\n  t[k] = s[k];\n  descend(s[k]);\n}", "a.js", "t.fn.text-capture")).toEqual([]);
  });

  it("escapes regex metacharacters in the capture text", () => {
    expect(fired("function f($t, s) {\n  $t[k] = s[k];\n  descend($t[k]);\n}", "a.js", "t.fn.text-capture")).toEqual([
      2,
    ]);
    expect(fired("function f($t, s) {\n  $t[k] = s[k];\n  descend(xt[k]);\n}", "a.js", "t.fn.text-capture")).toEqual(
      [],
    );
  });
});

describe("allow-list ternary (taint)", () => {
  it("a value checked with SET.has(x) / LIST.includes(x) is not outside input in the checked branch", () => {
    expect(
      fired(
        "app.get('/', (req, res) => { const c = COLS.has(req.query.s) ? req.query.s : 'id'; sink(c); });",
        "a.js",
        "t.fn.allow-list",
      ),
    ).toEqual([]);
    expect(
      fired(
        "app.get('/', (req, res) => { const c = ['a', 'b'].includes(req.query.s) ? req.query.s : 'a'; sink(c); });",
        "a.js",
        "t.fn.allow-list",
      ),
    ).toEqual([]);
    expect(
      fired(
        "app.get('/', (req, res) => { const c = !COLS.has(req.query.s) ? 'id' : req.query.s; sink(c); });",
        "a.js",
        "t.fn.allow-list",
      ),
    ).toEqual([]);
  });

  it("other conditionals still pass input on", () => {
    expect(
      fired(
        "app.get('/', (req, res) => { const c = req.query.s ? req.query.s : 'id'; sink(c); });",
        "a.js",
        "t.fn.allow-list",
      ),
    ).toEqual([1]);
    expect(
      fired(
        "app.get('/', (req, res) => { const c = COLS.has(req.query.s) ? req.query.t : 'id'; sink(c); });",
        "a.js",
        "t.fn.allow-list",
      ),
    ).toEqual([1]);
    expect(
      fired(
        "app.get('/', (req, res) => { const c = !COLS.has(req.query.s) ? req.query.s : 'id'; sink(c); });",
        "a.js",
        "t.fn.allow-list",
      ),
    ).toEqual([1]);
  });
});

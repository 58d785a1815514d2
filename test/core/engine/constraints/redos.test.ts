// `redos` (scslre's super-linear backtracking verdict on a regex literal or a constant RegExp
// pattern) and `regex-input` (what the regex is applied to, directly or through its variable).
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import { MAX_PATTERN, redosVerdict } from "../../../../src/core/engine/constraints/redos.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";

const RULES = `
- id: t.re.any
  languages: [javascript, typescript]
  severity: info
  confidence: high
  message: m
  query: |
    (regex) @re
    ((new_expression constructor: (identifier) @c arguments: (arguments . (string) @re)) (#eq? @c "RegExp"))
  where: [{ capture: re, redos: true }]
  report: re

- id: t.re.exp
  languages: [javascript]
  severity: info
  confidence: high
  message: m
  query: '(regex) @re'
  where: [{ capture: re, redos: exponential }]
  report: re

- id: t.re.safe
  languages: [javascript]
  severity: info
  confidence: high
  message: m
  query: '(regex) @re'
  where: [{ capture: re, redos: false }]
  report: re

- id: t.in.untrusted
  languages: [javascript]
  severity: info
  confidence: high
  message: m
  query: '(regex) @re'
  where: [{ capture: re, regex-input: untrusted }]
  report: re

- id: t.in.source
  languages: [javascript]
  severity: info
  confidence: high
  message: m
  query: '(regex) @re'
  where: [{ capture: re, regex-input: source }]
  report: re

- id: t.in.constant
  languages: [javascript]
  severity: info
  confidence: high
  message: m
  query: '(regex) @re'
  where: [{ capture: re, regex-input: constant }]
  report: re

- id: t.in.nonconstant
  languages: [javascript]
  severity: info
  confidence: high
  message: m
  query: '(regex) @re'
  where: [{ capture: re, regex-input: nonconstant }]
  report: re
`;

let scanner: Scanner;
beforeAll(async () => {
  const made = await createScanner({ customRules: [{ origin: "t.yml", text: RULES }] });
  expect(made.notes).toEqual([]);
  scanner = made.scanner;
});

function findings(code: string, rule: string, path = "a.js") {
  return scanner.scan({ path, content: code, changedLines: new Set() }).findings.filter((f) => f.ruleId === rule);
}

describe("redosVerdict", () => {
  it("finds exponential backtracking and says where", () => {
    const v = redosVerdict("^(\\w+\\s?)*$", "");
    expect(v).toMatchObject({ vulnerable: true, exponential: true });
    expect(v.detail).toContain("\\w+");
  });

  it("finds polynomial backtracking between two quantifiers", () => {
    expect(redosVerdict("^([^:]+):\\s*(.*?)\\s*$", "")).toMatchObject({ vulnerable: true, exponential: false });
  });

  it("counts an unanchored quantifier right before $ (the trim family), not other moving matches", () => {
    expect(redosVerdict("\\s+$", "").vulnerable).toBe(true);
    expect(redosVerdict("a+b", "").vulnerable).toBe(false);
    expect(redosVerdict("^\\s+", "").vulnerable).toBe(false);
  });

  it("is quiet when nothing required follows the ambiguity, so that the match cannot be made to fail", () => {
    for (const p of ["^(?:\\s*(?:\\/\\/[^\\n]*|\\/\\*[^]*?\\*\\/))*\\s*", "(\\w+\\s?)*", "^(a+)+b?"])
      expect(redosVerdict(p, ""), p).toMatchObject({ vulnerable: false });
    for (const p of [
      "^(\\w+\\s?)*$",
      "(\\w+\\s*)+=",
      "^((a+)+b)*",
      "^(?:\\s*(?:\\/\\/[^\\n]*|\\/\\*[^]*?\\*\\/))*\\s*;",
    ])
      expect(redosVerdict(p, ""), p).toMatchObject({ vulnerable: true });
  });

  it("is quiet on linear patterns, including ambiguous-looking ones that cannot be made to fail", () => {
    for (const p of ["^[a-z0-9-]+$", "^\\d{4}-\\d{2}-\\d{2}$", '"(\\\\.|[^"\\\\])*"', "\\s*,\\s*", "^(?:\\w+ )*\\w+$"])
      expect(redosVerdict(p, ""), p).toMatchObject({ vulnerable: false });
  });

  it("never throws: an invalid pattern, a bad flag or an over-long pattern is not analysed", () => {
    expect(redosVerdict("(a+", "").vulnerable).toBe(false);
    expect(redosVerdict("(a+)+$", "zz").vulnerable).toBe(true);
    expect(redosVerdict(`${"(a+)+".repeat(Math.ceil(MAX_PATTERN / 5) + 1)}$`, "").vulnerable).toBe(false);
    expect(redosVerdict("\\p{Foo}", "u").vulnerable).toBe(false);
  });

  it("is quick on a file's worth of patterns", () => {
    const patterns = Array.from({ length: 300 }, (_, i) => `^(?:[a-z]${i}+|\\d{1,${i + 1}})\\.(\\w+)-(\\s*)x${i}$`);
    const t = performance.now();
    for (const p of patterns) redosVerdict(p, "i");
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe("redos", () => {
  it("reads regex literals and RegExp string patterns (escapes resolved)", () => {
    expect(findings("const a = /(a+)+$/;", "t.re.any")).toHaveLength(1);
    expect(findings('const a = new RegExp("^(\\\\d+)*x$");', "t.re.any")).toHaveLength(1);
    expect(findings('const a = new RegExp("^\\\\d+x$");', "t.re.any")).toHaveLength(0);
    expect(findings("const a: RegExp = /^(\\w+\\s?)*$/;", "t.re.any", "a.ts")).toHaveLength(1);
  });

  it("separates exponential from polynomial, and false from both", () => {
    const code = "const a = /^(\\w+\\s?)*$/;\nconst b = /^\\s*(.*?)\\s*$/;\nconst c = /^[a-z]+$/;";
    expect(findings(code, "t.re.any").map((f) => f.line)).toEqual([1, 2]);
    expect(findings(code, "t.re.exp").map((f) => f.line)).toEqual([1]);
    expect(findings(code, "t.re.safe").map((f) => f.line)).toEqual([3]);
  });
});

describe("regex-input", () => {
  it("follows direct uses: test/exec take the argument, string methods the receiver", () => {
    expect(findings("app.get('/', (req, res) => /x+y/.test(req.query.q));", "t.in.source")).toHaveLength(1);
    expect(findings("app.get('/', (req, res) => req.query.q.replace(/x+/g, ''));", "t.in.source")).toHaveLength(1);
    expect(findings("app.get('/', (req, res) => 'abc'.replace(/x+/g, req.query.q));", "t.in.source")).toHaveLength(0);
  });

  it("follows the variable or constant that holds the regex, lowering a parameter's confidence", () => {
    const code = "const RE = /^a+$/;\nexport function check(s) {\n  return RE.test(s);\n}";
    const f = findings(code, "t.in.untrusted");
    expect(f).toHaveLength(1);
    expect(f[0]?.line).toBe(1);
    expect(f[0]?.confidence).toBe("medium");
    expect(findings(code, "t.in.source")).toHaveLength(0);
  });

  it("a regex only applied to constants is constant; unseen uses are neither", () => {
    const constant = "const V = '1.2.3';\nconst parts = V.split(/\\.+/);";
    expect(findings(constant, "t.in.constant")).toHaveLength(1);
    expect(findings(constant, "t.in.nonconstant")).toHaveLength(0);
    expect(findings(constant, "t.in.untrusted")).toHaveLength(0);
    const unseen = "module.exports = { begin: /(a+)+$/ };";
    expect(findings(unseen, "t.in.constant")).toHaveLength(0);
    expect(findings(unseen, "t.in.nonconstant")).toHaveLength(0);
    const mixed = "const RE = /a+/;\nconst x = 'aa'.match(RE);\nfunction f(s) { return s.match(RE); }";
    expect(findings(mixed, "t.in.constant")).toHaveLength(0);
    expect(findings(mixed, "t.in.nonconstant")).toHaveLength(1);
  });

  it("does not count a use after a check that bounds the input's length (to 1,000 or less)", () => {
    const bounded = "const RE = /^a+$/;\nfunction f(s) {\n  if (s.length > 100) return null;\n  return RE.exec(s);\n}";
    expect(findings(bounded, "t.in.untrusted")).toHaveLength(0);
    const loose = "const RE = /^a+$/;\nfunction f(s) {\n  if (s.length > 10000) return null;\n  return RE.exec(s);\n}";
    expect(findings(loose, "t.in.untrusted")).toHaveLength(1);
  });

  it("counts a named constant, an upper bound before && and a cut prefix as bounding the input", () => {
    const named =
      "const MAX = 254;\nconst RE = /^a+$/;\nfunction f(s) {\n  if (s.length > MAX) return null;\n  return RE.exec(s);\n}";
    expect(findings(named, "t.in.untrusted")).toHaveLength(0);
    const and = "const MAX = 254;\nconst RE = /^a+$/;\nfunction f(s) {\n  return s.length <= MAX && RE.test(s);\n}";
    expect(findings(and, "t.in.untrusted")).toHaveLength(0);
    const nonEmpty = "const RE = /^a+$/;\nfunction f(s) {\n  return s.length > 0 && RE.test(s);\n}";
    expect(findings(nonEmpty, "t.in.untrusted")).toHaveLength(1);
    const cut = "function f(s) {\n  return s.slice(0, 280).replace(/^a+$/, '');\n}";
    expect(findings(cut, "t.in.untrusted")).toHaveLength(0);
    const longCut = "function f(s) {\n  return s.slice(0, 100000).replace(/^a+$/, '');\n}";
    expect(findings(longCut, "t.in.untrusted")).toHaveLength(1);
    const param = "const RE = /^a+$/;\nfunction f(s, max) {\n  return s.length <= max && RE.test(s);\n}";
    expect(findings(param, "t.in.untrusted")).toHaveLength(1);
  });
});

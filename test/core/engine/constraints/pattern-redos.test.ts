// `pattern-redos`: Python and Java string literals read as regex patterns, translated to
// JavaScript syntax and given scslre's verdict (the one `redos` gives JavaScript patterns).
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import {
  javaStringValue,
  pythonStringValue,
  toJsPattern,
} from "../../../../src/core/engine/constraints/pattern-redos.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";

const RULES = `
- id: t.py.any
  languages: [python]
  severity: info
  confidence: high
  message: m
  query: '(call arguments: (argument_list . [(string) (concatenated_string)] @re))'
  where: [{ capture: re, pattern-redos: true }]
  report: re

- id: t.py.exp
  languages: [python]
  severity: info
  confidence: high
  message: m
  query: '(call arguments: (argument_list . (string) @re))'
  where: [{ capture: re, pattern-redos: exponential }]
  report: re

- id: t.java.any
  languages: [java]
  severity: info
  confidence: high
  message: m
  query: '(method_invocation arguments: (argument_list . (string_literal) @re))'
  where: [{ capture: re, pattern-redos: true }]
  report: re

- id: t.java.safe
  languages: [java]
  severity: info
  confidence: high
  message: m
  query: '(method_invocation arguments: (argument_list . (string_literal) @re))'
  where: [{ capture: re, pattern-redos: false }]
  report: re
`;

let scanner: Scanner;
beforeAll(async () => {
  const made = await createScanner({ customRules: [{ origin: "t.yml", text: RULES }] });
  expect(made.notes).toEqual([]);
  scanner = made.scanner;
});

function lines(code: string, rule: string, path: string): number[] {
  return scanner
    .scan({ path, content: code, changedLines: new Set() })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.line);
}

describe("string literal values", () => {
  it("reads Python raw and plain strings, keeping unknown escapes as Python does", () => {
    expect(pythonStringValue(String.raw`r"\s*\t+"`)).toBe(String.raw`\s*\t+`);
    expect(pythonStringValue(String.raw`"\\d+\t\d"`)).toBe("\\d+\t\\d");
    expect(pythonStringValue(`'''a'b'''`)).toBe("a'b");
    expect(pythonStringValue(`f"{x}+"`)).toBeNull();
  });

  it("reads Java strings with their escapes", () => {
    expect(javaStringValue(String.raw`"(\\w+\\s?)*$"`)).toBe(String.raw`(\w+\s?)*$`);
    expect(javaStringValue(String.raw`"\"q\"\n"`)).toBe('"q"\n');
    expect(javaStringValue("'c'")).toBeNull();
  });
});

describe("translation to JavaScript syntax", () => {
  it("turns named groups, back references, \\A/\\Z and leading flags into their JavaScript forms", () => {
    expect(toJsPattern(String.raw`(?i)\A(?P<n>\w+)-(?P=n)\Z`)).toEqual({
      source: String.raw`^(?<n>\w+)-\k<n>$`,
      flags: "i",
    });
  });

  it("gives up on syntax JavaScript lacks: verbose mode, scoped flags, possessive and atomic", () => {
    for (const p of ["(?x) a+ ", "a(?i:b)+", "a++b", "(?>a+)b", "a(?i)b"]) expect(toJsPattern(p), p).toBeNull();
  });
});

describe("pattern-redos", () => {
  it("reports Python patterns with nested or adjacent overlapping quantifiers", () => {
    const code = [
      "import re",
      'A = re.compile(r"^(\\w+\\s?)*$")',
      'B = re.compile(r"\\s*\\t+\\s*(\\S)")',
      "C = re.compile('(?:.*,)*[ \\t]*([^ \\t]+)[ \\t]+' 'realm=(.*?)')",
      'D = re.compile(r"^[a-z0-9-]+$")',
      'E = re.compile(r"^(?P<y>\\d{4})-(?P<m>\\d{2})$")',
    ].join("\n");
    expect(lines(code, "t.py.any", "a.py")).toEqual([2, 3, 4]);
    expect(lines(code, "t.py.exp", "a.py")).toEqual([2]);
  });

  it("reports Java patterns, and `false` holds for linear ones", () => {
    const code = [
      "class A {",
      '  static final Pattern P = Pattern.compile("^(a+)+$");',
      '  static final Pattern Q = Pattern.compile("^[A-Z][a-z]*$");',
      "}",
    ].join("\n");
    expect(lines(code, "t.java.any", "A.java")).toEqual([2]);
    expect(lines(code, "t.java.safe", "A.java")).toEqual([3]);
  });

  it("does not analyse what it cannot read: an f-string, a possessive quantifier", () => {
    const py = 'import re\nX = re.compile(f"^({x}+)+$")\n';
    expect(lines(py, "t.py.any", "a.py")).toEqual([]);
    const java = 'class A { Pattern p = Pattern.compile("^(a++)+$"); }\n';
    expect(lines(java, "t.java.any", "A.java")).toEqual([]);
    expect(lines(java, "t.java.safe", "A.java")).toEqual([1]);
  });
});

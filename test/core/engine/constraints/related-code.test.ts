// `related-code-matches`: the regex may match the enclosing named function, what it refers to
// (two levels), its callers and what they refer to; not an unrelated function of the file, and
// not a caller of a function exported where it is declared.
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";

const RULES = `
- id: t.related.unguarded-write
  languages: [javascript, typescript]
  severity: info
  confidence: low
  message: m
  query: '((assignment_expression left: (subscript_expression)) @report)'
  where: [{ not: { capture: report, related-code-matches: "__proto__" } }]

- id: t.related.no-callers
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((assignment_expression left: (subscript_expression)) @report)'
  where: [{ not: { capture: report, related-code-matches: { pattern: "__proto__", callers: false } } }]
`;

let scanner: Scanner;
beforeAll(async () => {
  const made = await createScanner({ customRules: [{ origin: "t.yml", text: RULES }] });
  expect(made.notes).toEqual([]);
  scanner = made.scanner;
});

function fired(code: string, path = "a.js", rule = "t.related.unguarded-write"): number[] {
  return scanner
    .scan({ path, content: code, changedLines: new Set() })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.line);
}

describe("related-code-matches", () => {
  it("sees a check in the function itself", () => {
    expect(fired('function put(o, k, v) {\n  if (k === "__proto__") return;\n  o[k] = v;\n}')).toEqual([]);
  });

  it("sees a helper the function calls, and the deny list that helper tests (two levels)", () => {
    const code = [
      "const DENY = /__proto__|constructor/;",
      "const okKey = (k) => !DENY.test(k);",
      "function put(o, k, v) {",
      "  if (okKey(k)) o[k] = v;",
      "}",
    ].join("\n");
    expect(fired(code)).toEqual([]);
  });

  it("does not go three levels down", () => {
    const code = [
      "const DENY = ['__proto__'];",
      "function listed(k) { return DENY.includes(k); }",
      "function allowed(k) { return !listed(k); }",
      "function put(o, k, v) {",
      "  if (allowed(k)) o[k] = v;",
      "}",
    ].join("\n");
    expect(fired(code)).toEqual([5]);
  });

  it("sees a caller that parses the path first, and what that caller uses", () => {
    const code = [
      "function parse(p) {",
      "  const parts = p.split('.');",
      "  if (parts.includes('__proto__')) throw new Error('bad');",
      "  return parts;",
      "}",
      "function fill(parts, o, v) {",
      "  const k = parts.shift();",
      "  if (parts.length) fill(parts, o[k] = o[k] || {}, v);",
      "  else o[k] = v;",
      "}",
      "DotPath.prototype.set = function (p, o, v) { this.fill(parse(p), o, v); };",
    ].join("\n");
    // `this.fill(...)` names `fill` by its last name, so the method is its caller
    expect(fired(code)).toEqual([]);
  });

  it("ignores a check in an unrelated function of the same file", () => {
    const code = [
      "function read(o, k) {",
      "  if (k === '__proto__') return undefined;",
      "  return o[k];",
      "}",
      "function write(o, k, v) {",
      "  o[k] = v;",
      "}",
    ].join("\n");
    expect(fired(code)).toEqual([6]);
  });

  it("does not credit a caller's check to a function exported where it is declared", () => {
    const code = [
      "export function safePut(o, k, v) {",
      "  if (k === '__proto__') return;",
      "  put(o, k, v);",
      "}",
      "export function put(o, k, v) {",
      "  o[k] = v;",
      "}",
    ].join("\n");
    expect(fired(code)).toEqual([6]);
  });

  it("leaves callers out with callers: false (a recursive merge re-enters itself unchecked)", () => {
    const code = [
      "function deep(a, b) {",
      "  for (const k in b) a[k] = isObj(a[k]) ? deep(a[k], b[k]) : b[k];",
      "  return a;",
      "}",
      "function top(a, b) {",
      "  for (const k in b) {",
      "    if (k === '__proto__') continue;",
      "    a[k] = deep(a[k], b[k]);",
      "  }",
      "}",
    ].join("\n");
    expect(fired(code, "a.js", "t.related.no-callers")).toEqual([2]);
    expect(fired(code, "a.js")).toEqual([]);
  });
});

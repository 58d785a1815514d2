// `library-input`: whether a value's outside input is only an exported parameter (library mode).
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";

const RULES = `
- id: t.libin.yes
  languages: [javascript]
  severity: high
  confidence: high
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: source }, { capture: arg, library-input: true }]
- id: t.libin.no
  languages: [javascript]
  severity: high
  confidence: high
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: source }, { capture: arg, library-input: false }]
`;

let scanner: Scanner;
beforeAll(async () => {
  const r = await createScanner({ customRules: [{ origin: "libin.yml", text: RULES }] });
  expect(r.notes.filter((n) => n.includes("libin.yml"))).toEqual([]);
  scanner = r.scanner;
});

function lines(code: string, library: boolean, id: string): number[] {
  return scanner
    .scan({ path: "src/lib.js", content: code, changedLines: new Set(), library })
    .findings.filter((f) => f.ruleId === id)
    .map((f) => f.line);
}

const CODE = [
  "module.exports = function run(cmd, args) { sink(cmd); };", // 1: exported parameter
  "exports.build = (name) => { const p = './' + name; sink(p); };", // 2: derived from one
  "app.get('/', (req, res) => sink(req.query.tool));", // 3: request value
  "function own(x) { sink(x); }", // 4: private helper: a parameter, not a source
  "exports.fixed = () => sink('git');", // 5: constant
].join("\n");

describe("library-input", () => {
  it("true only for exported parameters in library mode", () => {
    expect(lines(CODE, true, "t.libin.yes")).toEqual([1, 2]);
    expect(lines(CODE, false, "t.libin.yes")).toEqual([]);
  });

  it("false keeps request values, in library mode or not", () => {
    expect(lines(CODE, true, "t.libin.no")).toEqual([3]);
    expect(lines(CODE, false, "t.libin.no")).toEqual([3]);
  });
});

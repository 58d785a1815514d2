// Taint data (rules/_sources/*.yml): loading, patterns, and how lowered confidence combines.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import { lowerConfidence } from "../../../../src/core/engine/run.js";
import { globSource, nameSet, parseTaintFile } from "../../../../src/core/engine/taint/spec.js";

const tempDirs: string[] = [];
function tempRulesDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aiguard-rules-"));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

describe("taint data files", () => {
  it("every built-in rules/_sources file is valid", () => {
    for (const lang of ["javascript", "python", "go", "java"]) {
      const file = path.resolve(import.meta.dirname, `../../../../rules/_sources/${lang}.yml`);
      const text = readFileSync(file, "utf8");
      const r = parseTaintFile(text, `rules/_sources/${lang}.yml`);
      expect(r.errors, lang).toEqual([]);
      expect(r.files[0]?.sources.length, lang).toBeGreaterThan(3);
    }
  });

  it("reports bad files with their name and field", () => {
    expect(parseTaintFile("languages: [python]\nsources: 3\n", "x.yml").errors[0]).toMatch(/^x\.yml: sources/);
    expect(parseTaintFile("languages: [python]\nparameters: [{ clean: true }]\n", "x.yml").errors[0]).toMatch(
      /needs at least one of/,
    );
    expect(parseTaintFile("languages: [python]\nsources: ['{a,b']\n", "x.yml").errors[0]).toMatch(/unclosed/);
    expect(parseTaintFile(": : :", "x.yml").errors[0]).toMatch(/not valid YAML/);
  });

  it("patterns: exact names, {a,b} alternatives and * within one name", () => {
    const s = nameSet(["req.query", "{r,req}.FormValue", "*.getParameter", "strings.*", "c.ShouldBind*"]);
    expect(s.test("req.query")).toBe(true);
    expect(s.test("req.query.id")).toBe(false); // member reads are followed by the analysis, not the pattern
    expect(s.test("r.FormValue")).toBe(true);
    expect(s.test("w.FormValue")).toBe(false);
    expect(s.test("request.getParameter")).toBe(true);
    expect(s.test("a.b.getParameter")).toBe(false);
    expect(s.test("strings.TrimSpace")).toBe(true);
    expect(s.test("c.ShouldBindJSON")).toBe(true);
    expect(globSource("a.b")).toBe("a\\.b");
  });

  it("a rules directory's _sources feed the scanner; other _ folders are data, never rules", async () => {
    const dir = tempRulesDir();
    mkdirSync(path.join(dir, "_sources"));
    mkdirSync(path.join(dir, "_notes"));
    mkdirSync(path.join(dir, "javascript"));
    writeFileSync(
      path.join(dir, "_sources", "js.yml"),
      "languages: [javascript]\nsources: [input.value]\nsanitizers: [clean]\n",
    );
    writeFileSync(path.join(dir, "_notes", "x.yml"), "just: data\n");
    writeFileSync(
      path.join(dir, "javascript", "sink.yml"),
      `- id: t.sink.untrusted
  languages: [javascript]
  cwe: [CWE-20]
  severity: high
  confidence: high
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: source }]
`,
    );
    const { scanner, notes } = await createScanner({ rulesDir: dir });
    expect(notes).toEqual([]);
    const hits = (code: string) =>
      scanner.scan({ path: "a.js", content: code, changedLines: new Set() }).findings.length;
    expect(hits("sink(input.value)")).toBe(1);
    expect(hits("sink(clean(input.value))")).toBe(0);
    expect(hits("sink(req.query.x)")).toBe(0); // not a source in this directory's data
  });

  it("an unknown language in a taint file is a note", async () => {
    const dir = tempRulesDir();
    mkdirSync(path.join(dir, "_sources"));
    writeFileSync(path.join(dir, "_sources", "x.yml"), "languages: [cobol]\nsources: [x]\n");
    const { notes } = await createScanner({ rulesDir: dir });
    expect(notes).toEqual(["rules/_sources: unknown language cobol"]);
  });
});

describe("lowered confidence", () => {
  it("lowerConfidence steps down and stops at low", () => {
    expect(lowerConfidence("high", 0)).toBe("high");
    expect(lowerConfidence("high", 1)).toBe("medium");
    expect(lowerConfidence("high", 2)).toBe("low");
    expect(lowerConfidence("medium", 5)).toBe("low");
    expect(lowerConfidence("low", 1)).toBe("low");
  });

  it("combines through all / any / not", async () => {
    const rule = (id: string, where: string) => `
- id: t.comb.${id}
  languages: [javascript]
  severity: high
  confidence: high
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @a . (_) @b)) @report (#eq? @fn "sink"))'
  where: ${where}
`;
    const text = [
      rule("all", "[{ capture: a, untrusted: true }, { capture: b, untrusted: true }]"),
      rule("any", "[{ any: [{ capture: a, untrusted: true }, { capture: b, untrusted: true }] }]"),
      rule("not", "[{ not: { capture: a, untrusted: true } }]"),
    ].join("\n");
    const { scanner, notes } = await createScanner({ customRules: [{ origin: "c.yml", text }] });
    expect(notes.filter((n) => n.includes("c.yml"))).toEqual([]);
    const conf = (id: string, code: string) =>
      scanner
        .scan({ path: "a.js", content: code, changedLines: new Set() })
        .findings.find((f) => f.ruleId === `t.comb.${id}`)?.confidence ?? null;
    const bothSource = "function h(req) { sink(req.query.a, req.query.b) }";
    const sourceAndParam = "function h(req, p) { sink(req.query.a, p) }";
    const bothParams = "function h(p, q) { sink(p, q) }";
    // all: the largest lowering counts
    expect(conf("all", bothSource)).toBe("high");
    expect(conf("all", sourceAndParam)).toBe("medium");
    // any: the smallest lowering among the items that hold
    expect(conf("any", sourceAndParam)).toBe("high");
    expect(conf("any", bothParams)).toBe("medium");
    expect(conf("any", "sink('a', 'b')")).toBeNull();
    // not: holds (without lowering) only when the inner item fails, lowered or not
    expect(conf("not", "sink('a', 'b')")).toBe("high");
    expect(conf("not", bothParams)).toBeNull();
  });
});

import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRuleFile } from "../../../src/core/engine/rules/load.js";
import { buildPrefilter, patternNeedles } from "../../../src/core/engine/rules/prefilter.js";
import { compilePattern, compileRuleRegex, RuleRegexError } from "../../../src/core/regex.js";

const ONE = `id: a.b.c
languages: [python]
cwe: [89, "CWE-78", "cwe-95"]
severity: high
confidence: medium
message: m
query: "((call) @report)"
`;

describe("rule file shapes", () => {
  it("accepts one rule, a list, or { rules: [...] }", () => {
    expect(parseRuleFile(ONE, "one.yml").rules.map((r) => r.spec.id)).toEqual(["a.b.c"]);
    const list = `- ${ONE.replace(/\n(?=.)/g, "\n  ")}- ${ONE.replace("a.b.c", "a.b.d").replace(/\n(?=.)/g, "\n  ")}`;
    expect(parseRuleFile(list, "list.yml").rules.map((r) => r.spec.id)).toEqual(["a.b.c", "a.b.d"]);
    const wrapped = `rules:\n  - ${ONE.replace(/\n(?=.)/g, "\n    ")}`;
    expect(parseRuleFile(wrapped, "w.yml").rules.map((r) => r.spec.id)).toEqual(["a.b.c"]);
  });

  it("normalises CWE ids and applies defaults", () => {
    const [r] = parseRuleFile(ONE, "one.yml").rules;
    expect(r?.spec.cwe).toEqual(["CWE-89", "CWE-78", "CWE-95"]);
    expect(r?.spec.report).toBe("report");
    expect(r?.spec.where).toEqual([]);
  });

  it("reports an empty file and a scalar", () => {
    expect(parseRuleFile("", "e.yml").errors[0]).toMatch(/e\.yml: the file holds no rules/);
    expect(parseRuleFile("just text", "s.yml").errors[0]).toMatch(/s\.yml: rule #1/);
  });

  it("names the field in errors", () => {
    const r = parseRuleFile(ONE.replace("confidence: medium", "confidence: sure"), "x.yml");
    expect(r.errors[0]).toMatch(/^x\.yml: rule a\.b\.c: confidence:/);
  });
});

describe("prefilter", () => {
  it("derives needles from #eq? and #any-of? on required captures only", () => {
    expect(patternNeedles('((call) @c (#eq? @fn "eval") (#any-of? @m "query" "execute"))', () => true)).toEqual([
      ["eval"],
      ["query", "execute"],
    ]);
    expect(patternNeedles('((call) @c (#eq? @fn "eval"))', () => false)).toEqual([]);
    expect(patternNeedles('((call) @c (#match? @fn "^ev"))', () => true)).toEqual([]);
  });

  it("a file must satisfy some pattern's needles and the explicit list", () => {
    const f = buildPrefilter(["child_process"], [[["exec"]], [["spawn"], ["shell"]]]);
    expect(f("child_process exec")).toBe(true);
    expect(f("child_process spawn shell")).toBe(true);
    expect(f("child_process spawn")).toBe(false);
    expect(f("exec")).toBe(false);
    // one pattern without needles means the query may match anything
    expect(buildPrefilter(undefined, [[["x"]], []])("nothing")).toBe(true);
  });

  it("says a needle is there exactly when the text contains it (the pair index only rules out)", () => {
    const alphabet = fc.constantFrom("a", "b", "c", "(", ".", "\u0101", "\u0201", "\n", "\u{1F600}");
    const text = fc.array(alphabet, { maxLength: 40 }).map((a) => a.join(""));
    const needle = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, fc.array(needle, { minLength: 1, maxLength: 4 }), (t, needles) => {
        for (const n of needles) expect(buildPrefilter([n], [])(t)).toBe(t.includes(n));
        // the same text asked again, with all the needles at once
        expect(buildPrefilter(needles, [])(t)).toBe(needles.some((n) => t.includes(n)));
      }),
      { numRuns: 500 },
    );
  });
});

describe("prefilter-pattern", () => {
  it("lets a file through that matches it, or that holds one of the strings", () => {
    const f = buildPrefilter(["RegExp"], [], compileRuleRegex("\\bfoo\\d"));
    expect([f("new RegExp(x)"), f("a foo7 b"), f("foo bar")]).toEqual([true, true, false]);
    // the pattern alone
    expect(buildPrefilter(undefined, [], compileRuleRegex("^x"))("y\nx")).toBe(false);
    expect(buildPrefilter(undefined, [], compileRuleRegex("(?m)^x"))("y\nx")).toBe(true);
    // over the whole text, not only the first 4,000 characters the `where` regexes read
    expect(buildPrefilter(undefined, [], compileRuleRegex("needle"))(`${"a".repeat(10_000)} needle`)).toBe(true);
  });

  // The JavaScript ReDoS rules' pattern: a regular-expression literal's opening slash. The slashes of
  // comments, paths and URLs, which every file has, must not let a file through; a regex literal
  // wherever JavaScript allows one must (checked against the grammar on ~3,000 real files when written).
  const redos = parseRuleFile(readFileSync("rules/javascript/redos.yml", "utf8"), "redos.yml").rules;
  const withPattern = redos.filter((r) => r.spec["prefilter-pattern"] !== undefined);
  it.each(withPattern.map((r) => [r.spec.id, r.spec] as const))(
    "%s: regex literals pass, other slashes do not",
    (_, spec) => {
      const f = buildPrefilter(spec.prefilter, [], compileRuleRegex(spec["prefilter-pattern"] ?? ""));
      for (const code of [
        "const r = /a+b/;",
        's.replace(/\\s+$/g, "")',
        "return /^x/.test(s);",
        "xs.filter((s) => /^v\\d/.test(s))",
        "  /^a/.test(s) && go();",
        "if (ok) /b/.exec(s);",
        "const m = [/a/, /b/];",
        "const o = { re: /x/i };",
        "ok = !/x/.test(s) || a;",
        "/* note */ /x/.test(s);",
        "const t = `${/x/.source}`;",
        "switch (k) { case /x/.source: }",
        "x = y ? /a/ : /b/;",
      ])
        expect(f(code), code).toBe(true);
      for (const code of [
        "// a comment / with slashes\n/* and a block */\nconst a = b;",
        'import x from "./lib/x.js";\nconst url = "https://example.com/a/b";',
        "const half = total / 2;\nconst ratio = a / c;",
        "<div>a</div>",
      ])
        expect(f(code), code).toBe(false);
      // RegExp() still lets the file through where the rule looks for it
      if (spec.prefilter?.includes("RegExp")) expect(f("new RegExp(pattern)")).toBe(true);
    },
  );
});

describe("rule regexes", () => {
  it("supports a leading (?i)", () => {
    expect(compileRuleRegex("(?i)^select").test("SELECT")).toBe(true);
  });

  it("runs untrusted patterns on RE2 and refuses what RE2 cannot run", () => {
    const re = compilePattern("(?i)^(a+)+$", { untrusted: true });
    expect(re).not.toBeInstanceOf(RegExp);
    expect([re.test("AAA"), re.test("aab")]).toEqual([true, false]);
    expect(compilePattern("(?<name>x)\\u0041[^]", { untrusted: true }).test("xA\n")).toBe(true);
    expect(() => compilePattern("(a)\\1", { untrusted: true })).toThrow(/uses a backreference/);
    expect(() => compilePattern("(?<n>a)\\k<n>", { untrusted: true })).toThrow(/uses a backreference/);
    expect(() => compilePattern("a(?=b)", { untrusted: true })).toThrow(/uses a lookahead/);
    expect(() => compilePattern("(?<!b)a", { untrusted: true })).toThrow(/uses a lookbehind/);
    expect(compilePattern("[(?=\\]]", { untrusted: true }).test("]")).toBe(true);
    expect(() => compilePattern("a{2000}", { untrusted: true })).toThrow(RuleRegexError);
    // built-in (vetted) patterns stay on RegExp, with its full syntax
    expect(compilePattern("(a)\\1", { untrusted: false })).toBeInstanceOf(RegExp);
  });
});

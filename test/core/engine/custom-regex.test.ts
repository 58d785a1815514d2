// Repository rules' regular expressions run on a linear-time engine (issue 10, item 9): patterns
// that make a backtracking engine run for minutes finish at once, and patterns that only a
// backtracking engine can run are refused with a note naming the file and the rule.
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../src/core/engine/index.js";
import type { RuleSource } from "../../../src/core/types.js";

/** A custom rule on JavaScript string literals; WHERE is its `where` list, PRED a predicate. */
function stringRule(where: string, predicate = ""): string {
  return `
id: acme.strings.odd
languages: [javascript]
severity: low
confidence: high
message: odd string
query: |
  ((string) @report${predicate})
${where ? `where:\n${where}` : ""}
`;
}

async function scan(text: string, content: string, origin = ".aiguard/rules/odd.yml") {
  const rules: RuleSource[] = [{ origin, text }];
  const { scanner, notes } = await createScanner({ customRules: rules });
  const r = scanner.scan({ path: "a.js", content, changedLines: new Set() });
  scanner.dispose();
  return { notes, findings: r.findings.filter((f) => f.ruleId === "acme.strings.odd"), scanNotes: r.notes };
}

// `"aaaa…a!"`: `^"(a|aa)*"$` explores every way to split the a's (Fibonacci many) before failing.
const FIB_STRING = `"${"a".repeat(42)}!"`;
// Spaces without the X: six `\s*` in a row try every way to share them out (n^6 / 720).
const SPACES_STRING = `"${" ".repeat(600)}Y"`;

describe("custom rule regexes run in linear time", () => {
  // Loading the built-in rules and grammars is slow on a busy machine: not part of the tests' time.
  beforeAll(async () => {
    (await createScanner()).scanner.dispose();
  }, 120_000);

  it('`^"(a|aa)*"$` on a hostile 44-character string finishes and gives the right answer', async () => {
    const text = stringRule(`  - { capture: report, matches: '^"(a|aa)*"$' }`);
    const { notes, findings } = await scan(text, `const a = ${FIB_STRING};\nconst b = "aaaa";\n`);
    expect(notes).toEqual([]);
    expect(findings.map((f) => f.line)).toEqual([2]);
  }, 20_000);

  it("`\\s*\\s*\\s*\\s*\\s*\\s*X$` on a run of spaces finishes and gives the right answer", async () => {
    const text = stringRule(`  - { capture: report, scope-matches: '\\s*\\s*\\s*\\s*\\s*\\s*X$' }`);
    const content = `function f() { return ${SPACES_STRING}; }\nfunction g() { return "  X"; }\n`;
    const { notes, findings } = await scan(text, content);
    expect(notes).toEqual([]);
    // neither function's text ends in X
    expect(findings).toEqual([]);
    const text2 = stringRule(`  - { capture: report, matches: '\\s*\\s*\\s*\\s*\\s*\\s*X"$' }`);
    const r2 = await scan(text2, `const s = ${SPACES_STRING};\nconst t = "  X";\n`);
    expect(r2.findings.map((f) => f.line)).toEqual([2]);
  }, 20_000);

  it("a hostile #match? predicate in the query also runs on the linear-time engine", async () => {
    const text = stringRule("", ' (#match? @report "^\\"(a|aa)*\\"$")');
    const { notes, findings } = await scan(text, `const a = ${FIB_STRING};\nconst b = "aa";\n`);
    expect(notes).toEqual([]);
    expect(findings.map((f) => f.line)).toEqual([2]);
  }, 20_000);

  it("#match?, #not-match?, #any-match? and #any-not-match? keep tree-sitter's meaning", async () => {
    const content = `const a = "red";\nconst b = "blue";\n`;
    const lines = async (pred: string) => (await scan(stringRule("", pred), content)).findings.map((f) => f.line);
    expect(await lines(' (#match? @report "^\\"r")')).toEqual([1]);
    expect(await lines(' (#not-match? @report "^\\"r")')).toEqual([2]);
    expect(await lines(' (#any-match? @report "(?i)BLUE")')).toEqual([2]);
    expect(await lines(' (#any-not-match? @report "e")')).toEqual([]);
    // a string that merely contains the operator's name is left alone
    expect(await lines(' (#eq? @report "\\"#match? x\\"")')).toEqual([]);
  });

  it("a backreference is refused with a note naming the file, the rule and the constraint", async () => {
    const text = stringRule(`  - { capture: report, matches: '(a|b)\\w+\\1' }`);
    const { notes, findings } = await scan(text, `const a = "aa";\n`, ".aiguard/rules/backref.yml");
    expect(findings).toEqual([]);
    expect(notes).toEqual([
      expect.stringMatching(
        /^custom rule skipped: \.aiguard\/rules\/backref\.yml: rule acme\.strings\.odd skipped: where\[0\]\.matches: regex \/.*\/ uses a backreference, which aiguard does not run for repository rules/,
      ),
    ]);
  });

  it("lookaround in a #match? predicate is refused with a located note", async () => {
    const { notes } = await scan(stringRule("", ' (#match? @report "a(?!b)")'), `const a = "a";\n`);
    expect(notes).toEqual([
      expect.stringMatching(
        /^custom rule skipped: \.aiguard\/rules\/odd\.yml: rule acme\.strings\.odd skipped: #match\? predicate: regex \/a\(\?!b\)\/ uses a lookahead/,
      ),
    ]);
  });
});

import { describe, expect, it } from "vitest";
import { createScanner } from "../../../src/core/engine/index.js";
import type { RuleSource } from "../../../src/core/types.js";

const VALID = `
id: acme.logging.console-log
languages: [javascript, typescript]
cwe: [CWE-532]
severity: low
confidence: high
message: console.log left in {{fn}}
query: |
  ((call_expression function: (member_expression object: (identifier) @obj property: (property_identifier) @fn)) @report
    (#eq? @obj "console") (#eq? @fn "log"))
examples:
  bad: ['console.log(user)']
  good: ['logger.info(user)']
`;

function rule(origin: string, text: string): RuleSource {
  return { origin, text };
}

async function notesFor(text: string, origin = ".aiguard/rules/r.yml"): Promise<string[]> {
  const { notes, scanner } = await createScanner({ customRules: [rule(origin, text)] });
  // the scanner still works with the built-in rules
  const r = scanner.scan({ path: "a.js", content: "eval(req.body)\n", changedLines: new Set() });
  expect(r.findings.map((f) => f.ruleId)).toEqual(["js.eval.dynamic-code"]);
  return notes;
}

describe("custom rules", () => {
  it("skips a rule file over 256 KB with a note, without parsing it", async () => {
    const notes = await notesFor(`${VALID}\n${"# padding\n".repeat(30_000)}`, ".aiguard/rules/huge.yml");
    expect(notes).toEqual([
      expect.stringMatching(
        /^custom rule skipped: \.aiguard\/rules\/huge\.yml is \d+ KB; a rule file may be at most 256 KB$/,
      ),
    ]);
  });

  it("a valid custom rule is compiled, listed and reported", async () => {
    const { scanner, notes } = await createScanner({ customRules: [rule(".aiguard/rules/log.yml", VALID)] });
    expect(notes).toEqual([]);
    expect(scanner.rules().map((r) => r.id)).toContain("acme.logging.console-log");
    const r = scanner.scan({ path: "a.ts", content: "const x = 1;\nconsole.log(x);\n", changedLines: new Set() });
    expect(r.findings).toEqual([
      expect.objectContaining({
        ruleId: "acme.logging.console-log",
        line: 2,
        message: "console.log left in log",
        severity: "low",
      }),
    ]);
  });

  it("custom rules belong to one scanner only", async () => {
    await createScanner({ customRules: [rule("x.yml", VALID)] });
    const { scanner } = await createScanner();
    expect(scanner.rules().map((r) => r.id)).not.toContain("acme.logging.console-log");
  });

  it("dispose() frees custom rules and the scanner keeps working with built-ins", async () => {
    const { scanner } = await createScanner({ customRules: [rule("x.yml", VALID)] });
    scanner.dispose?.();
    const r = scanner.scan({ path: "a.js", content: "console.log(1); eval(a + b);\n", changedLines: new Set() });
    expect(r.findings.map((f) => f.ruleId)).toEqual(["js.eval.dynamic-code"]);
  });

  it("invalid YAML -> a note naming the file", async () => {
    const notes = await notesFor("id: [unclosed\n  : :", ".aiguard/rules/broken.yml");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/\.aiguard\/rules\/broken\.yml: not valid YAML/);
  });

  it("schema errors -> a note naming the file, the rule and the field", async () => {
    const notes = await notesFor(VALID.replace("severity: low", "severity: catastrophic"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/r\.yml: rule acme\.logging\.console-log: severity/);
  });

  it("a missing field and an unknown field are reported", async () => {
    const notes = await notesFor(VALID.replace("message: console.log left in {{fn}}\n", "mesage: typo\n"));
    expect(notes[0]).toMatch(/message/);
    expect(notes[0]).toMatch(/mesage/);
  });

  it("a query that does not compile -> a note", async () => {
    const notes = await notesFor(VALID.replace("call_expression", "no_such_node"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/acme\.logging\.console-log skipped: query does not compile for javascript/);
  });

  it("a prefilter-pattern runs on RE2, and one RE2 cannot run -> a note", async () => {
    const withPattern = VALID.replace("query: |", "prefilter-pattern: 'console\\.(?:log|info)'\nquery: |");
    expect(await notesFor(withPattern)).toEqual([]);
    const { scanner } = await createScanner({ customRules: [rule(".aiguard/rules/r.yml", withPattern)] });
    const found = scanner.scan({ path: "a.js", content: "console.log(user)\n", changedLines: new Set([1]) });
    expect(found.findings.map((f) => f.ruleId)).toEqual(["acme.logging.console-log"]);
    const notes = await notesFor(VALID.replace("query: |", "prefilter-pattern: 'console(?=\\.)'\nquery: |"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/acme\.logging\.console-log skipped: prefilter-pattern: regex .* uses a lookahead/);
  });

  it("a predicate outside the pattern's parentheses -> a note with a hint", async () => {
    const notes = await notesFor(`
id: acme.x.y
languages: [javascript]
severity: low
confidence: low
message: m
query: |
  (call_expression function: (identifier) @fn) @report
  (#eq? @fn "foo")
`);
    expect(notes[0]).toMatch(/does not capture @report; predicates must sit inside/);
  });

  it("an unknown constraint, an unknown capture and a bad constraint value -> notes", async () => {
    const base = VALID.replace("examples:", "where:\n  - WHERE_ITEM\nexamples:");
    const n1 = await notesFor(base.replace("WHERE_ITEM", "{ capture: fn, looks-like: foo }"));
    expect(n1[0]).toMatch(/where\[0\]: unknown constraint "looks-like"/);
    const n2 = await notesFor(base.replace("WHERE_ITEM", "{ capture: nope, matches: foo }"));
    expect(n2[0]).toMatch(/capture @nope is not defined by the query/);
    const n3 = await notesFor(base.replace("WHERE_ITEM", "{ capture: fn, dynamic: maybe }"));
    expect(n3[0]).toMatch(/where\[0\]\.dynamic/);
    const n4 = await notesFor(base.replace("WHERE_ITEM", "{ capture: fn, matches: '(' }"));
    expect(n4[0]).toMatch(/invalid regex/);
  });

  it("an unknown language -> a note", async () => {
    const notes = await notesFor(VALID.replace("[javascript, typescript]", "[cobol]"));
    expect(notes[0]).toMatch(/unknown language cobol/);
  });

  it("a custom rule may not reuse a built-in rule id", async () => {
    const notes = await notesFor(VALID.replace("acme.logging.console-log", "js.eval.dynamic-code"));
    expect(notes[0]).toMatch(/js\.eval\.dynamic-code has the id of another rule/);
  });

  it("one bad rule in a file does not stop the others", async () => {
    const text = `- ${VALID.trim().replace(/\n/g, "\n  ")}\n- id: acme.bad\n  languages: [javascript]\n`;
    const { notes, scanner } = await createScanner({ customRules: [rule("multi.yml", text)] });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/rule acme\.bad/);
    expect(scanner.rules().map((r) => r.id)).toContain("acme.logging.console-log");
  });

  it("a pathological query is stopped within its time budget and noted", async () => {
    const slow = `
id: acme.slow.everything
languages: [javascript]
severity: info
confidence: low
message: slow
query: |
  ((_ (_)* @a (_)* @b (_)* @c) @report)
`;
    const { scanner, notes } = await createScanner({ customRules: [rule("slow.yml", slow)] });
    expect(notes).toEqual([]);
    const lines = Array.from(
      { length: 200 },
      (_, i) =>
        `function f${i}(a, b) { const x = [a, b, [1, [2, {k: a + b * ${i}}]]]; return g(x, a, "s${i}") + h(${i}); }`,
    );
    lines.push("eval(userInput + suffix);");
    const content = lines.join("\n");
    const r = scanner.scan({ path: "big.js", content, changedLines: new Set() });
    expect(r.notes.join("\n")).toMatch(/acme\.slow\.everything was stopped after 50 ms/);
    expect(r.findings.filter((f) => f.ruleId === "acme.slow.everything")).toEqual([]);
    // the built-in rules still ran on the same file
    expect(r.findings.map((f) => f.ruleId)).toContain("js.eval.dynamic-code");
  });
});

// scanRules (src/core/engine/file-scan.ts): a match that could not be judged makes the file incomplete.
import { beforeAll, describe, expect, it } from "vitest";
import { compileRules, parserFor } from "../../../src/core/engine/builtin.js";
import { createScanner } from "../../../src/core/engine/index.js";
import type { CompiledRule } from "../../../src/core/engine/rules/compile.js";
import { parseRuleFile } from "../../../src/core/engine/rules/load.js";
import { scanRules } from "../../../src/core/engine/file-scan.js";
import { languageById } from "../../../src/core/lang/registry.js";

const RULE = `
id: acme.logging.console-log
languages: [javascript]
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

let rule: CompiledRule;
beforeAll(async () => {
  await createScanner(); // loads the grammars
  const loaded = parseRuleFile(RULE, "r.yml");
  const set = await compileRules(loaded.rules, true, "");
  rule = set.byLanguage.get("javascript")?.[0] as CompiledRule;
});

function scanWith(test: CompiledRule["test"]) {
  const lang = languageById("javascript");
  const parser = parserFor("javascript");
  if (!lang || !parser) throw new Error("no javascript grammar");
  return scanRules(
    { parser, lang, rules: [{ ...rule, test }], taint: undefined, parseBudgetMs: 2000 },
    { path: "a.js", content: "console.log(user);\nconsole.log(token);\n", changedLines: new Set([1, 2]) },
  );
}

describe("a constraint that throws", () => {
  it("leaves the match unjudged and names the file incomplete, never a silent pass", () => {
    const out = scanWith(() => {
      throw new RangeError("Maximum call stack size exceeded");
    });
    expect(out.findings).toEqual([]);
    expect(out.incomplete).toMatch(/acme\.logging\.console-log could not judge some matches \(a constraint failed\)/);
    expect(out.notes.join("\n")).toMatch(/a constraint failed \(.*Maximum call stack size exceeded\)/);
  });

  it("is complete when every match was judged", () => {
    const out = scanWith(() => 0);
    expect(out.findings.map((f) => f.line)).toEqual([1, 2]);
    expect(out.incomplete).toBeUndefined();
  });
});

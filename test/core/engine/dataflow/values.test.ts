// `dynamic` and `value-matches` follow a call of a function of the same file to what it returns
// (src/core/engine/dataflow/values.ts): a query built in a helper and run elsewhere.
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";

const RULES = `
- id: t.values.java
  languages: [java]
  severity: high
  confidence: high
  message: built SQL reaches run
  query: '((method_invocation name: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "run"))'
  where: [{ capture: arg, dynamic: true }, { capture: arg, value-matches: '(?i)select' }]
- id: t.values.py
  languages: [python]
  severity: high
  confidence: high
  message: built SQL reaches run
  query: '((call function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "run"))'
  where: [{ capture: arg, dynamic: true }, { capture: arg, value-matches: '(?i)select' }]
- id: t.values.go
  languages: [go]
  severity: high
  confidence: high
  message: built SQL reaches run
  query: '((call_expression function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "run"))'
  where: [{ capture: arg, dynamic: true }, { capture: arg, value-matches: '(?i)select' }]
`;

let scanner: Scanner;
beforeAll(async () => {
  const r = await createScanner({ customRules: [{ origin: "values.yml", text: RULES }] });
  expect(r.notes.filter((n) => n.includes("values.yml"))).toEqual([]);
  scanner = r.scanner;
});

function fires(path: string, code: string): boolean {
  return scanner
    .scan({ path, content: code, changedLines: new Set() })
    .findings.some((f) => f.ruleId.startsWith("t.values."));
}

describe("a string built in a function of the same file", () => {
  it("Java: a private method returns the built query", () => {
    const code = [
      "class Dao {",
      "  void find(String id) { String q = query(id); run(q); }",
      '  private String query(String id) { return "select * from t where id = " + id; }',
      "}",
    ].join("\n");
    expect(fires("src/Dao.java", code)).toBe(true);
    expect(fires("src/Dao.java", code.replace('" + id', '?"'))).toBe(false);
  });

  it("Python: a helper function returns an f-string", () => {
    const code =
      "def query(name):\n    return f\"SELECT * FROM t WHERE n = '{name}'\"\n\ndef find(name):\n    run(query(name))\n";
    expect(fires("app/dao.py", code)).toBe(true);
    expect(fires("app/dao.py", code.replace("f\"SELECT * FROM t WHERE n = '{name}'\"", '"SELECT * FROM t"'))).toBe(
      false,
    );
  });

  it("Go: a function returns fmt.Sprintf", () => {
    const code =
      'package dao\n\nimport "fmt"\n\nfunc query(t string) string {\n\treturn fmt.Sprintf("SELECT * FROM %s", t)\n}\n\nfunc Find(t string) {\n\trun(query(t))\n}\n';
    expect(fires("dao/dao.go", code)).toBe(true);
  });

  it("a call of a function of another file, or unknown, stays unknown", () => {
    expect(fires("app/dao.py", "from q import query\n\ndef find(name):\n    run(query(name))\n")).toBe(false);
  });
});

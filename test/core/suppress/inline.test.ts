import { describe, expect, it } from "vitest";
import type { Scanner, ScanTarget } from "../../../src/core/engine/scanner.js";
import { analyze } from "../../../src/core/analyze.js";
import { decide } from "../../../src/core/policy/decide.js";
import { configSchema, defaultConfig } from "../../../src/core/policy/schema.js";
import { findInlineSuppressions, matchSuppression } from "../../../src/core/suppress/inline.js";
import type { ChangedFile } from "../../../src/core/types.js";

const scanner: Scanner = {
  scan(t: ScanTarget) {
    const findings = t.content.split("\n").flatMap((text, i) =>
      text.includes("DANGER")
        ? [
            {
              ruleId: "js.sql.string-built-query",
              cwe: ["CWE-89"],
              severity: "high" as const,
              confidence: "high" as const,
              line: i + 1,
              endLine: i + 1,
              message: "sql",
            },
          ]
        : [],
    );
    return { language: "javascript", findings, notes: [] };
  },
  rules: () => [
    {
      id: "js.sql.string-built-query",
      cwe: ["CWE-89"],
      severity: "high",
      confidence: "high",
      message: "sql",
      languages: ["javascript"],
    },
  ],
};

function added(path: string, content: string): ChangedFile {
  const lines = content.split("\n");
  return {
    path,
    status: "added",
    additions: lines.length,
    deletions: 0,
    headContent: content,
    patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`,
  };
}

/** A policy under which the change's own comments may silence this scanner's high findings. */
const LAX = configSchema.parse({ suppressions: { maxSeverity: "high", wildcards: true } });

function review(content: string, path = "a.js", config = LAX) {
  return analyze(
    {
      base: "b",
      head: "h",
      files: [added(path, content)],
      config,
      customRules: [],
      fullContext: true,
      draft: false,
      notes: [],
    },
    scanner,
  );
}

describe("inline suppressions", () => {
  it("parses the comment forms of several languages", () => {
    const s = findInlineSuppressions(
      [
        "x // aiguard-ignore js.sql.string-built-query: ids are integers from our own table",
        "# aiguard-ignore py.sql.*, py.command.os-system: vetted",
        "/* aiguard-ignore go.tls.insecure-skip-verify: test server only */",
        "<!-- aiguard-ignore html.x: because -->",
        "-- aiguard-ignore sql.y",
        'const msg = "aiguard-ignore js.x: not a comment";',
      ].join("\n"),
    );
    expect(s).toEqual([
      { line: 1, rules: ["js.sql.string-built-query"], reason: "ids are integers from our own table" },
      { line: 2, rules: ["py.sql.*", "py.command.os-system"], reason: "vetted" },
      { line: 3, rules: ["go.tls.insecure-skip-verify"], reason: "test server only" },
      { line: 4, rules: ["html.x"], reason: "because" },
      { line: 5, rules: ["sql.y"], reason: "" },
    ]);
  });

  it("applies on the same line or the line above, and only to the named rule", () => {
    const all = findInlineSuppressions("// aiguard-ignore js.a: r\nx\ny");
    expect(matchSuppression(all, "js.a", 2)?.missingReason).toBe(false);
    expect(matchSuppression(all, "js.a", 1)?.missingReason).toBe(false);
    expect(matchSuppression(all, "js.a", 3)).toBeNull();
    expect(matchSuppression(all, "js.b", 2)).toBeNull();
  });

  it("suppresses a finding with a reason, keeps it in the output, and the decision ignores it", () => {
    const a = review(
      "// aiguard-ignore js.sql.string-built-query: the id is a server-side constant\ndb.query(DANGER)\n",
    );
    expect(a.findings).toHaveLength(1);
    expect(a.findings[0]?.suppressed).toEqual({ reason: "the id is a server-side constant", by: "inline" });
    expect(decide(a, defaultConfig()).conclusion).toBe("success");
  });

  it("under the default policy, a high finding is not silenced by a comment the change adds", () => {
    const a = review(
      "// aiguard-ignore js.sql.string-built-query: the id is a server-side constant\ndb.query(DANGER)\n",
      "a.js",
      defaultConfig(),
    );
    expect(a.findings[0]?.suppressed).toBeNull();
    expect(a.suppressions).toMatchObject([{ line: 1, status: "needs-approval", findings: [a.findings[0]?.id] }]);
  });

  it("does not suppress without a reason, and says so", () => {
    const a = review("db.query(DANGER) // aiguard-ignore js.sql.string-built-query\n");
    expect(a.findings[0]?.suppressed).toBeNull();
    expect(a.notes.join("\n")).toMatch(
      /a\.js:1: "aiguard-ignore js\.sql\.string-built-query" gives no reason, so it does not suppress/,
    );
    expect(decide(a, defaultConfig()).conclusion).toBe("failure");
  });

  it("supports prefixes and flags rule ids that do not exist", () => {
    const a = review(
      "db.query(DANGER) // aiguard-ignore js.sql.*: legacy module, tracked in SEC-12\nok() // aiguard-ignore js.no-such-rule: typo\n",
    );
    expect(a.findings[0]?.suppressed?.reason).toBe("legacy module, tracked in SEC-12");
    expect(a.notes).toContain('a.js:2: "aiguard-ignore js.no-such-rule" names no known rule');
  });

  it("does not let a suppression two lines above apply", () => {
    const a = review("// aiguard-ignore js.sql.string-built-query: reason\n\ndb.query(DANGER)\n");
    expect(a.findings[0]?.suppressed).toBeNull();
  });
});

// Findings -> check-run annotations.
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/types.js";
import { batchAnnotations, buildAnnotations, toAnnotation, truncateBytes } from "../../src/report/annotations.js";

const finding = (over: Partial<Finding> = {}): Finding => ({
  id: "x",
  ruleId: "js.sql.string-built-query",
  cwe: ["CWE-89"],
  severity: "high",
  confidence: "high",
  path: "src/a.js",
  line: 4,
  endLine: 4,
  message: "SQL built from input",
  fix: "Use bind parameters",
  suppressed: null,
  ...over,
});

describe("annotations", () => {
  it("maps severity to level and carries rule id, CWE and fix", () => {
    expect(toAnnotation(finding())).toEqual({
      path: "src/a.js",
      start_line: 4,
      end_line: 4,
      annotation_level: "failure",
      title: "[high] js.sql.string-built-query (CWE-89)",
      message:
        "SQL built from input\n\nRule: js.sql.string-built-query\nCWE: CWE-89\nSeverity: high (confidence: high)\nFix: Use bind parameters",
    });
    const levels = (["critical", "high", "medium", "low", "info"] as const).map(
      (severity) => toAnnotation(finding({ severity })).annotation_level,
    );
    expect(levels).toEqual(["failure", "failure", "warning", "notice", "notice"]);
  });

  it("keeps titles within 255 characters and messages within 64 KB", () => {
    const a = toAnnotation(finding({ ruleId: "r".repeat(400), message: "é".repeat(70_000), cwe: [] }));
    expect(a.title.length).toBeLessThanOrEqual(255);
    expect(Buffer.byteLength(a.message)).toBeLessThanOrEqual(64 * 1024);
    expect(a.message.endsWith("…")).toBe(true);
    expect(truncateBytes("abc", 10)).toBe("abc");
  });

  it("leaves out suppressed findings and batches by 50", () => {
    const findings = Array.from({ length: 121 }, (_, i) =>
      finding({ line: i + 1, endLine: i + 1, suppressed: i === 0 ? { reason: "test", by: "inline" } : null }),
    );
    const all = buildAnnotations(findings);
    expect(all).toHaveLength(120);
    expect(batchAnnotations(all).map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batchAnnotations([])).toEqual([]);
  });
});

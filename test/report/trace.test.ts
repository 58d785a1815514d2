// A finding's trace and introducedBy in every renderer: SARIF codeFlows, the check run's
// annotation (reason in the message, trace folded in raw_details), text and Markdown (issue 11, item 2).
import { describe, expect, it } from "vitest";
import type { ReviewResult } from "../../src/pipeline.js";
import type { Finding } from "../../src/core/types.js";
import { toAnnotation } from "../../src/report/annotations.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { toSarif } from "../../src/report/sarif.js";
import { renderText } from "../../src/report/text.js";
import { sampleResult } from "./sample.js";

const traced: Finding = {
  id: "f1",
  ruleId: "js.command.exec-dynamic",
  cwe: ["CWE-78"],
  severity: "critical",
  confidence: "high",
  path: "lib/run.js",
  line: 9,
  endLine: 9,
  message: "A shell command built from non-constant values is run with exec()",
  suppressed: null,
  introducedBy: {
    kind: "removed-guard",
    lines: [],
    baseLine: 7,
    detail: 'this change removed `if (!/^[\\w.-]+$/.test(name)) throw new Error("bad name");` on base line 7',
  },
  trace: [
    { path: "lib/server.js", line: 3, role: "source", code: "req.query.name" },
    { path: "lib/run.js", line: 4, role: "parameter", code: "name" },
    { path: "lib/run.js", line: 8, role: "step", code: 'const cmd = "tar czf " + name' },
    { path: "lib/run.js", line: 9, column: 3, role: "sink", code: "exec(cmd)" },
  ],
};

function withFinding(f: Finding): ReviewResult {
  const r = sampleResult();
  return { ...r, review: { ...r.review, findings: [f] } };
}

describe("traces and reasons in the renderers", () => {
  it("SARIF: one code flow, source first, with each step's file, line and role", () => {
    const sarif = toSarif(withFinding(traced)) as { runs: { results: Record<string, unknown>[] }[] };
    const result = sarif.runs[0]!.results.find((r) => r.ruleId === traced.ruleId)!;
    const flows = result.codeFlows as { threadFlows: { locations: Record<string, any>[] }[] }[];
    const locations = flows[0]!.threadFlows[0]!.locations;
    expect(locations.map((l) => l.location.physicalLocation.artifactLocation.uri)).toEqual([
      "lib/server.js",
      "lib/run.js",
      "lib/run.js",
      "lib/run.js",
    ]);
    expect(locations.map((l) => l.location.physicalLocation.region.startLine)).toEqual([3, 4, 8, 9]);
    expect(locations.map((l) => l.kinds[0])).toEqual(["source", "parameter", "step", "sink"]);
    expect((result.properties as Record<string, unknown>).introducedBy).toEqual(traced.introducedBy);
  });

  it("a finding without a trace has no code flow", () => {
    const { trace: _t, ...plain } = traced;
    const sarif = toSarif(withFinding(plain)) as { runs: { results: Record<string, unknown>[] }[] };
    expect(sarif.runs[0]!.results[0]!.codeFlows).toBeUndefined();
  });

  it("check run: the reason in the message, the trace folded in raw_details", () => {
    const a = toAnnotation(traced);
    expect(a.message).toContain("Why this change: this change removed");
    expect(a.raw_details?.split("\n")).toEqual([
      "source    lib/server.js:3  req.query.name",
      "parameter 4  name",
      'step      8  const cmd = "tar czf " + name',
      "sink      9  exec(cmd)",
    ]);
    const { trace: _t, ...plain } = traced;
    expect(
      toAnnotation({ ...plain, introducedBy: { kind: "changed-line", lines: [9], detail: "x" } }),
    ).not.toHaveProperty("raw_details");
  });

  it("text and Markdown say why an unchanged line is reported", () => {
    const text = renderText(withFinding(traced), { color: false });
    expect(text).toContain("why: this change removed");
    expect(text).toMatch(/source\s+lib\/server\.js:3\s+req\.query\.name/);
    expect(renderMarkdown(withFinding(traced))).toContain("**Why this change:** this change removed");
  });
});

// The review JSON contract (docs/review-json.md, schema/review.schema.json): the schema is strict,
// the documented example fits it, and the test setup (test/setup/review-contract.ts) checks every
// review the suite produces against it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/core/policy/schema.js";
import type { Scanner } from "../../src/core/engine/scanner.js";
import { failedReview } from "../../src/pipeline.js";
import { renderJson, reviewToJson } from "../../src/report/json.js";
import { reviewJsonSchema } from "../../src/report/review-schema.js";
import { reviewContractViolation } from "../helpers/review-contract.js";
import { changeOf, reviewOffline } from "../helpers/review.js";
import { sampleResult } from "./sample.js";

const contract = () =>
  (globalThis as { __reviewContract?: { violations: string[]; checked: number } }).__reviewContract!;

describe("the review JSON schema", () => {
  it("accepts the reviews the reporter prints", () => {
    const printed = JSON.parse(renderJson(sampleResult()));
    expect(reviewContractViolation(printed)).toBeNull();
    expect(
      reviewContractViolation(JSON.parse(JSON.stringify(reviewToJson(failedReview("", "", "failure", ["x"]).review)))),
    ).toBeNull();
  });

  it("rejects fields it does not describe, at every level, and wrong values", () => {
    const review = JSON.parse(renderJson(sampleResult()));
    expect(reviewContractViolation({ ...review, extra: 1 })).toMatch(/extra/);
    const finding = { ...review.findings[0], blame: [] };
    expect(reviewContractViolation({ ...review, findings: [finding] })).toMatch(/^findings\.0/);
    expect(reviewContractViolation({ ...review, conclusion: "passed" })).toMatch(/^conclusion/);
    expect(reviewContractViolation({ ...review, stats: { ...review.stats, linesAdded: -1 } })).toMatch(/linesAdded/);
    const { notes: _notes, ...noNotes } = review;
    expect(reviewContractViolation(noNotes)).toMatch(/^notes/);
  });

  it("accepts a finding's introducedBy and trace, and checks their shape", () => {
    const review = JSON.parse(renderJson(sampleResult()));
    const introducedBy = {
      kind: "removed-guard",
      lines: [],
      baseLine: 21,
      detail: "this change removed `isValidKey(key)` on base line 21",
    };
    const trace = [
      { path: "a.js", line: 2, role: "source", code: "req.query.q" },
      { path: "a.js", line: 3, column: 5, role: "sink", code: "exec(cmd)" },
    ];
    const finding = { ...review.findings[0], introducedBy, trace };
    expect(reviewContractViolation({ ...review, findings: [finding] })).toBeNull();
    const badKind = { ...finding, introducedBy: { ...introducedBy, kind: "moved" } };
    expect(reviewContractViolation({ ...review, findings: [badKind] })).toMatch(/introducedBy\.kind/);
    const badRole = { ...finding, trace: [{ ...trace[0], role: "origin" }] };
    expect(reviewContractViolation({ ...review, findings: [badRole] })).toMatch(/trace\.0\.role/);
  });

  it("accepts the fields other changes are adding: incomplete and suppressions", () => {
    const review = JSON.parse(renderJson(sampleResult()));
    const suppression = {
      path: "a.js",
      line: 3,
      rules: ["js.eval"],
      reason: "input is a constant",
      author: "dev",
      status: "needs-approval",
      findings: ["abc"],
    };
    expect(
      reviewContractViolation({
        ...review,
        incomplete: [{ path: "a.min.js", reason: "over its time budget" }],
        suppressions: [suppression],
      }),
    ).toBeNull();
    expect(reviewContractViolation({ ...review, suppressions: [{ ...suppression, status: "maybe" }] })).toMatch(
      /status/,
    );
  });

  it("fits the example in docs/review-json.md", () => {
    const doc = readFileSync(new URL("../../docs/review-json.md", import.meta.url), "utf8");
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const parsed = JSON.parse(example!);
    expect(reviewJsonSchema.parse(parsed)).toEqual(parsed);
  });
});

describe("every review the tests produce", () => {
  const scanner = { rules: () => [], scan: () => ({ findings: [], notes: [] }) } as unknown as Scanner;

  it("is checked: the pipeline's reviews pass through the contract check", async () => {
    const before = contract().checked;
    await reviewOffline(
      changeOf(
        [{ path: "a.js", status: "added", patch: "@@ -0,0 +1 @@\n+x()", additions: 1, deletions: 0 }],
        defaultConfig(),
      ),
      scanner,
    );
    expect(contract().checked).toBe(before + 1);
    expect(contract().violations).toEqual([]);
  });

  it("fails the test that printed a review outside the contract", () => {
    const res = sampleResult();
    const review = { ...res.review, reachability: "unknown" } as typeof res.review;
    renderJson({ ...res, review });
    // The setup records the violation and fails the test after it ran; take it out so this test passes.
    const seen = contract().violations.splice(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^renderJson: .*reachability/);
  });
});

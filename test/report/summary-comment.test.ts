// The summary comment's reviewer markers, and its length within GitHub's limit.
import { describe, expect, it } from "vitest";
import { COMMENT_LIMIT, recordedReviewers, renderSummaryComment } from "../../src/report/summary-comment.js";
import { configSchema } from "../../src/core/policy/schema.js";
import { reviewOffline } from "../helpers/review.js";

describe("the summary comment", () => {
  it("records whom it asked, and stays within GitHub's limit with lots of evidence", async () => {
    const config = configSchema.parse({
      tiers: [
        { name: "t", conclusion: "action_required", reviewers: { teams: ["security"] }, approvals: 1, comment: true },
      ],
    });
    const scanner = { scan: () => ({ language: null, findings: [], notes: [] }), rules: () => [] };
    const result = await reviewOffline(
      {
        base: "b".repeat(40),
        head: "h".repeat(40),
        files: [],
        config,
        customRules: [],
        fullContext: true,
        draft: false,
        notes: [],
      },
      scanner,
    );
    result.review.areaEvidence = Array.from({ length: 5000 }, (_, i) => ({
      area: "payment",
      path: `src/p${i}.js`,
      line: i + 1,
      reason: "x".repeat(100),
    }));
    const body = renderSummaryComment(result, { teams: ["security"], users: ["alice"] });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toContain("…and 4970 more");
    expect(recordedReviewers(body)).toEqual({ teams: ["security"], users: ["alice"] });
    expect(recordedReviewers("no marker")).toEqual({ teams: [], users: [] });
  });
});

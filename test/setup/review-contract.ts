// Every review the test suite produces validates against the review JSON schema: the one
// pipeline (reviewChange, failedReview) and the JSON reporter are wrapped here for every test
// file, and a test that produced a review outside the contract fails after it ran (a wrapper
// that threw could be caught by the code under test, which fails closed).
import { afterEach, expect, vi } from "vitest";
import type { Review } from "../../src/core/types.js";

/** Shared with test/report/review-schema.test.ts through globalThis (setup files export nothing). */
const seen = vi.hoisted(() => {
  const state = { violations: [] as string[], checked: 0 };
  (globalThis as { __reviewContract?: typeof state }).__reviewContract = state;
  return state;
});

async function contract() {
  return import("../helpers/review-contract.js");
}

vi.mock("../../src/pipeline.js", async (importOriginal) => {
  const orig = await importOriginal<typeof import("../../src/pipeline.js")>();
  const c = await contract();
  const json = await vi.importActual<typeof import("../../src/report/json.js")>("../../src/report/json.js");
  const check = (review: Review, where: string) => {
    seen.checked++;
    // The review exactly as `--format json` prints it, parsed back.
    const why = c.reviewContractViolation(JSON.parse(JSON.stringify(json.reviewToJson(review))));
    if (why !== null) seen.violations.push(`${where}: ${why}`);
  };
  return {
    ...orig,
    reviewChange: async (...args: Parameters<typeof orig.reviewChange>) => {
      const result = await orig.reviewChange(...args);
      check(result.review, "reviewChange");
      return result;
    },
    failedReview: (...args: Parameters<typeof orig.failedReview>) => {
      const result = orig.failedReview(...args);
      check(result.review, "failedReview");
      return result;
    },
  };
});

vi.mock("../../src/report/json.js", async (importOriginal) => {
  const orig = await importOriginal<typeof import("../../src/report/json.js")>();
  const c = await contract();
  return {
    ...orig,
    renderJson: (...args: Parameters<typeof orig.renderJson>) => {
      const text = orig.renderJson(...args);
      seen.checked++;
      const why = c.reviewContractViolation(JSON.parse(text));
      if (why !== null) seen.violations.push(`renderJson: ${why}`);
      return text;
    },
  };
});

afterEach(() => {
  const violations = seen.violations.splice(0);
  expect(violations, "reviews outside the contract of schema/review.schema.json").toEqual([]);
});

// The review JSON contract in tests: every review a test produces must validate against the
// schema of docs/review-json.md (src/report/review-schema.ts, exported as schema/review.schema.json).
// Imports nothing the setup file (test/setup/review-contract.ts) mocks.
import { reviewJsonSchema } from "../../src/report/review-schema.js";

/** Why `json` (a parsed review) does not fit the contract, or null when it does. */
export function reviewContractViolation(json: unknown): string | null {
  const r = reviewJsonSchema.safeParse(json);
  if (r.success) return null;
  return r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}

/** Throws when `json` does not fit the contract; returns it otherwise (for use inline). */
export function expectReviewContract<T>(json: T, where = "review"): T {
  const why = reviewContractViolation(json);
  if (why !== null) throw new Error(`${where} does not fit schema/review.schema.json: ${why}`);
  return json;
}

// dependencies.unverified: the least conclusion of a change that adds a package no registry could
// vouch for (an `unverified` dependency risk). Applied after the tiers, before the draft rule.
import type { Analysis, Conclusion, Decision } from "../types.js";
import type { AiguardConfig } from "./schema.js";
import { plural } from "../text.js";

const RANK: Record<Conclusion, number> = { success: 0, neutral: 1, failure: 2, action_required: 2 };

/** The dependencies the change adds that were not verified (an `unverified` risk, not ignored). */
export function unverifiedCount(analysis: Pick<Analysis, "dependencies">): number {
  return analysis.dependencies.filter((d) => d.risks.some((r) => r.kind === "unverified")).length;
}

/** Raises the conclusion to `dependencies.unverified` when an added package was not verified. */
export function applyUnverified(decision: Decision, analysis: Analysis, config: AiguardConfig): Decision {
  const n = unverifiedCount(analysis);
  const floor = config.dependencies.unverified;
  if (n === 0 || RANK[decision.conclusion] >= RANK[floor]) return decision;
  return {
    ...decision,
    conclusion: floor,
    reason: `${decision.reason}; ${plural(n, "new package")} not verified (dependencies.unverified: ${floor})`,
  };
}

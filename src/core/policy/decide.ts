// decide(analysis, config) -> tier, conclusion, labels, reviewers. Pure.
// Until risk tiers land this is the whole policy: it lives here alone so tiers can replace it.
import type { Analysis, Decision } from "../types.js";
import { severityRank } from "../types.js";
import type { AiguardConfig } from "./schema.js";

export interface DecideContext {
  draft?: boolean | undefined;
}

export function decide(analysis: Analysis, config: AiguardConfig, ctx: DecideContext = {}): Decision {
  const active = analysis.findings.filter((f) => f.suppressed === null);
  const blockRank = severityRank(config.conclusions.blockAt);
  const blocking = active.filter((f) => severityRank(f.severity) >= blockRank);
  let decision: Decision;
  if (blocking.length > 0) {
    decision = {
      conclusion: config.conclusions.blocking,
      tier: "high",
      labels: [],
      reviewers: { teams: [], users: [] },
      reason: `${blocking.length} finding${blocking.length === 1 ? "" : "s"} of severity ${config.conclusions.blockAt} or above`,
    };
  } else if (active.length > 0) {
    decision = {
      conclusion: config.conclusions.findings,
      tier: "medium",
      labels: [],
      reviewers: { teams: [], users: [] },
      reason: `${active.length} finding${active.length === 1 ? "" : "s"} below severity ${config.conclusions.blockAt}`,
    };
  } else {
    decision = { conclusion: config.conclusions.clean, tier: "low", labels: [], reviewers: { teams: [], users: [] }, reason: "no findings" };
  }
  if (ctx.draft && config.drafts === "neutral") {
    decision = { ...decision, conclusion: "neutral", reason: `${decision.reason}; draft PR, so the conclusion is neutral` };
  }
  return decision;
}

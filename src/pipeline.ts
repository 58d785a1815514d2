// Runs one review: analyze -> decide -> the public Review object. Shared by the App and the CLI,
// so the CLI's JSON and the App's check run always agree.
import { analyze } from "./core/analyze.js";
import { decide } from "./core/policy/decide.js";
import { applyApprovals, type ApprovalStatus } from "./core/policy/approvals.js";
import type { Scanner } from "./core/engine/scanner.js";
import type { Decision, Review, ReviewInput, RuleMeta } from "./core/types.js";
import { VERSION } from "./version.js";

export interface ReviewResult {
  review: Review;
  decision: Decision;
  /** Metadata of the rules that produced findings (SARIF, summaries). */
  rules: RuleMeta[];
}

export function runReview(
  input: ReviewInput,
  scanner: Scanner,
  now: () => number = () => performance.now(),
): ReviewResult {
  const started = now();
  const analysis = analyze(input, scanner);
  let decision: Decision = input.config.enabled
    ? decide(analysis, input.config, {
        draft: input.draft,
        aiAssisted: input.aiAssisted,
        paths: input.files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])),
      })
    : {
        conclusion: "success" as const,
        tier: "low",
        labels: [],
        reviewers: { teams: [], users: [] },
        reason: "aiguard is disabled by configuration",
      };
  let approval: ApprovalStatus | null = null;
  if (input.config.enabled && !input.draft) {
    const applied = applyApprovals(decision, input.approvals ?? []);
    decision = applied.decision;
    approval = applied.status;
  }
  const durationMs = Math.round(now() - started);
  const review: Review = {
    schemaVersion: 1,
    tool: { name: "aiguard", version: VERSION },
    base: input.base,
    head: input.head,
    conclusion: decision.conclusion,
    tier: decision.tier,
    areas: analysis.areas,
    areaEvidence: analysis.areaEvidence,
    labels: decision.labels,
    reviewers: decision.reviewers,
    findings: analysis.findings,
    dependencies: analysis.dependencies,
    blastRadius: analysis.blastRadius,
    stats: { ...analysis.stats, durationMs },
    notes: analysis.notes,
  };
  if (approval) review.approval = approval;
  return { review, decision, rules: analysis.rules };
}

/** A review that could not run (invalid config, API failure): same shape, with the reason in notes. */
export function failedReview(
  base: string,
  head: string,
  conclusion: Review["conclusion"],
  notes: string[],
): ReviewResult {
  const decision: Decision = {
    conclusion,
    tier: "error",
    labels: [],
    reviewers: { teams: [], users: [] },
    reason: notes[0] ?? "review failed",
  };
  return {
    decision,
    rules: [],
    review: {
      schemaVersion: 1,
      tool: { name: "aiguard", version: VERSION },
      base,
      head,
      conclusion,
      tier: "error",
      areas: [],
      areaEvidence: [],
      labels: [],
      reviewers: { teams: [], users: [] },
      findings: [],
      dependencies: [],
      blastRadius: {},
      stats: { filesChanged: 0, linesAdded: 0, linesRemoved: 0, durationMs: 0 },
      notes,
    },
  };
}

// Suppressions a change adds above `suppressions.maxSeverity` wait for a reviewer of the tier, the
// way area approvals do: the decision becomes `action_required`, routed to the reviewers of the
// tier the unsuppressed finding reaches, and once enough of them approve, the suppressions apply
// and the change is decided again without those findings. Pure.
import { globMatcher } from "../glob.js";
import { applyApprovals } from "../policy/approvals.js";
import { defaultTiers } from "../policy/defaults.js";
import type { AiguardConfig } from "../policy/schema.js";
import type { AddedSuppression, Analysis, ApprovalInput, Decision, Reviewers, Suppression } from "../types.js";
import { plural } from "../text.js";

function pending(analysis: Analysis): AddedSuppression[] {
  return (analysis.suppressions ?? []).filter((s) => s.status === "needs-approval");
}

function hasReviewers(r: Reviewers): boolean {
  return r.teams.length + r.users.length > 0;
}

function describeReviewers(r: Reviewers): string {
  return [...r.teams.map((t) => `team ${t}`), ...r.users.map((u) => `@${u}`)].join(" or ");
}

/**
 * Who may approve the suppressions: the reviewers of the tier the decision reached with the
 * findings reported; when that tier names none, those of the first tier that does (per-directory
 * tiers of the suppressions' paths first). None: nobody can, and the findings stay reported.
 */
function approvers(decision: Decision, config: AiguardConfig, paths: readonly string[]): Reviewers | null {
  if (hasReviewers(decision.reviewers)) return decision.reviewers;
  const scoped = config.overrides.filter((o) => {
    const m = globMatcher(o.paths);
    return o.tiers && paths.some((p) => m(p));
  });
  const tiers = [...scoped.flatMap((o) => o.tiers ?? []), ...(config.tiers ?? defaultTiers())];
  const tier = tiers.find((t) => hasReviewers(t.reviewers));
  return tier ? { teams: [...tier.reviewers.teams], users: [...tier.reviewers.users] } : null;
}

/** The analysis as if the waiting suppressions had been approved by `approvedBy` (empty: not yet). */
export function withSuppressionsApproved(analysis: Analysis, approvedBy: readonly string[]): Analysis {
  const waiting = pending(analysis);
  const byFinding = new Map<string, AddedSuppression>();
  for (const s of waiting) for (const id of s.findings) if (!byFinding.has(id)) byFinding.set(id, s);
  const who = approvedBy.map((u) => `@${u}`).join(", ");
  return {
    ...analysis,
    findings: analysis.findings.map((f) => {
      const s = f.suppressed === null ? byFinding.get(f.id) : undefined;
      if (!s) return f;
      const suppressed: Suppression = { reason: s.reason, by: "inline" };
      if (s.author !== undefined) suppressed.author = s.author;
      suppressed.approvedBy = [...approvedBy];
      return { ...f, suppressed };
    }),
    suppressions: (analysis.suppressions ?? []).map((s) =>
      s.status === "needs-approval" ? { ...s, status: "applied" as const, detail: `approved by ${who}` } : s,
    ),
  };
}

/**
 * The decision while suppressions wait for approval, or null when none waits or approving would
 * not change the outcome (the change is not blocked without them, or still fails with them).
 * `reported`: the decision with the findings reported; `approved`: with the suppressions applied.
 */
export function suppressionGate(
  analysis: Analysis,
  reported: Decision,
  approved: Decision,
  config: AiguardConfig,
): Decision | null {
  const waiting = pending(analysis);
  if (waiting.length === 0) return null;
  if (reported.conclusion !== "action_required" && reported.conclusion !== "failure") return null;
  if (approved.conclusion === "failure") return null;
  const who = approvers(reported, config, [...new Set(waiting.map((s) => s.path))]);
  if (!who) return null;
  const where = waiting.map((s) => `${s.path}:${s.line}`);
  const shown = `${where.slice(0, 3).join(", ")}${where.length > 3 ? ` and ${where.length - 3} more` : ""}`;
  return {
    ...reported,
    conclusion: "action_required",
    reviewers: who,
    reason: `${reported.reason}; ${plural(waiting.length, "inline suppression")} added by this change (${shown}) above suppressions.maxSeverity (${config.suppressions.maxSeverity}) ${waiting.length === 1 ? "waits" : "wait"} for approval by ${describeReviewers(who)}`,
    approvals: {
      required: Math.max(1, reported.approvals?.required ?? 0),
      areas: ["*"],
      dismissOnPush: reported.approvals?.dismissOnPush ?? true,
    },
  };
}

/** The reviewers whose approvals satisfy the gate, or null while it still waits. */
export function gateApprovedBy(gate: Decision, approvals: readonly ApprovalInput[]): string[] | null {
  const { status } = applyApprovals(gate, approvals);
  if (!status?.satisfied) return null;
  return [...new Set(status.areas.flatMap((a) => a.approvedBy))];
}

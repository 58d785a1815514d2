// The one review pipeline every front end calls: enrich -> analyze -> decide -> approvals -> Review.
// A front end gathers a Change (an immutable value) and hands in what it has for enrichment
// (a scanner, registry look-ups, a clock, the PR's approvals); the pipeline never writes into
// the change. So the CLI's JSON, the App's check run and every later front end agree.
import { analyze } from "./core/analyze.js";
import type { Change, Enrichment } from "./core/change.js";
import type { DependencyFacts } from "./core/dependencies/facts.js";
import type { Scanner } from "./core/engine/scanner.js";
import { applyApprovals } from "./core/policy/approvals.js";
import { decide, incompleteDecision } from "./core/policy/decide.js";
import type { Analysis, ApprovalInput, ApprovalStatus, Decision, Review, RuleMeta, RuleSource } from "./core/types.js";
import { VERSION } from "./version.js";

export interface ReviewResult {
  review: Review;
  decision: Decision;
  /** Metadata of the rules that produced findings (SARIF, summaries). */
  rules: RuleMeta[];
}

/** A scanner for the built-in rules plus the repository's own, with notes on rules it skipped. */
export type ScannerProvider = (customRules: readonly RuleSource[]) => Promise<{ scanner: Scanner; notes: string[] }>;

/** The approvals a pull request already has for a decision, and notes on what could not be read. */
export type ApprovalsProvider = (decision: Decision) => Promise<{ approvals: ApprovalInput[]; notes: string[] }>;

/** What a front end hands the pipeline for enrichment; the only way I/O enters a review. */
export interface PipelineDeps {
  scanner: ScannerProvider;
  /** Registry and advisory facts for the change's dependencies; undefined when nothing was looked up. */
  lookup: (change: Change) => Promise<DependencyFacts | undefined>;
  /** The review's time (the core has no clock). */
  clock: () => Date;
  /** Asked only when the decision waits for human approvals (the App; the CLI has none). */
  approvals?: ApprovalsProvider | undefined;
  /** Stops the review between steps (a newer push superseded it, or the process is shutting down). */
  signal?: AbortSignal | undefined;
  /** Monotonic milliseconds for `stats.durationMs` (default: performance.now). */
  timer?: (() => number) | undefined;
}

/** What analysis and the decision produced, before approvals. */
interface Assessment {
  analysis: Analysis;
  decision: Decision;
  /** Time spent in analysis and decision, in ms. */
  ms: number;
}

function disabledDecision(): Decision {
  return {
    conclusion: "success",
    tier: "low",
    labels: [],
    reviewers: { teams: [], users: [] },
    reason: "aiguard is disabled by configuration",
  };
}

/** The whole review of one change. Every front end calls this. */
export async function reviewChange(change: Change, deps: PipelineDeps): Promise<ReviewResult> {
  const timer = deps.timer ?? (() => performance.now());
  // Disabled means not analysed: no scanner, no look-ups, no findings, one note.
  if (!change.config.enabled) return conclude(change, notAnalysed(change, timer), [], timer);
  // 1. Enrich: the scanner and the registry facts do not depend on each other.
  const enrichment = await enrich(change, deps);
  deps.signal?.throwIfAborted();
  // 2. Analyze and 3. decide (pure).
  const assessment = assess(change, enrichment.scanner, enrichment, timer);
  deps.signal?.throwIfAborted();
  // 4. Approvals the PR already has, when the decision waits for them.
  const found = needsApprovals(assessment.decision, change) ? await deps.approvals?.(assessment.decision) : undefined;
  deps.signal?.throwIfAborted();
  const result = conclude(change, assessment, found?.approvals ?? [], timer);
  result.review.notes.push(...(found?.notes ?? []));
  return result;
}

/** Whether the decision waits for human approvals that a front end should look up. */
function needsApprovals(decision: Decision, change: Pick<Change, "config" | "draft">): boolean {
  return change.config.enabled && !change.draft && (decision.approvals?.required ?? 0) > 0;
}

async function enrich(change: Change, deps: PipelineDeps): Promise<Enrichment & { scanner: Scanner }> {
  const [{ scanner, notes }, facts] = await Promise.all([deps.scanner(change.customRules), deps.lookup(change)]);
  return { scanner, notes, facts, now: deps.clock().toISOString() };
}

export const DISABLED_NOTE =
  "aiguard is disabled by this repository's configuration (enabled: false): nothing was analysed";

/** The review of a repository that switched aiguard off: its size, and no analysis at all. */
function notAnalysed(change: Change, timer: () => number): Assessment {
  const started = timer();
  const analysis: Analysis = {
    findings: [],
    areas: [],
    areaEvidence: [],
    dependencies: [],
    blastRadius: {},
    stats: {
      filesChanged: change.files.length,
      linesAdded: change.files.reduce((n, f) => n + f.additions, 0),
      linesRemoved: change.files.reduce((n, f) => n + f.deletions, 0),
      durationMs: 0,
      filesAnalyzed: 0,
    },
    notes: [...change.notes, DISABLED_NOTE],
    rules: [],
    incomplete: [],
  };
  return { analysis, decision: disabledDecision(), ms: timer() - started };
}

/** Analysis and decision, pure: the same change and enrichment give the same assessment. */
function assess(
  change: Change,
  scanner: Scanner,
  enrichment: Enrichment = {},
  timer: () => number = () => performance.now(),
): Assessment {
  const started = timer();
  const analysis = analyze(change, scanner, enrichment);
  const decision = decide(analysis, change.config, {
    draft: change.draft,
    paths: change.files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])),
  });
  return { analysis, decision, ms: timer() - started };
}

/** Approvals applied to the decision, and the public Review object. Pure. */
function conclude(
  change: Change,
  assessment: Assessment,
  approvals: readonly ApprovalInput[],
  timer: () => number = () => performance.now(),
): ReviewResult {
  const started = timer();
  const { analysis } = assessment;
  let decision = assessment.decision;
  let approval: ApprovalStatus | null = null;
  if (change.config.enabled && !change.draft) {
    const applied = applyApprovals(decision, approvals);
    // Approvals turn a tier green, but never a review that could not analyse every file.
    decision = incompleteDecision(applied.decision, analysis, change.config);
    approval = applied.status;
  }
  const durationMs = Math.round(assessment.ms + (timer() - started));
  const review: Review = {
    schemaVersion: 1,
    tool: { name: "aiguard", version: VERSION },
    base: change.base,
    head: change.head,
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
    incomplete: analysis.incomplete,
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
      incomplete: [],
    },
  };
}

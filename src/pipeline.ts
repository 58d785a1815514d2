// The one review pipeline every front end calls: enrich -> analyze -> decide -> approvals -> Review.
// A front end gathers a Change (an immutable value) and hands in what it has for enrichment
// (a scanner, registry look-ups, a clock, the PR's approvals); the pipeline never writes into
// the change. So the CLI's JSON, the App's check run and every later front end agree.
import { analyze } from "./core/analyze.js";
import type { Change, Enrichment } from "./core/change.js";
import type { DependencyFacts } from "./core/dependencies/facts.js";
import type { Scanner } from "./core/engine/scanner.js";
import { applyApprovals } from "./core/policy/approvals.js";
import { gateApprovedBy, suppressionGate, withSuppressionsApproved } from "./core/suppress/approval.js";
import { decide, failClosed } from "./core/policy/decide.js";
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

/**
 * Runs analyze() away from the caller's event loop (the App: a worker thread) with the scanner
 * it keeps there for `change.customRules`, and gives back the Analysis (plain data). Rejects when
 * the analysis could not finish; `signal` stops it.
 */
export type Analyzer = (change: Change, enrichment: Enrichment, signal?: AbortSignal) => Promise<Analysis>;

/** The approvals a pull request already has for a decision, and notes on what could not be read. */
export type ApprovalsProvider = (decision: Decision) => Promise<{ approvals: ApprovalInput[]; notes: string[] }>;

/** What a front end hands the pipeline for enrichment; the only way I/O enters a review. */
export interface PipelineDeps {
  /** The scanner for an in-process analysis (not asked when `analyzer` is given). */
  scanner: ScannerProvider;
  /** Analyses elsewhere (the App's worker threads) instead of in this event loop. */
  analyzer?: Analyzer | undefined;
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
  /** Inline suppressions the change added above `suppressions.maxSeverity` wait for this approval. */
  gate?: Decision | undefined;
}

/** Approvals the PR already has for a decision, as a front end read them. */
type Found = Awaited<ReturnType<ApprovalsProvider>>;

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
  // 1. Enrich, 2. analyze and 3. decide (pure), here or in the analyzer's thread.
  const assessment = deps.analyzer
    ? await assessElsewhere(change, deps, deps.analyzer, timer)
    : await assessHere(change, deps, timer);
  deps.signal?.throwIfAborted();
  // 4. Approvals the PR already has, when the decision waits for them.
  const approved = await withApprovals(change, assessment, deps, timer);
  deps.signal?.throwIfAborted();
  const result = conclude(change, approved.assessment, approved.found?.approvals ?? [], timer);
  result.review.notes.push(...(approved.found?.notes ?? []));
  return result;
}

/**
 * The PR's approvals for the decision. Suppressions waiting for approval are asked about first:
 * once they have it, they apply, the change is decided again, and that decision's approvals are read.
 */
async function withApprovals(
  change: Change,
  a: Assessment,
  deps: PipelineDeps,
  timer: () => number,
): Promise<{ assessment: Assessment; found: Found | undefined }> {
  const ask = (d: Decision) => (needsApprovals(d, change) ? deps.approvals?.(d) : undefined);
  if (!a.gate) return { assessment: a, found: await ask(a.decision) };
  const found = await ask(a.gate);
  const by = found ? gateApprovedBy(a.gate, found.approvals) : null;
  if (!by) return { assessment: { ...a, decision: a.gate }, found };
  deps.signal?.throwIfAborted();
  const started = timer();
  const analysis = withSuppressionsApproved(a.analysis, by);
  const decision = decideChange(analysis, change);
  const assessment: Assessment = { analysis, decision, ms: a.ms + (timer() - started) };
  const again = await ask(decision);
  if (!again) return { assessment, found };
  return { assessment, found: { approvals: again.approvals, notes: [...(found?.notes ?? []), ...again.notes] } };
}

function decideChange(analysis: Analysis, change: Change): Decision {
  return decide(analysis, change.config, {
    draft: change.draft,
    paths: change.files.flatMap((f) => (f.previousPath ? [f.path, f.previousPath] : [f.path])),
  });
}

/** Whether the decision waits for human approvals that a front end should look up. */
function needsApprovals(decision: Decision, change: Pick<Change, "config" | "draft">): boolean {
  return change.config.enabled && !change.draft && (decision.approvals?.required ?? 0) > 0;
}

/** Enrichment (the scanner and the registry facts do not depend on each other), analysis and decision. */
async function assessHere(change: Change, deps: PipelineDeps, timer: () => number): Promise<Assessment> {
  const enrichment = await enrich(change, deps);
  deps.signal?.throwIfAborted();
  return assess(change, enrichment.scanner, enrichment, timer);
}

/** The registry facts, then the analysis by `analyzer` (which brings its own scanner), then the decision. */
async function assessElsewhere(
  change: Change,
  deps: PipelineDeps,
  analyzer: Analyzer,
  timer: () => number,
): Promise<Assessment> {
  const facts = await deps.lookup(change);
  deps.signal?.throwIfAborted();
  const started = timer();
  const analysis = await analyzer(change, { facts, now: deps.clock().toISOString() }, deps.signal);
  return assessed(change, analysis, timer() - started);
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
  return assessed(change, analysis, timer() - started);
}

/** The decision on an analysis, and the one to wait for when added suppressions need an approval. */
function assessed(change: Change, analysis: Analysis, ms: number): Assessment {
  const decision = decideChange(analysis, change);
  // Suppressions waiting for approval: the decision if they were approved tells whether to wait.
  const ifApproved = analysis.suppressions?.some((s) => s.status === "needs-approval")
    ? decideChange(withSuppressionsApproved(analysis, []), change)
    : null;
  const gate = ifApproved ? suppressionGate(analysis, decision, ifApproved, change.config) : null;
  return gate ? { analysis, decision, gate, ms } : { analysis, decision, ms };
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
    // Approvals turn a tier green, but never a review that could not analyse every file, nor one
    // with a package no registry vouched for under `dependencies.unverified: failure`.
    decision = failClosed(applied.decision, analysis, change.config);
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
    suppressions: analysis.suppressions ?? [],
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
      suppressions: [],
      incomplete: [],
    },
  };
}

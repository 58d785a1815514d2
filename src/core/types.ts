// Plain data types shared by every stage: gather -> analyze -> decide -> report.
// Nothing in here performs I/O.

export type Severity = "critical" | "high" | "medium" | "low" | "info";
export type Confidence = "high" | "medium" | "low";
export type Conclusion = "success" | "neutral" | "action_required" | "failure";

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "info"];

export function severityRank(s: Severity): number {
  // critical = 4 ... info = 0
  return SEVERITY_ORDER.length - 1 - SEVERITY_ORDER.indexOf(s);
}

export type FileStatus = "added" | "modified" | "removed" | "renamed" | "copied" | "changed" | "unchanged";

/** One file the change touches, as gathered from GitHub or git. */
export interface ChangedFile {
  path: string;
  previousPath?: string | undefined;
  status: FileStatus;
  /** Unified diff hunks for this file (GitHub's `patch` field: hunks only, no file header). */
  patch?: string | undefined;
  additions: number;
  deletions: number;
  /** Full text of the file at the head commit, when it could be read. */
  headContent?: string | undefined;
  /**
   * Full text at the base commit (at `previousPath` for a rename). Read only for dependency
   * manifests and lockfiles, whose added, updated and removed entries come from comparing sides.
   */
  baseContent?: string | undefined;
  /** Set when the file could not be analysed; says why (e.g. "binary", "over 1 MB"). */
  skipped?: string | undefined;
  /**
   * Set when the head content was too large to read even for the secrets scan (e.g. "over 20 MB"):
   * the core scans the patch's added lines for secrets and reports the file `incomplete`.
   */
  headOmitted?: string | undefined;
  /** Size of the head blob in bytes, when the front end knows it (over `limits.maxFileBytes`: secrets scan only). */
  headBytes?: number | undefined;
}

/** A file the review could not fully analyse, and why (the review's `incomplete` list). */
export interface IncompleteFile {
  path: string;
  reason: string;
}

/** A rule that a repository brings in its own directory (read from the base commit). */
export interface RuleSource {
  /** Where it came from, for notes (e.g. ".aiguard/rules/no-foo.yml"). */
  origin: string;
  text: string;
}

export interface Suppression {
  reason: string;
  by: "inline" | "override";
  author?: string | undefined;
  /** Reviewers whose approval let an inline suppression added by the change apply above `suppressions.maxSeverity`. */
  approvedBy?: string[] | undefined;
}

export interface Finding {
  /** Stable fingerprint: rule + path + normalized code; survives line shifts. */
  id: string;
  ruleId: string;
  cwe: string[];
  severity: Severity;
  confidence: Confidence;
  path: string;
  line: number;
  endLine: number;
  /** 1-based column where the finding starts, when the detector knows it: two findings of one rule on one line differ by it. */
  column?: number | undefined;
  /** 1-based column just past the finding's end (on `endLine`), when known. */
  endColumn?: number | undefined;
  message: string;
  fix?: string | undefined;
  suppressed: Suppression | null;
  /** The (masked) source line, for display. Not part of the id. */
  snippet?: string | undefined;
  /** Why the finding belongs to this change (the differential analysis: present at the head, absent at the base). */
  introducedBy?: IntroducedBy | undefined;
  /** For data-flow findings: source, steps and sink, with lines of the head version (secrets masked). */
  trace?: ReportedTraceStep[] | undefined;
}

/** A trace step as a review reports it: its file always named. */
export interface ReportedTraceStep extends TraceStep {
  path: string;
}

/** Why a finding belongs to the change under review. */
export interface IntroducedBy {
  /**
   * changed-line: the change added or changed a line of the finding itself;
   * changed-flow: the sink did not change, but lines the change added are on its path (its input, its function);
   * removed-guard: the change removed (or weakened) a guard, escape or check; `baseLine` is where it was.
   */
  kind: "changed-line" | "changed-flow" | "removed-guard";
  /** Head lines the change added on the finding's path (empty when the change only removed lines). */
  lines: number[];
  /** removed-guard: the line of the base version that held the guard. */
  baseLine?: number | undefined;
  /** In words, e.g. "this change removed `isValidKey(key)` on base line 21" (secrets masked). */
  detail: string;
}

/** What a detector reports before the core filters to changed lines and fingerprints. */
export interface RawFinding {
  ruleId: string;
  cwe: string[];
  severity: Severity;
  confidence: Confidence;
  line: number;
  endLine: number;
  /** Optional column span of the primary node (1-based columns). */
  column?: number | undefined;
  endColumn?: number | undefined;
  message: string;
  fix?: string | undefined;
  /** Text used for the fingerprint (normalized by the core). Defaults to the primary line. */
  fingerprintText?: string | undefined;
  /** Values that must never be printed (secrets). The core masks them in snippets. */
  secrets?: string[] | undefined;
  /** For data-flow findings: how outside input gets from its source to the sink (source first, sink last). */
  trace?: TraceStep[] | undefined;
  /**
   * The functions around the finding, innermost first (at most 4), as 1-based line spans of the
   * scanned file: where the differential analysis looks for the guard a change removed.
   */
  scopes?: LineSpan[] | undefined;
  /**
   * What the rule's constraints found at this match (the backtracking places of a regex): a
   * finding on lines the change rewrote is the base's finding edited only when it has nothing
   * the base's lacks (differential.ts). Internal: not in the review JSON.
   */
  evidence?: string[] | undefined;
}

/** A span of 1-based lines, both ends included. */
export interface LineSpan {
  line: number;
  endLine: number;
}

/** One step of a data-flow trace: where outside input enters, each place it passes, the sink. */
export interface TraceStep {
  /** The file of the step (the core fills it in for steps the engine found in the scanned file). */
  path?: string | undefined;
  /** 1-based line in the version of the file that was scanned. */
  line: number;
  /** 1-based column, when known. */
  column?: number | undefined;
  /**
   * source: where outside input enters (a request field, an exported function's parameter in library mode);
   * step: an assignment, a string built, a value passed on; call: a call of a function of the file whose
   * parameter reaches the sink (a function summary applied); parameter: that function's parameter;
   * sink: the dangerous call or write.
   */
  role: "source" | "step" | "call" | "parameter" | "sink";
  /** The code of the step, on one line, at most 120 characters. */
  code: string;
}

export interface RuleMeta {
  id: string;
  name?: string | undefined;
  cwe: string[];
  severity: Severity;
  confidence: Confidence;
  message: string;
  fix?: string | undefined;
  references?: string[] | undefined;
  languages: string[];
}

export interface AreaEvidence {
  area: string;
  path: string;
  line: number;
  reason: string;
}

export interface DependencyRisk {
  kind: string;
  severity: Severity;
  detail: string;
  /** Where to read more: the advisory, or the registry page. */
  url?: string | undefined;
}

/** A risk accepted by `dependencies.ignore` in the config: still listed, as evidence. */
export interface IgnoredDependencyRisk extends DependencyRisk {
  reason: string;
}

export interface DependencyChange {
  ecosystem: string;
  name: string;
  version: string;
  change: "added" | "updated" | "removed";
  manifest: string;
  direct: boolean;
  risks: DependencyRisk[];
  previousVersion?: string | undefined;
  line?: number | undefined;
  /** The concrete version checked: the lockfile's or the registry's answer for a declared range. */
  resolvedVersion?: string | undefined;
  /** SPDX expression (or the registry's text); null: the registry gives none. Absent: not looked up. */
  license?: string | null | undefined;
  /** The package's page on its registry. */
  url?: string | undefined;
  /** Risks accepted by configuration, with the reason. */
  ignored?: IgnoredDependencyRisk[] | undefined;
  /** Read from the patch alone (a bare diff without the whole manifest): only the lines it shows were compared. */
  fromPatch?: boolean | undefined;
}

export interface Stats {
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  durationMs: number;
  filesAnalyzed?: number | undefined;
}

/** Output of the pure analysis core. */
export interface Analysis {
  findings: Finding[];
  areas: string[];
  areaEvidence: AreaEvidence[];
  dependencies: DependencyChange[];
  blastRadius: Record<string, unknown>;
  stats: Stats;
  notes: string[];
  /** Metadata for every rule that produced a finding (for SARIF and reports). */
  rules: RuleMeta[];
  /** Inline suppressions the change adds, and what became of each. */
  suppressions?: AddedSuppression[] | undefined;
  /** Files that could not be fully analysed, and why; empty when the analysis was complete. */
  incomplete: IncompleteFile[];
}

export interface Reviewers {
  teams: string[];
  users: string[];
}

export interface Decision {
  conclusion: Conclusion;
  tier: string;
  labels: string[];
  reviewers: Reviewers;
  /** One line saying why, for summaries. */
  reason: string;
  /** Human approvals the tier requires (see core/policy/approvals.ts). */
  approvals?: { required: number; areas: string[]; dismissOnPush: boolean } | undefined;
  /** Whether the tier asks for a PR summary comment. */
  comment?: boolean | undefined;
}

/** The public JSON contract (schemaVersion 1), see docs/review-json.md and src/report/review-schema.ts. */
export interface Review {
  schemaVersion: 1;
  tool: { name: "aiguard"; version: string };
  base: string;
  head: string;
  conclusion: Conclusion;
  tier: string;
  areas: string[];
  areaEvidence: AreaEvidence[];
  labels: string[];
  reviewers: Reviewers;
  findings: Finding[];
  dependencies: DependencyChange[];
  blastRadius: Record<string, unknown>;
  stats: Stats;
  notes: string[];
  /** Files that could not be fully analysed, and why; always present, empty when the review was complete. */
  incomplete: IncompleteFile[];
  /** Present when the tier requires approvals: who approved what, and what is missing. */
  approval?: ApprovalStatus | null | undefined;
  /** Every inline suppression the change adds (its comment is on an added line), with its author and fate. */
  suppressions: AddedSuppression[];
}

// Approvals (see core/policy/approvals.ts, which applies them).

export interface ApprovalInput {
  user: string;
  /** The commit the approval was given on. */
  commitSha: string;
  /** The tier's reviewer teams (slugs) that the user is an active member of. */
  teams: string[];
  /** Areas whose code changed after `commitSha`: the approval no longer counts for them. */
  staleAreas: string[];
}

export interface AreaApproval {
  area: string;
  approvedBy: string[];
  missing: number;
}

export interface ApprovalStatus {
  required: number;
  areas: AreaApproval[];
  /** Approvals that do not count, and why. */
  ignored: { user: string; reason: string }[];
  satisfied: boolean;
}

/**
 * An inline suppression (`aiguard-ignore`) whose comment is on a line the change added. `applied`: it
 * silences its findings; `needs-approval`: a finding is above `suppressions.maxSeverity` and stays
 * reported until a reviewer of the tier approves; `refused`: the policy does not accept it.
 */
export interface AddedSuppression {
  path: string;
  line: number;
  rules: string[];
  reason: string;
  /** Who wrote the change: the pull request's author (App) or the head commit's author (CLI), when known. */
  author?: string | undefined;
  status: "applied" | "needs-approval" | "refused";
  /** Ids of the findings the comment covers. */
  findings: string[];
  detail?: string | undefined;
}

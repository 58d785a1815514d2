// The review as JSON: the public contract of docs/review-json.md (schemaVersion 1).
// Keys come out in the order the contract lists them; any field added later to the Review
// type follows the known ones, so new fields are never lost.
import type { ReviewResult } from "../pipeline.js";
import type { Finding, Review } from "../core/types.js";

const REVIEW_KEYS = [
  "schemaVersion",
  "tool",
  "base",
  "head",
  "conclusion",
  "tier",
  "areas",
  "areaEvidence",
  "labels",
  "reviewers",
  "findings",
  "dependencies",
  "blastRadius",
  "incomplete",
  "stats",
  "notes",
  "suppressions",
] as const;

const FINDING_KEYS = [
  "id",
  "ruleId",
  "cwe",
  "severity",
  "confidence",
  "path",
  "line",
  "endLine",
  "column",
  "endColumn",
  "message",
  "fix",
  "suppressed",
  "snippet",
  "introducedBy",
  "trace",
] as const;
const TOOL_KEYS = ["name", "version"] as const;
const INTRODUCED_KEYS = ["kind", "lines", "baseLine", "detail"] as const;
const TRACE_KEYS = ["path", "line", "column", "role", "code"] as const;
const EVIDENCE_KEYS = ["area", "path", "line", "reason"] as const;
const REVIEWERS_KEYS = ["teams", "users"] as const;
const DEPENDENCY_KEYS = ["ecosystem", "name", "version", "change", "manifest", "direct", "risks"] as const;
const RISK_KEYS = ["kind", "severity", "detail"] as const;
const SUPPRESSION_KEYS = ["reason", "by", "author", "expires", "approvedBy"] as const;
const ADDED_SUPPRESSION_KEYS = ["path", "line", "rules", "reason", "author", "status", "findings", "detail"] as const;
const STATS_KEYS = ["filesChanged", "linesAdded", "linesRemoved", "durationMs"] as const;

/** Copy `obj` with `order`'s keys first, then any others in their own order. Undefined values are dropped. */
function ordered<T extends object>(obj: T, order: readonly string[]): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in src && src[k] !== undefined) out[k] = src[k];
  for (const k of Object.keys(src)) if (!(k in out) && src[k] !== undefined) out[k] = src[k];
  return out;
}

function finding(f: Finding): Record<string, unknown> {
  const o = ordered(f, FINDING_KEYS);
  // `suppressed` is always present (null when the finding is active).
  o.suppressed = f.suppressed ? ordered(f.suppressed, SUPPRESSION_KEYS) : null;
  if (f.introducedBy) o.introducedBy = ordered(f.introducedBy, INTRODUCED_KEYS);
  if (f.trace) o.trace = f.trace.map((s) => ordered(s, TRACE_KEYS));
  return ordered(o, FINDING_KEYS);
}

/** The Review as a plain object with the contract's key order. */
export function reviewToJson(review: Review): Record<string, unknown> {
  const o = ordered(review, REVIEW_KEYS);
  o.tool = ordered(review.tool, TOOL_KEYS);
  o.areaEvidence = review.areaEvidence.map((e) => ordered(e, EVIDENCE_KEYS));
  o.reviewers = ordered(review.reviewers, REVIEWERS_KEYS);
  o.findings = review.findings.map(finding);
  o.dependencies = review.dependencies.map((d) => ({
    ...ordered(d, DEPENDENCY_KEYS),
    risks: d.risks.map((r) => ordered(r, RISK_KEYS)),
  }));
  o.stats = ordered(review.stats, STATS_KEYS);
  if (review.suppressions) o.suppressions = review.suppressions.map((s) => ordered(s, ADDED_SUPPRESSION_KEYS));
  // Always present: an empty list says the review analysed every file it was given.
  o.incomplete = (review.incomplete ?? []).map((i) => ({ path: i.path, reason: i.reason }));
  return ordered(o, REVIEW_KEYS);
}

/** `aiguard review --format json`: the Review, 2-space indented, with a trailing newline. */
export function renderJson(result: ReviewResult): string {
  return `${JSON.stringify(reviewToJson(result.review), null, 2)}\n`;
}

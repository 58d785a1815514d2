// Findings -> check-run annotations (GitHub: at most 50 per request; title ≤ 255 chars,
// message and raw_details ≤ 64 KB). Findings are those the change introduced, already masked; the
// reason the finding belongs to the change is in the message, its data-flow trace in the folded
// raw details.
import type { DependencyChange, Finding, Severity } from "../core/types.js";
import { dependencyAlerts } from "./dependency-alerts.js";

export type AnnotationLevel = "notice" | "warning" | "failure";

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: AnnotationLevel;
  title: string;
  message: string;
  /** Shown folded under the annotation: the data-flow trace, source first. */
  raw_details?: string;
}

/** GitHub accepts at most this many annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
export const ANNOTATION_TITLE_LIMIT = 255;
export const ANNOTATION_MESSAGE_BYTES = 64 * 1024;

export const LEVEL_BY_SEVERITY: Record<Severity, AnnotationLevel> = {
  critical: "failure",
  high: "failure",
  medium: "warning",
  low: "notice",
  info: "notice",
};

function truncateChars(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Cut to at most `maxBytes` of UTF-8 without splitting a character. */
export function truncateBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  const suffix = "…";
  let out = Buffer.from(text, "utf8")
    .subarray(0, maxBytes - Buffer.byteLength(suffix))
    .toString("utf8");
  // A split multi-byte character decodes to U+FFFD at the end: drop it.
  out = out.replace(/\uFFFD+$/, "");
  return out + suffix;
}

export function toAnnotation(f: Finding): CheckAnnotation {
  const cwe = f.cwe.length > 0 ? f.cwe.join(", ") : "none";
  const lines = [
    f.message,
    "",
    `Rule: ${f.ruleId}`,
    `CWE: ${cwe}`,
    `Severity: ${f.severity} (confidence: ${f.confidence})`,
  ];
  if (f.fix) lines.push(`Fix: ${f.fix}`);
  if (f.introducedBy && f.introducedBy.kind !== "changed-line") lines.push(`Why this change: ${f.introducedBy.detail}`);
  const out: CheckAnnotation = {
    path: f.path,
    start_line: f.line,
    end_line: Math.max(f.line, f.endLine),
    annotation_level: LEVEL_BY_SEVERITY[f.severity],
    title: truncateChars(`[${f.severity}] ${f.ruleId}${f.cwe.length > 0 ? ` (${cwe})` : ""}`, ANNOTATION_TITLE_LIMIT),
    message: truncateBytes(lines.join("\n"), ANNOTATION_MESSAGE_BYTES),
  };
  if (f.trace && f.trace.length > 0) out.raw_details = truncateBytes(traceText(f), ANNOTATION_MESSAGE_BYTES);
  return out;
}

/** A finding's trace, one step a line: `source  src/app.js:4  req.query.name`. */
export function traceText(f: Finding): string {
  return (f.trace ?? [])
    .map((s) => `${s.role.padEnd(9)} ${s.path === f.path ? "" : `${s.path}:`}${s.line}  ${s.code}`)
    .join("\n");
}

/**
 * One annotation per active (not suppressed) finding, in the review's order, then one per
 * risky dependency on the manifest line that adds it.
 */
export function buildAnnotations(
  findings: readonly Finding[],
  dependencies: readonly DependencyChange[] = [],
): CheckAnnotation[] {
  const deps = dependencyAlerts(dependencies).map(
    (a): CheckAnnotation => ({
      path: a.path,
      start_line: a.line,
      end_line: a.line,
      annotation_level: LEVEL_BY_SEVERITY[a.severity],
      title: truncateChars(a.title, ANNOTATION_TITLE_LIMIT),
      message: truncateBytes(a.message, ANNOTATION_MESSAGE_BYTES),
    }),
  );
  return [...findings.filter((f) => f.suppressed === null).map(toAnnotation), ...deps];
}

/** Split into request-sized batches. */
export function batchAnnotations<T>(annotations: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < annotations.length; i += size) out.push(annotations.slice(i, i + size));
  return out;
}

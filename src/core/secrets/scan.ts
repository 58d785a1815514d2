// The secrets scan: runs on every text file, whatever its language (CWE-798).
// Findings carry the raw value in `secrets` only; the core masks it everywhere it is shown.
import type { RawFinding } from "../types.js";
import type { Candidate, SecretDetector } from "./detectors.js";
import { isFixturePath, isFixtureValue, isPlaceholder } from "./placeholders.js";

export interface SecretScanInput {
  path: string;
  content: string;
  changedLines: ReadonlySet<number>;
  /** The file is in a known programming language (assignment values must then be quoted). */
  code: boolean;
}

/**
 * Files over `limits.maxFileBytes` still get the secrets scan: front ends read them up to this
 * size each, and up to SECRET_SCAN_TOTAL_BYTES of such files per review (memory stays bounded).
 * Beyond that only the lines the patch adds are scanned, and the file is reported incomplete.
 */
export const SECRET_SCAN_MAX_BYTES = 20 * 1024 * 1024;
export const SECRET_SCAN_TOTAL_BYTES = 64 * 1024 * 1024;

/** Why an over-size file's head is not read for the secrets scan, or null when it may be. */
export function secretScanOmits(bytes: number, alreadyRead: number): string | null {
  if (bytes > SECRET_SCAN_MAX_BYTES) return `over ${SECRET_SCAN_MAX_BYTES / 1024 / 1024} MB`;
  if (alreadyRead + bytes > SECRET_SCAN_TOTAL_BYTES)
    return `over the ${SECRET_SCAN_TOTAL_BYTES / 1024 / 1024} MB of large files read per review`;
  return null;
}

/** Longer lines (minified code, one-line JSON) are scanned in windows of this many characters… */
export const WINDOW = 20_000;
/** …that overlap by this much, so a value across a window's edge is whole in the next one. */
export const WINDOW_OVERLAP = 2_048;

const KIND_ORDER: Record<SecretDetector["spec"]["kind"], number> = { pattern: 0, "pem-block": 1, assignment: 2 };

/** What the lines of one scan share. */
interface LineScan {
  active: readonly SecretDetector[];
  lines: readonly string[];
  input: SecretScanInput;
  findings: RawFinding[];
}

/** Longest time (ms) the secrets scan of one file may take; a 20 MB file of short lines needs about that. */
export const SECRET_SCAN_BUDGET_MS = 15_000;

export function scanSecrets(detectors: readonly SecretDetector[], input: SecretScanInput): RawFinding[] {
  return scanSecretsWithin(detectors, input, Number.POSITIVE_INFINITY).findings;
}

/**
 * The secrets scan within a time budget (checked every few hundred lines and every window):
 * `stoppedAt` is the first line not scanned when the budget ran out.
 */
export function scanSecretsWithin(
  detectors: readonly SecretDetector[],
  input: SecretScanInput,
  budgetMs: number,
): { findings: RawFinding[]; stoppedAt?: number } {
  const deadline = performance.now() + budgetMs;
  if (detectors.length === 0) return { findings: [] };
  const lines = input.content.split(/\r?\n/);
  const targets: number[] =
    input.changedLines.size > 0
      ? [...input.changedLines].filter((n) => n >= 1 && n <= lines.length).sort((a, b) => a - b)
      : lines.map((_, i) => i + 1);
  const fixture = isFixturePath(input.path);
  // Specific detectors first (provider patterns, then PEM blocks), the generic `assignment` ones
  // last: a value is reported once, by the most specific detector (see `claimed` below).
  const active = detectors
    .filter((d) => !(d.spec.ignoreInFixturePaths && fixture) && d.appliesTo(input.path))
    .sort((a, b) => KIND_ORDER[a.spec.kind] - KIND_ORDER[b.spec.kind]);
  if (active.length === 0) return { findings: [] };
  const scan: LineScan = { active, lines, input, findings: [] };
  for (const [i, lineNo] of targets.entries()) {
    const line = lines[lineNo - 1] ?? "";
    if ((i % 256 === 0 || line.length > WINDOW) && performance.now() > deadline)
      return { findings: scan.findings, stoppedAt: lineNo };
    // Spans already claimed (columns in the whole line): a generic match on the same value, or
    // the same value seen again in the overlap of the next window, is dropped.
    const claimed: Array<[number, number]> = [];
    // Every line is scanned, however long: in overlapping windows, each a bounded amount of work.
    for (let start = 0; start < line.length; start += WINDOW - WINDOW_OVERLAP) {
      scanWindow(scan, line.slice(start, start + WINDOW), start, lineNo, claimed);
      if (start + WINDOW >= line.length) break;
      if (performance.now() > deadline) return { findings: scan.findings, stoppedAt: lineNo };
    }
  }
  return { findings: scan.findings };
}

/** One window of one line (the whole line when it is short); `offset` is where it starts. */
function scanWindow(
  scan: LineScan,
  line: string,
  offset: number,
  lineNo: number,
  claimed: Array<[number, number]>,
): void {
  const { input } = scan;
  const lower = line.toLowerCase();
  for (const d of scan.active) {
    if (!d.mayMatch(line, lower)) continue;
    let found: Candidate[];
    try {
      found = d.find({ line, index: lineNo - 1, lines: scan.lines, code: input.code });
    } catch {
      continue;
    }
    for (const c of found) {
      const begin = offset + c.index;
      const end = begin + c.value.length;
      if (claimed.some(([s, e]) => begin < e && end > s)) continue;
      if (isPlaceholder(c.value) || isFixtureValue(c.value, input.path) || d.ignored(c.value)) continue;
      claimed.push([begin, end]);
      const spec = d.spec;
      const secrets = [...new Set([c.value, ...(c.extra ?? [])])];
      scan.findings.push({
        ruleId: spec.id,
        cwe: [...spec.cwe],
        severity: spec.severity,
        confidence: c.weak && spec.confidence === "high" ? "medium" : c.weak ? "low" : spec.confidence,
        line: lineNo,
        endLine: lineNo,
        column: begin + 1,
        endColumn: end + 1,
        message: spec.message,
        fix: spec.fix,
        secrets,
      });
    }
  }
}

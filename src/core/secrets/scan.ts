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

const MAX_LINE = 20_000;

const KIND_ORDER: Record<SecretDetector["spec"]["kind"], number> = { pattern: 0, "pem-block": 1, assignment: 2 };

export function scanSecrets(detectors: readonly SecretDetector[], input: SecretScanInput): RawFinding[] {
  if (detectors.length === 0) return [];
  const lines = input.content.split(/\r?\n/);
  const targets: number[] =
    input.changedLines.size > 0
      ? [...input.changedLines].filter((n) => n >= 1 && n <= lines.length).sort((a, b) => a - b)
      : lines.map((_, i) => i + 1);
  const findings: RawFinding[] = [];
  const fixture = isFixturePath(input.path);
  // Specific detectors first (provider patterns, then PEM blocks), the generic `assignment` ones
  // last: a value is reported once, by the most specific detector (see `claimed` below).
  const active = detectors
    .filter((d) => !(d.spec.ignoreInFixturePaths && fixture) && d.appliesTo(input.path))
    .sort((a, b) => KIND_ORDER[a.spec.kind] - KIND_ORDER[b.spec.kind]);
  if (active.length === 0) return [];
  for (const lineNo of targets) {
    const line = lines[lineNo - 1] ?? "";
    if (line.length === 0 || line.length > MAX_LINE) continue;
    const lower = line.toLowerCase();
    // Spans already claimed by a provider detector: a generic match on the same value is dropped.
    const claimed: Array<[number, number]> = [];
    for (const d of active) {
      if (!d.mayMatch(line, lower)) continue;
      let found: Candidate[];
      try {
        found = d.find({ line, index: lineNo - 1, lines, code: input.code });
      } catch {
        continue;
      }
      for (const c of found) {
        const end = c.index + c.value.length;
        if (claimed.some(([s, e]) => c.index < e && end > s)) continue;
        if (isPlaceholder(c.value) || isFixtureValue(c.value, input.path) || d.ignored(c.value)) continue;
        claimed.push([c.index, end]);
        const spec = d.spec;
        const secrets = [...new Set([c.value, ...(c.extra ?? [])])];
        findings.push({
          ruleId: spec.id,
          cwe: [...spec.cwe],
          severity: spec.severity,
          confidence: c.weak && spec.confidence === "high" ? "medium" : c.weak ? "low" : spec.confidence,
          line: lineNo,
          endLine: lineNo,
          column: c.index + 1,
          endColumn: end + 1,
          message: spec.message,
          fix: spec.fix,
          secrets,
        });
      }
    }
  }
  return findings;
}

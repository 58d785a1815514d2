// analyze(input) -> Analysis: the one entry to the pure analysis core.
// No I/O and no clock: the same input gives the same output.
import { createHash } from "node:crypto";
import picomatch from "picomatch";
import { alwaysClassified, classifyAreas, dependencyAreas } from "./areas/index.js";
import { assessDependencies } from "./dependencies/assess.js";
import { parsePatch, reconstructHead, type PatchLines } from "./diff/patch.js";
import type { Scanner } from "./engine/scanner.js";
import { maskText } from "./secrets/mask.js";
import { findInlineSuppressions, matchSuppression } from "./suppress/inline.js";
import type { Analysis, ChangedFile, Finding, RawFinding, ReviewInput, RuleMeta, Severity } from "./types.js";
import { SEVERITY_ORDER, severityRank } from "./types.js";
import { plural } from "./text.js";

/** Normalize code for fingerprints: whitespace-insensitive, so reindenting keeps the id. */
export function normalizeCode(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function fingerprint(ruleId: string, path: string, code: string, occurrence: number): string {
  const h = createHash("sha256");
  h.update(`${ruleId}\0${path}\0${normalizeCode(code)}\0${occurrence}`);
  return h.digest("hex").slice(0, 40);
}

function ruleDisabled(ruleId: string, disabled: readonly string[]): boolean {
  return disabled.some((d) => (d.endsWith("*") ? ruleId.startsWith(d.slice(0, -1)) : ruleId === d));
}

export function analyze(input: ReviewInput, scanner: Scanner): Analysis {
  const notes: string[] = [...input.notes];
  const findings: Finding[] = [];
  const cfg = input.config;
  const ignore = cfg.paths.ignore.length > 0 ? picomatch(cfg.paths.ignore, { dot: true }) : null;
  const skippedByReason = new Map<string, string[]>();
  const skip = (reason: string, path: string) => {
    const list = skippedByReason.get(reason) ?? [];
    list.push(path);
    skippedByReason.set(reason, list);
  };

  let linesAdded = 0;
  let linesRemoved = 0;
  let filesAnalyzed = 0;
  let files = input.files;
  if (files.length > cfg.limits.maxFiles) {
    notes.push(
      `${files.length - cfg.limits.maxFiles} files not analysed: the limit is ${cfg.limits.maxFiles} files per review`,
    );
    files = files.slice(0, cfg.limits.maxFiles);
  }

  // Each patch is parsed once: for the line counts here and for the changed lines below.
  const parsed = new Map<ChangedFile, PatchLines>();
  for (const file of input.files) {
    if (!file.patch) {
      linesAdded += file.additions;
      linesRemoved += file.deletions;
      continue;
    }
    const lines = parsePatch(file.patch);
    parsed.set(file, lines);
    linesAdded += lines.linesAdded;
    linesRemoved += lines.linesRemoved;
  }

  const knownRules = new Set(scanner.rules().map((r) => r.id));
  for (const file of files) {
    if (file.status === "removed") continue;
    if (ignore?.(file.path)) {
      skip("ignored by paths.ignore", file.path);
      continue;
    }
    if (file.skipped) {
      skip(file.skipped, file.path);
      continue;
    }
    if (file.headContent !== undefined && Buffer.byteLength(file.headContent, "utf8") > cfg.limits.maxFileBytes) {
      skip(`over ${Math.round(cfg.limits.maxFileBytes / 1024)} KB`, file.path);
      continue;
    }
    if (!file.patch) {
      if (file.additions > 0) skip("no patch available (GitHub omits patches of very large diffs)", file.path);
      continue;
    }
    const lines = parsed.get(file)!;
    if (lines.added.size === 0) continue;
    const content = file.headContent ?? reconstructHead(lines);
    const headLines = content.split("\n");
    filesAnalyzed++;

    const result = scanner.scan({ path: file.path, content, changedLines: lines.added });
    for (const n of result.notes) notes.push(`${file.path}: ${n}`);

    const suppressions = findInlineSuppressions(content);
    const seen = new Map<string, number>();
    const raws = [...result.findings].sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
    const dedupe = new Set<string>();
    for (const raw of raws) {
      if (!lines.added.has(raw.line)) continue; // only what the PR added or changed
      if (ruleDisabled(raw.ruleId, cfg.rules.disable)) continue;
      const key = `${raw.ruleId}:${raw.line}:${raw.column ?? 0}`;
      if (dedupe.has(key)) continue;
      dedupe.add(key);
      const finding = toFinding(raw, file.path, headLines, seen, cfg.rules.severity);
      const sup = matchSuppression(suppressions, raw.ruleId, raw.line);
      if (sup?.missingReason) {
        notes.push(
          `${file.path}:${sup.suppression.line}: "aiguard-ignore ${raw.ruleId}" gives no reason, so it does not suppress the finding on line ${raw.line}; write "aiguard-ignore ${raw.ruleId}: <why this is safe>"`,
        );
      } else if (sup) {
        finding.suppressed = { reason: maskText(sup.suppression.reason, raw.secrets).slice(0, 500), by: "inline" };
      }
      findings.push(finding);
    }
    for (const s of suppressions) {
      if (!lines.added.has(s.line)) continue;
      for (const r of s.rules) {
        if (!r.endsWith("*") && !knownRules.has(r))
          notes.push(`${file.path}:${s.line}: "aiguard-ignore ${r}" names no known rule`);
      }
    }
  }

  for (const [reason, paths] of skippedByReason) {
    const shown = paths.slice(0, 5).join(", ");
    const more = paths.length > 5 ? ` and ${paths.length - 5} more` : "";
    notes.push(`${plural(paths.length, "file")} skipped (${reason}): ${shown}${more}`);
  }
  if (!input.fullContext) notes.push("no full-file context was available: only the lines in the diff were analysed");

  // Sensitive areas: every changed file (deletions and renames too), except ignored paths;
  // files that govern the guard itself (.aiguard.yml, CODEOWNERS, workflows, rule dirs) always count.
  const areaFiles = files
    .filter((f) => !ignore?.(f.path) || alwaysClassified(f.path, cfg))
    .map((f) => ({
      path: f.path,
      previousPath: f.previousPath,
      status: f.status,
      patch: f.patch,
      content: f.headContent,
    }));
  const classified = classifyAreas(areaFiles, cfg);

  // Dependencies added, updated and removed, with their risks (facts were looked up before, if at all).
  const deps = assessDependencies(files, {
    config: cfg.dependencies,
    ignored: ignore,
    facts: input.dependencyFacts,
    now: input.now,
  });
  notes.push(...deps.notes);
  // Adding `stripe` or `jsonwebtoken` to a manifest enters the payment or auth area by itself.
  const areaEvidence = [...classified.evidence, ...dependencyAreas(deps.dependencies, cfg)].sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line ||
      (a.area < b.area ? -1 : a.area > b.area ? 1 : 0),
  );
  const areas = [...new Set(areaEvidence.map((e) => e.area))].sort();

  findings.sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.path.localeCompare(b.path) ||
      a.line - b.line ||
      a.ruleId.localeCompare(b.ruleId),
  );
  const used = new Set(findings.map((f) => f.ruleId));
  const rules: RuleMeta[] = scanner.rules().filter((r) => used.has(r.id));

  return {
    findings,
    areas,
    areaEvidence,
    dependencies: deps.dependencies,
    blastRadius: {},
    stats: { filesChanged: input.files.length, linesAdded, linesRemoved, durationMs: 0, filesAnalyzed },
    notes,
    rules,
  };
}

function toFinding(
  raw: RawFinding,
  path: string,
  headLines: string[],
  seen: Map<string, number>,
  severityOverrides: Record<string, Severity>,
): Finding {
  const lineText = headLines[raw.line - 1] ?? "";
  const code = raw.fingerprintText ?? lineText;
  const fpBase = `${raw.ruleId}\0${normalizeCode(maskText(code, raw.secrets))}`;
  const occurrence = seen.get(fpBase) ?? 0;
  seen.set(fpBase, occurrence + 1);
  const override = severityOverrides[raw.ruleId];
  const severity = override && SEVERITY_ORDER.includes(override) ? override : raw.severity;
  return {
    id: fingerprint(raw.ruleId, path, maskText(code, raw.secrets), occurrence),
    ruleId: raw.ruleId,
    cwe: raw.cwe,
    severity,
    confidence: raw.confidence,
    path,
    line: raw.line,
    endLine: Math.max(raw.line, raw.endLine),
    message: maskText(raw.message, raw.secrets),
    fix: raw.fix,
    suppressed: null,
    snippet: maskText(lineText, raw.secrets).trim().slice(0, 300),
  };
}

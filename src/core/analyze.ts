// analyze(change, scanner, enrichment) -> Analysis: the one entry to the pure analysis core.
// No I/O and no clock: the same input gives the same output.
import { globMatcher } from "./glob.js";
import { alwaysClassified, classifyAreas, dependencyAreas, isTestPath } from "./areas/index.js";
import { assessDependencies } from "./dependencies/assess.js";
import {
  parseHunks,
  parsePatch,
  patchSides,
  reconstructHead,
  reverseApply,
  truncatedPatch,
  type PatchLines,
} from "./diff/patch.js";
import { CHECK_REMOVED_META, checksRemoved } from "./check-removed.js";
import { PROTECTION_REMOVED_META, protectionsRemoved } from "./protection-removed.js";
import { cleaningDropped, ESCAPING_REMOVED_META, escapingRemoved } from "./escaping-removed.js";
import {
  type ChangedSides,
  changedSides,
  type Introduced,
  inRewrittenHunk,
  introducedBy,
  introducedFindings,
  onAddedLines,
  relaxedGuards,
  removedAnyCheck,
  sinkText,
} from "./differential.js";
import { fingerprint, normalizeCode } from "./fingerprint.js";
import type { Scanner } from "./engine/scanner.js";
import { maskText } from "./secrets/mask.js";
import { findInlineSuppressions } from "./suppress/inline.js";
import { FileSuppressions } from "./suppress/policy.js";
import type { Change, Enrichment } from "./change.js";
import type { AiguardConfig } from "./policy/schema.js";
import type {
  AddedSuppression,
  Analysis,
  AreaEvidence,
  ChangedFile,
  Finding,
  IncompleteFile,
  RawFinding,
  RuleMeta,
  Severity,
} from "./types.js";
import { SEVERITY_ORDER, severityRank } from "./types.js";
import { plural } from "./text.js";

export { fingerprint, normalizeCode } from "./fingerprint.js";

/** Checks of the change itself, not of a rule on a file (their findings' rule ids). */
const CORE_RULES: readonly RuleMeta[] = [ESCAPING_REMOVED_META, CHECK_REMOVED_META, PROTECTION_REMOVED_META];

function ruleDisabled(ruleId: string, disabled: readonly string[]): boolean {
  return disabled.some((d) => (d.endsWith("*") ? ruleId.startsWith(d.slice(0, -1)) : ruleId === d));
}

/** Files left out of the analysis, grouped by reason, for one note per reason. */
class Skipped {
  readonly byReason = new Map<string, string[]>();
  add(reason: string, path: string): void {
    const list = this.byReason.get(reason) ?? [];
    list.push(path);
    this.byReason.set(reason, list);
  }
  notes(): string[] {
    return [...this.byReason].map(([reason, paths]) => {
      const shown = paths.slice(0, 5).join(", ");
      const more = paths.length > 5 ? ` and ${paths.length - 5} more` : "";
      return `${plural(paths.length, "file")} skipped (${reason}): ${shown}${more}`;
    });
  }
}

/** What the steps of one analysis share. */
interface Run {
  readonly cfg: AiguardConfig;
  readonly ignore: ((path: string) => boolean) | null;
  readonly scanner: Scanner;
  readonly knownRules: ReadonlySet<string>;
  readonly skipped: Skipped;
  readonly notes: string[];
  readonly findings: Finding[];
  /** Who wrote the change (for the suppressions it adds). */
  readonly author: string | undefined;
  /** Inline suppressions the change adds, file by file. */
  readonly suppressions: AddedSuppression[];
  /** Files not fully analysed, and why. */
  readonly incomplete: IncompleteFile[];
  /** Library mode (Change.library). */
  readonly library?: boolean | undefined;
  /** Every line the change wrote, in all its files (read lazily: a cleaning call written anywhere). */
  readonly writtenEverywhere: () => string;
}

/** The lines the change added, in all its files (from the patches parsed once). */
function addedText(parsed: ReadonlyMap<ChangedFile, PatchLines>): string {
  const out: string[] = [];
  for (const lines of parsed.values()) for (const n of lines.added) out.push(lines.headLines.get(n) ?? "");
  return out.join("\n");
}

/**
 * analyze(change, scanner, enrichment) -> Analysis: the changed lines' findings, the sensitive
 * areas, the dependency changes and their risks. Enrichment (registry facts, the time) is read,
 * never fetched.
 */
export function analyze(change: Change, scanner: Scanner, enrichment: Enrichment = {}): Analysis {
  const cfg = change.config;
  // Every patch parsed once, for line counts, changed lines and the change's written text.
  const { parsed, linesAdded, linesRemoved } = parsePatches(change.files);
  let written: string | undefined;
  const run: Run = {
    cfg,
    ignore: cfg.paths.ignore.length > 0 ? globMatcher(cfg.paths.ignore) : null,
    scanner,
    knownRules: new Set([...scanner.rules(), ...CORE_RULES].map((r) => r.id)),
    skipped: new Skipped(),
    notes: [...change.notes, ...(enrichment.notes ?? [])],
    findings: [],
    author: change.author,
    suppressions: [],
    incomplete: [],
    library: change.library,
    writtenEverywhere: () => (written ??= addedText(parsed)),
  };
  // 1. The files within the limit.
  const files = withinLimit(change.files, cfg.limits.maxFiles, run);
  if (change.unlisted) run.incomplete.push({ path: UNLISTED, reason: change.unlisted });
  for (const f of files) {
    const cut = truncatedPatch(f.patch);
    if (cut) run.incomplete.push({ path: f.path, reason: cut });
  }
  // 2. Findings on the lines the change added, file by file.
  let filesAnalyzed = 0;
  for (const file of files) if (scanFile(file, parsed.get(file), run)) filesAnalyzed++;
  run.notes.push(...run.skipped.notes());
  if (!change.fullContext)
    run.notes.push("no full-file context was available: only the lines in the diff were analysed");
  // 3. Sensitive areas and 4. dependencies (facts were looked up before, if at all).
  const classified = classifyAreas(areaFiles(files, run), cfg);
  const deps = assessDependencies(files, {
    config: cfg.dependencies,
    ignored: run.ignore,
    facts: enrichment.facts,
    now: enrichment.now,
  });
  run.notes.push(...deps.notes);
  // Adding `stripe` or `jsonwebtoken` to a manifest enters the payment or auth area by itself.
  const areaEvidence = [...classified.evidence, ...dependencyAreas(deps.dependencies, cfg)].sort(byEvidence);
  const areas = [...new Set(areaEvidence.map((e) => e.area))].sort();
  // 5. Worst first, with the metadata of the rules that produced them.
  const findings = run.findings.sort(byFinding);
  const used = new Set(findings.map((f) => f.ruleId));
  const rules: RuleMeta[] = [...scanner.rules(), ...CORE_RULES].filter((r) => used.has(r.id));
  return {
    findings,
    areas,
    areaEvidence,
    dependencies: deps.dependencies,
    blastRadius: {},
    stats: { filesChanged: change.files.length, linesAdded, linesRemoved, durationMs: 0, filesAnalyzed },
    notes: run.notes,
    rules,
    suppressions: run.suppressions,
    incomplete: run.incomplete,
  };
}

/** The path of the `incomplete` entry that stands for files the front end could not list. */
export const UNLISTED = "*";

/** The first `maxFiles` files; each file beyond them is named as incomplete. */
function withinLimit(files: readonly ChangedFile[], maxFiles: number, run: Run): readonly ChangedFile[] {
  if (files.length <= maxFiles) return files;
  run.notes.push(`${files.length - maxFiles} files not analysed: the limit is ${maxFiles} files per review`);
  const reason = `not analysed: beyond limits.maxFiles (${maxFiles} files per review)`;
  for (const f of files.slice(maxFiles)) run.incomplete.push({ path: f.path, reason });
  return files.slice(0, maxFiles);
}

function parsePatches(files: readonly ChangedFile[]): {
  parsed: Map<ChangedFile, PatchLines>;
  linesAdded: number;
  linesRemoved: number;
} {
  const parsed = new Map<ChangedFile, PatchLines>();
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const file of files) {
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
  return { parsed, linesAdded, linesRemoved };
}

/** The reason a patch is missing: GitHub leaves out the patches of very large diffs. */
const NO_PATCH = "no patch available (GitHub omits patches of very large diffs)";

/** Why a file is not scanned at all, or null when it is. */
function skipReason(file: ChangedFile, run: Run): string | null {
  if (run.ignore?.(file.path)) return "ignored by paths.ignore";
  if (file.skipped) return file.skipped;
  if (!file.patch && file.additions > 0) return NO_PATCH;
  return null;
}

/** Why only the secrets scan runs on a file (it is too large for the rest), or null. */
function secretsOnlyReason(file: ChangedFile, maxFileBytes: number): string | null {
  if (file.headOmitted) return `${file.headOmitted}: only the added lines were scanned for secrets`;
  const bytes = Math.max(
    file.headBytes ?? 0,
    file.headContent !== undefined ? Buffer.byteLength(file.headContent, "utf8") : 0,
  );
  if (bytes > maxFileBytes) return `over ${Math.round(maxFileBytes / 1024)} KB: secrets scan only`;
  return null;
}

/**
 * Scans one file at the head and, when the head has findings, at the base, and keeps the findings
 * the change introduced (differential.ts); false when the file was not analysed.
 */
function scanFile(file: ChangedFile, lines: PatchLines | undefined, run: Run): boolean {
  if (file.status === "removed") return false;
  const reason = skipReason(file, run);
  if (reason !== null) {
    run.skipped.add(reason, file.path);
    // Lines were added that nobody looked at: the review is not complete.
    if (reason === NO_PATCH) run.incomplete.push({ path: file.path, reason });
    return false;
  }
  if (!lines || (lines.added.size === 0 && lines.linesRemoved === 0)) return false;
  const limited = secretsOnlyReason(file, run.cfg.limits.maxFileBytes);
  const content = file.headContent ?? reconstructHead(lines);
  const result = run.scanner.scan({
    path: file.path,
    content,
    changedLines: lines.added,
    wholeFile: true,
    ...(limited !== null ? { secretsOnly: true } : {}),
    ...(run.library ? { library: true, libraryConfidence: run.cfg.analysis.libraryConfidence } : {}),
  });
  if (limited !== null) run.skipped.add(limited, file.path);
  const why = [limited, result.incomplete].filter((r): r is string => typeof r === "string" && r.length > 0);
  if (why.length > 0) run.incomplete.push({ path: file.path, reason: why.join("; ") });
  for (const n of result.notes) run.notes.push(`${file.path}: ${n}`);
  const headLines = content.split("\n");
  // the patch's hunks, parsed once for everything below that compares the two sides
  let parsed: ChangedSides | undefined;
  const sidesOf = () => (parsed ??= changedSides(parseHunks(file.patch), lines.added));
  const introduced = introducedOf(file, content, headLines, lines, result.findings, run, sidesOf);
  const sides = file.status !== "added" && lines.linesRemoved > 0 ? sidesOf() : null;
  const relaxed =
    sides && limited === null && !result.incomplete ? relaxedOf(file, content, headLines, sides, result, run) : [];
  introduced.push(...relaxed);
  const changeLevel = sides ? changeLevelFindings(file.path, sides, headLines, introduced, run) : [];
  introduced.push(...changeLevel);
  const suppressions = findInlineSuppressions(content);
  const policy = new FileSuppressions(file.path, suppressions, lines.added, run.cfg.suppressions, run.author);
  keepFindings(
    file.path,
    headLines,
    [...result.findings, ...relaxed.map((r) => r.raw), ...changeLevel.map((c) => c.raw)],
    introduced,
    policy,
    run,
  );
  run.notes.push(...policy.notes);
  run.suppressions.push(...policy.added());
  for (const s of suppressions) {
    if (!lines.added.has(s.line)) continue;
    for (const r of s.rules) {
      if (!r.endsWith("*") && !run.knownRules.has(r))
        run.notes.push(`${file.path}:${s.line}: "aiguard-ignore ${r}" names no known rule`);
    }
  }
  return limited === null;
}

/** Lines within which a sink finding and a removed protection of the same weakness are one report. */
const NEAR_LINES = 5;

/**
 * What the change itself shows, with no sink in view (change.* rules): a check for an attack pattern
 * deleted, a protective setting deleted, a value's cleaning deleted, a value taken out of its
 * escaping call. Positions that a finding of `introduced` already covers are left to it.
 */
function changeLevelFindings(
  path: string,
  sides: ChangedSides,
  headLines: string[],
  introduced: readonly Introduced[],
  run: Run,
): Introduced[] {
  // tests, specs and fixtures (the areas' test files): their escaping and checks protect nothing in production
  if (isTestPath(path, run.cfg)) return [];
  const written = run.writtenEverywhere;
  const unwrapped = escapingRemoved(sides, headLines, written).filter(
    (f) => !introduced.some((i) => i.raw.line === f.line),
  );
  const uncleaned = cleaningDropped(sides, headLines, written).filter(
    (c) => !introduced.some((i) => i.raw.line === c.raw.line) && !unwrapped.some((u) => u.line === c.raw.line),
  );
  const removedChecks = checksRemoved(sides, headLines, written).filter(
    (c) => !introduced.some((i) => i.raw.line === c.raw.line && i.raw.cwe.some((w) => c.raw.cwe.includes(w))),
  );
  // a sink finding of the same weakness a few lines away already tells of it (an XML factory
  // reported, and its hardening line removed just below it)
  const protections = protectionsRemoved(sides, headLines, written).filter(
    (c) =>
      !introduced.some(
        (i) => Math.abs(i.raw.line - c.raw.line) <= NEAR_LINES && i.raw.cwe.some((w) => c.raw.cwe.includes(w)),
      ),
  );
  const removedGuard = (c: { raw: RawFinding; baseLine: number }, what: string): Introduced => ({
    raw: c.raw,
    introducedBy: {
      kind: "removed-guard",
      lines: [],
      baseLine: c.baseLine,
      detail: `this change removed ${what} on base line ${c.baseLine}`,
    },
  });
  return [
    ...removedChecks.map((c) => removedGuard(c, "the check")),
    ...protections.map((c) => removedGuard(c, "the protective setting")),
    ...uncleaned.map((c) => removedGuard(c, "the cleaning of the value")),
    ...unwrapped.map(
      (raw): Introduced => ({
        raw,
        introducedBy: {
          kind: "changed-line",
          lines: [raw.line],
          detail: "the change wrote this line without the escaping call the line had",
        },
      }),
    ),
  ];
}

/** The base side of a changed file: given, rebuilt from the head and the patch, or (a bare diff) what the patch shows. */
function baseText(file: ChangedFile, content: string): string | null {
  if (file.baseContent !== undefined) return file.baseContent;
  if (!file.patch) return null;
  if (file.headContent === undefined) return patchSides(file.patch).base;
  return reverseApply(content, file.patch);
}

/**
 * The head findings the change introduced. Secrets are judged on the lines the change added (the
 * secrets scan reads only those). The rules' findings are matched against the base's: a new file
 * has none; when the base cannot be rebuilt or analysed, only findings on added lines are kept.
 */
function introducedOf(
  file: ChangedFile,
  content: string,
  headLines: string[],
  lines: PatchLines,
  found: readonly RawFinding[],
  run: Run,
  sidesOf: () => ChangedSides,
): Introduced[] {
  if (found.length === 0) return [];
  const sides = sidesOf();
  const own = (raw: RawFinding): Introduced => ({ raw, introducedBy: introducedBy(raw, sides, null) });
  const out: Introduced[] = found.filter((r) => r.secrets !== undefined && lines.added.has(r.line)).map(own);
  const rules = found.filter((r) => r.secrets === undefined);
  if (rules.length === 0) return out;
  const baseSecrets: string[] = [];
  const mask = (t: string) => (baseSecrets.length > 0 ? maskText(t, baseSecrets) : t);
  if (file.status === "added") return [...out, ...introducedFindings(rules, headLines, null, sides, null)];
  const base = baseText(file, content);
  const onChangedLines = () => {
    out.push(...rules.filter((r) => onAddedLines(r, sides)).map(own));
    return out;
  };
  if (base === null) {
    run.notes.push(
      `${file.path}: the base version could not be rebuilt from the patch; only findings on the changed lines are reported`,
    );
    return onChangedLines();
  }
  // A finding whose sink code the base does not contain cannot be there: only the others are
  // looked for at the base, with only their rules (most changes write their findings' lines).
  const baseNormalized = normalizeCode(base);
  const maybeThere = rules.filter((r) => baseNormalized.includes(sinkText(r, headLines)) || inRewrittenHunk(r, sides));
  if (maybeThere.length === 0) return [...out, ...introducedFindings(rules, headLines, null, sides, null)];
  const scanned = run.scanner.scan({
    path: file.previousPath ?? file.path,
    content: base,
    changedLines: new Set(sides.removed.map((r) => r.baseLine)),
    wholeFile: true,
    onlyRules: new Set(maybeThere.map((r) => r.ruleId)),
    // the base is judged as the head is, or every library-mode finding would look new
    ...(run.library ? { library: true, libraryConfidence: run.cfg.analysis.libraryConfidence } : {}),
  });
  for (const f of scanned.findings) if (f.secrets) baseSecrets.push(...f.secrets);
  if (scanned.incomplete) {
    run.notes.push(
      `${file.path}: the base version could not be fully analysed (${scanned.incomplete}); only findings on the changed lines are reported`,
    );
    return onChangedLines();
  }
  const baseFindings = scanned.findings.filter((f) => f.secrets === undefined);
  return [
    ...out,
    ...introducedFindings(rules, headLines, { findings: baseFindings, lines: base.split("\n") }, sides, mask),
  ];
}

/**
 * Unchanged sinks whose check the change removed, found by a relaxed scan of the head (a value of
 * unknown origin taken as input): only when the change removed a check line (differential.ts,
 * relaxedGuards). A relaxed scan that could not finish adds nothing (the strict scan decided).
 */
function relaxedOf(
  file: ChangedFile,
  content: string,
  headLines: string[],
  sides: ChangedSides,
  strict: { findings: readonly RawFinding[] },
  run: Run,
): Introduced[] {
  if (!removedAnyCheck(sides)) return [];
  const scanned = run.scanner.scan({
    path: file.path,
    content,
    changedLines: sides.added,
    wholeFile: true,
    relaxed: true,
    noSecrets: true,
    ...(run.library ? { library: true, libraryConfidence: run.cfg.analysis.libraryConfidence } : {}),
  });
  if (scanned.incomplete) return [];
  return relaxedGuards(scanned.findings, strict.findings, headLines, sides, null);
}

/** The findings the change introduced, not disabled, once per rule and position, suppressions applied. */
function keepFindings(
  path: string,
  headLines: string[],
  found: readonly RawFinding[],
  introduced: readonly Introduced[],
  suppressions: FileSuppressions,
  run: Run,
): void {
  const seen = new Map<string, number>();
  const dedupe = new Set<string>();
  const fileSecrets = found.flatMap((r) => r.secrets ?? []);
  const mask = (t: string) => (fileSecrets.length > 0 ? maskText(t, fileSecrets) : t);
  // Occurrences count every head finding of a key, so an id does not depend on which ones are new.
  const occurrence = new Map<RawFinding, number>();
  for (const raw of [...found].sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0))) {
    const k = fingerprintBase(raw, headLines);
    const n = seen.get(k) ?? 0;
    seen.set(k, n + 1);
    occurrence.set(raw, n);
  }
  for (const { raw, introducedBy } of introduced) {
    if (ruleDisabled(raw.ruleId, run.cfg.rules.disable)) continue;
    const key = `${raw.ruleId}:${raw.line}:${raw.column ?? 0}`;
    if (dedupe.has(key)) continue;
    dedupe.add(key);
    const finding = toFinding(raw, path, headLines, occurrence.get(raw) ?? 0, run.cfg.rules.severity);
    // A line may hold more than one secret: its snippet masks every secret found in the file.
    finding.snippet = mask(finding.snippet ?? "");
    // messages quote code too (a rule's {{capture}}, the call a change unwrapped)
    finding.message = mask(finding.message);
    finding.introducedBy = { ...introducedBy, detail: mask(introducedBy.detail) };
    if (raw.trace && raw.trace.length > 0)
      finding.trace = raw.trace.map((s) => ({ ...s, path: s.path ?? path, code: mask(s.code) }));
    finding.suppressed = suppressions.judge(finding, raw.secrets);
    run.findings.push(finding);
  }
}

function fingerprintBase(raw: RawFinding, headLines: string[]): string {
  const code = raw.fingerprintText ?? headLines[raw.line - 1] ?? "";
  return `${raw.ruleId}\0${normalizeCode(maskText(code, raw.secrets))}`;
}

/**
 * Sensitive areas: every changed file (deletions and renames too), except ignored paths; files
 * that govern the guard itself (.aiguard.yml, CODEOWNERS, workflows, rule dirs) always count.
 */
function areaFiles(files: readonly ChangedFile[], run: Run) {
  return files
    .filter((f) => !run.ignore?.(f.path) || alwaysClassified(f.path, run.cfg))
    .map((f) => ({
      path: f.path,
      previousPath: f.previousPath,
      status: f.status,
      patch: f.patch,
      content: f.headContent,
      baseContent: f.baseContent,
    }));
}

function byEvidence(a: AreaEvidence, b: AreaEvidence): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.line - b.line ||
    (a.area < b.area ? -1 : a.area > b.area ? 1 : 0)
  );
}

function byFinding(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.path.localeCompare(b.path) ||
    a.line - b.line ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

function toFinding(
  raw: RawFinding,
  path: string,
  headLines: string[],
  occurrence: number,
  severityOverrides: Record<string, Severity>,
): Finding {
  const lineText = headLines[raw.line - 1] ?? "";
  const code = raw.fingerprintText ?? lineText;
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
    column: raw.column,
    endColumn: raw.endColumn,
    message: maskText(raw.message, raw.secrets),
    fix: raw.fix,
    suppressed: null,
    snippet: maskText(lineText, raw.secrets).trim().slice(0, 300),
  };
}

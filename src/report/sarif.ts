// The review as SARIF 2.1.0, in the shape GitHub code scanning accepts for upload.
// Rule metadata comes from ReviewResult.rules; a finding whose rule is missing there gets a
// rule entry built from the finding itself, so every result has a ruleIndex.
import { createHash } from "node:crypto";
import { dependencyAlerts } from "./dependency-alerts.js";
import type { ReviewResult } from "../pipeline.js";
import type { Confidence, Finding, RuleMeta, Severity } from "../core/types.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const INFORMATION_URI = "https://github.com/aiguard/aiguard";

export type SarifLevel = "error" | "warning" | "note" | "none";

const LEVEL: Record<Severity, SarifLevel> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
  info: "note",
};

/** GitHub maps these to critical (> 9.0), high (7.0–8.9), medium (4.0–6.9) and low (≤ 3.9). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: "0.0",
};

const PRECISION: Record<Confidence, string> = { high: "high", medium: "medium", low: "low" };

export interface SarifOptions {
  /** Category of this analysis for GitHub (`runAutomationDetails.id`); omitted when not given. */
  category?: string | undefined;
}

/** "CWE-89" -> "external/cwe/cwe-89", the tag GitHub turns into a CWE link. */
export function cweTag(cwe: string): string {
  const m = /^CWE-?(\d+)$/i.exec(cwe.trim());
  return m ? `external/cwe/cwe-${m[1]}` : `external/cwe/${cwe.trim().toLowerCase()}`;
}

function cweUrl(cwe: string): string | null {
  const m = /^CWE-?(\d+)$/i.exec(cwe.trim());
  return m ? `https://cwe.mitre.org/data/definitions/${m[1]}.html` : null;
}

/** A repository-relative path as a URI reference (each segment percent-encoded). */
export function pathToUri(path: string): string {
  return path
    .replace(/^\.?\/+/, "")
    .split("/")
    .map((s) => encodeURIComponent(s))
    .join("/");
}

/** An identifier-like name: "Shell command built from strings" -> "ShellCommandBuiltFromStrings". */
function ruleName(meta: RuleMeta): string {
  const words = (meta.name ?? meta.id).split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((p) => p[0]!.toUpperCase() + p.slice(1)).join("");
  return /^[A-Za-z]/.test(name) ? name : `Rule${name}`;
}

/** Rule messages may hold `{{capture}}` placeholders that only a finding fills in. */
function generic(text: string, markdown = false): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, n: string) => (markdown ? `\`<${n}>\`` : `<${n}>`));
}

function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function helpText(meta: RuleMeta): { text: string; markdown: string } {
  const text: string[] = [sentence(generic(meta.message))];
  const md: string[] = [sentence(generic(meta.message, true))];
  if (meta.fix) {
    text.push("", `Fix: ${meta.fix}`);
    md.push("", `**Fix:** ${meta.fix}`);
  }
  const refs = [
    ...meta.cwe.map((c) => ({ label: c, url: cweUrl(c) })),
    ...(meta.references ?? []).map((r) => ({ label: r, url: r })),
  ];
  const seen = new Set<string>();
  const unique = refs.filter((r) => {
    const key = r.url ?? r.label;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length > 0) {
    text.push("", "References:", ...unique.map((r) => `- ${r.url ?? r.label}`));
    md.push(
      "",
      "#### References",
      ...unique.map((r) => (r.url && r.url !== r.label ? `- [${r.label}](${r.url})` : `- ${r.label}`)),
    );
  }
  return { text: text.join("\n"), markdown: md.join("\n") };
}

function metaFromFinding(f: Finding): RuleMeta {
  return {
    id: f.ruleId,
    cwe: f.cwe,
    severity: f.severity,
    confidence: f.confidence,
    message: f.message,
    fix: f.fix,
    languages: [],
  };
}

function reportingDescriptor(meta: RuleMeta, severity: Severity): Record<string, unknown> {
  const tags = ["security", ...meta.cwe.map(cweTag)];
  const rule: Record<string, unknown> = {
    id: meta.id,
    name: ruleName(meta),
    shortDescription: { text: meta.name?.trim() || generic(meta.message) },
    fullDescription: { text: sentence(generic(meta.message)) },
    help: helpText(meta),
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags,
      precision: PRECISION[meta.confidence] ?? "medium",
      "security-severity": SECURITY_SEVERITY[severity],
    },
  };
  const uri = meta.references?.[0] ?? (meta.cwe[0] ? cweUrl(meta.cwe[0]) : null);
  if (uri) rule.helpUri = uri;
  return rule;
}

/** SARIF's region: lines, and columns when known (SARIF's endColumn is one past the end, as ours is). */
function regionOf(f: Finding): Record<string, number> {
  const region: Record<string, number> = { startLine: f.line, endLine: Math.max(f.line, f.endLine) };
  if (f.column !== undefined) region.startColumn = f.column;
  if (f.column !== undefined && f.endColumn !== undefined) region.endColumn = f.endColumn;
  return region;
}

/** A data-flow trace as a SARIF code flow: one thread, source first, the sink last. */
function codeFlow(f: Finding): Record<string, unknown> {
  return {
    message: { text: `outside input reaches ${f.ruleId}'s sink` },
    threadFlows: [
      {
        locations: (f.trace ?? []).map((s) => ({
          location: {
            physicalLocation: {
              artifactLocation: { uri: pathToUri(s.path), uriBaseId: "%SRCROOT%" },
              region: { startLine: s.line, ...(s.column !== undefined ? { startColumn: s.column } : {}) },
            },
            message: { text: `${s.role}: ${s.code}` },
          },
          kinds: [s.role],
        })),
      },
    ],
  };
}

function result(f: Finding, ruleIndex: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.fix ? `${f.message}\nFix: ${f.fix}` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: pathToUri(f.path), uriBaseId: "%SRCROOT%" },
          region: regionOf(f),
        },
      },
    ],
    partialFingerprints: { "aiguardFindingId/v1": f.id },
    properties: {
      severity: f.severity,
      confidence: f.confidence,
      cwe: f.cwe,
      ...(f.introducedBy ? { introducedBy: f.introducedBy } : {}),
    },
  };
  if (f.trace && f.trace.length > 0) out.codeFlows = [codeFlow(f)];
  if (f.suppressed) {
    out.suppressions = [
      {
        kind: f.suppressed.by === "inline" ? "inSource" : "external",
        status: "accepted",
        justification: f.suppressed.reason,
        ...(f.suppressed.author || f.suppressed.approvedBy
          ? {
              properties: {
                ...(f.suppressed.author ? { author: f.suppressed.author } : {}),
                ...(f.suppressed.approvedBy ? { approvedBy: f.suppressed.approvedBy } : {}),
              },
            }
          : {}),
      },
    ];
  }
  return out;
}

/** Build the SARIF log object. */
export function toSarif(res: ReviewResult, opts: SarifOptions = {}): Record<string, unknown> {
  const r = res.review;
  const metas = new Map<string, RuleMeta>();
  for (const m of res.rules) if (!metas.has(m.id)) metas.set(m.id, m);
  for (const f of r.findings) if (!metas.has(f.ruleId)) metas.set(f.ruleId, metaFromFinding(f));
  // A rule's effective severity is the one its findings carry (config can override it).
  const effective = new Map<string, Severity>();
  for (const f of r.findings) if (!effective.has(f.ruleId)) effective.set(f.ruleId, f.severity);
  const ids = [...metas.keys()];
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => {
    const m = metas.get(id)!;
    return reportingDescriptor(m, effective.get(id) ?? m.severity);
  });

  // Dependency risks: one result per risky dependency on its manifest line, rule `dependency/<kind>`.
  const alerts = dependencyAlerts(r.dependencies);
  const depResults = alerts.map((a) => {
    let i = index.get(a.ruleId);
    if (i === undefined) {
      i = rules.length;
      index.set(a.ruleId, i);
      const kind = a.ruleId.slice("dependency/".length);
      rules.push({
        id: a.ruleId,
        name: `Dependency${kind.replace(/(^|-)(\w)/g, (_m: string, _d: string, c: string) => c.toUpperCase())}`,
        shortDescription: { text: `Dependency risk: ${kind}` },
        fullDescription: { text: `A dependency this change adds or updates carries a ${kind} risk.` },
        defaultConfiguration: { level: LEVEL[a.severity] },
        properties: { tags: ["security", "supply-chain"] },
      });
    }
    return {
      ruleId: a.ruleId,
      ruleIndex: i,
      level: LEVEL[a.severity],
      message: { text: a.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathToUri(a.path), uriBaseId: "%SRCROOT%" },
            region: { startLine: a.line },
          },
        },
      ],
      partialFingerprints: { "aiguardDependency/v1": createHash("sha256").update(a.key).digest("hex").slice(0, 40) },
      properties: {
        severity: a.severity,
        ecosystem: a.dependency.ecosystem,
        package: a.dependency.name,
        version: a.dependency.version,
        risks: a.dependency.risks,
      },
    };
  });

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: "aiguard",
        version: r.tool.version,
        semanticVersion: r.tool.version,
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    ...(opts.category ? { automationDetails: { id: `${opts.category}/` } } : {}),
    invocations: [
      {
        executionSuccessful: r.tier !== "error",
        toolExecutionNotifications: [
          ...(r.incomplete ?? []).map((i) => ({
            level: "warning",
            message: { text: `${i.path}: not fully analysed (${i.reason})` },
          })),
          ...r.notes.map((n) => ({ level: "note", message: { text: n } })),
        ],
      },
    ],
    columnKind: "utf16CodeUnits",
    results: [...r.findings.map((f) => result(f, index.get(f.ruleId)!)), ...depResults],
    properties: { conclusion: r.conclusion, tier: r.tier, base: r.base, head: r.head, areas: r.areas },
  };
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

/** `aiguard review --format sarif`. */
export function renderSarif(res: ReviewResult, opts: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(res, opts), null, 2)}\n`;
}

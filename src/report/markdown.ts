// One Markdown renderer for the check-run summary and the CLI's `--format markdown`.
import type { ReviewResult } from "../pipeline.js";
import {
  severityRank,
  type AddedSuppression,
  type DependencyChange,
  type Finding,
  type IncompleteFile,
  type Severity,
} from "../core/types.js";
import { packagePage } from "./dependency-alerts.js";
import { plural } from "../core/text.js";
import { unverifiedCount } from "../core/policy/unverified.js";

/** GitHub's limit for a check run's output.summary. */
export const SUMMARY_LIMIT = 65_535;
/** GitHub's limit for a check run's output.title. */
export const TITLE_LIMIT = 255;

const SEVERITY_ICON: Record<Severity, string> = {
  critical: "🟥",
  high: "🟧",
  medium: "🟨",
  low: "🟦",
  info: "⬜",
};

const CONCLUSION_TEXT: Record<string, string> = {
  success: "✅ success",
  neutral: "⚪ neutral",
  action_required: "🛑 action required",
  failure: "❌ failure",
  cancelled: "⏹️ cancelled",
};

export interface MarkdownOptions {
  /** Hard cap on the output length (GitHub: 65,535 for a summary). */
  maxChars?: number | undefined;
  /** Config warnings (unknown keys and the like) to show near the top. */
  configWarnings?: string[] | undefined;
}

/** Escape text for a Markdown table cell. */
export function cell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

function code(text: string): string {
  const t = text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
  return t.includes("`") ? `\`\` ${t} \`\`` : `\`${t}\``;
}

function depRow(d: DependencyChange): string {
  const page = packagePage(d);
  const name = page ? `[${code(d.name)}](${page})` : code(d.name);
  const version = d.previousVersion && d.change === "updated" ? `${d.previousVersion} → ${d.version}` : d.version;
  const resolved = d.resolvedVersion && d.resolvedVersion !== d.version ? ` (${d.resolvedVersion})` : "";
  const where = code(d.line ? `${d.manifest}:${d.line}` : d.manifest);
  const risks = [...d.risks]
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity))
    .map((k) => `**${k.kind}** (${k.severity}): ${cell(k.detail)}${k.url ? ` [link](${k.url})` : ""}`);
  for (const i of d.ignored ?? []) risks.push(`~~${i.kind}~~ ignored: ${cell(i.reason)}`);
  const licence = d.license === undefined ? "" : d.license === null ? "none given" : cell(d.license);
  return `| ${name} ${cell(version + resolved)} | ${d.ecosystem} | ${d.change}${d.direct ? "" : " (transitive)"} | ${where} | ${licence} | ${risks.join("<br>") || "–"} |`;
}

/** The table rows of `items` that fit in `budget` characters (at most `limit`), the characters used, and how many did not fit. */
function fitRows<T>(
  items: readonly T[],
  toRow: (item: T) => string,
  budget: number,
  limit = Number.POSITIVE_INFINITY,
): { rows: string[]; used: number; left: number } {
  const rows: string[] = [];
  let used = 0;
  for (const item of items) {
    if (rows.length >= limit) break;
    const row = toRow(item);
    if (used + row.length + 1 > budget) break;
    rows.push(row);
    used += row.length + 1;
  }
  return { rows, used, left: items.length - rows.length };
}

/**
 * New and changed packages: the risky ones in full, the rest folded away; within `budget`
 * characters (the check-run summary has a hard limit, and findings need room too).
 */
function dependencyTable(deps: readonly DependencyChange[], budget: number): string[] {
  const risky = deps.filter((d) => d.risks.length > 0);
  const rest = deps.filter((d) => d.risks.length === 0);
  const header = [
    "| Package | Ecosystem | Change | Where | Licence | Why it is risky |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const out = ["", `#### Dependencies (${plural(risky.length, "risky package")}, ${deps.length} changed)`, ""];
  let left = budget;
  if (risky.length > 0) {
    const fit = fitRows(risky, depRow, left * 0.8, 100);
    out.push(...header, ...fit.rows);
    left -= fit.used;
    if (fit.left > 0) out.push("", `…and ${fit.left} more risky packages (see the JSON or SARIF report).`);
  }
  if (rest.length > 0) {
    const added = rest.filter((d) => d.change === "added").length;
    const fit = fitRows(rest, depRow, left, 50);
    out.push(
      "",
      `<details><summary>${plural(rest.length, "dependency change")} without risks (${added} added)</summary>`,
      "",
      ...header,
      ...fit.rows,
    );
    if (fit.left > 0) out.push("", `…and ${fit.left} more.`);
    out.push("", "</details>");
  }
  return out;
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1))}…`;
}

function countBySeverity(findings: Finding[]): string {
  const counts = new Map<Severity, number>();
  for (const f of findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return (["critical", "high", "medium", "low", "info"] as const)
    .filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(", ");
}

const SUPPRESSION_STATUS: Record<AddedSuppression["status"], string> = {
  applied: "✅ applied",
  "needs-approval": "⏳ needs approval",
  refused: "🚫 refused",
};

/** A GitHub login as a mention; any other author (the CLI's `Name <email>`) as text. */
function person(author: string): string {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(author) ? `@${author}` : cell(author);
}

/** Every inline suppression the change adds, with its author: near the top, so it is never cut. */
export function suppressionSection(added: readonly AddedSuppression[] | undefined): string[] {
  if (!added || added.length === 0) return [];
  const out = [
    "",
    `#### Suppressions added by this change (${added.length})`,
    "",
    "| Where | Rules | Status | Author | Reason |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const s of added.slice(0, 50)) {
    const status = `${SUPPRESSION_STATUS[s.status]}${s.findings.length > 0 ? ` (${plural(s.findings.length, "finding")})` : ""}${s.detail ? `: ${cell(s.detail)}` : ""}`;
    out.push(
      `| ${code(`${s.path}:${s.line}`)} | ${s.rules.map(code).join(", ")} | ${status} | ${s.author ? person(s.author) : "unknown"} | ${cell(s.reason) || "–"} |`,
    );
  }
  if (added.length > 50) out.push("", `…and ${added.length - 50} more (see the JSON report).`);
  return out;
}

/** The check run's title: one line, at most 255 characters. */
export function checkTitle(result: ReviewResult): string {
  const r = result.review;
  const active = r.findings.filter((f) => !f.suppressed);
  let title: string;
  if (r.tier === "error") title = truncate(r.notes[0] ?? "The review could not run", 200);
  else if (active.length === 0) title = "No security findings introduced by this change";
  else title = `${plural(active.length, "finding")} (${countBySeverity(active)})`;
  const unverified = r.tier === "error" ? 0 : unverifiedCount(r);
  if (unverified > 0) title += ` · ${plural(unverified, "new package")} not verified`;
  const incomplete = r.incomplete?.length ?? 0;
  if (incomplete > 0) title += ` · ${plural(incomplete, "file")} not fully analysed`;
  if (r.tier !== "error" && r.areas.length > 0) title += ` · areas: ${r.areas.join(", ")}`;
  return truncate(title, TITLE_LIMIT);
}

function findingRow(f: Finding): string {
  const loc = f.line === f.endLine ? `${f.path}:${f.line}` : `${f.path}:${f.line}-${f.endLine}`;
  const why =
    f.introducedBy && f.introducedBy.kind !== "changed-line"
      ? `<br>**Why this change:** ${cell(f.introducedBy.detail)}`
      : "";
  return `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${code(loc)} | ${code(f.ruleId)} | ${cell(f.cwe.join(", "))} | ${cell(f.message)}${why}${f.fix ? `<br>**Fix:** ${cell(f.fix)}` : ""} |`;
}

/**
 * Render the review as Markdown. Sections are added in order of importance and the
 * findings table is cut short (with a line saying so) to stay under `maxChars`.
 */
export function renderMarkdown(result: ReviewResult, opts: MarkdownOptions = {}): string {
  const max = opts.maxChars ?? SUMMARY_LIMIT;
  const r = result.review;
  const active = r.findings.filter((f) => !f.suppressed);
  const suppressed = r.findings.filter((f) => f.suppressed);

  const head: string[] = [];
  head.push(`### aiguard: ${CONCLUSION_TEXT[r.conclusion] ?? r.conclusion}`);
  head.push("");
  head.push(`**Tier:** ${r.tier} · **Reason:** ${cell(result.decision.reason)}`);
  head.push(`**Areas:** ${r.areas.length > 0 ? r.areas.map((a) => `\`${a}\``).join(", ") : "none"}`);
  if (r.labels.length > 0) head.push(`**Labels:** ${r.labels.map((l) => `\`${l}\``).join(", ")}`);
  const rev = [...r.reviewers.teams.map((t) => `@${t}`), ...r.reviewers.users.map((u) => `@${u}`)];
  if (rev.length > 0) head.push(`**Reviewers:** ${rev.join(", ")}`);
  head.push(
    `**Change:** ${plural(r.stats.filesChanged, "file")}, +${r.stats.linesAdded} −${r.stats.linesRemoved} · base \`${r.base.slice(0, 7) || "?"}\` → head \`${r.head.slice(0, 7) || "?"}\``,
  );
  const approval = r.approval;
  if (approval) {
    head.push("");
    head.push(
      approval.satisfied
        ? `**Approvals:** ✅ required approvals are in`
        : `**Approvals:** ⏳ waiting for ${plural(approval.required, "approval")} per area from ${rev.join(" or ") || "the configured reviewers"}`,
    );
    for (const a of approval.areas) {
      const who =
        a.approvedBy.length > 0
          ? `approved by ${a.approvedBy.map((u) => `@${u}`).join(", ")}`
          : "no qualifying approval yet";
      head.push(
        `- \`${a.area === "*" ? "change" : a.area}\`: ${who}${a.missing > 0 ? ` (${a.missing} more needed)` : ""}`,
      );
    }
    for (const i of approval.ignored) head.push(`- approval by @${cell(i.user)} does not count: ${cell(i.reason)}`);
  }
  head.push(...suppressionSection(r.suppressions));
  head.push(...incompleteSection(r.incomplete ?? []));
  if (opts.configWarnings && opts.configWarnings.length > 0) {
    head.push("");
    head.push("> [!WARNING]");
    head.push("> Configuration warnings:");
    for (const w of opts.configWarnings) head.push(`> - ${cell(w)}`);
  }
  if (r.areaEvidence.length > 0) {
    head.push("");
    head.push("<details><summary>Why these areas</summary>");
    head.push("");
    for (const e of r.areaEvidence.slice(0, 50))
      head.push(`- \`${e.area}\`: ${code(`${e.path}:${e.line}`)} ${cell(e.reason)}`);
    head.push("");
    head.push("</details>");
  }

  const tail: string[] = [];
  if (suppressed.length > 0) {
    tail.push("");
    tail.push(`#### Suppressed (${suppressed.length})`);
    tail.push("");
    for (const f of suppressed.slice(0, 100)) {
      tail.push(
        `- ${code(`${f.path}:${f.line}`)} ${code(f.ruleId)}: ${cell(f.suppressed?.reason ?? "")} (${f.suppressed?.by}${f.suppressed?.author ? ` by ${person(f.suppressed.author)}` : ""}${f.suppressed?.approvedBy?.length ? `, approved by ${f.suppressed.approvedBy.map((u) => `@${cell(u)}`).join(", ")}` : ""})`,
      );
    }
  }
  // Dependencies may take up to a third of the summary; findings fill what is left.
  if (r.dependencies.length > 0) tail.push(...dependencyTable(r.dependencies, Math.floor(max / 3)));
  if (r.notes.length > 0) {
    tail.push("");
    tail.push("#### Notes");
    tail.push("");
    for (const n of r.notes.slice(0, 50)) tail.push(`- ${cell(n)}`);
    if (r.notes.length > 50) tail.push(`- …and ${r.notes.length - 50} more notes`);
  }
  tail.push("");
  tail.push(
    `<sub>aiguard ${r.tool.version} · ${plural(r.stats.filesChanged, "file")} changed, ${r.stats.durationMs} ms</sub>`,
  );

  const body: string[] = [];
  body.push("");
  if (active.length === 0) {
    body.push("No findings introduced by this change.");
  } else {
    body.push(`#### Findings (${active.length})`);
    body.push("");
    body.push("| Severity | Location | Rule | CWE | Message |");
    body.push("| --- | --- | --- | --- | --- |");
  }

  const fixed = head.join("\n").length + tail.join("\n").length + body.join("\n").length + 200;
  const { rows, left } = fitRows(active, findingRow, max - fixed);
  if (left > 0) rows.push(`\n_…and ${left} more findings; the full list is in the annotations and the JSON report._`);

  const out = [...head, ...body, ...rows, ...tail].join("\n");
  return out.length > max ? `${out.slice(0, max - 40)}\n\n_…summary truncated._` : out;
}

/** Files the review could not fully analyse: a warning near the top, never folded away. */
function incompleteSection(incomplete: readonly IncompleteFile[]): string[] {
  if (incomplete.length === 0) return [];
  const out = ["", "> [!WARNING]", `> ${plural(incomplete.length, "file")} not fully analysed (incomplete):`];
  for (const i of incomplete.slice(0, 20)) out.push(`> - ${code(i.path)}: ${cell(i.reason)}`);
  if (incomplete.length > 20) out.push(`> - …and ${incomplete.length - 20} more (see the JSON report)`);
  return out;
}

// The one PR comment aiguard keeps up to date when a tier asks for it (`comment: true`):
// why a human review is required, with the evidence, who must approve and where that
// stands. Pure rendering; github/publish/comment.ts finds and writes it. A hidden marker identifies it, and
// a second one records whom aiguard already asked to review (so a push does not ask again).
import type { AddedSuppression, Reviewers } from "../core/types.js";
import { cell } from "./markdown.js";
import type { ReviewResult } from "../pipeline.js";
import { plural } from "../core/text.js";

export const SUMMARY_MARKER = "<!-- aiguard:summary -->";
const REQUESTED_RE = /<!-- aiguard:requested (\{.*?\}) -->/;
/** GitHub's limit for a comment body. */
export const COMMENT_LIMIT = 65_536;
const MAX_EVIDENCE = 30;

const NO_LONGER = "## ✅ aiguard: security review no longer required";

/** Whether the comment already says review is no longer required (then a push leaves it alone). */
export function saysNoLongerRequired(body: string): boolean {
  return body.includes(NO_LONGER);
}

export function isSummaryComment(body: string | null | undefined): boolean {
  return typeof body === "string" && body.startsWith(SUMMARY_MARKER);
}

/** The reviewers recorded in a summary comment as already requested. */
export function recordedReviewers(body: string | null | undefined): Reviewers {
  const m = body ? REQUESTED_RE.exec(body) : null;
  if (!m) return { teams: [], users: [] };
  try {
    const v = JSON.parse(m[1]!) as { teams?: unknown; users?: unknown };
    const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === "string") : []);
    return { teams: strings(v.teams), users: strings(v.users) };
  } catch {
    return { teams: [], users: [] };
  }
}

function requestedMarker(r: Reviewers): string {
  const json = JSON.stringify({ teams: [...new Set(r.teams)].sort(), users: [...new Set(r.users)].sort() }).replace(
    /--/g,
    "",
  );
  return `<!-- aiguard:requested ${json} -->`;
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
/** Logins in code spans: an edited comment must not notify people on every push. */
const who = (u: string) => code(`@${u}`);

function approvers(r: Reviewers): string {
  const parts = [...r.teams.map((t) => `team ${code(t)}`), ...r.users.map(who)];
  return parts.length === 0 ? "the reviewers the policy names (none are configured)" : parts.join(" or ");
}

function footer(sha: string): string {
  return `<sub>For commit ${code(sha.slice(0, 7))}. This comment is updated on every push. To review again, comment \`/aiguard review\` (write access) or use the check's Re-run button.</sub>`;
}

function bound(body: string): string {
  return body.length <= COMMENT_LIMIT ? body : `${body.slice(0, COMMENT_LIMIT - 40)}\n\n_…comment truncated._`;
}

/** The inline suppressions the change adds, with their authors (the check run has the full table). */
function suppressionLines(added: readonly AddedSuppression[]): string[] {
  if (added.length === 0) return [];
  const out = [`**Suppressions added by this change:** ${added.length}`];
  for (const s of added.slice(0, MAX_EVIDENCE)) {
    const by = s.author ? ` by ${/^[\w-]+(\[bot\])?$/.test(s.author) ? who(s.author) : cell(s.author)}` : "";
    out.push(`- ${code(`${s.path}:${s.line}`)} ${s.rules.map(code).join(", ")}${by}: ${s.status}`);
  }
  if (added.length > MAX_EVIDENCE) out.push(`- …and ${added.length - MAX_EVIDENCE} more (see the aiguard check)`);
  return out;
}

/** The comment while the tier asks for review. */
export function renderSummaryComment(result: ReviewResult, recorded: Reviewers): string {
  const { review: r, decision: d } = result;
  const approval = r.approval ?? null;
  const required = d.approvals?.required ?? 0;
  const active = r.findings.filter((f) => f.suppressed === null);
  const lines: string[] = [SUMMARY_MARKER];
  if (approval?.satisfied) lines.push("## ✅ aiguard: security review approved");
  else if (required > 0) lines.push("## 🛑 aiguard: security review required");
  else lines.push("## 🔎 aiguard: security review requested");
  lines.push("");
  lines.push(`This change is in the **${cell(d.tier)}** tier (${cell(d.reason)}).`);
  if (required > 0) {
    const perArea = (d.approvals?.areas ?? []).some((a) => a !== "*") ? " for each area" : "";
    lines.push(
      `It needs ${plural(required, "approval")}${perArea} from ${approvers(d.reviewers)} before the aiguard check passes.`,
    );
  } else if (d.reviewers.teams.length + d.reviewers.users.length > 0) {
    lines.push(`A review was requested from ${approvers(d.reviewers)}.`);
  }
  lines.push("");
  lines.push(`**Areas:** ${r.areas.length > 0 ? r.areas.map(code).join(", ") : "none"}`);
  for (const e of r.areaEvidence.slice(0, MAX_EVIDENCE))
    lines.push(`- ${code(e.area)}: ${code(`${e.path}:${e.line}`)} ${cell(e.reason)}`);
  if (r.areaEvidence.length > MAX_EVIDENCE)
    lines.push(`- …and ${r.areaEvidence.length - MAX_EVIDENCE} more (see the aiguard check)`);
  const bySeverity = (["critical", "high", "medium", "low", "info"] as const)
    .map((s) => [s, active.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`);
  lines.push(
    `**Findings:** ${active.length === 0 ? "none" : `${active.length} (${bySeverity.join(", ")}); details in the aiguard check`}`,
  );
  lines.push(...suppressionLines(r.suppressions ?? []));
  if (approval) {
    lines.push(`**Approvals:** ${approval.satisfied ? "✅ every area has the approvals it needs" : "⏳ waiting"}`);
    for (const a of approval.areas) {
      const name = a.area === "*" ? "change" : a.area;
      const by =
        a.approvedBy.length > 0 ? `approved by ${a.approvedBy.map(who).join(", ")}` : "no qualifying approval yet";
      lines.push(
        `- ${a.missing === 0 ? "✅" : "⏳"} ${code(name)}: ${by}${a.missing > 0 ? ` (${a.missing} more needed)` : ""}`,
      );
    }
    for (const i of approval.ignored) lines.push(`- approval by ${who(i.user)} does not count: ${cell(i.reason)}`);
  } else if (required > 0 && r.conclusion === "neutral") {
    lines.push("**Approvals:** not counted while the pull request is a draft");
  }
  lines.push("");
  lines.push(footer(r.head));
  lines.push(requestedMarker(recorded));
  return bound(lines.join("\n"));
}

/** The comment once a later push no longer needs review (kept, not deleted, for the record). */
export function renderNoLongerRequired(result: ReviewResult, recorded: Reviewers): string {
  const { review: r, decision: d } = result;
  return bound(
    [
      SUMMARY_MARKER,
      NO_LONGER,
      "",
      `An earlier commit needed a security review. The latest one is in the **${cell(d.tier)}** tier (${cell(d.reason)}), which does not ask for one.`,
      "",
      footer(r.head),
      requestedMarker(recorded),
    ].join("\n"),
  );
}

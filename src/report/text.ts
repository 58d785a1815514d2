// The review for a terminal: a header with the conclusion, the findings grouped by file,
// then stats and notes. Colour is the caller's decision (see cli/output.ts).
import type { ReviewResult } from "../pipeline.js";
import type { AddedSuppression, Conclusion, Finding, Severity } from "../core/types.js";
import { SEVERITY_ORDER } from "../core/types.js";
import { plural } from "../core/text.js";

export interface TextOptions {
  /** Use ANSI colours. */
  color?: boolean | undefined;
  /** Config warnings to show under the header. */
  configWarnings?: string[] | undefined;
}

type Style = (s: string) => string;

interface Palette {
  bold: Style;
  dim: Style;
  red: Style;
  yellow: Style;
  green: Style;
  blue: Style;
  magenta: Style;
  cyan: Style;
  gray: Style;
}

function sgr(open: number, close: number): Style {
  return (s) => `\u001b[${open}m${s}\u001b[${close}m`;
}

const PLAIN: Style = (s) => s;

function palette(color: boolean): Palette {
  if (!color)
    return {
      bold: PLAIN,
      dim: PLAIN,
      red: PLAIN,
      yellow: PLAIN,
      green: PLAIN,
      blue: PLAIN,
      magenta: PLAIN,
      cyan: PLAIN,
      gray: PLAIN,
    };
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    green: sgr(32, 39),
    blue: sgr(34, 39),
    magenta: sgr(35, 39),
    cyan: sgr(36, 39),
    gray: sgr(90, 39),
  };
}

function severityStyle(p: Palette, s: Severity): Style {
  switch (s) {
    case "critical":
      return (t) => p.bold(p.magenta(t));
    case "high":
      return (t) => p.bold(p.red(t));
    case "medium":
      return p.yellow;
    case "low":
      return p.blue;
    default:
      return p.gray;
  }
}

function conclusionText(p: Palette, c: Conclusion): string {
  const label = c.replace("_", " ").toUpperCase();
  if (c === "success") return p.bold(p.green(`✔ ${label}`));
  if (c === "neutral") return p.bold(`• ${label}`);
  return p.bold(p.red(`✖ ${label}`));
}

/** Remove control characters (terminal escapes) from text that came from the repository. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "�");
}

function short(sha: string): string {
  return /^[0-9a-f]{40,64}$/.test(sha) ? sha.slice(0, 12) : sha || "?";
}

function countBySeverity(findings: Finding[]): string {
  return SEVERITY_ORDER.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
}

function renderFinding(p: Palette, f: Finding, out: string[]): void {
  const sev = severityStyle(p, f.severity)(f.severity.toUpperCase().padEnd(8));
  const loc = f.endLine > f.line ? `${f.line}-${f.endLine}` : `${f.line}`;
  const cwe = f.cwe.length > 0 ? `  ${p.gray(f.cwe.join(", "))}` : "";
  const conf = f.confidence !== "high" ? p.gray(`  (${f.confidence} confidence)`) : "";
  const head = `  ${p.dim(`line ${loc}`.padEnd(10))} ${sev} ${p.cyan(clean(f.ruleId))}${cwe}${conf}`;
  if (f.suppressed) {
    const approved = f.suppressed.approvedBy?.length
      ? `, approved by ${f.suppressed.approvedBy.map(clean).join(", ")}`
      : "";
    const by = `${f.suppressed.author ? ` by ${clean(f.suppressed.author)}` : ""}${approved}`;
    out.push(p.dim(`${head}  [suppressed ${f.suppressed.by}${by}: ${clean(f.suppressed.reason)}]`));
  } else {
    out.push(head);
  }
  out.push(`             ${clean(f.message)}`);
  if (f.snippet) out.push(`             ${p.gray("│")} ${clean(f.snippet)}`);
  if (f.introducedBy && f.introducedBy.kind !== "changed-line")
    out.push(`             ${p.yellow("why:")} ${clean(f.introducedBy.detail)}`);
  for (const s of f.trace ?? [])
    out.push(
      `             ${p.gray(`${s.role.padEnd(9)} ${s.path === f.path ? "" : `${clean(s.path)}:`}${s.line}`)}  ${clean(s.code)}`,
    );
  if (f.fix) out.push(`             ${p.green("fix:")} ${clean(f.fix)}`);
}

/** Every inline suppression the change adds, with its author and what became of it. */
function renderSuppressions(p: Palette, added: readonly AddedSuppression[], out: string[]): void {
  if (added.length === 0) return;
  out.push("");
  out.push(p.bold(`${plural(added.length, "suppression")} added by this change`));
  for (const s of added) {
    const status =
      s.status === "applied" ? p.green(s.status) : s.status === "refused" ? p.red(s.status) : p.yellow(s.status);
    const covers = s.findings.length > 0 ? `, ${plural(s.findings.length, "finding")}` : "";
    out.push(
      `  ${p.dim(clean(`${s.path}:${s.line}`))} ${p.cyan(clean(s.rules.join(", ")))} ${status}${covers} · ${clean(s.author ?? "author unknown")}`,
    );
    if (s.reason) out.push(`             ${clean(s.reason)}`);
    if (s.detail) out.push(`             ${p.dim(clean(s.detail))}`);
  }
}

/** `aiguard review --format text` (the default). */
export function renderText(result: ReviewResult, opts: TextOptions = {}): string {
  const p = palette(opts.color ?? false);
  const r = result.review;
  const out: string[] = [];
  const active = r.findings.filter((f) => !f.suppressed);
  const suppressed = r.findings.length - active.length;

  out.push(
    `${p.bold("aiguard")} ${conclusionText(p, r.conclusion)}  ${p.dim("tier")} ${p.bold(r.tier)}  ${p.dim(`${short(r.base)}...${short(r.head)}`)}`,
  );
  out.push(p.dim(clean(result.decision.reason)));
  if (r.areas.length > 0) out.push(`${p.dim("areas:")} ${r.areas.map(clean).join(", ")}`);
  if (r.labels.length > 0) out.push(`${p.dim("labels:")} ${r.labels.map(clean).join(", ")}`);
  const reviewers = [...r.reviewers.teams.map((t) => `team ${t}`), ...r.reviewers.users];
  if (reviewers.length > 0) out.push(`${p.dim("reviewers:")} ${reviewers.map(clean).join(", ")}`);
  for (const w of opts.configWarnings ?? []) out.push(p.yellow(`warning: ${clean(w)}`));
  out.push("");

  if (r.findings.length === 0) {
    out.push(p.green("No findings introduced by this change."));
  } else {
    const counts = countBySeverity(active);
    out.push(
      p.bold(
        `${plural(active.length, "finding")}${counts ? ` (${counts})` : ""}${suppressed > 0 ? `, ${suppressed} suppressed` : ""}`,
      ),
    );
    const byFile = new Map<string, Finding[]>();
    for (const f of r.findings) {
      const list = byFile.get(f.path) ?? [];
      list.push(f);
      byFile.set(f.path, list);
    }
    for (const [path, list] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
      out.push("");
      out.push(p.bold(p.cyan(clean(path))));
      for (const f of [...list].sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId)))
        renderFinding(p, f, out);
    }
  }

  renderSuppressions(p, r.suppressions ?? [], out);

  if (r.dependencies.length > 0) {
    out.push("");
    out.push(p.bold(`${plural(r.dependencies.length, "dependency change")}`));
    for (const d of r.dependencies) {
      out.push(
        `  ${d.change.padEnd(8)} ${clean(`${d.ecosystem}:${d.name}@${d.version}`)} ${p.dim(clean(d.line ? `${d.manifest}:${d.line}` : d.manifest))}`,
      );
      for (const k of d.risks)
        out.push(
          `           ${severityStyle(p, k.severity)(`${k.kind} (${k.severity})`)}: ${clean(k.detail)}${k.url ? p.dim(` ${clean(k.url)}`) : ""}`,
        );
      for (const k of d.ignored ?? []) out.push(p.dim(`           ${k.kind} ignored: ${clean(k.reason)}`));
    }
  }

  if ((r.incomplete?.length ?? 0) > 0) {
    out.push("");
    out.push(p.yellow(p.bold(`${plural(r.incomplete.length, "file")} not fully analysed (incomplete):`)));
    for (const i of r.incomplete) out.push(p.yellow(`  ${clean(i.path)}: ${clean(i.reason)}`));
  }

  out.push("");
  const s = r.stats;
  const analysed = s.filesAnalyzed !== undefined ? `, ${s.filesAnalyzed} analysed` : "";
  out.push(
    p.dim(
      `${plural(s.filesChanged, "file")} changed${analysed}, +${s.linesAdded} -${s.linesRemoved} lines, ${s.durationMs} ms · aiguard ${r.tool.version}`,
    ),
  );
  if (r.notes.length > 0) {
    out.push(p.dim("notes:"));
    for (const n of r.notes) out.push(p.dim(`  - ${clean(n)}`));
  }
  return `${out.join("\n")}\n`;
}

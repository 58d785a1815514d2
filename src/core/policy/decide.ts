// decide(analysis, config) -> tier, conclusion, labels, reviewers, approvals. Pure.
// Tiers are tried in order (per-directory overrides first); the first whose `when`
// matches wins. Approvals are applied afterwards by applyApprovals().
import { globMatcher } from "../glob.js";
import type { Analysis, Decision } from "../types.js";
import { severityRank } from "../types.js";
import { defaultTiers } from "./defaults.js";
import type { AiguardConfig, Tier, When } from "./schema.js";
import { plural } from "../text.js";
import { moduleFor } from "../dependencies/ecosystems/index.js";
import { applyUnverified } from "./unverified.js";

export interface DecideContext {
  draft?: boolean | undefined;
  /** Paths of every file the change touches (added, modified, removed, renamed). */
  paths?: readonly string[] | undefined;
  aiAssisted?: boolean | undefined;
}

const DOC_FILE = globMatcher(
  [
    "**/*.{md,markdown,mdx,rst,adoc,txt}",
    "docs/**",
    "doc/**",
    "**/{LICENSE,LICENCE,NOTICE,AUTHORS,CONTRIBUTORS,CHANGELOG,CHANGES}{,.*}",
    "**/*.{png,jpg,jpeg,gif,svg,webp}",
  ],
  { nocase: true },
);

/**
 * Every changed path is documentation. A dependency manifest or lockfile never is, whatever its
 * extension (`requirements.txt` names packages to install), so it cannot pass as docs.
 */
export function isDocsOnly(paths: readonly string[]): boolean {
  return paths.length > 0 && paths.every((p) => DOC_FILE(p) && moduleFor(p) === undefined);
}

interface Scope {
  paths: readonly string[];
  analysis: Analysis;
}

function scopeTo(analysis: Analysis, paths: readonly string[], match: (p: string) => boolean): Scope {
  const evidence = analysis.areaEvidence.filter((e) => match(e.path));
  return {
    paths: paths.filter(match),
    analysis: {
      ...analysis,
      findings: analysis.findings.filter((f) => match(f.path)),
      areaEvidence: evidence,
      areas: analysis.areas.filter((a) => evidence.some((e) => e.area === a)),
      dependencies: analysis.dependencies.filter((d) => match(d.manifest)),
    },
  };
}

function whenMatches(when: When, scope: Scope, ctx: DecideContext): { ok: boolean; areas: string[] } {
  const a = scope.analysis;
  const matchedAreas: string[] = [];
  const active = a.findings.filter((f) => f.suppressed === null);
  if (when.areas) {
    const hit = a.areas.filter((x) => when.areas!.includes(x));
    if (hit.length === 0) return { ok: false, areas: [] };
    matchedAreas.push(...hit);
  }
  if (when.paths) {
    const m = globMatcher(when.paths);
    if (!scope.paths.some((p) => m(p))) return { ok: false, areas: [] };
  }
  if (when.severity !== undefined) {
    const r = severityRank(when.severity);
    if (!active.some((f) => severityRank(f.severity) >= r)) return { ok: false, areas: [] };
  }
  if (when.findings !== undefined && when.findings !== active.length > 0) return { ok: false, areas: [] };
  if (when.dependencyRisk !== undefined) {
    const r = severityRank(when.dependencyRisk);
    if (!a.dependencies.some((d) => d.risks.some((k) => severityRank(k.severity) >= r)))
      return { ok: false, areas: [] };
  }
  if (when.dependencies === "added" && !a.dependencies.some((d) => d.change === "added"))
    return { ok: false, areas: [] };
  if (when.dependencies === "changed" && a.dependencies.length === 0) return { ok: false, areas: [] };
  if (when.linesChanged) {
    const n = a.stats.linesAdded + a.stats.linesRemoved;
    if (when.linesChanged.min !== undefined && n < when.linesChanged.min) return { ok: false, areas: [] };
    if (when.linesChanged.max !== undefined && n > when.linesChanged.max) return { ok: false, areas: [] };
  }
  if (when.aiAssisted !== undefined && when.aiAssisted !== (ctx.aiAssisted ?? false)) return { ok: false, areas: [] };
  if (when.docsOnly !== undefined && when.docsOnly !== isDocsOnly(scope.paths)) return { ok: false, areas: [] };
  if (when.all) {
    for (const w of when.all) {
      const r = whenMatches(w, scope, ctx);
      if (!r.ok) return { ok: false, areas: [] };
      matchedAreas.push(...r.areas);
    }
  }
  if (when.any) {
    let anyOk = false;
    for (const w of when.any) {
      const r = whenMatches(w, scope, ctx);
      if (r.ok) {
        anyOk = true;
        matchedAreas.push(...r.areas);
      }
    }
    if (!anyOk) return { ok: false, areas: [] };
  }
  return { ok: true, areas: [...new Set(matchedAreas)] };
}

function collectPaths(when: When): string[] {
  return [...(when.paths ?? []), ...(when.any ?? []).flatMap(collectPaths), ...(when.all ?? []).flatMap(collectPaths)];
}

function expandLabels(labels: readonly string[], areas: readonly string[]): string[] {
  const out: string[] = [];
  for (const l of labels) {
    if (!l.includes("{area}")) out.push(l);
    else if (areas.length === 0) out.push(l.replace(/[:/_-]?\{area\}/g, ""));
    else for (const a of areas) out.push(l.replaceAll("{area}", a));
  }
  return [...new Set(out.filter((l) => l.length > 0))];
}

function describe(tier: Tier, areas: readonly string[], scope: Scope): string {
  const active = scope.analysis.findings.filter((f) => f.suppressed === null);
  const parts: string[] = [];
  if (areas.length > 0) parts.push(`touches ${areas.join(", ")}`);
  const globs = collectPaths(tier.when);
  if (globs.length > 0) {
    const m = globMatcher(globs);
    const hit = scope.paths.filter((p) => m(p));
    if (hit.length > 0)
      parts.push(`changes ${hit.slice(0, 3).join(", ")}${hit.length > 3 ? ` and ${hit.length - 3} more` : ""}`);
  }
  if (active.length > 0) parts.push(plural(active.length, "finding"));
  const risky = scope.analysis.dependencies.filter((d) => d.risks.some((r) => r.severity !== "info")).length;
  if (risky > 0) parts.push(`${risky} risky dependenc${risky === 1 ? "y" : "ies"}`);
  if (parts.length === 0) parts.push(isDocsOnly(scope.paths) ? "documentation only" : "no findings");
  return `tier ${tier.name}: ${parts.join("; ")}`;
}

export function decide(analysis: Analysis, config: AiguardConfig, ctx: DecideContext = {}): Decision {
  const paths = ctx.paths ?? [
    ...new Set([...analysis.findings.map((f) => f.path), ...analysis.areaEvidence.map((e) => e.path)]),
  ];
  const candidates: { tier: Tier; scope: Scope }[] = [];
  for (const o of config.overrides) {
    if (!o.tiers) continue;
    const m = globMatcher(o.paths);
    if (!paths.some((p) => m(p))) continue;
    const scope = scopeTo(analysis, paths, m);
    for (const tier of o.tiers) candidates.push({ tier, scope });
  }
  const whole: Scope = { paths, analysis };
  for (const tier of config.tiers ?? defaultTiers()) candidates.push({ tier, scope: whole });

  let decision: Decision | undefined;
  for (const { tier, scope } of candidates) {
    const r = whenMatches(tier.when, scope, ctx);
    if (!r.ok) continue;
    const areas = r.areas.length > 0 ? r.areas : scope.analysis.areas;
    decision = {
      conclusion: tier.conclusion,
      tier: tier.name,
      labels: expandLabels(tier.labels, areas),
      reviewers: { teams: [...tier.reviewers.teams], users: [...tier.reviewers.users] },
      reason: describe(tier, areas, scope),
      approvals: {
        required: tier.approvals,
        areas: r.areas.length > 0 ? r.areas : ["*"],
        dismissOnPush: tier.dismissOnPush,
      },
      comment: tier.comment,
    };
    break;
  }
  decision ??= {
    conclusion: "success",
    tier: "none",
    labels: [],
    reviewers: { teams: [], users: [] },
    reason: "no tier matched",
    approvals: { required: 0, areas: [], dismissOnPush: true },
    comment: false,
  };
  decision = failClosed(decision, analysis, config);
  if (ctx.draft && config.drafts === "neutral" && decision.conclusion !== "neutral") {
    decision = {
      ...decision,
      conclusion: "neutral",
      reason: `${decision.reason}; draft PR, so the conclusion is neutral`,
    };
  }
  return decision;
}

/**
 * The floors no tier and no approval can go under: a change with a package no registry vouched for
 * is at least `dependencies.unverified`, and an incomplete review is never `success`.
 */
export function failClosed(decision: Decision, analysis: Analysis, config: AiguardConfig): Decision {
  return incompleteDecision(applyUnverified(decision, analysis, config), analysis, config);
}

/**
 * A review that could not analyse every file never passes: `success` becomes the `incomplete`
 * setting (neutral, or failure to fail closed); a worse conclusion stays.
 */
export function incompleteDecision(
  decision: Decision,
  analysis: Pick<Analysis, "incomplete">,
  config: Pick<AiguardConfig, "incomplete">,
): Decision {
  const n = analysis.incomplete.length;
  if (n === 0) return decision;
  const what = `${plural(n, "file")} not fully analysed`;
  if (decision.conclusion !== "success")
    return decision.reason.includes(what) ? decision : { ...decision, reason: `${decision.reason}; ${what}` };
  return {
    ...decision,
    conclusion: config.incomplete,
    reason: `${decision.reason}; ${what}, so the conclusion is ${config.incomplete} (incomplete: ${config.incomplete})`,
  };
}

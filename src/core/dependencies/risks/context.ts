// What every risk check may read: the dependencies config (with its name lists compiled once),
// the looked-up facts and the time of the review. Plus the shared helpers of the checks.
import type { DependenciesConfig, DependencyRiskKind } from "../../policy/schema.js";
import type { DependencyRisk, Severity } from "../../types.js";
import { factKey, type Advisory, type DependencyFacts, type PackageFacts } from "../facts.js";
import type { ExtractedDependencyChange } from "../index.js";
import { normaliseList, type LicensePolicy } from "../license.js";
import { matcherFor, privateMatcher, type NameMatcher } from "../matchers.js";
import { compileIgnores, type ActiveIgnore } from "./ignores.js";

const DAY_MS = 86_400_000;

/** Default severity of each kind (advisories carry their own). */
export const DEFAULT_RISK_SEVERITY: Record<DependencyRiskKind, Severity> = {
  typosquat: "high",
  nonexistent: "critical",
  "new-package": "medium",
  "new-version": "low",
  "install-script": "medium",
  vulnerability: "high",
  license: "medium",
  denied: "high",
  "not-approved": "medium",
  deprecated: "low",
  malicious: "critical",
  "unknown-version": "medium",
  unverified: "medium",
};

export interface RiskContext {
  config: DependenciesConfig;
  /** Registry and advisory answers; undefined offline. */
  facts: DependencyFacts | undefined;
  /** Time of the review in ms (NaN when unknown: no age is judged). */
  now: number;
  isPrivate: (ecosystem: string, name: string) => boolean;
  deny: NameMatcher[];
  allow: NameMatcher[];
  /** Valid SPDX ids of dependencies.licenses. */
  licenses: LicensePolicy;
  /** dependencies.ignore entries that have not expired. */
  ignores: ActiveIgnore[];
}

/** The context of one review, and the notes its config earns (invalid licence ids, expired ignores). */
export function riskContext(
  config: DependenciesConfig,
  facts: DependencyFacts | undefined,
  now: number,
): { context: RiskContext; notes: string[] } {
  const notes: string[] = [];
  const allow = normaliseList(config.licenses.allow);
  const deny = normaliseList(config.licenses.deny);
  for (const bad of [...allow.invalid, ...deny.invalid])
    notes.push(`dependencies.licenses: "${bad}" is not an SPDX licence id; it is ignored`);
  const ignores = compileIgnores(config.ignore, now);
  notes.push(...ignores.notes);
  const context: RiskContext = {
    config,
    facts,
    now,
    isPrivate: privateMatcher(config),
    deny: config.deny.map(matcherFor),
    allow: config.allow.map(matcherFor),
    licenses: { allow: allow.ids, deny: deny.ids },
    ignores: ignores.active,
  };
  return { context, notes };
}

/** The configured severity of a kind, else its default. */
export function severity(ctx: RiskContext, kind: DependencyRiskKind): Severity {
  return ctx.config.severity[kind] ?? DEFAULT_RISK_SEVERITY[kind];
}

/** Days from an ISO time to the review, or null when either is unknown. */
export function ageDays(now: number, iso: string | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? (now - t) / DAY_MS : null;
}

/** What the registry said about the dependency, if it was asked and answered. */
export function packageFacts(dep: ExtractedDependencyChange, ctx: RiskContext): PackageFacts | undefined {
  return ctx.facts?.packages[factKey(dep.ecosystem, dep.name, dep.version)];
}

/** The advisories found for the dependency (empty when none, or not checked). */
export function advisoriesOf(dep: ExtractedDependencyChange, ctx: RiskContext): Advisory[] {
  return ctx.facts?.advisories[factKey(dep.ecosystem, dep.name, dep.version)] ?? [];
}

/** One check: the risks of one kind (or two exclusive kinds) that a dependency added or updated carries. */
export type RiskCheck = (dep: ExtractedDependencyChange, ctx: RiskContext) => DependencyRisk[];

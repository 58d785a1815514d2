// Every risk check of a dependency, in the order its risks are listed (before the worst-first
// sort, which keeps that order among equals). A new kind is one check in a file here, and a line
// in RISK_CHECKS. Ignores apply after every check.
import { severityRank, type DependencyRisk, type IgnoredDependencyRisk } from "../../types.js";
import type { ExtractedDependencyChange } from "../index.js";
import { vulnerability } from "./advisories.js";
import { denied, notApproved } from "./allow-deny.js";
import type { RiskCheck, RiskContext } from "./context.js";
import { declared } from "./declared.js";
import { applyIgnores } from "./ignores.js";
import { license } from "./license.js";
import {
  deprecated,
  installScript,
  malicious,
  newPackage,
  newVersion,
  nonexistent,
  unknownVersion,
} from "./registry-facts.js";
import { typosquat } from "./typosquat.js";
import { unverified } from "./unverified.js";

export { DEFAULT_RISK_SEVERITY, riskContext, type RiskCheck, type RiskContext } from "./context.js";

export const RISK_CHECKS: readonly RiskCheck[] = [
  declared,
  typosquat,
  denied,
  notApproved,
  nonexistent,
  unverified,
  newPackage,
  newVersion,
  installScript,
  unknownVersion,
  malicious,
  deprecated,
  license,
  vulnerability,
];

/** The risks of a dependency added or updated: every check, then the ignores, worst first. */
export function judgeRisks(
  dep: ExtractedDependencyChange,
  ctx: RiskContext,
): { risks: DependencyRisk[]; ignored: IgnoredDependencyRisk[] } {
  const found = RISK_CHECKS.flatMap((check) => check(dep, ctx));
  const { kept, ignored } = applyIgnores(dep, found, ctx.ignores);
  kept.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return { risks: kept, ignored };
}

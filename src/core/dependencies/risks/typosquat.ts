// Typosquat: a new dependency whose name looks like a popular package of its ecosystem.
import type { Severity } from "../../types.js";
import { isLocalSpec } from "../index.js";
import { TYPOSQUAT_ECOSYSTEM } from "../ecosystems/index.js";
import { checkTyposquat } from "../typosquat/index.js";
import { ageDays, packageFacts, type RiskCheck } from "./context.js";

/**
 * A look-alike the PR itself declares keeps the check's severity ("did you mean lodash?").
 * A transitive one was chosen upstream and has usually been on the registry for years (just-diff
 * and jest-diff are both real): at most medium, low when it is established, and high when the
 * registry says it is new, which is how a planted look-alike shows.
 */
export function typosquatSeverity(base: Severity, direct: boolean, age: number | null, minAgeDays: number): Severity {
  if (direct) return base;
  if (age !== null && age < minAgeDays) return "high";
  if (age !== null && age > 2 * 365) return "low";
  return base === "high" ? "medium" : base;
}

export const typosquat: RiskCheck = (dep, ctx) => {
  const eco = TYPOSQUAT_ECOSYSTEM[dep.ecosystem];
  if (
    dep.change !== "added" ||
    !eco ||
    ctx.isPrivate(dep.ecosystem, dep.name) ||
    isLocalSpec(dep.ecosystem, dep.version)
  )
    return [];
  const t = checkTyposquat(eco, dep.name);
  if (!t) return [];
  const age = ageDays(ctx.now, packageFacts(dep, ctx)?.created);
  const severity =
    ctx.config.severity.typosquat ?? typosquatSeverity(t.severity, dep.direct, age, ctx.config["min-age-days"]);
  return [{ kind: "typosquat", severity, detail: t.detail }];
};

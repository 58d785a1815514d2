// Risks the manifest extractors already found (a lockfile's install script), at their configured severity.
import type { DependencyRiskKind } from "../../policy/schema.js";
import type { RiskCheck } from "./context.js";

export const declared: RiskCheck = (dep, ctx) =>
  dep.risks.map((r) => ({ ...r, severity: ctx.config.severity[r.kind as DependencyRiskKind] ?? r.severity }));

// Known vulnerabilities: one risk per advisory found for the version, at the advisory's own
// severity unless the config sets one for every vulnerability.
import { advisoriesOf, DEFAULT_RISK_SEVERITY, type RiskCheck } from "./context.js";

export const vulnerability: RiskCheck = (dep, ctx) =>
  advisoriesOf(dep, ctx).map((a) => ({
    kind: "vulnerability",
    severity: ctx.config.severity.vulnerability ?? a.severity ?? DEFAULT_RISK_SEVERITY.vulnerability,
    detail: `${a.id}${a.summary ? `: ${a.summary}` : ""}`.slice(0, 300),
    url: a.url,
  }));

// Licence policy (dependencies.licenses): a licence on the deny list, one missing from the allow
// list, or one that cannot be read (info unless fail-on-unknown). Judged only when a policy is set.
import { judgeLicense } from "../license.js";
import { packageFacts, severity, type RiskCheck } from "./context.js";

export const license: RiskCheck = (dep, ctx) => {
  const policy = ctx.licenses;
  if (policy.allow.length === 0 && policy.deny.length === 0) return [];
  const pkg = packageFacts(dep, ctx);
  if (!pkg?.exists || pkg.license === undefined) return [];
  const v = judgeLicense(pkg.license, policy);
  if (v.status === "denied")
    return [
      {
        kind: "license",
        severity: severity(ctx, "license"),
        detail: `licence ${v.expression} uses ${v.licenses.join(", ")}, on dependencies.licenses.deny`,
      },
    ];
  if (v.status === "not-allowed")
    return [
      {
        kind: "license",
        severity: severity(ctx, "license"),
        detail: `licence ${v.expression} is not on dependencies.licenses.allow`,
      },
    ];
  if (v.status !== "unknown") return [];
  const what = v.raw ? `licence "${v.raw.slice(0, 80)}" is not an SPDX expression` : "the registry gives no licence";
  const fail = ctx.config.licenses["fail-on-unknown"];
  return [
    {
      kind: "license",
      severity: fail ? severity(ctx, "license") : "info",
      detail: `${what}${fail ? " (fail-on-unknown)" : ""}`,
    },
  ];
};

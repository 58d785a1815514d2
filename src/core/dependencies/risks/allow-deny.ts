// dependencies.deny and dependencies.allow: a denied package anywhere, and a new direct
// dependency missing from the list of approved libraries.
import { severity, type RiskCheck, type RiskContext } from "./context.js";
import type { ExtractedDependencyChange } from "../index.js";

function deniedBy(dep: ExtractedDependencyChange, ctx: RiskContext) {
  return ctx.deny.find((d) => d.test(dep.ecosystem, dep.name));
}

export const denied: RiskCheck = (dep, ctx) => {
  const entry = deniedBy(dep, ctx);
  if (!entry) return [];
  const detail = `on dependencies.deny${entry.reason ? `: ${entry.reason}` : ""}`;
  return [{ kind: "denied", severity: severity(ctx, "denied"), detail }];
};

/** Only judged when an allow list is configured; a denied package is reported as denied alone. */
export const notApproved: RiskCheck = (dep, ctx) => {
  if (dep.change !== "added" || !dep.direct || ctx.allow.length === 0 || deniedBy(dep, ctx)) return [];
  if (ctx.allow.some((a) => a.test(dep.ecosystem, dep.name))) return [];
  return [
    {
      kind: "not-approved",
      severity: severity(ctx, "not-approved"),
      detail: "not on dependencies.allow (approved libraries)",
    },
  ];
};

// Unverified: a package the change adds that no registry vouched for. The registry could not be
// reached, did not answer in time, or was not asked (over the look-up limit, or offline): such a
// package may not exist at all (a hallucinated name). `dependencies.unverified` sets the least
// conclusion of a change that adds one; asking no registry by choice (--offline, `lookups: false`)
// counts only when that is `failure`.
import { factKey } from "../facts.js";
import { isLocalSpec } from "../index.js";
import { packageFacts, severity, type RiskCheck } from "./context.js";

/** A spec that names a source outside the registry (a git or file URL, a path): no registry vouches for it. */
const OUTSIDE_REGISTRY = /:\/\/|^(git\+|git:|github:|gitlab:|bitbucket:|path:|file:|link:)/;

export const unverified: RiskCheck = (dep, ctx) => {
  if (dep.change !== "added" || !dep.direct || ctx.isPrivate(dep.ecosystem, dep.name)) return [];
  if (isLocalSpec(dep.ecosystem, dep.version) || packageFacts(dep, ctx)) return [];
  const facts = ctx.facts;
  let why: string | undefined;
  if (facts) why = facts.unverified?.[factKey(dep.ecosystem, dep.name, dep.version)] ?? facts.allUnverified;
  else if (ctx.config.unverified === "failure" && !OUTSIDE_REGISTRY.test(dep.version.trim()))
    why = ctx.config.lookups
      ? "registries were not asked (offline)"
      : "registries were not asked (dependencies.lookups: false)";
  if (why === undefined) return [];
  return [
    {
      kind: "unverified",
      severity: severity(ctx, "unverified"),
      detail: `not verified: ${why}; whether the package exists (or is a hallucinated name) was not checked (dependencies.unverified: ${ctx.config.unverified})`,
    },
  ];
};

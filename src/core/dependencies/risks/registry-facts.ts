// What a registry said about a package, judged: it does not exist, it or its version is too new,
// it runs an install script, no release matches the declared version, it was taken down as
// malicious, or it is deprecated. Nothing is judged for a package the registry was not asked about.
import type { PackageFacts } from "../facts.js";
import { ageDays, packageFacts, severity, type RiskCheck } from "./context.js";

/** Only a new dependency: an updated one was checked when it was added. */
export const nonexistent: RiskCheck = (dep, ctx) => {
  const pkg = packageFacts(dep, ctx);
  if (!pkg || pkg.exists || dep.change !== "added") return [];
  return [
    {
      kind: "nonexistent",
      severity: severity(ctx, "nonexistent"),
      detail:
        "the registry has no package of this name: likely a hallucinated name, which anyone could register (a package of your own registry belongs under dependencies.private)",
      url: pkg.url,
    },
  ];
};

export const newPackage: RiskCheck = (dep, ctx) => {
  const pkg = packageFacts(dep, ctx);
  if (!pkg?.exists || dep.change !== "added") return [];
  const age = ageDays(ctx.now, pkg.created);
  const min = ctx.config["min-age-days"];
  if (age === null || !(age < min)) return []; // NaN (no review time): not judged
  return [
    {
      kind: "new-package",
      severity: severity(ctx, "new-package"),
      detail: `first published ${Math.max(0, Math.floor(age))} days ago (policy: at least ${min})`,
      url: pkg.url,
    },
  ];
};

export const newVersion: RiskCheck = (dep, ctx) => {
  const pkg = packageFacts(dep, ctx);
  if (!pkg?.exists) return [];
  const age = ageDays(ctx.now, pkg.versionPublished);
  const min = ctx.config["min-version-age-days"];
  if (age === null || !(age < min)) return []; // NaN (no review time): not judged
  return [
    {
      kind: "new-version",
      severity: severity(ctx, "new-version"),
      detail: `version ${pkg.version ?? dep.version} was published ${Math.max(0, Math.floor(age))} days ago (policy: at least ${min})`,
      url: pkg.url,
    },
  ];
};

/**
 * The registry cannot say whether the old version ran one too: only new packages are judged here,
 * and not twice when the lockfile said so already.
 */
export const installScript: RiskCheck = (dep, ctx) => {
  const pkg = packageFacts(dep, ctx);
  if (!pkg?.exists || !pkg.installScript || dep.change !== "added") return [];
  if (dep.risks.some((r) => r.kind === "install-script")) return [];
  return [
    {
      kind: "install-script",
      severity: severity(ctx, "install-script"),
      detail: "runs an install script (preinstall, install or postinstall)",
      url: pkg.url,
    },
  ];
};

/** A version no release matches: a hallucinated version (or a package that is not the one meant). */
export const unknownVersion: RiskCheck = (dep, ctx) => {
  const pkg = packageFacts(dep, ctx);
  if (!pkg?.exists || pkg.missingVersion === undefined) return [];
  return [
    {
      kind: "unknown-version",
      severity: severity(ctx, "unknown-version"),
      detail: `no published version matches ${pkg.missingVersion}: a hallucinated version, or not the package that was meant`,
      url: pkg.url,
    },
  ];
};

/** Taken down as malicious, or deprecated in words that say so (npm's notices do). */
function maliciousText(pkg: PackageFacts): string | undefined {
  return (
    pkg.malicious ??
    (pkg.deprecated && /malicious|security placeholder/i.test(pkg.deprecated) ? pkg.deprecated : undefined)
  );
}

export const malicious: RiskCheck = (dep, ctx) => {
  const pkg = packageFacts(dep, ctx);
  const text = pkg?.exists ? maliciousText(pkg) : undefined;
  if (!pkg || !text) return [];
  return [{ kind: "malicious", severity: severity(ctx, "malicious"), detail: text, url: pkg.url }];
};

/** A malicious package is reported as malicious alone. */
export const deprecated: RiskCheck = (dep, ctx) => {
  const pkg = packageFacts(dep, ctx);
  if (!pkg?.exists || !pkg.deprecated || maliciousText(pkg)) return [];
  return [{ kind: "deprecated", severity: severity(ctx, "deprecated"), detail: pkg.deprecated, url: pkg.url }];
};

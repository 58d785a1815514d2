// Dependency governance, pure: changed manifests -> dependency changes with their risks.
// Offline checks (typosquat, install scripts, allow/deny lists) always run; registry and
// advisory facts (looked up beforehand by src/lookup) add nonexistent, new-package, new-version,
// vulnerability, licence and deprecation risks. Configured severities and ignores apply last.
import picomatch from "picomatch";
import type { DependenciesConfig, DependencyRiskKind } from "../policy/schema.js";
import {
  severityRank,
  type ChangedFile,
  type DependencyChange,
  type DependencyRisk,
  type IgnoredDependencyRisk,
  type Severity,
} from "../types.js";
import { factKey, type DependencyFacts } from "./facts.js";
import {
  diffDependencies,
  isLocalSpec,
  touchesDependencies,
  type ExtractedDependencyChange,
  type ManifestFile,
} from "./index.js";
import { judgeLicense, normaliseList } from "./license.js";
import { patchSides, reverseApply } from "../diff/patch.js";
import { moduleFor } from "./ecosystems/index.js";
import { checkTyposquat } from "./typosquat/index.js";
import { comparableName, TYPOSQUAT_ECOSYSTEM } from "./names.js";
import { plural } from "../text.js";

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
};

type Matcher = string | { name: string; ecosystem?: string | undefined; reason?: string | undefined };

function matcherFor(m: Matcher): { test: (ecosystem: string, name: string) => boolean; reason?: string | undefined } {
  const spec = typeof m === "string" ? { name: m } : m;
  const byEco = new Map<string, (n: string) => boolean>();
  const test = (ecosystem: string, name: string): boolean => {
    if (spec.ecosystem && spec.ecosystem !== ecosystem) return false;
    let fn = byEco.get(ecosystem);
    if (!fn) {
      const pattern = comparableName(ecosystem, spec.name);
      fn = picomatch(pattern, { dot: true, nocase: ecosystem === "PyPI" || ecosystem === "crates.io" });
      byEco.set(ecosystem, fn);
    }
    return fn(comparableName(ecosystem, name));
  };
  return { test, reason: spec.reason };
}

/**
 * Which sides of a changed file the dependency diff needs, or why it cannot be compared.
 * A side that was not read is rebuilt from the patch where that is exact: a new or removed
 * file from the lines its patch shows, a base from the head with the patch reversed.
 */
function manifestOf(f: ChangedFile): ManifestFile | string {
  if (f.status === "added") {
    const head = f.headContent ?? (f.patch ? patchSides(f.patch).head : undefined);
    return head === undefined
      ? `${f.path}: could not read the new file, its dependencies were not checked`
      : { path: f.path, headContent: head };
  }
  if (f.status === "removed") {
    const base = f.baseContent ?? (f.patch ? patchSides(f.patch).base : undefined);
    return base === undefined
      ? `${f.path}: could not read the removed file, its dependencies were not listed`
      : { path: f.path, baseContent: base };
  }
  if (f.headContent === undefined) {
    // A bare diff: formats whose lines stand alone can be compared from the patch alone.
    if (f.patch && moduleFor(f.path)?.lineBased?.(f.path)) {
      const sides = patchSides(f.patch);
      return { path: f.path, baseContent: sides.base, headContent: sides.head };
    }
    return `${f.path}: could not read the file at the head commit, its dependency changes were not checked`;
  }
  const base = f.baseContent ?? (f.patch ? reverseApply(f.headContent, f.patch) : null);
  if (base === null)
    return `${f.path}: could not read the file at the base commit, its dependency changes were not checked`;
  return { path: f.path, baseContent: base, headContent: f.headContent };
}

export interface AssessOptions {
  config: DependenciesConfig;
  /** Files under these globs are not read (paths.ignore). */
  ignored?: ((path: string) => boolean) | null | undefined;
  facts?: DependencyFacts | undefined;
  /** ISO time of the review (facts.now wins): when `ignore … until` entries expire. */
  now?: string | undefined;
}

/**
 * A look-alike the PR itself declares keeps the check's severity ("did you mean lodash?").
 * A transitive one was chosen upstream and has usually been on the registry for years (just-diff
 * and jest-diff are both real): at most medium, low when it is established, and high when the
 * registry says it is new, which is how a planted look-alike shows.
 */
function typosquatSeverity(base: Severity, direct: boolean, age: number | null, minAgeDays: number): Severity {
  if (direct) return base;
  if (age !== null && age < minAgeDays) return "high";
  if (age !== null && age > 2 * 365) return "low";
  return base === "high" ? "medium" : base;
}

function ageDays(now: number, iso: string | undefined): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? (now - t) / DAY_MS : null;
}

/** The dependency changes of the changed manifests, before any risk is judged (what the look-ups ask about). */
export function collectDependencies(
  files: readonly ChangedFile[],
  opts: { config: DependenciesConfig; ignored?: ((path: string) => boolean) | null | undefined },
): { dependencies: ExtractedDependencyChange[]; notes: string[] } {
  if (!opts.config.enabled) return { dependencies: [], notes: [] };
  const notes: string[] = [];
  const manifests: ManifestFile[] = [];
  for (const f of files) {
    if (!touchesDependencies(f) || opts.ignored?.(f.path)) continue;
    const m = manifestOf(f);
    if (typeof m === "string") notes.push(m);
    else manifests.push(m);
  }
  if (manifests.length === 0) return { dependencies: [], notes };
  const diff = diffDependencies(manifests);
  return { dependencies: diff.dependencies as ExtractedDependencyChange[], notes: [...notes, ...diff.notes] };
}

/** Names published to a private registry (`dependencies.private`): never looked up publicly, never typosquats. */
export function privateMatcher(config: DependenciesConfig): (ecosystem: string, name: string) => boolean {
  const ms = config.private.map(matcherFor);
  return (ecosystem, name) => ms.some((m) => m.test(ecosystem, name));
}

export function assessDependencies(
  files: readonly ChangedFile[],
  opts: AssessOptions,
): { dependencies: DependencyChange[]; notes: string[] } {
  const cfg = opts.config;
  const diff = collectDependencies(files, opts);
  const notes = [...diff.notes];
  if (diff.dependencies.length === 0) return { dependencies: [], notes };
  const isPrivate = privateMatcher(cfg);
  const facts = opts.facts;
  const now = Date.parse(facts?.now ?? opts.now ?? "");
  const deny = cfg.deny.map(matcherFor);
  const allow = cfg.allow.map(matcherFor);
  const licences = { allow: normaliseList(cfg.licenses.allow), deny: normaliseList(cfg.licenses.deny) };
  for (const bad of [...licences.allow.invalid, ...licences.deny.invalid])
    notes.push(`dependencies.licenses: "${bad}" is not an SPDX licence id; it is ignored`);
  const licencePolicy = { allow: licences.allow.ids, deny: licences.deny.ids };
  const licencesConfigured = licencePolicy.allow.length > 0 || licencePolicy.deny.length > 0;
  const sev = (kind: DependencyRiskKind): Severity => cfg.severity[kind] ?? DEFAULT_RISK_SEVERITY[kind];
  const ignores: Array<DependenciesConfig["ignore"][number] & { match: ReturnType<typeof matcherFor> }> = [];
  for (const i of cfg.ignore) {
    if (i.until && Number.isFinite(now) && Date.parse(`${i.until}T23:59:59Z`) < now)
      notes.push(`dependencies.ignore for ${i.name} expired on ${i.until}; its risks are reported again`);
    else ignores.push({ ...i, match: matcherFor(i) });
  }

  const out: DependencyChange[] = [];
  for (const dep of diff.dependencies) {
    if (dep.change === "removed") {
      out.push(dep);
      continue;
    }
    const risks: DependencyRisk[] = dep.risks.map((r) => ({
      ...r,
      severity: cfg.severity[r.kind as DependencyRiskKind] ?? r.severity,
    }));
    const added = dep.change === "added";
    const eco = TYPOSQUAT_ECOSYSTEM[dep.ecosystem];

    if (added && eco && !isPrivate(dep.ecosystem, dep.name) && !isLocalSpec(dep.ecosystem, dep.version)) {
      const t = checkTyposquat(eco, dep.name);
      if (t) {
        const created = facts?.packages[factKey(dep.ecosystem, dep.name, dep.version)]?.created;
        risks.push({
          kind: "typosquat",
          severity:
            cfg.severity.typosquat ??
            typosquatSeverity(t.severity, dep.direct, ageDays(now, created), cfg["min-age-days"]),
          detail: t.detail,
        });
      }
    }
    const denied = deny.find((d) => d.test(dep.ecosystem, dep.name));
    if (denied)
      risks.push({
        kind: "denied",
        severity: sev("denied"),
        detail: `on dependencies.deny${denied.reason ? `: ${denied.reason}` : ""}`,
      });
    if (added && dep.direct && allow.length > 0 && !denied && !allow.some((a) => a.test(dep.ecosystem, dep.name))) {
      risks.push({
        kind: "not-approved",
        severity: sev("not-approved"),
        detail: "not on dependencies.allow (approved libraries)",
      });
    }

    const key = factKey(dep.ecosystem, dep.name, dep.version);
    const pkg = facts?.packages[key];
    if (pkg) {
      if (pkg.url) dep.url = pkg.url;
      if (pkg.version && !dep.resolvedVersion && pkg.version !== dep.version) dep.resolvedVersion = pkg.version;
      if (!pkg.exists) {
        if (added)
          risks.push({
            kind: "nonexistent",
            severity: sev("nonexistent"),
            detail:
              "the registry has no package of this name: likely a hallucinated name, which anyone could register (a package of your own registry belongs under dependencies.private)",
            url: pkg.url,
          });
      } else {
        const age = ageDays(now, pkg.created);
        if (added && age !== null && age < cfg["min-age-days"]) {
          risks.push({
            kind: "new-package",
            severity: sev("new-package"),
            detail: `first published ${Math.max(0, Math.floor(age))} days ago (policy: at least ${cfg["min-age-days"]})`,
            url: pkg.url,
          });
        }
        const vAge = ageDays(now, pkg.versionPublished);
        if (vAge !== null && vAge < cfg["min-version-age-days"]) {
          risks.push({
            kind: "new-version",
            severity: sev("new-version"),
            detail: `version ${pkg.version ?? dep.version} was published ${Math.max(0, Math.floor(vAge))} days ago (policy: at least ${cfg["min-version-age-days"]})`,
            url: pkg.url,
          });
        }
        // The registry cannot say whether the old version ran one too: only new packages are judged here.
        if (pkg.installScript && added && !risks.some((r) => r.kind === "install-script")) {
          risks.push({
            kind: "install-script",
            severity: sev("install-script"),
            detail: "runs an install script (preinstall, install or postinstall)",
            url: pkg.url,
          });
        }
        // A version no release matches: a hallucinated version (or a package that is not the one meant).
        if (pkg.missingVersion !== undefined) {
          risks.push({
            kind: "unknown-version",
            severity: sev("unknown-version"),
            detail: `no published version matches ${pkg.missingVersion}: a hallucinated version, or not the package that was meant`,
            url: pkg.url,
          });
        }
        // Taken down as malicious, or deprecated in words that say so (npm's notices do).
        const malicious =
          pkg.malicious ??
          (pkg.deprecated && /malicious|security placeholder/i.test(pkg.deprecated) ? pkg.deprecated : undefined);
        if (malicious) risks.push({ kind: "malicious", severity: sev("malicious"), detail: malicious, url: pkg.url });
        else if (pkg.deprecated)
          risks.push({ kind: "deprecated", severity: sev("deprecated"), detail: pkg.deprecated, url: pkg.url });
        if (pkg.license !== undefined) dep.license = pkg.license;
      }
    }
    if (licencesConfigured && (pkg?.exists ?? false) && pkg?.license !== undefined) {
      const v = judgeLicense(pkg.license, licencePolicy);
      if (v.status === "denied")
        risks.push({
          kind: "license",
          severity: sev("license"),
          detail: `licence ${v.expression} uses ${v.licenses.join(", ")}, on dependencies.licenses.deny`,
        });
      else if (v.status === "not-allowed")
        risks.push({
          kind: "license",
          severity: sev("license"),
          detail: `licence ${v.expression} is not on dependencies.licenses.allow`,
        });
      else if (v.status === "unknown") {
        const what = v.raw
          ? `licence "${v.raw.slice(0, 80)}" is not an SPDX expression`
          : "the registry gives no licence";
        risks.push({
          kind: "license",
          severity: cfg.licenses["fail-on-unknown"] ? sev("license") : "info",
          detail: `${what}${cfg.licenses["fail-on-unknown"] ? " (fail-on-unknown)" : ""}`,
        });
      }
    }
    for (const a of facts?.advisories[key] ?? []) {
      risks.push({
        kind: "vulnerability",
        severity: cfg.severity.vulnerability ?? a.severity ?? DEFAULT_RISK_SEVERITY.vulnerability,
        detail: `${a.id}${a.summary ? `: ${a.summary}` : ""}`.slice(0, 300),
        url: a.url,
      });
    }

    const kept: DependencyRisk[] = [];
    const ignored: IgnoredDependencyRisk[] = [];
    for (const r of risks) {
      const ig = ignores.find(
        (i) => (!i.risks || i.risks.includes(r.kind as DependencyRiskKind)) && i.match.test(dep.ecosystem, dep.name),
      );
      if (ig) ignored.push({ ...r, reason: ig.reason });
      else kept.push(r);
    }
    kept.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    const result: DependencyChange = { ...dep, risks: kept };
    if (ignored.length > 0) result.ignored = ignored;
    out.push(result);
  }
  if (facts) notes.push(...facts.notes);
  if (diff.dependencies.length > 0 && !facts) {
    notes.push(
      `${plural(diff.dependencies.length, "dependency change")} checked offline only (typosquats, install scripts, allow and deny lists): registries and advisory databases were not asked`,
    );
  }
  // Riskiest first, then by manifest and name, so tables and annotations lead with what matters.
  const worst = (d: DependencyChange) => Math.max(-1, ...d.risks.map((r) => severityRank(r.severity)));
  out.sort((a, b) => worst(b) - worst(a) || a.manifest.localeCompare(b.manifest) || a.name.localeCompare(b.name));
  return { dependencies: out, notes };
}

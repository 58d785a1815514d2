// Dependency governance, pure: changed manifests -> dependency changes with their risks.
// Offline checks (typosquat, install scripts, allow/deny lists) always run; registry and
// advisory facts (looked up beforehand by src/lookup) add nonexistent, new-package, new-version,
// vulnerability, licence and deprecation risks. Each kind is a check listed in risks/index.ts;
// configured severities and ignores apply last.
import type { DependenciesConfig } from "../policy/schema.js";
import { severityRank, type ChangedFile, type DependencyChange } from "../types.js";
import { factKey, type DependencyFacts, type PackageFacts } from "./facts.js";
import { diffDependencies, touchesDependencies, type ExtractedDependencyChange, type ManifestFile } from "./index.js";
import { patchSides, reverseApply } from "../diff/patch.js";
import { moduleFor } from "./ecosystems/index.js";
import { dependenciesFromPatch, patchNote } from "./from-patch.js";
import { judgeRisks, riskContext } from "./risks/index.js";
import { plural } from "../text.js";

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
    // A bare diff: formats whose lines stand alone can be compared from the patch alone; other
    // manifests by what each side of each hunk declares (the ecosystem's fromPatch hook).
    const mod = moduleFor(f.path);
    if (f.patch && mod?.lineBased?.(f.path)) {
      const sides = patchSides(f.patch);
      return { path: f.path, baseContent: sides.base, headContent: sides.head };
    }
    const patchDeps = f.patch && mod ? dependenciesFromPatch(mod, f.path, f.patch) : undefined;
    if (patchDeps) return { path: f.path, patchDeps };
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
    if (typeof m !== "string" && m.patchDeps) notes.push(patchNote(f.path, m.patchDeps));
  }
  if (manifests.length === 0) return { dependencies: [], notes };
  const diff = diffDependencies(manifests);
  return { dependencies: diff.dependencies as ExtractedDependencyChange[], notes: [...notes, ...diff.notes] };
}

/** Registry facts that describe the dependency itself: its page, the version resolved, its licence. */
function annotate(dep: ExtractedDependencyChange, pkg: PackageFacts | undefined): void {
  if (!pkg) return;
  if (pkg.url) dep.url = pkg.url;
  if (pkg.version && !dep.resolvedVersion && pkg.version !== dep.version) dep.resolvedVersion = pkg.version;
  if (pkg.exists && pkg.license !== undefined) dep.license = pkg.license;
}

export function assessDependencies(
  files: readonly ChangedFile[],
  opts: AssessOptions,
): { dependencies: DependencyChange[]; notes: string[] } {
  const diff = collectDependencies(files, opts);
  const notes = [...diff.notes];
  if (diff.dependencies.length === 0) return { dependencies: [], notes };
  const facts = opts.facts;
  const { context, notes: configNotes } = riskContext(opts.config, facts, Date.parse(facts?.now ?? opts.now ?? ""));
  notes.push(...configNotes);

  const out: DependencyChange[] = [];
  for (const dep of diff.dependencies) {
    if (dep.change === "removed") {
      out.push(dep);
      continue;
    }
    const { risks, ignored } = judgeRisks(dep, context);
    annotate(dep, facts?.packages[factKey(dep.ecosystem, dep.name, dep.version)]);
    const result: DependencyChange = { ...dep, risks };
    if (ignored.length > 0) result.ignored = ignored;
    out.push(result);
  }
  if (facts) notes.push(...facts.notes);
  if (!facts) {
    notes.push(
      `${plural(diff.dependencies.length, "dependency change")} checked offline only (typosquats, install scripts, allow and deny lists): registries and advisory databases were not asked`,
    );
  }
  // Riskiest first, then by manifest and name, so tables and annotations lead with what matters.
  const worst = (d: DependencyChange) => Math.max(-1, ...d.risks.map((r) => severityRank(r.severity)));
  out.sort((a, b) => worst(b) - worst(a) || a.manifest.localeCompare(b.manifest) || a.name.localeCompare(b.name));
  return { dependencies: out, notes };
}

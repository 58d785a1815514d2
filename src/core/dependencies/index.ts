// Dependency changes from manifests and lockfiles (pure; the caller supplies file contents).
import type { DependencyChange, DependencyRisk } from "../types.js";
import { depKey, diffSides, type FileChange } from "./diff.js";
import { moduleFor } from "./ecosystems/index.js";
import type { EcosystemModule, ExtractContext, ExtractedDep } from "./types.js";
import type { PatchDeps } from "./from-patch.js";
import { dirname, errorMessage } from "./util.js";

export type { EcosystemId, EcosystemModule, ExtractedDep, ExtractContext } from "./types.js";
export { isLocalSpec } from "./ecosystems/index.js";

export interface ManifestFile {
  path: string;
  /** Absent: the file did not exist at that side. */
  baseContent?: string | undefined;
  headContent?: string | undefined;
  /** A manifest seen only through its patch: what each side of it declares (the contents are then unused). */
  patchDeps?: PatchDeps | undefined;
}

/** A dependency change; `resolvedVersion` is the lockfile's version for a direct dependency declared by range. */
export type ExtractedDependencyChange = DependencyChange & { resolvedVersion?: string | undefined };

export function isDependencyFile(path: string): boolean {
  return moduleFor(path) !== undefined;
}

/** A changed file whose two sides must be read for dependencies (its old path counts too). */
export function touchesDependencies(file: { path: string; previousPath?: string | undefined }): boolean {
  return isDependencyFile(file.path) || (file.previousPath !== undefined && isDependencyFile(file.previousPath));
}

/**
 * Manifests and lockfiles are read whole, whatever `limits.maxFileBytes` says (lockfiles of
 * large projects run to several MB); beyond this they are skipped with a note.
 */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

export const INSTALL_SCRIPT_RISK: DependencyRisk = {
  kind: "install-script",
  severity: "medium",
  detail: "runs an install script (hasInstallScript)",
};

interface Extracted {
  file: string;
  module: EcosystemModule;
  lock: boolean;
  changes: FileChange[];
  head: ExtractedDep[];
  /** Compared from the patch alone. */
  fromPatch: boolean;
}

function extractFile(
  f: ManifestFile,
  mod: EcosystemModule,
  files: ManifestFile[],
  notes: string[],
): Extracted | undefined {
  if (f.patchDeps) {
    const { base, head } = f.patchDeps;
    return {
      file: f.path,
      module: mod,
      lock: mod.isLockfile(f.path),
      changes: diffSides(base, head),
      head,
      fromPatch: true,
    };
  }
  const side = (which: "baseContent" | "headContent"): ExtractedDep[] | undefined => {
    const content = f[which];
    if (content === undefined) return [];
    const ctx: ExtractContext = {
      read: (p) => files.find((x) => x.path === p)?.[which],
      note: (m) => {
        if (which === "headContent" && !notes.includes(m)) notes.push(m);
      },
    };
    try {
      return mod.extract(f.path, content, ctx);
    } catch (e) {
      notes.push(`${f.path}: could not parse${which === "baseContent" ? " (base version)" : ""}: ${errorMessage(e)}`);
      return undefined;
    }
  };
  const base = side("baseContent");
  const head = side("headContent");
  if (!base || !head) return undefined;
  return {
    file: f.path,
    module: mod,
    lock: mod.isLockfile(f.path),
    changes: diffSides(base, head),
    head,
    fromPatch: false,
  };
}

function toChange(ecosystem: string, manifest: string, c: FileChange, fromPatch = false): ExtractedDependencyChange {
  const out: ExtractedDependencyChange = {
    ecosystem,
    name: c.name,
    version: c.version,
    change: c.change,
    manifest,
    direct: c.direct,
    risks: [],
  };
  if (c.previousVersion !== undefined) out.previousVersion = c.previousVersion;
  if (c.change !== "removed" && c.line !== undefined) out.line = c.line;
  if (fromPatch) out.fromPatch = true;
  return out;
}

/** One project = one ecosystem in one directory: its manifests and lockfiles are merged. */
function mergeProject(items: Extracted[]): ExtractedDependencyChange[] {
  const manifests = items.filter((i) => !i.lock);
  const locks = items.filter((i) => i.lock);
  const result = new Map<string, ExtractedDependencyChange>();
  const ecosystem = items[0]?.module.id ?? "";
  // A file's own declarations first; those seen through a `-r` include only fill gaps.
  const own = (m: Extracted) =>
    m.changes.filter((c) => c.file === undefined || c.file === m.file).map((c) => [m, c] as const);
  const included = (m: Extracted) =>
    m.changes.filter((c) => c.file !== undefined && c.file !== m.file).map((c) => [m, c] as const);
  for (const [m, c] of [...manifests.flatMap(own), ...manifests.flatMap(included)]) {
    const key = depKey(c.name, c.direct);
    if (!result.has(key)) result.set(key, toChange(ecosystem, c.file ?? m.file, c, m.fromPatch));
  }
  for (const l of locks) {
    for (const c of l.changes) {
      const key = depKey(c.name, c.direct);
      const existing = result.get(key);
      if (existing) {
        if (c.change !== "removed" && existing.change !== "removed") existing.resolvedVersion = c.version;
        // A new package, or a new version that starts running an install script.
        if (
          c.change !== "removed" &&
          existing.change === c.change &&
          c.installScript &&
          !existing.risks.some((r) => r.kind === "install-script")
        )
          existing.risks.push({ ...INSTALL_SCRIPT_RISK });
        continue;
      }
      // A direct dependency whose lock entry changed while its manifest line did not: point at the manifest if we have it.
      let manifest = l.file;
      let line = c.line;
      if (c.direct) {
        for (const m of manifests) {
          const decl = m.head.find((d) => d.name === c.name && d.direct);
          if (decl) {
            manifest = decl.file ?? m.file;
            line = decl.line;
            break;
          }
        }
      }
      const change = toChange(ecosystem, manifest, { ...c, line });
      if (c.change !== "removed" && c.installScript) change.risks.push({ ...INSTALL_SCRIPT_RISK });
      result.set(key, change);
    }
  }
  return [...result.values()];
}

export function diffDependencies(files: ManifestFile[]): { dependencies: DependencyChange[]; notes: string[] } {
  const notes: string[] = [];
  const projects = new Map<string, Extracted[]>();
  for (const f of files) {
    const mod = moduleFor(f.path);
    if (!mod) continue;
    const extracted = extractFile(f, mod, files, notes);
    if (!extracted) continue;
    const key = `${mod.id}\0${dirname(f.path)}`;
    projects.set(key, [...(projects.get(key) ?? []), extracted]);
  }
  const dependencies: ExtractedDependencyChange[] = [];
  const seen = new Set<string>();
  for (const items of projects.values()) {
    for (const d of mergeProject(items)) {
      // A `-r` include seen from two directories yields the same entry twice.
      const id = JSON.stringify([d.ecosystem, d.name, d.direct, d.manifest, d.change, d.version]);
      if (seen.has(id)) continue;
      seen.add(id);
      dependencies.push(d);
    }
  }
  return { dependencies, notes };
}

// The area classifier as the App uses it: to tell which sensitive areas the commits pushed
// after an approval touched (see approvals.ts). Injectable (ReviewJobDeps.classifyAreas), like the scanner.
import type { AiguardConfig } from "../../core/policy/schema.js";
import type { AreaEvidence } from "../../core/types.js";
import { classifyAreas as classifyCode, dependencyAreas, type AreaFile } from "../../core/areas/index.js";
import { collectDependencies } from "../../core/dependencies/assess.js";
import { touchesDependencies } from "../../core/dependencies/index.js";

export type { AreaFile } from "../../core/areas/index.js";

/**
 * Code areas of the changed hunks, plus the areas a manifest change enters by adding a package
 * (`stripe` → payment). A manifest's dependency diff needs its head text (`content`): its base
 * is the head with the patch reversed.
 */
export const classifyAreas: ClassifyAreas = (files, config) => {
  const code = classifyCode(files, config);
  const manifests = files
    .filter((f) => touchesDependencies(f) && f.content !== undefined)
    .map((f) => ({
      path: f.path,
      previousPath: f.previousPath,
      status: f.status,
      patch: f.patch,
      headContent: f.content,
      additions: 0,
      deletions: 0,
    }));
  if (manifests.length === 0) return code;
  const deps = dependencyAreas(collectDependencies(manifests, { config: config.dependencies }).dependencies, config);
  if (deps.length === 0) return code;
  const evidence = [...code.evidence, ...deps];
  return { areas: [...new Set(evidence.map((e) => e.area))].sort(), evidence };
};

export type ClassifyAreas = (files: AreaFile[], config: AiguardConfig) => { areas: string[]; evidence: AreaEvidence[] };

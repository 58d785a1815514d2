// The area classifier as the App uses it: to tell which sensitive areas the commits pushed
// after an approval touched (see approvals.ts). Injectable (ReviewJobDeps.classifyAreas), like the scanner.
import type { AiguardConfig } from "../core/policy/schema.js";
import type { AreaEvidence } from "../core/types.js";
import type { AreaFile } from "../core/areas/index.js";

export type { AreaFile } from "../core/areas/index.js";
export { classifyAreas } from "../core/areas/index.js";

export type ClassifyAreas = (files: AreaFile[], config: AiguardConfig) => { areas: string[]; evidence: AreaEvidence[] };

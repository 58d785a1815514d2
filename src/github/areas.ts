// The area classifier as the App uses it: to tell which sensitive areas the commits pushed
// after an approval touched (see approvals.ts). Injectable for tests, like the scanner.
import type { AiguardConfig } from "../core/policy/schema.js";
import type { AreaEvidence, FileStatus } from "../core/types.js";

export interface AreaFile {
  path: string;
  previousPath?: string | undefined;
  status: FileStatus;
  patch?: string | undefined;
  content?: string | undefined;
}

export type ClassifyAreas = (files: AreaFile[], config: AiguardConfig) => { areas: string[]; evidence: AreaEvidence[] };

// TEMPORARY until src/core/areas lands: replaced by `export { classifyAreas } from "../core/areas/index.js";`
export const classifyAreas: ClassifyAreas = () => ({ areas: [], evidence: [] });

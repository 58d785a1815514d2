// The input of the area classifier: one changed file as the front ends hand it over.
// A leaf module (imports only core types) so the classifier's parts can share it without cycles.
import type { FileStatus } from "../types.js";

export interface AreaFile {
  path: string;
  previousPath?: string | undefined;
  status: FileStatus;
  /** Unified diff hunks (GitHub's `patch`). */
  patch?: string | undefined;
  /** The file at the head commit, when known (makes imports and comment state exact). */
  content?: string | undefined;
  /** The file at the base commit, when read (else rebuilt from `content` and `patch` where needed). */
  baseContent?: string | undefined;
}

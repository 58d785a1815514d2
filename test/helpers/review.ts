// Reviews for tests and benchmarks: the one pipeline (reviewChange) with a scanner at hand,
// no registry look-ups and a fixed clock, so results depend on the change alone.
import { structuredPatch } from "diff";
import type { Change } from "../../src/core/change.js";
import type { Scanner } from "../../src/core/engine/scanner.js";
import type { AiguardConfig } from "../../src/core/policy/schema.js";
import type { ChangedFile } from "../../src/core/types.js";
import { type PipelineDeps, type ReviewResult, reviewChange } from "../../src/pipeline.js";

/** A change with the fields a test does not care about filled in. */
export function changeOf(files: ChangedFile[], config: AiguardConfig, extra: Partial<Change> = {}): Change {
  return { base: "b", head: "h", files, config, customRules: [], fullContext: true, draft: false, notes: [], ...extra };
}

/**
 * A file going from `base` to `head` (`null`: a new file), with GitHub's `patch` (hunks only, no
 * file header) and the head's full text, as the front ends gather it.
 */
export function changedFileOf(path: string, base: string | null, head: string): ChangedFile {
  const p = structuredPatch("a", "b", base ?? "", head, "", "", { context: 3 });
  const patch = p.hunks
    .map((h) => [`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`, ...h.lines].join("\n"))
    .join("\n");
  return {
    path,
    status: base === null ? "added" : "modified",
    patch,
    additions: patch.split("\n").filter((l) => l.startsWith("+")).length,
    deletions: patch.split("\n").filter((l) => l.startsWith("-")).length,
    headContent: head,
  };
}

/** The pipeline offline, with this scanner; `deps` overrides any part (a timer, approvals). */
export function reviewOffline(
  change: Change,
  scanner: Scanner,
  deps: Partial<PipelineDeps> = {},
): Promise<ReviewResult> {
  return reviewChange(change, {
    scanner: async () => ({ scanner, notes: [] }),
    lookup: async () => undefined,
    clock: () => new Date("2026-01-01T00:00:00Z"),
    ...deps,
  });
}

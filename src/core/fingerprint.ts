// Finding fingerprints: a rule, a path and the sink's code with whitespace normalized, so that a
// finding keeps its id when lines move or are reindented, and the base and head of a file can be
// matched finding by finding (differential.ts).
import { createHash } from "node:crypto";

/** Normalize code for fingerprints: whitespace-insensitive, so reindenting keeps the id. */
export function normalizeCode(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

export function fingerprint(ruleId: string, path: string, code: string, occurrence: number): string {
  const h = createHash("sha256");
  h.update(`${ruleId}\0${path}\0${normalizeCode(code)}\0${occurrence}`);
  return h.digest("hex").slice(0, 40);
}

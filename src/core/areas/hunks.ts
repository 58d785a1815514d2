// Hunks for area scoring: a patch's hunks come from the core diff parser (core/diff/patch.ts);
// a file known only by its content is one hunk of added lines.
import type { Hunk } from "../diff/patch.js";

export { parseHunks, type Hunk, type HunkLine } from "../diff/patch.js";

/** A whole file as one hunk: every line added (a new file given as content only). */
export function contentHunk(content: string): Hunk {
  const lines = content.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return { lines: lines.map((text, i) => ({ kind: "add" as const, text: text.replace(/\r$/, ""), line: i + 1 })) };
}

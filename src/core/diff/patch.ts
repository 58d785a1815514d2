// Unified diff -> which head lines the change added, and the file list of a whole diff.
import parseDiff from "parse-diff";
import type { ChangedFile, FileStatus } from "../types.js";

export interface PatchLines {
  /** 1-based head line numbers that the change added or changed. */
  added: Set<number>;
  /** Text of every head line the patch shows (added and context), by line number. */
  headLines: Map<number, string>;
  linesAdded: number;
  linesRemoved: number;
}

const EMPTY: PatchLines = { added: new Set(), headLines: new Map(), linesAdded: 0, linesRemoved: 0 };

/** Parse the hunks of one file (GitHub's `patch` field, or a git hunk section). */
export function parsePatch(patch: string | undefined): PatchLines {
  if (!patch) return { ...EMPTY, added: new Set(), headLines: new Map() };
  const text = patch.startsWith("@@") ? `--- a/f\n+++ b/f\n${patch}` : patch;
  const files = parseDiff(text);
  const out: PatchLines = { added: new Set(), headLines: new Map(), linesAdded: 0, linesRemoved: 0 };
  for (const f of files) {
    for (const chunk of f.chunks) {
      for (const c of chunk.changes) {
        if (c.content.startsWith("\\")) continue; // "\ No newline at end of file"
        if (c.type === "add") {
          out.added.add(c.ln);
          out.headLines.set(c.ln, c.content.slice(1));
          out.linesAdded++;
        } else if (c.type === "del") {
          out.linesRemoved++;
        } else {
          out.headLines.set(c.ln2, c.content.slice(1));
        }
      }
    }
  }
  return out;
}

/**
 * Build a stand-in for the head file from the lines a patch shows, each at its own
 * line number and blank elsewhere. Used when no full head file is available (a bare
 * diff), so that parsers still see the changed code at the right positions.
 */
export function reconstructHead(lines: PatchLines): string {
  let max = 0;
  for (const n of lines.headLines.keys()) if (n > max) max = n;
  const out: string[] = new Array<string>(max).fill("");
  for (const [n, t] of lines.headLines) out[n - 1] = t;
  return out.join("\n");
}

/** Re-create the hunk text of a parse-diff file (what GitHub calls `patch`). */
function hunksText(file: parseDiff.File): string {
  const parts: string[] = [];
  for (const chunk of file.chunks) {
    parts.push(chunk.content);
    for (const c of chunk.changes) parts.push(c.content);
  }
  return parts.join("\n");
}

function stripPrefix(p: string | undefined): string | undefined {
  if (!p || p === "/dev/null") return undefined;
  return p;
}

/** Split a whole unified diff (git or plain) into changed files. */
export function parseUnifiedDiff(diff: string): ChangedFile[] {
  const sections = diff.split(/^(?=diff --git )/m).filter((s) => s.trim().length > 0);
  const out: ChangedFile[] = [];
  for (const section of sections) {
    for (const f of parseDiff(section)) {
      const to = stripPrefix(f.to);
      const from = stripPrefix(f.from);
      const path = to ?? from;
      if (!path) continue;
      const binary = /^(Binary files .* differ|GIT binary patch)$/m.test(section);
      let status: FileStatus = "modified";
      if (f.deleted || (!to && from)) status = "removed";
      else if (f.new || (!from && to)) status = "added";
      else if (from && to && from !== to) status = "renamed";
      const patch = hunksText(f);
      const lines = parsePatch(patch || undefined);
      out.push({
        path,
        previousPath: status === "renamed" ? from : undefined,
        status,
        patch: patch || undefined,
        additions: lines.linesAdded,
        deletions: lines.linesRemoved,
        skipped: binary ? "binary" : undefined,
      });
    }
  }
  return out;
}

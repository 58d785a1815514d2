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

/**
 * parse-diff, minus its one crash: a "\ No newline at end of file" marker straight after a hunk
 * header (before any line it could belong to) makes it throw a TypeError. Such markers say
 * nothing, so they are dropped.
 */
function parseDiffText(text: string): parseDiff.File[] {
  const lines = text.split("\n");
  const header = /^@@\s+-(\d+),?(\d+)?\s+\+(\d+),?(\d+)?\s@@/;
  let afterHeader = false;
  const kept = lines.filter((l) => {
    if (l === "\\ No newline at end of file") return !afterHeader;
    afterHeader = header.test(l);
    return true;
  });
  return parseDiff(kept.length === lines.length ? text : kept.join("\n"));
}

/**
 * Line numbers beyond this are not placed when a file is rebuilt from its patch (reconstructHead,
 * patchSides): a hunk header claiming line 100,000,000 would otherwise build a 100-million-line text.
 */
export const MAX_PATCH_LINE = 1_000_000;

const EMPTY: PatchLines = { added: new Set(), headLines: new Map(), linesAdded: 0, linesRemoved: 0 };

/** Parse the hunks of one file (GitHub's `patch` field, or a git hunk section). */
export function parsePatch(patch: string | undefined): PatchLines {
  if (!patch) return { ...EMPTY, added: new Set(), headLines: new Map() };
  const text = patch.startsWith("@@") ? `--- a/f\n+++ b/f\n${patch}` : patch;
  const files = parseDiffText(text);
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

export interface HunkLine {
  kind: "add" | "del" | "ctx";
  text: string;
  /** Head line number (added and context lines), or the nearest head line (removed lines). */
  line: number;
  /** Base line number (removed and context lines). */
  baseLine?: number | undefined;
}

export interface Hunk {
  lines: HunkLine[];
}

/**
 * The hunks of one file's patch, each with its added, removed and context lines placed on
 * head line numbers. A removed line is placed on the nearest head line: the line that now
 * stands where it was (or, past the end of the hunk, the last line of the hunk). Hunks with
 * no change (context only) are dropped.
 */
export function parseHunks(patch: string | undefined): Hunk[] {
  if (!patch) return [];
  const text = patch.startsWith("@@") ? `--- a/f\n+++ b/f\n${patch}` : patch;
  const hunks: Hunk[] = [];
  for (const f of parseDiffText(text)) {
    for (const chunk of f.chunks) {
      const newEnd = Math.max(chunk.newStart + chunk.newLines - 1, chunk.newStart, 1);
      let next = chunk.newStart; // the head line the next added or context line takes
      const lines: HunkLine[] = [];
      for (const c of chunk.changes) {
        if (c.content.startsWith("\\")) continue; // "\ No newline at end of file"
        const body = c.content.slice(1).replace(/\r$/, "");
        if (c.type === "add") {
          lines.push({ kind: "add", text: body, line: c.ln });
          next = c.ln + 1;
        } else if (c.type === "del") {
          const line = Math.max(1, Math.min(next > newEnd ? next - 1 : next, newEnd));
          lines.push({ kind: "del", text: body, line, baseLine: c.ln });
        } else {
          lines.push({ kind: "ctx", text: body, line: c.ln2, baseLine: c.ln1 });
          next = c.ln2 + 1;
        }
      }
      if (lines.some((l) => l.kind !== "ctx")) hunks.push({ lines });
    }
  }
  return hunks;
}

/**
 * Why a patch is cut short, or null when it is whole: a hunk that shows fewer lines than its
 * header declares (a diff truncated in transit, or by a CI step's output limit).
 */
export function truncatedPatch(patch: string | undefined): string | null {
  if (!patch) return null;
  const text = patch.startsWith("@@") ? `--- a/f\n+++ b/f\n${patch}` : patch;
  for (const f of parseDiffText(text)) {
    for (const chunk of f.chunks) {
      let oldSeen = 0;
      let newSeen = 0;
      for (const c of chunk.changes) {
        if (c.content.startsWith("\\")) continue;
        if (c.type !== "add") oldSeen++;
        if (c.type !== "del") newSeen++;
      }
      if (oldSeen < chunk.oldLines || newSeen < chunk.newLines)
        return `the patch is cut short: the hunk at head line ${chunk.newStart} declares ${chunk.newLines} lines and shows ${newSeen}`;
    }
  }
  return null;
}

/**
 * Build a stand-in for the head file from the lines a patch shows, each at its own
 * line number and blank elsewhere. Used when no full head file is available (a bare
 * diff), so that parsers still see the changed code at the right positions.
 */
export function reconstructHead(lines: PatchLines): string {
  let max = 0;
  for (const n of lines.headLines.keys()) if (n > max && n <= MAX_PATCH_LINE) max = n;
  const out: string[] = new Array<string>(max).fill("");
  for (const [n, t] of lines.headLines) if (n >= 1 && n <= max) out[n - 1] = t;
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
    for (const f of parseDiffText(section)) {
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

/**
 * Both sides of a file as far as its patch shows them: each line at its own line number,
 * blank elsewhere. Enough for formats whose lines stand alone (requirements.txt) when the
 * whole file is not available (a bare diff).
 */
export function patchSides(patch: string): { base: string; head: string } {
  const text = patch.startsWith("@@") ? `--- a/f\n+++ b/f\n${patch}` : patch;
  const base: string[] = [];
  const head: string[] = [];
  const put = (side: string[], n: number, line: string) => {
    if (!(n >= 1 && n <= MAX_PATCH_LINE)) return;
    while (side.length < n - 1) side.push("");
    side[n - 1] = line;
  };
  for (const f of parseDiffText(text)) {
    for (const chunk of f.chunks) {
      for (const c of chunk.changes) {
        if (c.content.startsWith("\\")) continue;
        const body = c.content.slice(1);
        if (c.type === "add") put(head, c.ln, body);
        else if (c.type === "del") put(base, c.ln, body);
        else {
          put(base, c.ln1, body);
          put(head, c.ln2, body);
        }
      }
    }
  }
  return { base: base.join("\n"), head: head.join("\n") };
}

/**
 * The base side of a file, from its head text and its patch: every hunk's added lines are
 * replaced by its removed lines, and the final newline follows the "\ No newline at end of file"
 * markers. Null when the patch does not fit the head text (a hunk cut short, or a head that
 * moved on), so the caller can read the base another way.
 */
export function reverseApply(head: string, patch: string): string | null {
  const headEol = head.endsWith("\n");
  const headLines = head === "" ? [] : head.split("\n");
  if (headEol) headLines.pop();
  const same = (a: string | undefined, b: string) => a !== undefined && a.replace(/\r$/, "") === b.replace(/\r$/, "");
  const lines = patch.split("\n");
  const out: string[] = [];
  let pos = 0; // next head line not yet copied
  let i = 0;
  let hunks = 0;
  let baseNoEol = false;
  let last: "head" | "patch" = "head"; // where the base's last line came from
  let lastHead = -1; // the head line the base's last line was copied from, when it came from the head
  while (i < lines.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(lines[i]!);
    if (!header) {
      // Before the first hunk: file headers (--- / +++ / diff --git ...); after it: only blank lines.
      if (hunks > 0 && lines[i] !== "") return null;
      i++;
      continue;
    }
    hunks++;
    i++;
    let oldLeft = header[2] === undefined ? 1 : Number(header[2]);
    let newLeft = header[4] === undefined ? 1 : Number(header[4]);
    const newStart = Number(header[3]);
    // An empty new range (-U0 deletions) names the line before it.
    const start = newLeft === 0 ? newStart : newStart - 1;
    if (start < pos || start > headLines.length) return null;
    if (pos < start) {
      last = "head";
      lastHead = start - 1;
    }
    while (pos < start) out.push(headLines[pos++]!);
    let prev = "";
    while (oldLeft > 0 || newLeft > 0 || lines[i]?.startsWith("\\")) {
      const line = lines[i++];
      if (line === undefined || line.startsWith("@@")) return null; // the hunk was cut short
      if (line.startsWith("\\")) {
        if (prev === "-" || prev === " ") baseNoEol = true;
        continue;
      }
      const kind = line === "" ? " " : line[0]!;
      const body = line.slice(1);
      if (kind === "-") {
        out.push(body);
        last = "patch";
        oldLeft--;
      } else if (kind === "+" || kind === " ") {
        if (!same(headLines[pos], body)) return null;
        if (kind === " ") {
          out.push(headLines[pos]!);
          last = "patch";
          oldLeft--;
        }
        pos++;
        newLeft--;
      } else {
        return null;
      }
      if (oldLeft < 0 || newLeft < 0) return null;
      prev = kind;
    }
  }
  if (hunks === 0) return head === "" ? "" : null;
  if (pos < headLines.length) {
    last = "head";
    lastHead = headLines.length - 1;
  }
  while (pos < headLines.length) out.push(headLines[pos++]!);
  if (out.length === 0) return "";
  // A head line followed by others ends with a newline whatever the head's last line does.
  const fromHead = lastHead < headLines.length - 1 || headEol;
  const baseEol = baseNoEol ? false : last === "head" ? fromHead : true;
  return out.join("\n") + (baseEol ? "\n" : "");
}

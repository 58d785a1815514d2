// A small unified-diff writer for the round-trip properties: an LCS line diff of two texts, written
// as `git diff` writes it (hunks with `context` lines around each change, "\ No newline at end of
// file" after a last line without one), and the inverse of a patch (its + and - swapped).

export interface Op {
  kind: " " | "-" | "+";
  text: string;
  /** 0-based index in the old file (" " and "-") or the new file (" " and "+"). */
  oldIndex: number;
  newIndex: number;
  /** The line is the last of its file and has no newline after it. */
  noEol: boolean;
}

/** A text's lines; `eol` says whether the last line ends with "\n". An empty text has no lines. */
export function splitText(text: string): { lines: string[]; eol: boolean } {
  if (text === "") return { lines: [], eol: true };
  const eol = text.endsWith("\n");
  const lines = (eol ? text.slice(0, -1) : text).split("\n");
  return { lines, eol };
}

/** The edit script from `a` to `b`: a longest common subsequence of lines, the rest removed or added. */
export function lineDiff(a: string, b: string): Op[] {
  const A = splitText(a);
  const B = splitText(b);
  // A last line without a newline differs from the same text with one.
  const key = (s: { lines: string[]; eol: boolean }, i: number) =>
    i === s.lines.length - 1 && !s.eol ? `${s.lines[i]}\0noeol` : s.lines[i]!;
  const n = A.lines.length;
  const m = B.lines.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = key(A, i) === key(B, j) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  const noEolA = (k: number) => k === n - 1 && !A.eol;
  const noEolB = (k: number) => k === m - 1 && !B.eol;
  while (i < n || j < m) {
    if (i < n && j < m && key(A, i) === key(B, j)) {
      ops.push({ kind: " ", text: A.lines[i]!, oldIndex: i, newIndex: j, noEol: noEolA(i) });
      i++;
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      ops.push({ kind: "+", text: B.lines[j]!, oldIndex: i, newIndex: j, noEol: noEolB(j) });
      j++;
    } else {
      ops.push({ kind: "-", text: A.lines[i]!, oldIndex: i, newIndex: j, noEol: noEolA(i) });
      i++;
    }
  }
  // git writes a hunk's removed lines before its added ones.
  return reorder(ops);
}

function reorder(ops: Op[]): Op[] {
  const out: Op[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === " ") {
      out.push(ops[k++]!);
      continue;
    }
    const run: Op[] = [];
    while (k < ops.length && ops[k]!.kind !== " ") run.push(ops[k++]!);
    out.push(...run.filter((o) => o.kind === "-"), ...run.filter((o) => o.kind === "+"));
  }
  return out;
}

export interface WrittenHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  ops: Op[];
}

/** Group an edit script into hunks with `context` unchanged lines around each change. */
export function hunksOf(ops: Op[], context: number): WrittenHunk[] {
  const changed = ops.map((o, k) => (o.kind === " " ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return [];
  const ranges: [number, number][] = [];
  for (const k of changed) {
    const lo = Math.max(0, k - context);
    const hi = Math.min(ops.length - 1, k + context);
    const last = ranges[ranges.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else ranges.push([lo, hi]);
  }
  return ranges.map(([lo, hi]) => {
    const hunkOps = ops.slice(lo, hi + 1);
    const old = hunkOps.filter((o) => o.kind !== "+");
    const neu = hunkOps.filter((o) => o.kind !== "-");
    const first = hunkOps[0]!;
    // An empty range names the line before it (0 at the top of the file).
    return {
      oldStart: old.length > 0 ? old[0]!.oldIndex + 1 : first.oldIndex,
      oldLines: old.length,
      newStart: neu.length > 0 ? neu[0]!.newIndex + 1 : first.newIndex,
      newLines: neu.length,
      ops: hunkOps,
    };
  });
}

const range = (start: number, lines: number) => (lines === 1 ? `${start}` : `${start},${lines}`);

/** The hunks as text (what GitHub's `patch` field holds), each line ending in "\n". */
export function writeHunks(hunks: WrittenHunk[]): string {
  const out: string[] = [];
  for (const h of hunks) {
    out.push(`@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`);
    for (const o of h.ops) {
      out.push(`${o.kind}${o.text}`);
      if (o.noEol) out.push("\\ No newline at end of file");
    }
  }
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}

/** The unified diff of two texts, hunks only. */
export function unifiedDiff(a: string, b: string, context = 3): string {
  return writeHunks(hunksOf(lineDiff(a, b), context));
}

/** The patch that undoes `patch` (removed and added lines swapped, and the ranges with them). */
export function invertPatch(patch: string): string {
  return patch
    .split("\n")
    .map((line) => {
      const h = /^@@ -(\d+(?:,\d+)?) \+(\d+(?:,\d+)?) @@(.*)$/.exec(line);
      if (h) return `@@ -${h[2]} +${h[1]} @@${h[3]}`;
      if (line.startsWith("+")) return `-${line.slice(1)}`;
      if (line.startsWith("-")) return `+${line.slice(1)}`;
      return line;
    })
    .join("\n");
}

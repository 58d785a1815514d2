// The changed region of a file: its changed lines with some context around them, for a second
// try when the whole file could not be parsed, or a rule could not finish, within its budget.
// The fragment keeps every line where it was (lines outside the region are blanked), so rows,
// columns and findings need no mapping back.

/** Lines of context kept on each side of a changed line. */
export const REGION_CONTEXT = 30;
/** Longer lines are left out of a fragment (blanked): a parser can spend its budget on one of them. */
export const MAX_FRAGMENT_LINE = 20_000;

/** 0-based rows, inclusive. */
export interface RowRange {
  startRow: number;
  endRow: number;
}

/** The changed lines (1-based) grouped into ranges of rows, each with `context` rows on both sides. */
export function changedRegions(
  changedLines: ReadonlySet<number>,
  lineCount: number,
  context = REGION_CONTEXT,
): RowRange[] {
  const rows = [...changedLines]
    .filter((n) => n >= 1 && n <= lineCount)
    .map((n) => n - 1)
    .sort((a, b) => a - b);
  const out: RowRange[] = [];
  for (const row of rows) {
    const startRow = Math.max(0, row - context);
    const endRow = Math.min(lineCount - 1, row + context);
    const last = out[out.length - 1];
    if (last && startRow <= last.endRow + 1) last.endRow = Math.max(last.endRow, endRow);
    else out.push({ startRow, endRow });
  }
  return out;
}

export interface Fragment {
  /** The file's text with every line outside the regions (and every over-long line) blanked. */
  text: string;
  regions: RowRange[];
  /** Changed lines (1-based) that were too long to keep. */
  dropped: number[];
}

/** The changed region of `content` as a fragment that parses on its own. */
export function regionFragment(content: string, changedLines: ReadonlySet<number>): Fragment {
  const lines = content.split("\n");
  const regions = changedRegions(changedLines, lines.length);
  const keep = new Uint8Array(lines.length);
  for (const r of regions) keep.fill(1, r.startRow, r.endRow + 1);
  const dropped: number[] = [];
  const text = lines
    .map((line, row) => {
      if (!keep[row]) return "";
      if (line.length <= MAX_FRAGMENT_LINE) return line;
      if (changedLines.has(row + 1)) dropped.push(row + 1);
      return "";
    })
    .join("\n");
  return { text, regions, dropped };
}

/** "line 3", "lines 3, 9 and 12", "lines 3, 9, 12 and 4 more". */
export function lineList(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  const shown = lines.slice(0, 3);
  const rest = lines.length - shown.length;
  return rest > 0
    ? `lines ${shown.join(", ")} and ${rest} more`
    : `lines ${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
}

/** Where to run a rule again, on the same tree: each changed region alone, without over-long lines. */
export interface RetryPlan {
  regions: RowRange[];
  /** Changed lines (1-based) left out: too long (a rule can spend its budget on one of them). */
  dropped: number[];
}

export function retryPlan(text: string, changedLines: ReadonlySet<number>): RetryPlan {
  const lines = text.split("\n");
  const kept = new Set<number>();
  const dropped: number[] = [];
  for (const n of [...changedLines].sort((a, b) => a - b)) {
    if ((lines[n - 1]?.length ?? 0) > MAX_FRAGMENT_LINE) dropped.push(n);
    else kept.add(n);
  }
  return { regions: changedRegions(kept, lines.length, 0), dropped };
}

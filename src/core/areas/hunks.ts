// A file's patch -> hunks, each with its added, removed and context lines, every line placed on
// a head line number. A removed line is placed on the nearest head line: the line that now
// stands where it was (or, at the end of a hunk, the line before it).

export interface HunkLine {
  kind: "add" | "del" | "ctx";
  text: string;
  /** Head line number (added and context lines), or the nearest head line (removed lines). */
  line: number;
}

export interface Hunk {
  lines: HunkLine[];
}

const HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/** Parse GitHub's `patch` (hunks only) or a git hunk section; a file header before the first hunk is skipped. */
export function parseHunks(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  let cur: Hunk | null = null;
  let newLn = 0;
  let newStart = 0;
  let newEnd = 0;
  const pendingDel: HunkLine[] = [];
  const finish = () => {
    if (!cur) return;
    for (const d of pendingDel) d.line = Math.max(1, Math.min(d.line, newEnd));
    pendingDel.length = 0;
    if (cur.lines.some((l) => l.kind !== "ctx")) hunks.push(cur);
  };
  for (const raw of patch.split("\n")) {
    const h = HEADER.exec(raw);
    if (h) {
      finish();
      newStart = Number(h[1]);
      const count = h[2] === undefined ? 1 : Number(h[2]);
      newEnd = Math.max(newStart + count - 1, newStart, 1);
      newLn = newStart;
      cur = { lines: [] };
      continue;
    }
    if (!cur) continue;
    const tag = raw[0];
    const text = raw.slice(1).replace(/\r$/, "");
    if (tag === "+") {
      cur.lines.push({ kind: "add", text, line: newLn++ });
    } else if (tag === "-") {
      const d: HunkLine = { kind: "del", text, line: newLn > newEnd ? newLn - 1 : newLn };
      pendingDel.push(d);
      cur.lines.push(d);
    } else if (tag === " " || raw === "") {
      if (raw === "" && newLn > newEnd) continue; // trailing newline of the patch text
      cur.lines.push({ kind: "ctx", text, line: newLn++ });
    }
    // "\ No newline at end of file" and anything else: ignored
  }
  finish();
  return hunks;
}

/** A whole file as one hunk: every line added (a new file given as content only). */
export function contentHunk(content: string): Hunk {
  const lines = content.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return { lines: lines.map((text, i) => ({ kind: "add" as const, text: text.replace(/\r$/, ""), line: i + 1 })) };
}

// Shared helpers of the lexical import readers (`LanguageDef.readImports`): the lines joined into
// one text, and regex matches mapped back to the lines they span.

/** Lines joined with "\n", and the offset each line starts at. */
export interface ImportSource {
  text: string;
  starts: number[];
}

export function importSource(lines: readonly string[]): ImportSource {
  const starts: number[] = [];
  let off = 0;
  for (const l of lines) {
    starts.push(off);
    off += l.length + 1;
  }
  return { text: lines.join("\n"), starts };
}

function lineIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Every match of the global regex `re` in `src`, with the 0-based first and last line it spans. */
export function scanImports(
  src: ImportSource,
  re: RegExp,
  each: (m: RegExpExecArray, from: number, to: number) => void,
): void {
  re.lastIndex = 0;
  for (let m = re.exec(src.text); m !== null; m = re.exec(src.text)) {
    each(m, lineIndex(src.starts, m.index), lineIndex(src.starts, m.index + m[0].length - 1));
    if (m[0].length === 0) re.lastIndex++;
  }
}

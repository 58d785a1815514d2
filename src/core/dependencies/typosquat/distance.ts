// Damerau-Levenshtein distance in its "optimal string alignment" form: insertions,
// deletions, substitutions and transpositions of two adjacent characters each cost 1; the
// edits a name of some length may be away from a popular one; the edits, named.

/** Maximum edit distance allowed for a name (or name part) of this length. */
export function maxDistanceFor(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  return 2;
}

/**
 * Distance between a and b. When `max` is given and the distance is certainly larger,
 * returns max + 1 early (rows are abandoned once every cell exceeds max).
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

export type EditKind = "transposition" | "substitution" | "insertion" | "deletion";

/**
 * The edits that turn `target` into `candidate` (what the look-alike did to the real name):
 * "insertion" = the candidate has an extra character, "deletion" = it lacks one.
 */
export function describeEdits(candidate: string, target: string): EditKind[] {
  const n = candidate.length;
  const m = target.length;
  const d: number[][] = [];
  for (let i = 0; i <= n; i++) {
    const row = new Array<number>(m + 1).fill(0);
    row[0] = i;
    d.push(row);
  }
  for (let j = 0; j <= m; j++) d[0]![j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = candidate[i - 1] === target[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && candidate[i - 1] === target[j - 2] && candidate[i - 2] === target[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  const ops: EditKind[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = d[i]![j]!;
    if (
      i > 1 &&
      j > 1 &&
      candidate[i - 1] === target[j - 2] &&
      candidate[i - 2] === target[j - 1] &&
      candidate[i - 1] !== candidate[i - 2] &&
      d[i - 2]![j - 2]! + 1 === here
    ) {
      ops.push("transposition");
      i -= 2;
      j -= 2;
    } else if (i > 0 && j > 0 && d[i - 1]![j - 1]! + (candidate[i - 1] === target[j - 1] ? 0 : 1) === here) {
      if (candidate[i - 1] !== target[j - 1]) ops.push("substitution");
      i--;
      j--;
    } else if (i > 0 && d[i - 1]![j]! + 1 === here) {
      ops.push("insertion");
      i--;
    } else {
      ops.push("deletion");
      j--;
    }
  }
  return ops.reverse();
}

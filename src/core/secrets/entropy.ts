// Shannon entropy of a string, in bits per character.
export function shannonEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  const n = [...value].length;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Share of the string taken by its most frequent character (1 for "aaaa"). */
export function maxCharShare(value: string): number {
  if (value.length === 0) return 1;
  const counts = new Map<string, number>();
  let max = 0;
  for (const ch of value) {
    const c = (counts.get(ch) ?? 0) + 1;
    counts.set(ch, c);
    if (c > max) max = c;
  }
  return max / [...value].length;
}

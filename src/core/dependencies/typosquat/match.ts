// Matching a name against a popular list's index: the nearest entry by edit distance, an entry
// with the same look-alike key, and the whole check of a name outside any namespace (checkFlat).
import { damerauLevenshtein, describeEdits, maxDistanceFor } from "./distance.js";
import { charMask, deletionNeighbourhood } from "./popular-index.js";
import type { PopularEntry, PopularIndex, TyposquatMatch } from "./types.js";
import { describeVariant, stripAffix } from "./variants.js";

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * For two-edit matches of multi-word names: every word that differs must itself be long enough
 * for its own share of edits ('lodash.union' is not 'lodash.uniq', 'path-case' is not
 * 'path-parse'), while 'expresss-validatr' still matches 'express-validator'.
 */
export function tokensAgree(a: string, b: string): boolean {
  const ta = a.split(/[-_./]+/);
  const tb = b.split(/[-_./]+/);
  if (ta.length !== tb.length || ta.length < 2) return true;
  for (let i = 0; i < ta.length; i++) {
    const x = ta[i]!;
    const y = tb[i]!;
    if (x === y) continue;
    const limit = maxDistanceFor(Math.min(x.length, y.length));
    if (damerauLevenshtein(x, y, limit) > limit) return false;
  }
  return true;
}

/** Best edit-distance match of `core` among the indexed popular names accepted by `accept`. */
export function nearest(
  idx: PopularIndex,
  core: string,
  maxD: number,
  accept: (e: PopularEntry) => boolean,
): { entry: PopularEntry; distance: number } | null {
  if (maxD <= 0) return null;
  let best: { entry: PopularEntry; distance: number } | null = null;
  const consider = (id: number): void => {
    const e = idx.entries[id]!;
    if (Math.abs(e.core.length - core.length) > maxD || !accept(e)) return;
    // The shorter of the two names sets the budget: 'pathe' is not a typo of 'path'.
    const limit = Math.min(maxD, maxDistanceFor(Math.min(e.core.length, core.length)));
    const d = damerauLevenshtein(core, e.core, limit);
    if (d < 1 || d > limit) return;
    if (d >= 2 && !tokensAgree(core, e.core)) return;
    if (!best || d < best.distance || (d === best.distance && e.rank < best.entry.rank))
      best = { entry: e, distance: d };
  };
  // Distance 1: symmetric 1-deletion neighbourhoods (a transposition is one deletion on each side).
  const seen = new Set<number>();
  for (const v of deletionNeighbourhood(core, 1)) {
    const ids = idx.deletions.get(v);
    if (ids)
      for (const id of ids)
        if (!seen.has(id)) {
          seen.add(id);
          consider(id);
        }
  }
  if (maxD >= 2 && (!best || (best as { distance: number }).distance > 1)) {
    // Distance 2: entries of length +-2 whose character sets differ in at most 4 classes.
    const mask = charMask(core);
    for (let len = core.length - 2; len <= core.length + 2; len++) {
      const ids = idx.byLength.get(len);
      if (!ids) continue;
      for (const id of ids) {
        if (seen.has(id) || popcount(mask ^ idx.entries[id]!.mask) > 4) continue;
        consider(id);
      }
    }
  }
  return best;
}

/** A match `distance` edits from the entry, naming the edits that turn it into `cand`. */
export function editMatch(entry: PopularEntry, distance: number, cand: string, display: string): TyposquatMatch {
  const ops = describeEdits(cand, entry.core);
  return {
    entry,
    distance,
    strong: false,
    detail: `${distance} edit${distance === 1 ? "" : "s"} from '${display}' (${ops.join(", ")})`,
  };
}

/** The first (most popular) entry with this look-alike key that `accept` takes, or null. */
export function keyMatch(idx: PopularIndex, key: string, accept: (e: PopularEntry) => boolean): PopularEntry | null {
  const ids = idx.keys.get(key);
  if (!ids) return null;
  for (const id of ids) {
    const e = idx.entries[id]!;
    if (accept(e)) return e;
  }
  return null;
}

/** Popular names outside any namespace (npm unscoped names; every name of PyPI and crates.io). */
const unNamespaced = (e: PopularEntry): boolean => e.namespace === null;

/** The check of a name outside any namespace, against the popular names outside any namespace. */
export function checkFlat(idx: PopularIndex, canon: string): TyposquatMatch | null {
  // 1. Separator / affix / homoglyph variant.
  let byKey: PopularEntry | null = null;
  for (const key of idx.keysOf(canon)) {
    if (key.length >= 3) byKey = keyMatch(idx, key, (e) => unNamespaced(e) && e.canon !== canon);
    if (byKey) break;
  }
  if (byKey) {
    // A bare name next to a popular affixed one (dateutil / python-dateutil) is weaker
    // evidence than an added or swapped affix: often the original the affixed port wraps.
    const bare = !stripAffix(idx.affixes, canon).affix && !!stripAffix(idx.affixes, byKey.canon).affix;
    return { entry: byKey, distance: null, strong: !bare, detail: describeVariant(idx.affixes, canon, byKey.canon) };
  }
  // 2. Homoglyph-folded name within edit distance (e.g. 'I' for 'l' plus a typo) is covered
  //    by the plain edit distance below; a capital I standing in for l is normalised first.
  const maxD = maxDistanceFor(canon.length);
  const hit = nearest(idx, canon, maxD, unNamespaced);
  if (hit) return editMatch(hit.entry, hit.distance, canon, hit.entry.name);
  // 3. Affix-stripped name within one edit of a popular core (python-dateutils, node-lodahs).
  const stripped = stripAffix(idx.affixes, canon);
  if (stripped.affix && stripped.core.length >= 5) {
    const h2 = nearest(idx, stripped.core, 1, unNamespaced);
    if (h2)
      return {
        ...editMatch(h2.entry, h2.distance, stripped.core, h2.entry.name),
        detail: `${stripped.affix} plus 1 edit from '${h2.entry.name}'`,
      };
  }
  return null;
}

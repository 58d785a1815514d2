// A popular list indexed for the look-alike checks: entries by canonical name, by 1-deletion
// neighbourhood and length (edit distance), by look-alike key, and the namespaces they live under.
import type { TyposquatHooks } from "../types.js";
import type { PopularEntry, PopularIndex } from "./types.js";
import { lookalikeKeys } from "./variants.js";

/** Share of each list (from the top) that counts as "very popular" for severity. */
const VERY_POPULAR_SHARE = 0.35;

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [id]);
  else if (list[list.length - 1] !== id) list.push(id);
}

/** All strings obtained from s by deleting up to `max` characters (including s itself). */
export function deletionNeighbourhood(s: string, max: number): Set<string> {
  const out = new Set<string>([s]);
  let frontier = [s];
  for (let d = 0; d < max; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Bitmask of the character classes in s: a-z, digits, '-', '_', '.', '/', other. */
export function charMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let bit: number;
    if (c >= 97 && c <= 122) bit = c - 97;
    else if (c >= 48 && c <= 57) bit = 26;
    else if (c === 45) bit = 27;
    else if (c === 95) bit = 28;
    else if (c === 46) bit = 29;
    else if (c === 47) bit = 30;
    else bit = 31;
    m |= 1 << bit;
  }
  return m;
}

/** The entries of a list, most popular first, one per canonical name. */
function entriesOf(
  hooks: TyposquatHooks,
  canonical: (name: string) => string,
  names: readonly string[],
): PopularEntry[] {
  const entries: PopularEntry[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const canon = canonical(name);
    if (seen.has(canon)) continue;
    seen.add(canon);
    const core = hooks.core ? hooks.core(canon) : canon;
    const namespace = hooks.namespace ? hooks.namespace(canon) : null;
    entries.push({ name, canon, core, namespace, rank: entries.length, mask: charMask(core) });
  }
  return entries;
}

/** Indexes a popular list (most popular first) with its ecosystem's hooks and canonical form. */
export function buildIndex(
  hooks: TyposquatHooks,
  canonical: (name: string) => string,
  names: readonly string[],
): PopularIndex {
  const entries = entriesOf(hooks, canonical, names);
  const affixes = hooks.affixes;
  const keysOf = (canon: string): string[] =>
    hooks.keys ? hooks.keys(canon) : lookalikeKeys(affixes, hooks.core ? hooks.core(canon) : canon);
  const deletions = new Map<string, number[]>();
  const byLength = new Map<number, number[]>();
  const keys = new Map<string, number[]>();
  const namespaces = new Set<string>();
  entries.forEach((e, id) => {
    // Distance 1 is found through 1-deletion neighbourhoods; distance 2 (long names only)
    // by scanning same-length-ish entries with a character-mask prefilter. Each check says
    // which entries it compares (npm: unscoped names with unscoped ones).
    if (hooks.editIndexed?.(e.canon) !== false) {
      if (e.core.length >= 4) for (const v of deletionNeighbourhood(e.core, 1)) push(deletions, v, id);
      push(byLength, e.core.length, id);
    }
    for (const k of keysOf(e.canon)) if (k.replace(/\//g, "").length >= 3) push(keys, k, id);
    if (e.namespace) namespaces.add(e.namespace);
  });
  return {
    entries,
    canon: new Set(entries.map((e) => e.canon)),
    byCanon: new Map(entries.map((e) => [e.canon, e] as const)),
    veryPopular: Math.ceil(entries.length * VERY_POPULAR_SHARE),
    deletions,
    byLength,
    keys,
    namespaces,
    affixes,
    keysOf,
  };
}

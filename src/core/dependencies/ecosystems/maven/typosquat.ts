// Maven's typosquat hooks: groupIds as namespaces, artifactIds compared by edit distance, and its
// check: a popular artifact (or one a few edits from it) under a look-alike groupId.
import type { TyposquatHooks } from "../../types.js";
import { damerauLevenshtein, maxDistanceFor } from "../../typosquat/distance.js";
import { editMatch, tokensAgree } from "../../typosquat/match.js";
import type { PopularEntry, PopularIndex, TyposquatMatch } from "../../typosquat/types.js";
import { stripSeparators } from "../../typosquat/variants.js";

const TLD = /^(com|org|io|net|dev|me|co|de|fr|uk|cn|info|biz)\./;

/** The groupId is a popular one, inside one (`org.apache.commons` under `org.apache`), or holds one. */
function groupOwned(idx: PopularIndex, group: string): boolean {
  if (idx.namespaces.has(group)) return true;
  if (group.split(".").length < 2) return false;
  for (const ns of idx.namespaces) {
    if (group.startsWith(`${ns}.`) || (ns.startsWith(`${group}.`) && group.split(".").length >= 2)) return true;
  }
  return false;
}

/**
 * In a popular groupId the group is trusted, the artifact is not: an artifactId a few edits from
 * a popular artifact of the same group (`jackson-databnd` beside `jackson-databind`) is a look-alike.
 */
function checkSibling(idx: PopularIndex, group: string, artifact: string): TyposquatMatch | null {
  const limit = maxDistanceFor(artifact.length);
  let best: { entry: PopularEntry; distance: number } | null = null;
  for (const e of idx.entries) {
    const [eg, ea] = e.canon.split(":");
    if (eg !== group || !ea || ea === artifact) continue;
    const max = Math.min(limit, maxDistanceFor(ea.length));
    if (max <= 0) continue;
    const d = damerauLevenshtein(artifact, ea, max);
    if (d < 1 || d > max || (d >= 2 && !tokensAgree(artifact, ea))) continue;
    if (!best || d < best.distance || (d === best.distance && e.rank < best.entry.rank))
      best = { entry: e, distance: d };
  }
  if (!best) return null;
  const m = editMatch(best.entry, best.distance, artifact, best.entry.name);
  return { ...m, sibling: true, detail: `${m.detail}, in the same groupId` };
}

function checkMaven(idx: PopularIndex, canon: string): TyposquatMatch | null {
  const [group, artifact] = canon.split(":");
  if (!group || !artifact) return null;
  if (groupOwned(idx, group)) return checkSibling(idx, group, artifact);
  const gKey = stripSeparators(group.replace(TLD, ""));
  let best: TyposquatMatch | null = null;
  for (const e of idx.entries) {
    const [eg, ea] = e.canon.split(":");
    if (!eg || !ea) continue;
    const artifactD = ea === artifact ? 0 : damerauLevenshtein(artifact, ea, 2);
    if (artifactD > maxDistanceFor(artifact.length)) continue;
    const groupD = damerauLevenshtein(group, eg, 3);
    const groupKeyEq = gKey === stripSeparators(eg.replace(TLD, ""));
    if (!(groupKeyEq || groupD <= 2)) continue;
    const detail =
      artifactD === 0
        ? `look-alike groupId '${group}' of '${e.name}'`
        : `look-alike groupId '${group}' and ${artifactD} edit${artifactD === 1 ? "" : "s"} from '${e.name}'`;
    const m: TyposquatMatch = {
      entry: e,
      distance: artifactD === 0 ? null : artifactD,
      strong: artifactD === 0,
      detail,
    };
    if (!best || e.rank < best.entry.rank) best = m;
  }
  return best;
}

export const mavenTyposquat: TyposquatHooks = {
  list: "maven",
  popular: new URL("./popular.json", import.meta.url),
  affixes: { prefixes: [], suffixes: [] },
  core: (canon) => canon.split(":")[1] ?? canon,
  namespace: (canon) => canon.split(":")[0] ?? null,
  editIndexed: () => false,
  check: (idx) => (canon) => checkMaven(idx, canon),
};

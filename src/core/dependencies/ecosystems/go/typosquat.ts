// Go's typosquat hooks: its affixes, the /vN folding, module owners as namespaces, and its check:
// a popular module's path re-created under another owner, or a few edits away on the same host.
import type { TyposquatHooks } from "../../types.js";
import { maxDistanceFor } from "../../typosquat/distance.js";
import { editMatch, keyMatch, nearest } from "../../typosquat/match.js";
import type { PopularIndex, TyposquatAffixes, TyposquatMatch } from "../../typosquat/types.js";
import { lookalikeKey } from "../../typosquat/variants.js";

const affixes: TyposquatAffixes = { prefixes: ["golang-", "go-"], suffixes: ["-golang", "-go"] };

/** A module's "owner": host/owner for code hosts, the domain for vanity import paths. */
export function goOwner(canon: string): string {
  const parts = canon.split("/");
  const host = parts[0] ?? "";
  if (/^(github\.com|gitlab\.com|bitbucket\.org|gopkg\.in)$/.test(host)) {
    return parts.length >= 3 ? `${host}/${parts[1]}` : canon;
  }
  if (host === "golang.org" || host === "cloud.google.com") return `${host}/${parts[1] ?? ""}`;
  return host;
}

/** The module path without its host (what edit distance compares). */
export function pathWithoutHost(canon: string): string {
  const i = canon.indexOf("/");
  return i < 0 ? canon : canon.slice(i + 1);
}

/** The look-alike key: each path segment's key, host left out. */
function pathKey(canon: string): string {
  return pathWithoutHost(canon)
    .split("/")
    .map((s) => lookalikeKey(affixes, s))
    .join("/");
}

/**
 * Under the owner of a popular module the owner is trusted, the module name is not: a popular
 * module itself or a package inside it is fine, a sibling a few edits from a popular one
 * (`github.com/sirupsen/logruss`) is a look-alike.
 */
function checkSibling(idx: PopularIndex, canon: string, owner: string): TyposquatMatch | null {
  if (idx.entries.some((e) => canon === e.canon || canon.startsWith(`${e.canon}/`))) return null;
  const core = pathWithoutHost(canon);
  const hit = nearest(idx, core, maxDistanceFor(core.length), (e) => e.namespace === owner);
  if (!hit) return null;
  const m = editMatch(hit.entry, hit.distance, core, hit.entry.name);
  return { ...m, sibling: true, detail: `${m.detail}, under the same owner` };
}

function checkGo(idx: PopularIndex, canon: string): TyposquatMatch | null {
  const owner = goOwner(canon);
  if (idx.namespaces.has(owner)) return checkSibling(idx, canon, owner);
  // Any popular module that is a path prefix (sub-module) is owned by the same owner.
  for (const ns of idx.namespaces) if (canon.startsWith(`${ns}/`)) return checkSibling(idx, canon, ns);
  const byKey = keyMatch(idx, pathKey(canon), (e) => e.namespace !== owner);
  if (byKey)
    return {
      entry: byKey,
      distance: null,
      strong: true,
      detail: `look-alike of '${byKey.name}' (separators or affixes in the path differ)`,
    };
  const core = pathWithoutHost(canon);
  const host = canon.split("/")[0];
  const hit = nearest(idx, core, maxDistanceFor(core.length), (e) => e.canon.split("/")[0] === host);
  if (hit) return editMatch(hit.entry, hit.distance, core, hit.entry.name);
  return null;
}

export const goTyposquat: TyposquatHooks = {
  list: "go",
  popular: new URL("./popular.json", import.meta.url),
  affixes,
  // A major-version suffix (/v2, .v3 for gopkg.in) names the same module family.
  fold: (name) => name.replace(/\/v\d+$/, "").replace(/^(gopkg\.in\/.+)\.v\d+$/, "$1"),
  core: pathWithoutHost,
  namespace: goOwner,
  keys: (canon) => [pathKey(canon)],
  check: (idx) => (canon) => checkGo(idx, canon),
};

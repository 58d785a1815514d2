// Offline typosquat ("slopsquatting") detection for dependency names.
//
// A name is flagged when it is NOT itself a popular package but looks like one:
//   - within a small Damerau-Levenshtein (optimal string alignment) distance of a popular
//     package of the same ecosystem (names of 4 chars or fewer: never; 5-8 chars: 1 edit;
//     longer: up to 2 edits),
//   - a separator / affix / homoglyph variant of one (`cross-env` -> `crossenv`,
//     `python-dateutil` -> `python3-dateutil`, `jellyfish` -> `jeIlyfish`),
//   - a popular npm package under a look-alike scope (`@typess/node`) or an unscoped
//     `@types` look-alike (`types-node`), a Maven artifact under a look-alike groupId, or a
//     Go module under a look-alike owner.
// Namespaces that the registry ties to an owner (an npm scope, a Maven groupId, a Go module
// owner or vanity domain) are trusted: a name inside the namespace of a popular package was
// published by that package's owner, so it is never flagged.
//
// Each ecosystem module gives its hooks (EcosystemModule.typosquat): the list id, its affixes,
// its name folding and its popular list, a data file beside the module (most popular first),
// read once at module load and indexed by deletion neighbourhood so a check costs microseconds.
// The namespace rules (npm scopes, Go owners, Maven groupIds) are kept here, by list id.

import { readFileSync } from "node:fs";
import { ecosystems } from "../ecosystems/index.js";
import type { EcosystemModule, TyposquatEcosystem } from "../types.js";
import { damerauLevenshtein, describeEdits } from "./distance.js";

export type { TyposquatEcosystem } from "../types.js";

export interface TyposquatRisk {
  kind: "typosquat";
  severity: "high" | "medium";
  detail: string;
  /** The popular package the name imitates. */
  target: string;
}

/** Each list's ecosystem module. */
const MODULES = new Map<TyposquatEcosystem, EcosystemModule>(ecosystems.map((m) => [m.typosquat.list, m]));

export const TYPOSQUAT_ECOSYSTEMS: readonly TyposquatEcosystem[] = [...MODULES.keys()];

function moduleOf(ecosystem: TyposquatEcosystem): EcosystemModule {
  const m = MODULES.get(ecosystem);
  if (!m) throw new Error(`typosquat: no ecosystem module has the list "${ecosystem}"`);
  return m;
}

/** Share of each list (from the top) that counts as "very popular" for severity. */
const VERY_POPULAR_SHARE = 0.35;

/** Maximum edit distance allowed for a name (or name part) of this length. */
export function maxDistanceFor(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  return 2;
}

// ---------------------------------------------------------------------------------------
// Normalisation

/**
 * The name the index compares: the ecosystem's canonical name (as its registry compares names),
 * in lower case (a name differing only in case looks alike), folded by the ecosystem's hook.
 */
export function canonicalName(ecosystem: TyposquatEcosystem, name: string): string {
  const m = moduleOf(ecosystem);
  const n = m.canonicalName(name.trim()).toLowerCase();
  return m.typosquat.fold ? m.typosquat.fold(n) : n;
}

/** Strips one ecosystem affix (if any) from a canonical name segment. */
function stripAffix(ecosystem: TyposquatEcosystem, s: string): { core: string; affix: string | null } {
  const { prefixes, suffixes, glued = [] } = moduleOf(ecosystem).typosquat.affixes;
  for (const p of prefixes)
    if (s.startsWith(p) && s.length - p.length >= 3) return { core: s.slice(p.length), affix: `'${p}' prefix` };
  for (const x of suffixes)
    if (s.endsWith(x) && s.length - x.length >= 3) return { core: s.slice(0, -x.length), affix: `'${x}' suffix` };
  // A prefix glued to the front (nodefabric, nodemssql): only when a distinctive name remains.
  for (const p of glued)
    if (s.startsWith(p) && /[a-z]/.test(s.charAt(p.length)) && s.length - p.length >= 5)
      return { core: s.slice(p.length), affix: `'${p}' prefix` };
  return { core: s, affix: null };
}

/** Collapses characters that look alike in most fonts. Input is lower case. */
function homoglyphFold(s: string): string {
  return s.replace(/rn/g, "m").replace(/vv/g, "w").replace(/[1|]/g, "l").replace(/0/g, "o");
}

function stripSeparators(s: string): string {
  return s.replace(/[-_.]/g, "");
}

/** The look-alike key: no affix, no separators, homoglyphs folded. */
function lookalikeKey(ecosystem: TyposquatEcosystem, segment: string): string {
  return homoglyphFold(stripSeparators(stripAffix(ecosystem, segment).core));
}

// ---------------------------------------------------------------------------------------
// Per-ecosystem index

interface Entry {
  /** As listed. */
  name: string;
  /** Canonical form. */
  canon: string;
  /** The part compared by edit distance (npm: name without scope; go: path without host). */
  core: string;
  rank: number;
  /** bitmask of the characters in core (see charMask) */
  mask: number;
}

interface EcoIndex {
  entries: Entry[];
  canon: Set<string>;
  veryPopular: number;
  /** deletion variant (0 or 1 deletion) of an entry's comparable string -> entry ids */
  deletions: Map<string, number[]>;
  /** core length -> ids of indexed entries with that length (for the distance-2 scan) */
  byLength: Map<number, number[]>;
  /** look-alike key -> entry ids */
  keys: Map<string, number[]>;
  /** npm scopes / maven groupIds / go owners that popular packages live under */
  namespaces: Set<string>;
  /** canonical name -> entry */
  byCanon: Map<string, Entry>;
  /** npm: scoped popular name with '@' and separators removed -> entry */
  scopedFlat: Map<string, Entry>;
  /** npm: name without scope -> scoped popular entries with that name */
  scopedByRest: Map<string, Entry[]>;
}

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

/** npm scope, or null. */
function npmScope(canon: string): string | null {
  const m = /^@([^/]+)\//.exec(canon);
  return m ? m[1]! : null;
}

/** Go module "owner": host/owner for code hosts, the domain for vanity import paths. */
function goOwner(canon: string): string {
  const parts = canon.split("/");
  const host = parts[0] ?? "";
  if (/^(github\.com|gitlab\.com|bitbucket\.org|gopkg\.in)$/.test(host)) {
    return parts.length >= 3 ? `${host}/${parts[1]}` : canon;
  }
  if (host === "golang.org" || host === "cloud.google.com") return `${host}/${parts[1] ?? ""}`;
  return host;
}

function goPathWithoutHost(canon: string): string {
  const i = canon.indexOf("/");
  return i < 0 ? canon : canon.slice(i + 1);
}

/** The comparable string of a canonical name, used for distance. */
function coreOf(ecosystem: TyposquatEcosystem, canon: string): string {
  if (ecosystem === "npm") {
    const i = canon.indexOf("/");
    return canon.startsWith("@") && i > 0 ? canon.slice(i + 1) : canon;
  }
  if (ecosystem === "go") return goPathWithoutHost(canon);
  if (ecosystem === "maven") return canon.split(":")[1] ?? canon;
  return canon;
}

function keyOf(ecosystem: TyposquatEcosystem, canon: string): string {
  if (ecosystem === "go")
    return goPathWithoutHost(canon)
      .split("/")
      .map((s) => lookalikeKey("go", s))
      .join("/");
  if (ecosystem === "maven") return canon; // groupId look-alikes are handled separately
  return lookalikeKey(ecosystem, coreOf(ecosystem, canon));
}

/** Look-alike keys: affix stripped, and (for names whose affix is part of the name) not. */
function keysOf(ecosystem: TyposquatEcosystem, canon: string): string[] {
  const k = keyOf(ecosystem, canon);
  if (ecosystem === "go" || ecosystem === "maven") return [k];
  const whole = homoglyphFold(stripSeparators(coreOf(ecosystem, canon)));
  return whole === k ? [k] : [k, whole];
}

function namespaceOf(ecosystem: TyposquatEcosystem, canon: string): string | null {
  if (ecosystem === "npm") return npmScope(canon);
  if (ecosystem === "maven") return canon.split(":")[0] ?? null;
  if (ecosystem === "go") return goOwner(canon);
  return null;
}

function loadList(ecosystem: TyposquatEcosystem): string[] {
  const url = moduleOf(ecosystem).typosquat.popular;
  const parsed: unknown = JSON.parse(readFileSync(url, "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`typosquat: ${url.pathname} is not a JSON array`);
  return parsed.filter((x): x is string => typeof x === "string" && x.trim() !== "");
}

function buildIndex(ecosystem: TyposquatEcosystem, names: readonly string[]): EcoIndex {
  const entries: Entry[] = [];
  const canon = new Set<string>();
  for (const name of names) {
    const c = canonicalName(ecosystem, name);
    if (canon.has(c)) continue;
    canon.add(c);
    const core = coreOf(ecosystem, c);
    entries.push({ name, canon: c, core, rank: entries.length, mask: charMask(core) });
  }
  const deletions = new Map<string, number[]>();
  const byLength = new Map<number, number[]>();
  const keys = new Map<string, number[]>();
  const namespaces = new Set<string>();
  entries.forEach((e, id) => {
    // Scoped npm names are only compared within their scope (see checkNpmScoped); the rest
    // go into the edit-distance index keyed by their comparable string.
    const indexed = ecosystem === "npm" && npmScope(e.canon) ? null : ecosystem === "maven" ? null : e.core;
    if (indexed !== null) {
      // Distance 1 is found through 1-deletion neighbourhoods; distance 2 (long names only)
      // by scanning same-length-ish entries with a character-mask prefilter.
      if (e.core.length >= 4) for (const v of deletionNeighbourhood(indexed, 1)) push(deletions, v, id);
      push(byLength, e.core.length, id);
    }
    for (const k of keysOf(ecosystem, e.canon)) if (k.replace(/\//g, "").length >= 3) push(keys, k, id);
    const ns = namespaceOf(ecosystem, e.canon);
    if (ns) namespaces.add(ns);
  });
  const byCanon = new Map(entries.map((e) => [e.canon, e] as const));
  const scopedFlat = new Map<string, Entry>();
  if (ecosystem === "npm") {
    for (const e of entries)
      if (e.canon.startsWith("@") && !scopedFlat.has(stripSeparators(e.canon.slice(1).replace("/", ""))))
        scopedFlat.set(stripSeparators(e.canon.slice(1).replace("/", "")), e);
  }
  const scopedByRest = new Map<string, Entry[]>();
  if (ecosystem === "npm") {
    for (const e of entries) {
      if (!npmScope(e.canon)) continue;
      const list = scopedByRest.get(e.core);
      if (list) list.push(e);
      else scopedByRest.set(e.core, [e]);
    }
  }
  return {
    scopedByRest,
    entries,
    canon,
    veryPopular: Math.ceil(entries.length * VERY_POPULAR_SHARE),
    deletions,
    byLength,
    keys,
    namespaces,
    byCanon,
    scopedFlat,
  };
}

const indexes = new Map<TyposquatEcosystem, EcoIndex>();

function indexFor(ecosystem: TyposquatEcosystem): EcoIndex {
  let idx = indexes.get(ecosystem);
  if (!idx) {
    idx = buildIndex(ecosystem, loadList(ecosystem));
    indexes.set(ecosystem, idx);
  }
  return idx;
}

// Read (and index) every list once at module load.
for (const eco of TYPOSQUAT_ECOSYSTEMS) indexFor(eco);

/** The popular names of an ecosystem, most popular first. */
export function popularPackages(ecosystem: TyposquatEcosystem): readonly string[] {
  return indexFor(ecosystem).entries.map((e) => e.name);
}

/** Whether the name is on the ecosystem's popular list (registry-canonical comparison). */
export function isPopular(ecosystem: TyposquatEcosystem, name: string): boolean {
  return indexFor(ecosystem).canon.has(canonicalName(ecosystem, name));
}

// ---------------------------------------------------------------------------------------
// Checking

type Match = { entry: Entry; distance: number | null; detail: string; strong: boolean };

function risk(idx: EcoIndex, m: Match): TyposquatRisk {
  const veryPopular = m.entry.rank < idx.veryPopular;
  const high = veryPopular && (m.strong || m.distance === 1);
  return { kind: "typosquat", severity: high ? "high" : "medium", detail: m.detail, target: m.entry.name };
}

/** Names the kind of look-alike difference between a candidate and a target (same key). */
function describeVariant(ecosystem: TyposquatEcosystem, cand: string, target: string): string {
  if (stripSeparators(cand) === stripSeparators(target)) return `separator variant of '${target}' (separators differ)`;
  if (homoglyphFold(stripSeparators(cand)) === homoglyphFold(stripSeparators(target)))
    return `homoglyph of '${target}' (look-alike characters)`;
  const ca = stripAffix(ecosystem, cand);
  const ta = stripAffix(ecosystem, target);
  const parts: string[] = [];
  let kind = "separator variant";
  if (ca.affix !== ta.affix) {
    kind = "affix variant";
    if (ca.affix && ta.affix) parts.push(`${ca.affix} instead of ${ta.affix}`);
    else parts.push(ca.affix ? `added ${ca.affix}` : `missing ${ta.affix}`);
  }
  const cs = stripSeparators(ca.core);
  const ts = stripSeparators(ta.core);
  if (cs === ts && ca.core !== ta.core) parts.push("separators differ");
  if (cs !== ts) {
    parts.push("look-alike characters");
    if (kind === "separator variant") kind = "homoglyph";
  }
  return `${kind} of '${target}' (${parts.join(", ")})`;
}

/** Bitmask of the character classes in s: a-z, digits, '-', '_', '.', '/', other. */
function charMask(s: string): number {
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
function tokensAgree(a: string, b: string): boolean {
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
function nearest(
  idx: EcoIndex,
  core: string,
  maxD: number,
  accept: (e: Entry) => boolean,
): { entry: Entry; distance: number } | null {
  if (maxD <= 0) return null;
  let best: { entry: Entry; distance: number } | null = null;
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

function editMatch(entry: Entry, distance: number, cand: string, display: string): Match {
  const ops = describeEdits(cand, entry.core);
  return {
    entry,
    distance,
    strong: false,
    detail: `${distance} edit${distance === 1 ? "" : "s"} from '${display}' (${ops.join(", ")})`,
  };
}

function keyMatch(
  idx: EcoIndex,
  ecosystem: TyposquatEcosystem,
  key: string,
  accept: (e: Entry) => boolean,
): Entry | null {
  const ids = idx.keys.get(key);
  if (!ids) return null;
  for (const id of ids) {
    const e = idx.entries[id]!;
    if (accept(e)) return e;
  }
  return null;
}

/** Core check for un-namespaced names (npm unscoped, and ecosystems without namespaces). */
function checkFlat(idx: EcoIndex, ecosystem: TyposquatEcosystem, canon: string): Match | null {
  // 1. Separator / affix / homoglyph variant.
  let byKey: Entry | null = null;
  for (const key of keysOf(ecosystem, canon)) {
    if (key.length >= 3) byKey = keyMatch(idx, ecosystem, key, (e) => !npmScope(e.canon) && e.canon !== canon);
    if (byKey) break;
  }
  if (byKey) {
    // A bare name next to a popular affixed one (dateutil / python-dateutil) is weaker
    // evidence than an added or swapped affix: often the original the affixed port wraps.
    const bare = !stripAffix(ecosystem, canon).affix && !!stripAffix(ecosystem, byKey.canon).affix;
    return { entry: byKey, distance: null, strong: !bare, detail: describeVariant(ecosystem, canon, byKey.canon) };
  }
  // 2. Homoglyph-folded name within edit distance (e.g. 'I' for 'l' plus a typo) is covered
  //    by the plain edit distance below; a capital I standing in for l is normalised first.
  const maxD = maxDistanceFor(canon.length);
  const hit = nearest(idx, canon, maxD, (e) => !npmScope(e.canon));
  if (hit) return editMatch(hit.entry, hit.distance, canon, hit.entry.name);
  // 3. Affix-stripped name within one edit of a popular core (python-dateutils, node-lodahs).
  const stripped = stripAffix(ecosystem, canon);
  if (stripped.affix && stripped.core.length >= 5) {
    const h2 = nearest(idx, stripped.core, 1, (e) => !npmScope(e.canon));
    if (h2)
      return {
        ...editMatch(h2.entry, h2.distance, stripped.core, h2.entry.name),
        detail: `${stripped.affix} plus 1 edit from '${h2.entry.name}'`,
      };
  }
  return null;
}

const TYPES_LOOKALIKE = /^@?types?[-_.]?(.+)$/;

function checkNpm(idx: EcoIndex, canon: string): Match | null {
  const scope = npmScope(canon);
  if (scope === null) {
    // Unscoped @types look-alike: types-node, typesnode, @types-node (invalid, but written).
    const t = TYPES_LOOKALIKE.exec(canon);
    if (t && t[1] && t[1].length >= 2) {
      const rest = t[1].replace(/^[-_./]+/, "");
      const typed = idx.byCanon.get(`@types/${rest}`);
      if (typed)
        return { entry: typed, distance: null, strong: true, detail: `unscoped look-alike of '${typed.name}'` };
    }
    // Separator / affix variants of unscoped names first, then a popular scoped package
    // flattened into an unscoped name (testing-library-react), then edit distance.
    const flatMatch = checkFlat(idx, "npm", canon);
    if (flatMatch && flatMatch.distance === null) return flatMatch;
    const flatKey = stripSeparators(canon);
    if (flatKey.length >= 6) {
      const flat = idx.scopedFlat.get(flatKey);
      if (flat) return { entry: flat, distance: null, strong: false, detail: `unscoped look-alike of '${flat.name}'` };
    }
    return flatMatch;
  }
  // Scoped: a scope that a popular package lives under is owned by that package's publisher.
  if (idx.namespaces.has(scope)) return null;
  const rest = coreOf("npm", canon);
  let best: Match | null = null;
  for (const e of idx.scopedByRest.get(rest) ?? []) {
    const es = npmScope(e.canon);
    if (!es) continue;
    const scopeD = damerauLevenshtein(scope, es, 2);
    const scopeKeyEq = lookalikeKey("npm", scope) === lookalikeKey("npm", es);
    const limit = es.length >= 9 ? 2 : es.length >= 4 ? 1 : 0;
    if (scopeKeyEq || (scopeD >= 1 && scopeD <= limit)) {
      const m: Match = {
        entry: e,
        distance: scopeKeyEq ? null : scopeD,
        strong: true,
        detail: `look-alike scope '@${scope}' of '${e.name}'`,
      };
      if (!best || e.rank < best.entry.rank) best = m;
    }
  }
  if (best) return best;
  // The scope of a popular scoped package with something glued on (@babel-core/core,
  // @reduxjs-toolkit/toolkit, @typesnode/node), or a distinctive scope within a couple of edits
  // of a popular scope whatever the package (@typescript_eslinter/eslint).
  const flatScope = stripSeparators(scope);
  for (const ns of idx.namespaces) {
    const flatNs = stripSeparators(ns);
    const sameRest = idx.byCanon.has(`@${ns}/${rest}`);
    const glued =
      flatScope.length > flatNs.length &&
      flatNs.length >= 3 &&
      (flatScope.startsWith(flatNs) || flatScope.endsWith(flatNs));
    const near = flatNs.length >= 9 && damerauLevenshtein(flatScope, flatNs, 2) <= 2;
    if ((glued && sameRest) || near) {
      const entry = idx.byCanon.get(`@${ns}/${rest}`) ?? idx.entries.find((e) => npmScope(e.canon) === ns)!;
      return {
        entry,
        distance: null,
        strong: sameRest,
        detail: `look-alike scope '@${scope}' of '@${ns}'${sameRest ? ` ('${entry.name}')` : ""}`,
      };
    }
  }
  // A popular unscoped package re-published under a scope that imitates its own name
  // (@lodahs/lodash, @expres/express).
  const unscoped = idx.byCanon.get(rest);
  if (unscoped && rest.length >= 3) {
    const d = damerauLevenshtein(scope, rest, 2);
    if (
      stripSeparators(scope) === stripSeparators(rest) ||
      stripAffix("npm", scope).core === rest ||
      (d >= 1 && d <= maxDistanceFor(rest.length))
    ) {
      return {
        entry: unscoped,
        distance: null,
        strong: true,
        detail: `'${unscoped.name}' re-published under look-alike scope '@${scope}'`,
      };
    }
  }
  return null;
}

function checkGo(idx: EcoIndex, canon: string): Match | null {
  const owner = goOwner(canon);
  if (idx.namespaces.has(owner)) return null;
  // Any popular module that is a path prefix (sub-module) is owned by the same owner.
  for (const ns of idx.namespaces) if (canon.startsWith(`${ns}/`)) return null;
  const key = keyOf("go", canon);
  const byKey = keyMatch(idx, "go", key, (e) => goOwner(e.canon) !== owner);
  if (byKey)
    return {
      entry: byKey,
      distance: null,
      strong: true,
      detail: `look-alike of '${byKey.name}' (separators or affixes in the path differ)`,
    };
  const core = goPathWithoutHost(canon);
  const host = canon.split("/")[0];
  const hit = nearest(idx, core, maxDistanceFor(core.length), (e) => e.canon.split("/")[0] === host);
  if (hit) return editMatch(hit.entry, hit.distance, core, hit.entry.name);
  return null;
}

const TLD = /^(com|org|io|net|dev|me|co|de|fr|uk|cn|info|biz)\./;

function mavenGroupOwned(idx: EcoIndex, group: string): boolean {
  if (idx.namespaces.has(group)) return true;
  if (group.split(".").length < 2) return false;
  for (const ns of idx.namespaces) {
    if (group.startsWith(`${ns}.`) || (ns.startsWith(`${group}.`) && group.split(".").length >= 2)) return true;
  }
  return false;
}

function checkMaven(idx: EcoIndex, canon: string): Match | null {
  const [group, artifact] = canon.split(":");
  if (!group || !artifact) return null;
  if (mavenGroupOwned(idx, group)) return null;
  const gKey = stripSeparators(group.replace(TLD, ""));
  let best: Match | null = null;
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
    const m: Match = { entry: e, distance: artifactD === 0 ? null : artifactD, strong: artifactD === 0, detail };
    if (!best || e.rank < best.entry.rank) best = m;
  }
  return best;
}

/**
 * Checks whether a dependency name looks like a typosquat of a popular package in the same
 * ecosystem. Returns null for popular names themselves and for names that look like nothing.
 */
export function checkTyposquat(ecosystem: TyposquatEcosystem, name: string): TyposquatRisk | null {
  const idx = indexes.get(ecosystem);
  if (!idx || typeof name !== "string") return null;
  // A capital I in a lower-case-looking name is a classic stand-in for l (jeIlyfish).
  const raw = name.trim();
  const deI = /[a-z]/.test(raw) ? raw.replace(/I/g, "l") : raw;
  const canon = canonicalName(ecosystem, deI);
  if (canon === "" || idx.canon.has(canonicalName(ecosystem, raw))) return null;
  if (deI !== raw && idx.canon.has(canon)) {
    const entry = idx.byCanon.get(canon)!;
    return risk(idx, {
      entry,
      distance: null,
      strong: true,
      detail: `homoglyph of '${entry.name}' (capital 'I' for 'l')`,
    });
  }
  let m: Match | null;
  switch (ecosystem) {
    case "npm":
      m = checkNpm(idx, canon);
      break;
    case "go":
      m = checkGo(idx, canon);
      break;
    case "maven":
      m = checkMaven(idx, canon);
      break;
    default:
      m = checkFlat(idx, ecosystem, canon);
  }
  if (!m) return null;
  if (deI !== raw) m = { ...m, detail: `${m.detail}; capital 'I' for 'l'` };
  return risk(idx, m);
}

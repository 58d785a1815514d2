// npm's typosquat hooks: its affixes, scopes as namespaces, and its check: `@types` look-alikes,
// popular scoped packages flattened or under a look-alike scope, popular names re-published under a scope.
import type { TyposquatHooks } from "../../types.js";
import { damerauLevenshtein, maxDistanceFor } from "../../typosquat/distance.js";
import { checkFlat } from "../../typosquat/match.js";
import type { PopularEntry, PopularIndex, TyposquatAffixes, TyposquatMatch } from "../../typosquat/types.js";
import { lookalikeKey, stripAffix, stripSeparators } from "../../typosquat/variants.js";

const affixes: TyposquatAffixes = {
  prefixes: ["node-", "node.", "nodejs-", "js-"],
  suffixes: ["-js", ".js", "_js", "js", "-node", "-nodejs", "-npm"],
  glued: ["node"],
};

/** The scope of a canonical name (`@babel/core` -> `babel`), or null. */
export function npmScope(canon: string): string | null {
  const m = /^@([^/]+)\//.exec(canon);
  return m ? m[1]! : null;
}

/** The name without its scope. */
export function withoutScope(canon: string): string {
  const i = canon.indexOf("/");
  return canon.startsWith("@") && i > 0 ? canon.slice(i + 1) : canon;
}

const TYPES_LOOKALIKE = /^@?types?[-_.]?(.+)$/;

/** The popular scoped names, flattened (`@testing-library/react` -> `testinglibraryreact`) and by their name without scope. */
interface Scoped {
  flat: Map<string, PopularEntry>;
  byRest: Map<string, PopularEntry[]>;
}

function scopedOf(idx: PopularIndex): Scoped {
  const flat = new Map<string, PopularEntry>();
  const byRest = new Map<string, PopularEntry[]>();
  for (const e of idx.entries) {
    if (!e.canon.startsWith("@")) continue;
    const key = stripSeparators(e.canon.slice(1).replace("/", ""));
    if (!flat.has(key)) flat.set(key, e);
  }
  for (const e of idx.entries) {
    if (!npmScope(e.canon)) continue;
    const list = byRest.get(e.core);
    if (list) list.push(e);
    else byRest.set(e.core, [e]);
  }
  return { flat, byRest };
}

function checkUnscoped(idx: PopularIndex, scoped: Scoped, canon: string): TyposquatMatch | null {
  // Unscoped @types look-alike: types-node, typesnode, @types-node (invalid, but written).
  const t = TYPES_LOOKALIKE.exec(canon);
  if (t && t[1] && t[1].length >= 2) {
    const rest = t[1].replace(/^[-_./]+/, "");
    const typed = idx.byCanon.get(`@types/${rest}`);
    if (typed) return { entry: typed, distance: null, strong: true, detail: `unscoped look-alike of '${typed.name}'` };
  }
  // Separator / affix variants of unscoped names first, then a popular scoped package
  // flattened into an unscoped name (testing-library-react), then edit distance.
  const flatMatch = checkFlat(idx, canon);
  if (flatMatch && flatMatch.distance === null) return flatMatch;
  const flatKey = stripSeparators(canon);
  if (flatKey.length >= 6) {
    const flat = scoped.flat.get(flatKey);
    if (flat) return { entry: flat, distance: null, strong: false, detail: `unscoped look-alike of '${flat.name}'` };
  }
  return flatMatch;
}

/** A popular scoped package of the same name under a look-alike scope (@typess/node). */
function lookalikeScope(scoped: Scoped, scope: string, rest: string): TyposquatMatch | null {
  let best: TyposquatMatch | null = null;
  for (const e of scoped.byRest.get(rest) ?? []) {
    const es = npmScope(e.canon);
    if (!es) continue;
    const scopeD = damerauLevenshtein(scope, es, 2);
    const scopeKeyEq = lookalikeKey(affixes, scope) === lookalikeKey(affixes, es);
    const limit = es.length >= 9 ? 2 : es.length >= 4 ? 1 : 0;
    if (scopeKeyEq || (scopeD >= 1 && scopeD <= limit)) {
      const m: TyposquatMatch = {
        entry: e,
        distance: scopeKeyEq ? null : scopeD,
        strong: true,
        detail: `look-alike scope '@${scope}' of '${e.name}'`,
      };
      if (!best || e.rank < best.entry.rank) best = m;
    }
  }
  return best;
}

/**
 * The scope of a popular scoped package with something glued on (@babel-core/core,
 * @reduxjs-toolkit/toolkit, @typesnode/node), or a distinctive scope within a couple of edits
 * of a popular scope whatever the package (@typescript_eslinter/eslint).
 */
function gluedOrNearScope(idx: PopularIndex, scope: string, rest: string): TyposquatMatch | null {
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
      const entry = idx.byCanon.get(`@${ns}/${rest}`) ?? idx.entries.find((e) => e.namespace === ns)!;
      return {
        entry,
        distance: null,
        strong: sameRest,
        detail: `look-alike scope '@${scope}' of '@${ns}'${sameRest ? ` ('${entry.name}')` : ""}`,
      };
    }
  }
  return null;
}

/** A popular unscoped package re-published under a scope that imitates its own name (@lodahs/lodash, @expres/express). */
function republished(idx: PopularIndex, scope: string, rest: string): TyposquatMatch | null {
  const unscoped = idx.byCanon.get(rest);
  if (!unscoped || rest.length < 3) return null;
  const d = damerauLevenshtein(scope, rest, 2);
  if (
    stripSeparators(scope) === stripSeparators(rest) ||
    stripAffix(affixes, scope).core === rest ||
    (d >= 1 && d <= maxDistanceFor(rest.length))
  ) {
    return {
      entry: unscoped,
      distance: null,
      strong: true,
      detail: `'${unscoped.name}' re-published under look-alike scope '@${scope}'`,
    };
  }
  return null;
}

function checkScoped(idx: PopularIndex, scoped: Scoped, scope: string, canon: string): TyposquatMatch | null {
  // A scope that a popular package lives under is owned by that package's publisher.
  if (idx.namespaces.has(scope)) return null;
  const rest = withoutScope(canon);
  return lookalikeScope(scoped, scope, rest) ?? gluedOrNearScope(idx, scope, rest) ?? republished(idx, scope, rest);
}

export const npmTyposquat: TyposquatHooks = {
  list: "npm",
  popular: new URL("./popular.json", import.meta.url),
  affixes,
  // Scoped names are compared within their scope; the rest by their whole name.
  core: withoutScope,
  namespace: npmScope,
  editIndexed: (canon) => npmScope(canon) === null,
  check(idx) {
    const scoped = scopedOf(idx);
    return (canon) => {
      const scope = npmScope(canon);
      return scope === null ? checkUnscoped(idx, scoped, canon) : checkScoped(idx, scoped, scope, canon);
    };
  },
};

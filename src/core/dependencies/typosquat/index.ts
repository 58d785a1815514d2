// Offline typosquat ("slopsquatting") detection for dependency names.
//
// A name is flagged when it is NOT itself a popular package but looks like one:
//   - within a small Damerau-Levenshtein (optimal string alignment) distance of a popular
//     package of the same ecosystem (names of 4 chars or fewer: never; 5-8 chars: 1 edit;
//     longer: up to 2 edits),
//   - a separator / affix / homoglyph variant of one (`cross-env` -> `crossenv`,
//     `python-dateutil` -> `python3-dateutil`, `jellyfish` -> `jeIlyfish`),
//   - a popular package under a look-alike namespace (an npm scope, a Maven groupId, a Go
//     module owner): the ecosystem's own check.
// Namespaces that the registry ties to an owner are trusted: a name inside the namespace of a
// popular package was published by that package's owner, so it is never flagged.
//
// Each ecosystem module gives its hooks (EcosystemModule.typosquat): the list id, its affixes,
// its name folding, its namespaces and check, and its popular list, a data file beside the
// module (most popular first), read once at module load and indexed by deletion neighbourhood
// (popular-index.ts) so a check costs microseconds. This file knows no ecosystem by name.

import { readFileSync } from "node:fs";
import { ecosystems } from "../ecosystems/index.js";
import type { EcosystemModule, TyposquatEcosystem } from "../types.js";
import { checkFlat } from "./match.js";
import { buildIndex } from "./popular-index.js";
import type { PopularIndex, TyposquatMatch } from "./types.js";

export type { TyposquatEcosystem } from "../types.js";
export { maxDistanceFor } from "./distance.js";
export { deletionNeighbourhood } from "./popular-index.js";

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

/**
 * The name the index compares: the ecosystem's canonical name (as its registry compares names),
 * in lower case (a name differing only in case looks alike), folded by the ecosystem's hook.
 */
export function canonicalName(ecosystem: TyposquatEcosystem, name: string): string {
  const m = moduleOf(ecosystem);
  const n = m.canonicalName(name.trim()).toLowerCase();
  return m.typosquat.fold ? m.typosquat.fold(n) : n;
}

function loadList(ecosystem: TyposquatEcosystem): string[] {
  const url = moduleOf(ecosystem).typosquat.popular;
  const parsed: unknown = JSON.parse(readFileSync(url, "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`typosquat: ${url.pathname} is not a JSON array`);
  return parsed.filter((x): x is string => typeof x === "string" && x.trim() !== "");
}

/** A list's index, and its ecosystem's check of a name not on it. */
interface Checker {
  index: PopularIndex;
  check: (canon: string) => TyposquatMatch | null;
}

const checkers = new Map<TyposquatEcosystem, Checker>();

function checkerFor(ecosystem: TyposquatEcosystem): Checker {
  let c = checkers.get(ecosystem);
  if (!c) {
    const hooks = moduleOf(ecosystem).typosquat;
    const index = buildIndex(hooks, (name) => canonicalName(ecosystem, name), loadList(ecosystem));
    c = { index, check: hooks.check ? hooks.check(index) : (canon) => checkFlat(index, canon) };
    checkers.set(ecosystem, c);
  }
  return c;
}

// Read (and index) every list once at module load.
for (const eco of TYPOSQUAT_ECOSYSTEMS) checkerFor(eco);

/** The popular names of an ecosystem, most popular first. */
export function popularPackages(ecosystem: TyposquatEcosystem): readonly string[] {
  return checkerFor(ecosystem).index.entries.map((e) => e.name);
}

/** Whether the name is on the ecosystem's popular list (registry-canonical comparison). */
export function isPopular(ecosystem: TyposquatEcosystem, name: string): boolean {
  return checkerFor(ecosystem).index.canon.has(canonicalName(ecosystem, name));
}

function risk(idx: PopularIndex, m: TyposquatMatch): TyposquatRisk {
  const veryPopular = m.entry.rank < idx.veryPopular;
  const high = veryPopular && !m.sibling && (m.strong || m.distance === 1);
  return { kind: "typosquat", severity: high ? "high" : "medium", detail: m.detail, target: m.entry.name };
}

/**
 * Checks whether a dependency name looks like a typosquat of a popular package in the same
 * ecosystem. Returns null for popular names themselves and for names that look like nothing.
 */
export function checkTyposquat(ecosystem: TyposquatEcosystem, name: string): TyposquatRisk | null {
  const checker = checkers.get(ecosystem);
  if (!checker || typeof name !== "string") return null;
  const idx = checker.index;
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
  let m = checker.check(canon);
  if (!m) return null;
  if (deI !== raw) m = { ...m, detail: `${m.detail}; capital 'I' for 'l'` };
  return risk(idx, m);
}

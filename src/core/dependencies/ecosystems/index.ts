// Every supported ecosystem, and the lookups the rest of aiguard asks them through (by id, by
// alias, by path). To add one: a folder exporting an EcosystemModule, and a line in `ecosystems`.
import type { EcosystemAliases, EcosystemId, EcosystemModule, TyposquatEcosystem } from "../types.js";
import { cargo } from "./cargo/index.js";
import { go } from "./go/index.js";
import { maven } from "./maven/index.js";
import { npm } from "./npm/index.js";
import { pypi } from "./pypi/index.js";

export type { EcosystemId, EcosystemModule, TyposquatEcosystem } from "../types.js";

export const ecosystems: readonly EcosystemModule[] = [npm, pypi, go, maven, cargo];

/** The ecosystem ids, in the order of `ecosystems`. */
export const ECOSYSTEM_IDS: readonly EcosystemId[] = ecosystems.map((m) => m.id);

/** The module that reads this manifest or lockfile. */
export function moduleFor(path: string): EcosystemModule | undefined {
  return ecosystems.find((m) => m.matches(path));
}

/** The module of an ecosystem id as the review prints it (`crates.io`), or undefined. */
export function ecosystemById(id: string): EcosystemModule | undefined {
  return ecosystems.find((m) => m.id === id);
}

/** Which alias list to search: config names, --registry names, or GitHub's names and purl types. */
export type AliasKind = "config" | "registry" | "github";

function aliasesOf(a: EcosystemAliases, kind: AliasKind): readonly string[] {
  return kind === "github" ? [...new Set([a.purl, ...a.github])] : a[kind];
}

/** The module one of its aliases names (case-insensitive). */
export function ecosystemByAlias(kind: AliasKind, alias: string): EcosystemModule | undefined {
  const wanted = alias.toLowerCase();
  return ecosystems.find((m) => aliasesOf(m.aliases, kind).includes(wanted));
}

/** Every alias of one kind, ecosystem by ecosystem. */
export function allAliases(kind: AliasKind): string[] {
  return ecosystems.flatMap((m) => aliasesOf(m.aliases, kind));
}

/** Names as the ecosystem's registry compares them (unknown ecosystems: as written). */
export function comparableName(ecosystem: string, name: string): string {
  return ecosystemById(ecosystem)?.canonicalName(name) ?? name;
}

/** The typosquat list of each ecosystem id. */
export const TYPOSQUAT_ECOSYSTEM: Readonly<Record<string, TyposquatEcosystem>> = Object.fromEntries(
  ecosystems.map((m) => [m.id, m.typosquat.list]),
);

/**
 * The dependency comes from the repository or a local path, not from a registry: npm `file:`,
 * `link:`, `workspace:` and `portal:` specs, or a Go module `replace`d by a local directory.
 * Such names are neither looked up nor judged as typosquats.
 */
export function isLocalSpec(ecosystem: string, version: string): boolean {
  return ecosystemById(ecosystem)?.isLocalSpec?.(version) ?? false;
}

/** An exact version from a declared one (for advisories), or null for a range. */
export function exactVersionOf(ecosystem: string, declared: string): string | null {
  const hook = ecosystemById(ecosystem)?.exactVersion;
  if (hook) return hook(declared);
  const v = declared.replace(/^(==|===|=|v(?=\d))/, "").trim();
  return /^\d+(\.\d+)*([-.+][\w.+-]*)?$/.test(v) ? v : null;
}

// Name patterns of the dependencies config (allow, deny, private, ignore): glob and ecosystem
// matching on names as each registry compares them.
import { globMatcher } from "../glob.js";
import type { DependenciesConfig } from "../policy/schema.js";
import { comparableName, ecosystemById } from "./ecosystems/index.js";

/** A config entry naming packages: a glob, or a glob with an ecosystem and a reason. */
export type NameEntry = string | { name: string; ecosystem?: string | undefined; reason?: string | undefined };

export interface NameMatcher {
  test: (ecosystem: string, name: string) => boolean;
  reason?: string | undefined;
}

export function matcherFor(m: NameEntry): NameMatcher {
  const spec = typeof m === "string" ? { name: m } : m;
  const byEco = new Map<string, (n: string) => boolean>();
  const test = (ecosystem: string, name: string): boolean => {
    if (spec.ecosystem && spec.ecosystem !== ecosystem) return false;
    let fn = byEco.get(ecosystem);
    if (!fn) {
      const pattern = canonicalGlob(ecosystem, spec.name);
      fn = globMatcher(pattern, { nocase: ecosystemById(ecosystem)?.caseInsensitive === true });
      byEco.set(ecosystem, fn);
    }
    return fn(comparableName(ecosystem, name));
  };
  return { test, reason: spec.reason };
}

/**
 * A glob in the ecosystem's canonical name form, so that it matches names in that form. Inside a
 * bracket expression each character is mapped on its own and a range keeps its dash: `[a-z]` stays
 * a range for crates.io, whose canonical form turns `-` into `_`.
 */
export function canonicalGlob(ecosystem: string, glob: string): string {
  const one = (c: string) => comparableName(ecosystem, c);
  return glob.replace(/\[([^\]]*)\]|[^[]+/g, (part: string, inside: string | undefined) =>
    inside === undefined
      ? one(part)
      : `[${inside.replace(/(.)-(.)|./gs, (c: string, lo?: string, hi?: string) => (lo !== undefined && hi !== undefined ? `${one(lo)}-${one(hi)}` : one(c)))}]`,
  );
}

/** Names published to a private registry (`dependencies.private`): never looked up publicly, never typosquats. */
export function privateMatcher(config: DependenciesConfig): (ecosystem: string, name: string) => boolean {
  const ms = config.private.map(matcherFor);
  return (ecosystem, name) => ms.some((m) => m.test(ecosystem, name));
}

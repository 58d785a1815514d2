// Name patterns of the dependencies config (allow, deny, private, ignore): glob and ecosystem
// matching on names as each registry compares them.
import picomatch from "picomatch";
import type { DependenciesConfig } from "../policy/schema.js";
import { comparableName } from "./names.js";

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
      const pattern = comparableName(ecosystem, spec.name);
      fn = picomatch(pattern, { dot: true, nocase: ecosystem === "PyPI" || ecosystem === "crates.io" });
      byEco.set(ecosystem, fn);
    }
    return fn(comparableName(ecosystem, name));
  };
  return { test, reason: spec.reason };
}

/** Names published to a private registry (`dependencies.private`): never looked up publicly, never typosquats. */
export function privateMatcher(config: DependenciesConfig): (ecosystem: string, name: string) => boolean {
  const ms = config.private.map(matcherFor);
  return (ecosystem, name) => ms.some((m) => m.test(ecosystem, name));
}

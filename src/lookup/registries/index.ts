// Every registry aiguard asks about packages, one per ecosystem (the Record makes the compiler
// insist on it). To add one: a module exporting a RegistryLookup, and its line here.
import type { EcosystemId } from "../../core/dependencies/types.js";
import { cratesIo } from "./crates.js";
import { goProxy } from "./go.js";
import { mavenCentral } from "./maven.js";
import { npmRegistry } from "./npm.js";
import { pypiRegistry } from "./pypi.js";
import type { RegistryLookup } from "./types.js";

export type { RegistryLookup } from "./types.js";

export const registries: Readonly<Record<EcosystemId, RegistryLookup>> = {
  npm: npmRegistry,
  PyPI: pypiRegistry,
  Go: goProxy,
  Maven: mavenCentral,
  "crates.io": cratesIo,
};

/** The registry of an ecosystem id, or undefined for an ecosystem aiguard does not know. */
export function registryFor(ecosystem: string): RegistryLookup | undefined {
  return Object.hasOwn(registries, ecosystem) ? registries[ecosystem as EcosystemId] : undefined;
}

// Every registry aiguard asks about packages. To add one: a module exporting a RegistryLookup, and a line here.
import { cratesIo } from "./crates.js";
import { goProxy } from "./go.js";
import { mavenCentral } from "./maven.js";
import { npmRegistry } from "./npm.js";
import { pypiRegistry } from "./pypi.js";
import type { RegistryLookup } from "./types.js";

export type { RegistryLookup } from "./types.js";

export const registries: readonly RegistryLookup[] = [npmRegistry, pypiRegistry, goProxy, mavenCentral, cratesIo];

export function registryFor(ecosystem: string): RegistryLookup | undefined {
  return registries.find((r) => r.ecosystem === ecosystem);
}

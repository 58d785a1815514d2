// Deployment settings of the dependency look-ups: which registries and advisory database to
// ask, and how patiently. They come from the environment (the App) or flags (the CLI), never
// from a repository's .aiguard.yml: a PR must not be able to point the server at other hosts.
import { allAliases, ecosystemByAlias, ecosystems } from "../core/dependencies/ecosystems/index.js";
import type { LookupCache } from "./cache.js";
import type { BaseUrls } from "./index.js";

export interface LookupSettings {
  offline: boolean;
  baseUrls: BaseUrls;
  timeoutMs?: number | undefined;
  budgetMs?: number | undefined;
  concurrency?: number | undefined;
  maxPackages?: number | undefined;
  cache?: LookupCache | undefined;
}

/** The base-URL key a --registry NAME names: an ecosystem id (by its registry aliases), or `osv`. */
function registryKey(name: string): string | undefined {
  return name === "osv" ? "osv" : ecosystemByAlias("registry", name)?.id;
}

export class SettingsError extends Error {}

export function checkUrl(name: string, url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SettingsError(`${name}: "${url}" is not a URL`);
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new SettingsError(`${name}: "${url}" must be an http(s) URL`);
  return url;
}

/** `npm=https://mirror.example.com/npm/` -> ["npm", url]. */
export function parseRegistryFlag(value: string): [string, string] {
  const eq = value.indexOf("=");
  const key = registryKey(value.slice(0, Math.max(eq, 0)).trim().toLowerCase());
  if (eq < 0 || !key) {
    throw new SettingsError(
      `--registry takes NAME=URL with NAME one of ${[...allAliases("registry"), "osv"].join(", ")} (got "${value}")`,
    );
  }
  return [key, checkUrl(`--registry ${key}`, value.slice(eq + 1).trim())];
}

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new SettingsError(`${name} must be a positive whole number (got "${raw}")`);
  return n;
}

/**
 * AIGUARD_OFFLINE=1, AIGUARD_REGISTRY_<NAME> (each ecosystem's aliases.env: NPM, PYPI, GO, MAVEN, CRATES), AIGUARD_OSV_URL,
 * AIGUARD_LOOKUP_TIMEOUT_MS, AIGUARD_LOOKUP_BUDGET_MS, AIGUARD_LOOKUP_CONCURRENCY.
 */
export function lookupSettingsFromEnv(env: NodeJS.ProcessEnv): LookupSettings {
  const baseUrls: BaseUrls = {};
  for (const { id, aliases } of ecosystems) {
    const v = env[`AIGUARD_REGISTRY_${aliases.env}`];
    if (v) baseUrls[id] = checkUrl(`AIGUARD_REGISTRY_${aliases.env}`, v);
  }
  if (env.AIGUARD_OSV_URL) baseUrls.osv = checkUrl("AIGUARD_OSV_URL", env.AIGUARD_OSV_URL);
  return {
    offline: /^(1|true|yes)$/i.test(env.AIGUARD_OFFLINE ?? ""),
    baseUrls,
    timeoutMs: positiveInt("AIGUARD_LOOKUP_TIMEOUT_MS", env.AIGUARD_LOOKUP_TIMEOUT_MS),
    budgetMs: positiveInt("AIGUARD_LOOKUP_BUDGET_MS", env.AIGUARD_LOOKUP_BUDGET_MS),
    concurrency: positiveInt("AIGUARD_LOOKUP_CONCURRENCY", env.AIGUARD_LOOKUP_CONCURRENCY),
  };
}

// The default policy ships as a readable YAML file beside this module
// (src/core/policy/default-policy.yml, copied to dist/ by the build).
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { tierSchema, type Tier } from "./schema.js";
import { z } from "zod";

export const DEFAULT_POLICY_URL = new URL("./default-policy.yml", import.meta.url);

let cached: Tier[] | undefined;

/** The default policy's tiers (validated with the same schema as a repository's). */
export function defaultTiers(): Tier[] {
  if (!cached) {
    const doc = parse(readFileSync(DEFAULT_POLICY_URL, "utf8")) as { tiers?: unknown };
    cached = z.array(tierSchema).min(1).parse(doc.tiers);
  }
  return cached;
}

export function defaultPolicyText(): string {
  return readFileSync(DEFAULT_POLICY_URL, "utf8");
}

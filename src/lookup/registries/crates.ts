// crates.io (or a mirror of its web API): GET /api/v1/crates/{name} gives the crate and its versions.
// crates.io rejects requests without a User-Agent; the shared HttpClient always sends one.
import semver from "semver";
import { z } from "zod";
import type { PackageFacts } from "../../core/dependencies/facts.js";
import { parseAnswer } from "../answer.js";
import { HttpError, expectOk, joinUrl } from "../http.js";
import type { RegistryLookup } from "./types.js";

const versionSchema = z.looseObject({
  num: z.string(),
  created_at: z.string().nullish(),
  license: z.string().nullish(),
  yanked: z.boolean().nullish(),
});

/** GET /api/v1/crates/{name}: the crate (creation time, current versions) and its versions (may be null). */
export const crateAnswerSchema = z.looseObject({
  crate: z.looseObject(
    {
      created_at: z.string().nullish(),
      max_stable_version: z.string().nullish(),
      max_version: z.string().nullish(),
      newest_version: z.string().nullish(),
    },
    { error: "no crate" },
  ),
  versions: z.array(versionSchema).nullish(),
});

// Crate names: ASCII letters, digits, "-" and "_" (max 64). Anything else is not a crate and must
// not be spliced into the URL.
const CRATE_NAME = /^[A-Za-z0-9_-]{1,64}$/;

interface CrateVersion {
  num: string;
  createdAt?: string | undefined;
  license: string | null;
  yanked: boolean;
}

function toIso(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * A Cargo version requirement as a node-semver range. Cargo's default operator is the caret
 * ("1.0" means "^1.0") and comparators are separated by commas ("comma = and"). Node-semver already
 * reads ^, ~, =, <, >, <=, >=, partial versions and * wildcards the way Cargo does.
 * Undefined for "" / "*"-only requirements handled by the caller, or anything node-semver rejects.
 */
export function cargoRequirementToRange(req: string): string | undefined {
  const parts = req
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (parts.length === 0) return undefined;
  const range = parts
    .map((p) => (/^\d/.test(p) && !/[*xX]/.test(p) ? `^${p}` : p.replace(/^([<>=~^]+)\s+/, "$1")))
    .join(" ");
  return semver.validRange(range) === null ? undefined : range;
}

/** Old crates wrote "MIT/Apache-2.0" for a choice; SPDX says "MIT OR Apache-2.0". */
export function normaliseCrateLicense(license: string): string {
  return license
    .split("/")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .join(" OR ");
}

function readVersions(value: Array<z.output<typeof versionSchema>>): CrateVersion[] {
  return value.map((v) => ({
    num: v.num,
    createdAt: toIso(v.created_at),
    license: typeof v.license === "string" && v.license.trim() !== "" ? normaliseCrateLicense(v.license) : null,
    yanked: v.yanked === true,
  }));
}

/** The highest version satisfying `range`: non-yanked first; a yanked one only if nothing else fits (e.g. "=1.2.3"). */
function resolve(versions: CrateVersion[], range: string): CrateVersion | undefined {
  const pick = (pool: CrateVersion[]): CrateVersion | undefined => {
    const best = semver.maxSatisfying(
      pool.map((v) => v.num).filter((n) => semver.valid(n) !== null),
      range,
    );
    return best === null ? undefined : pool.find((v) => v.num === best);
  };
  return pick(versions.filter((v) => !v.yanked)) ?? pick(versions);
}

export const cratesIo: RegistryLookup = {
  defaultBaseUrl: "https://crates.io",

  async lookup(name, version, { http, baseUrl }): Promise<PackageFacts> {
    if (!CRATE_NAME.test(name)) throw new HttpError(`not a valid crate name: ${JSON.stringify(name)}`);
    const url = joinUrl(baseUrl, `api/v1/crates/${name}`);
    const res = await http.get(url);
    if (res.status === 404 || res.status === 410) return { exists: false };
    expectOk(res, url);
    const body = parseAnswer(crateAnswerSchema, res, url);
    const crate = body.crate;
    const versions = readVersions(body.versions ?? []); // crates.io may omit versions (`"versions": null`)

    const facts: PackageFacts = {
      exists: true,
      url: `https://crates.io/crates/${name}`,
      created: toIso(crate.created_at),
    };

    const declared = version.trim();
    const range = cargoRequirementToRange(declared);
    let chosen: CrateVersion | undefined;
    if (range !== undefined) {
      chosen = resolve(versions, range);
      if (!chosen) facts.missingVersion = declared;
    } else {
      // Unknown ("" or unparseable): describe what `cargo add` would pick today.
      const current = [crate.max_stable_version, crate.max_version, crate.newest_version].find(
        (v): v is string => typeof v === "string" && v !== "",
      );
      chosen = versions.find((v) => v.num === current);
      if (!chosen && current) facts.version = current;
    }

    if (chosen) {
      facts.version = chosen.num;
      facts.versionPublished = chosen.createdAt;
      facts.license = chosen.license;
      if (chosen.yanked) facts.deprecated = "yanked";
    }
    return facts;
  },
};

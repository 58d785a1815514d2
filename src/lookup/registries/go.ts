// Go modules through a GOPROXY (proxy.golang.org or a mirror such as Athens/Artifactory).
// Protocol: https://go.dev/ref/mod#goproxy-protocol — `$module/@v/list` and `$module/@v/$version.info`.
import semver from "semver";
import { z } from "zod";
import type { PackageFacts } from "../../core/dependencies/facts.js";
import { parseAnswer } from "../answer.js";
import { HttpError, expectOk, joinUrl, redactUrl, type HttpClient, type HttpResponse } from "../http.js";
import type { RegistryLookup } from "./types.js";

/** A `.info` or `@latest` answer: {Version, Time}. */
export const infoSchema = z.looseObject({
  Version: z.string({ error: "no Version" }).min(1, { error: "no Version" }),
  Time: z.string().nullish(),
});

/**
 * GOPROXY case encoding: proxies serve case-insensitive file systems, so every upper-case letter
 * becomes "!" + its lower-case form (github.com/Azure/x → github.com/!azure/x). Same for versions.
 */
export function escapeModulePath(path: string): string {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

// Module path characters per golang.org/x/mod/module (plus upper case, which we escape). Anything
// else (spaces, "?", "#", "..") cannot be a module and must not be spliced into a proxy URL.
const MODULE_PATH = /^[A-Za-z0-9._~+-]+(\/[A-Za-z0-9._~+-]+)*$/;

interface Info {
  version: string;
  time?: string | undefined;
}

/** The proxy's "not found" answers: 404, or 410 for modules it will never serve. */
function isGone(status: number): boolean {
  return status === 404 || status === 410;
}

function toIso(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** An `.info` (or `@latest`) answer: {Version, Time}; undefined when the proxy says not found. */
function readInfo(res: HttpResponse, url: string): Info | undefined {
  if (isGone(res.status)) return undefined;
  expectOk(res, url);
  const body = parseAnswer(infoSchema, res, url);
  return { version: body.Version, time: toIso(body.Time) };
}

/** `@v/list`: one version per line; undefined when the module is unknown to the proxy. */
function readList(res: HttpResponse, url: string): string[] | undefined {
  if (isGone(res.status)) return undefined;
  expectOk(res, url);
  // A proxy that answers HTML (a login page, an error page) is not a version list.
  if (/^\s*</.test(res.text))
    throw new HttpError(`${redactUrl(url)}: the answer is not a version list (HTTP ${res.status})`, res.status);
  return res.text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

/** The lowest semver version in a list ("+incompatible" stripped for the comparison), if any. */
function earliest(versions: string[]): string | undefined {
  const parsed = versions
    .map((raw) => ({ raw, sv: semver.valid(raw.replace(/^v/, "").replace(/\+incompatible$/, "")) }))
    .filter((v): v is { raw: string; sv: string } => v.sv !== null);
  parsed.sort((a, b) => semver.compare(a.sv, b.sv));
  return parsed[0]?.raw;
}

async function getInfo(http: HttpClient, url: string): Promise<Info | undefined> {
  return readInfo(await http.get(url), url);
}

export const goProxy: RegistryLookup = {
  defaultBaseUrl: "https://proxy.golang.org",

  async lookup(name, version, { http, baseUrl }): Promise<PackageFacts> {
    if (!MODULE_PATH.test(name) || name.split("/").some((seg) => seg === "." || seg === "..")) {
      throw new HttpError(`not a valid Go module path: ${JSON.stringify(name)}`);
    }
    const mod = escapeModulePath(name);
    const declared = version.trim();
    const listUrl = joinUrl(baseUrl, `${mod}/@v/list`);
    // No declared version: ask the proxy which one `go get` would pick.
    const infoUrl = declared
      ? joinUrl(baseUrl, `${mod}/@v/${escapeModulePath(declared)}.info`)
      : joinUrl(baseUrl, `${mod}/@latest`);

    const [listRes, infoRes] = await Promise.all([http.get(listUrl), http.get(infoUrl)]);
    const list = readList(listRes, listUrl);
    const info = readInfo(infoRes, infoUrl);
    // Only both "not found" means the module is unknown: a module with only pseudo-versions has an
    // empty list, and a mistyped version of a real module still has a list.
    if (list === undefined && info === undefined) return { exists: false };

    const facts: PackageFacts = { exists: true, url: `https://pkg.go.dev/${name}`, license: undefined };
    if (info) {
      facts.version = info.version;
      facts.versionPublished = info.time;
    } else {
      facts.version = declared || undefined;
      facts.missingVersion = declared || "latest";
    }

    // Age: the earliest tagged version; one more request unless it is the version we already have.
    const first = earliest(list ?? []);
    if (first !== undefined && first === info?.version) {
      facts.created = info.time;
    } else if (first !== undefined) {
      const firstInfo = await getInfo(http, joinUrl(baseUrl, `${mod}/@v/${escapeModulePath(first)}.info`));
      facts.created = firstInfo?.time ?? info?.time;
    } else {
      // No tags (pseudo-versions only): the module is at least as old as the requested commit.
      facts.created = info?.time;
    }
    return facts;
  },
};

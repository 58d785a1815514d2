// npm registry: one GET of the full packument (the abbreviated install format lacks `time`,
// which we need for package and version age).
import semver from "semver";
import { z } from "zod";
import type { PackageFacts } from "../../core/dependencies/facts.js";
import { isRecord } from "../../core/dependencies/util.js";
import { parseAnswer } from "../answer.js";
import { expectOk, joinUrl } from "../http.js";
import type { RegistryLookup } from "./types.js";

/** One version's manifest in a packument: what is read of it (licences come in many shapes, read by licenseOf). */
const versionSchema = z.looseObject({
  license: z.unknown().optional(),
  licenses: z.unknown().optional(),
  deprecated: z.unknown().optional(),
  hasInstallScript: z.unknown().optional(),
  scripts: z.record(z.string(), z.unknown()).optional(),
});

/** A full packument (GET /{name}): publish times (`unpublished` is a record), versions, dist-tags. */
export const packumentSchema = z.looseObject({
  time: z.record(z.string(), z.union([z.string(), z.looseObject({})])).optional(),
  versions: z.record(z.string(), versionSchema).optional(),
  "dist-tags": z.record(z.string(), z.string()).optional(),
  license: z.unknown().optional(),
  licenses: z.unknown().optional(),
});

/** The one version npm leaves when it takes down a malicious package. */
const SECURITY_PLACEHOLDER = "0.0.1-security";
const PLACEHOLDER_NOTE = "the registry replaced this package with a security placeholder (it was malicious)";
const INSTALL_HOOKS = ["preinstall", "install", "postinstall"];

export const npmRegistry: RegistryLookup = {
  defaultBaseUrl: "https://registry.npmjs.org",
  names: (version) => !NON_REGISTRY_SPEC.test(version.trim()),

  async lookup(name, version, { http, baseUrl }) {
    const url = joinUrl(baseUrl, packumentPath(name));
    const res = await http.get(url);
    const page = `https://www.npmjs.com/package/${name}`;
    if (res.status === 404 || res.status === 410) return { exists: false, url: page };
    expectOk(res, url);
    const doc = parseAnswer(packumentSchema, res, url);

    const time = doc.time ?? {};
    const created = str(time["created"]);
    const versions = doc.versions ?? {};
    const names = Object.keys(versions);

    // Unpublished: the name existed once, so it is not a hallucination, but nothing can be installed.
    if (names.length === 0 && time["unpublished"] !== undefined)
      return { exists: true, url: page, created, deprecated: "unpublished" };

    const resolved = resolveVersion(version, names, doc["dist-tags"] ?? {});
    const manifest = resolved !== undefined ? versions[resolved] : undefined;

    const facts: PackageFacts = { exists: true, url: page, created };
    if (resolved !== undefined) {
      facts.version = resolved;
      facts.versionPublished = str(time[resolved]);
    }
    // Without a concrete version, the packument-level licence (from the latest publish) is the best we have.
    facts.license = manifest ? licenseOf(manifest) : licenseOf(doc);
    if (manifest) {
      facts.installScript = hasInstallScript(manifest);
      const dep = manifest["deprecated"];
      // npm stores "" after `npm deprecate pkg ""` (un-deprecation), so only a non-empty string counts.
      if (typeof dep === "string" && dep !== "") facts.deprecated = dep;
    }
    if (names.length === 1 && names[0] === SECURITY_PLACEHOLDER) facts.malicious = PLACEHOLDER_NOTE;
    return facts;
  },
};

/** `@scope/name` → `@scope%2fname` (as the npm CLI sends it); each part escaped so a hostile name stays one path segment. */
function packumentPath(name: string): string {
  const m = /^@([^/]+)\/(.+)$/.exec(name);
  return m ? `@${encodeURIComponent(m[1] ?? "")}%2f${encodeURIComponent(m[2] ?? "")}` : encodeURIComponent(name);
}

/** Specs that do not name a registry version of this package: aliases, git, tarball URLs, local paths. */
const NON_REGISTRY_SPEC =
  /^(npm:|file:|link:|workspace:|portal:|patch:|git(\+[a-z]+)?:|github:|gitlab:|bitbucket:|gist:|https?:)|\//i;

/** The version `npm install` would pick for the declared spec, or undefined when it names none here. */
function resolveVersion(declared: string, versions: string[], distTags: Record<string, string>): string | undefined {
  const spec = declared.trim();
  const tagged = (tag: string) => {
    const v = distTags[tag];
    return v !== undefined && versions.includes(v) ? v : undefined;
  };
  if (spec === "" || spec === "*" || spec === "latest") return tagged("latest");
  if (Object.hasOwn(distTags, spec)) return tagged(spec);
  if (NON_REGISTRY_SPEC.test(spec)) return undefined;
  if (versions.includes(spec)) return spec;
  const range = semver.validRange(spec, { loose: true });
  if (range === null) return undefined;
  // Like npm (npm-pick-manifest), prefer the `latest` tag when it satisfies the range.
  const latest = tagged("latest");
  if (latest !== undefined && semver.satisfies(latest, range, { loose: true })) return latest;
  return semver.maxSatisfying(versions, range, { loose: true }) ?? undefined;
}

/** `license` as a string or `{ type }`, or the legacy `licenses` array (alternatives → " OR "). */
function licenseOf(obj: Record<string, unknown>): string | null {
  const one = (v: unknown): string | undefined => {
    if (typeof v === "string") return v.trim() || undefined;
    if (isRecord(v) && typeof v["type"] === "string") return v["type"].trim() || undefined;
    return undefined;
  };
  const many = (v: unknown): string | undefined => {
    const parts = (Array.isArray(v) ? v : [v]).map(one).filter((s): s is string => s !== undefined);
    return parts.length ? parts.join(" OR ") : undefined;
  };
  return many(obj["license"]) ?? many(obj["licenses"]) ?? null;
}

function hasInstallScript(manifest: z.output<typeof versionSchema>): boolean {
  if (manifest.hasInstallScript === true) return true;
  const scripts = manifest.scripts ?? {};
  return INSTALL_HOOKS.some((h) => typeof scripts[h] === "string" && scripts[h] !== "");
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

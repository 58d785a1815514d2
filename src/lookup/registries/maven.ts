// Maven Central (or a Nexus/Artifactory mirror) through the plain repository layout, which every
// mirror serves: group/artifact/maven-metadata.xml and group/artifact/version/artifact-version.pom.
// (search.maven.org's API would be richer but mirrors don't have it.)
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { z } from "zod";
import type { PackageFacts } from "../../core/dependencies/facts.js";
import { checkAnswer } from "../answer.js";
import { HttpError, expectOk, joinUrl, redactUrl, type HttpClient, type HttpResponse } from "../http.js";
import type { RegistryLookup } from "./types.js";

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false, // keep "1.10" a string, not the number 1.1
  trimValues: true,
  isArray: (name) => name === "version" || name === "license",
});

// groupId/artifactId and version characters; anything else must not be spliced into a repository path.
const COORD = /^[A-Za-z0-9_.-]+$/;
const VERSION = /^[A-Za-z0-9_.+~-]+$/;

function text(v: unknown): string {
  return typeof v === "string" || typeof v === "number" ? String(v).trim() : "";
}

function isGone(status: number): boolean {
  return status === 404 || status === 410;
}

function toIso(value: string | null): string | undefined {
  if (!value) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

// ---- what is read of the documents, after XML parsing ---------------------------------------------

/** An element the parser read: an empty one (<x/>) is "", which reads as absent. */
function element<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === "" ? undefined : v), schema.optional());
}

/** Text content (the parser keeps every value a string). */
const xmlText = z.string().optional();

/** group/artifact/maven-metadata.xml: the versions listed and the current release. */
export const metadataSchema = z.looseObject({
  metadata: z.looseObject(
    {
      versioning: element(
        z.looseObject({
          release: xmlText,
          latest: xmlText,
          versions: element(z.looseObject({ version: z.array(z.string()).optional() })),
        }),
      ),
    },
    { error: "no <metadata>" },
  ),
});

/** A pom: its <licenses> (<license> is always a list, read by name and url) and its <parent> coordinates. */
export const pomSchema = z.looseObject({
  project: z.looseObject(
    {
      licenses: element(
        z.looseObject({
          license: z.array(z.union([z.looseObject({ name: xmlText, url: xmlText }), z.string()])).optional(),
        }),
      ),
      parent: element(
        z.looseObject({
          groupId: xmlText,
          artifactId: xmlText,
          // The parser reads every <version> as a list (for maven-metadata.xml).
          version: z.union([z.string(), z.array(z.string())]).optional(),
        }),
      ),
    },
    { error: "no <project>" },
  ),
});

type Pom = z.output<typeof pomSchema>;

/** The document parsed as XML and read through its schema; HTML or a document of another shape is an HttpError. */
function parseXml<S extends z.ZodType>(schema: S, res: HttpResponse, url: string): z.output<S> {
  // A mirror's HTML error/login page must not pass for an empty document.
  if (XMLValidator.validate(res.text) !== true)
    throw new HttpError(`${redactUrl(url)}: the answer is not XML (HTTP ${res.status})`, res.status);
  return checkAnswer(schema, parser.parse(res.text), redactUrl(url), res.status);
}

// ---- versions -----------------------------------------------------------------------------------

type Item = number | string;

/** Maven qualifier order (after ComparableVersion): pre-releases < release < service packs < others. */
const QUALIFIER_RANK: Record<string, number> = {
  alpha: 1,
  a: 1,
  beta: 2,
  b: 2,
  milestone: 3,
  m: 3,
  rc: 4,
  cr: 4,
  snapshot: 5,
  "": 6,
  ga: 6,
  final: 6,
  release: 6,
  sp: 7,
};
const UNKNOWN_QUALIFIER = 8;

/** "1.0.0-rc1" → [1, 0, 0, "rc", 1]: split on "." and "-" and at digit/letter changes. */
function tokenize(version: string): Item[] {
  const out: Item[] = [];
  for (const part of version.toLowerCase().split(/[.-]/)) {
    for (const tok of part.match(/\d+|[^\d]+/g) ?? [""]) out.push(/^\d+$/.test(tok) ? Number(tok) : tok);
  }
  return out;
}

function compareItem(a: Item | undefined, b: Item | undefined): number {
  // A missing item is padding: 0 against a number, "release" against a qualifier. So 1.0 == 1.0.0,
  // 1.0 == 1.0.Final and 1.0-beta < 1.0.
  const x = a ?? (typeof b === "number" ? 0 : "");
  const y = b ?? (typeof a === "number" ? 0 : "");
  if (typeof x === "number" && typeof y === "number") return x - y;
  // A number beats any qualifier: 1.0.1 > 1.0-beta > 1.0-alpha.
  if (typeof x === "number") return 1;
  if (typeof y === "number") return -1;
  const rx = QUALIFIER_RANK[x] ?? UNKNOWN_QUALIFIER;
  const ry = QUALIFIER_RANK[y] ?? UNKNOWN_QUALIFIER;
  if (rx !== ry) return rx - ry;
  return rx === UNKNOWN_QUALIFIER ? x.localeCompare(y) : 0;
}

/** A simplified Maven version comparison: numeric segments numerically, qualifiers by rank. */
export function compareMavenVersions(a: string, b: string): number {
  const ta = tokenize(a);
  const tb = tokenize(b);
  for (let i = 0; i < Math.max(ta.length, tb.length); i++) {
    const c = compareItem(ta[i], tb[i]);
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

interface Bound {
  version: string;
  inclusive: boolean;
}
interface Restriction {
  lower?: Bound | undefined;
  upper?: Bound | undefined;
}

/**
 * Parse a Maven version range: "[1.0,2.0)", "[1.5]", "(,1.0]", "[1.2,)", or a union
 * "[1.0,2.0),[3.0,)". Undefined when `spec` is not a range (a bare, "soft" version) or is malformed.
 */
export function parseMavenRange(spec: string): Restriction[] | undefined {
  const s = spec.replace(/\s+/g, "");
  if (!/^[[(]/.test(s)) return undefined;
  const sets = s.match(/[[(][^\])]*[\])]/g);
  if (!sets || sets.join(",") !== s) return undefined;
  const out: Restriction[] = [];
  for (const set of sets) {
    const lowerInc = set.startsWith("[");
    const upperInc = set.endsWith("]");
    const body = set.slice(1, -1);
    const parts = body.split(",");
    if (parts.length === 1) {
      // "[1.5]" pins one version; "(1.5)" is meaningless.
      if (!lowerInc || !upperInc || !parts[0]) return undefined;
      out.push({ lower: { version: parts[0], inclusive: true }, upper: { version: parts[0], inclusive: true } });
    } else if (parts.length === 2) {
      const [lo, hi] = parts as [string, string];
      if (!lo && !hi) return undefined;
      out.push({
        lower: lo ? { version: lo, inclusive: lowerInc } : undefined,
        upper: hi ? { version: hi, inclusive: upperInc } : undefined,
      });
    } else {
      return undefined;
    }
  }
  return out;
}

function inRestriction(v: string, r: Restriction): boolean {
  if (r.lower) {
    const c = compareMavenVersions(v, r.lower.version);
    if (c < 0 || (c === 0 && !r.lower.inclusive)) return false;
  }
  if (r.upper) {
    const c = compareMavenVersions(v, r.upper.version);
    if (c > 0 || (c === 0 && !r.upper.inclusive)) return false;
  }
  return true;
}

const isSnapshot = (v: string): boolean => /-SNAPSHOT$/i.test(v);

function highest(versions: string[]): string | undefined {
  return [...versions].sort(compareMavenVersions).at(-1);
}

// ---- licences -----------------------------------------------------------------------------------

/** Common pom licence names → SPDX, matched on a normalised name (see normaliseLicenseName). */
const LICENSE_NAMES: [RegExp, string | ((m: RegExpMatchArray) => string)][] = [
  [
    /^(gnu )?(gpl ?v?2|gpl 2\.0|(gnu )?general public license 2(\.0)?)( only)? (with|w\/|\+) classpath exception( 2\.0)?$/,
    "GPL-2.0-only WITH Classpath-exception-2.0",
  ],
  [/^gpl ?v?2 w\/ cpe$/, "GPL-2.0-only WITH Classpath-exception-2.0"],
  [/^(apache|asl)( software)?( license)?( license)? 2(\.0)?$/, "Apache-2.0"],
  [/^mit( license)?$/, "MIT"],
  [/^(eclipse public license|epl) ([12])(\.0)?$/, (m) => `EPL-${m[2]}.0`],
  [/^(bsd 3 clause|new bsd|revised bsd|modified bsd|bsd 3 clause new or revised)( license)?$/, "BSD-3-Clause"],
  [/^(bsd 2 clause|simplified bsd)( license)?$/, "BSD-2-Clause"],
  [
    /^(gnu )?(lgpl|lesser general public license|library general public license) 2\.1( only)?( license)?$/,
    "LGPL-2.1-only",
  ],
  [/^(cddl|common development and distribution license)( cddl)? 1\.([01])$/, (m) => `CDDL-1.${m[3]}`],
];

/** Well-known licence URLs, for poms whose name is idiosyncratic ("Apache 2 (see LICENSE)"). */
const LICENSE_URLS: [RegExp, string][] = [
  [/apache\.org\/licenses\/license-2\.0/, "Apache-2.0"],
  [/opensource\.org\/licenses\/mit/, "MIT"],
  [/eclipse\.org\/legal\/epl-v10/, "EPL-1.0"],
  [/eclipse\.org\/legal\/epl-(v)?20|eclipse\.org\/legal\/epl-2\.0/, "EPL-2.0"],
  [/opensource\.org\/licenses\/bsd-3-clause/, "BSD-3-Clause"],
];

/** "The Apache Software License, Version 2.0" → "apache software license 2.0". */
function normaliseLicenseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[,()\-–:]/g, " ")
    .replace(/\bthe\b|\bversion\b/g, " ")
    .replace(/\bv\.?\s*(?=\d)/g, "") // "v2.0", "v 1.0", "v.2"
    .replace(/\s+/g, " ")
    .trim();
}

export function spdxFromPomLicense(name: string, url: string): string | undefined {
  const n = normaliseLicenseName(name);
  if (n) {
    for (const [re, id] of LICENSE_NAMES) {
      const m = n.match(re);
      if (m) return typeof id === "string" ? id : id(m);
    }
  }
  const u = url.toLowerCase();
  if (u) for (const [re, id] of LICENSE_URLS) if (re.test(u)) return id;
  return name || url || undefined;
}

/** The pom's <licenses>: SPDX-ish expression, null when it declares none. */
function pomLicense(pom: Pom): string | null | undefined {
  const ids: string[] = [];
  for (const l of pom.project.licenses?.license ?? []) {
    if (typeof l === "string") continue; // <license/>, or text where Maven wants <name> and <url>
    const id = spdxFromPomLicense(text(l.name), text(l.url));
    if (id && !ids.includes(id)) ids.push(id);
  }
  if (ids.length > 0) return ids.join(" OR ");
  // Many poms inherit <licenses> from a parent pom we don't fetch: that is "unknown", not "none".
  return pom.project.parent ? undefined : null;
}

/** The parent pom's coordinates, when they are plain enough to put in a URL. */
function parentOf(pom: Pom): { groupId: string; artifactId: string; version: string } | undefined {
  const parent = pom.project.parent;
  if (!parent) return undefined;
  const v = parent.version;
  const [groupId, artifactId, version] = [
    text(parent.groupId),
    text(parent.artifactId),
    text(Array.isArray(v) ? v[0] : v),
  ];
  if (!COORD.test(groupId) || !COORD.test(artifactId) || !VERSION.test(version) || groupId.split(".").includes(""))
    return undefined;
  return { groupId, artifactId, version };
}

/**
 * The licence a pom inherits, following at most three parents. Unknown (undefined) when a
 * parent cannot be read: a missing licence must not be reported as "none".
 */
async function inheritedLicense(
  pom: Pom,
  ctx: { http: HttpClient; baseUrl: string },
): Promise<string | null | undefined> {
  let current = pom;
  for (let depth = 0; depth < 3; depth++) {
    const parent = parentOf(current);
    if (!parent) return undefined;
    const url = joinUrl(
      ctx.baseUrl,
      `${parent.groupId.replace(/\./g, "/")}/${parent.artifactId}/${parent.version}/${parent.artifactId}-${parent.version}.pom`,
    );
    try {
      const res = await ctx.http.get(url, { headers: { accept: "application/xml, text/xml" } });
      if (res.status < 200 || res.status >= 300) return undefined;
      current = parseXml(pomSchema, res, url);
    } catch {
      return undefined;
    }
    const license = pomLicense(current);
    if (license !== undefined) return license;
  }
  return undefined;
}

// ---- lookup -------------------------------------------------------------------------------------

export const mavenCentral: RegistryLookup = {
  defaultBaseUrl: "https://repo1.maven.org/maven2",

  async lookup(name, version, { http, baseUrl }): Promise<PackageFacts> {
    const [groupId, artifactId, ...rest] = name.split(":");
    if (
      !groupId ||
      !artifactId ||
      rest.length > 0 ||
      !COORD.test(groupId) ||
      !COORD.test(artifactId) ||
      groupId.split(".").includes("")
    ) {
      throw new HttpError(`not a Maven groupId:artifactId: ${JSON.stringify(name)}`);
    }
    const dir = `${groupId.replace(/\./g, "/")}/${artifactId}`;

    const metaUrl = joinUrl(baseUrl, `${dir}/maven-metadata.xml`);
    const metaRes = await http.get(metaUrl, { headers: { accept: "application/xml, text/xml" } });
    if (isGone(metaRes.status)) return { exists: false };
    expectOk(metaRes, metaUrl);
    const versioning = parseXml(metadataSchema, metaRes, metaUrl).metadata.versioning ?? {};
    const listed = (versioning.versions?.version ?? []).map(text).filter((v) => VERSION.test(v));
    const releases = listed.filter((v) => !isSnapshot(v));
    // <release> is what Maven itself would call current; older metadata may lack it.
    const release = [text(versioning.release), highest(releases), text(versioning.latest), highest(listed)].find(
      (v) => v && VERSION.test(v),
    );

    const facts: PackageFacts = { exists: true, url: `https://central.sonatype.com/artifact/${groupId}/${artifactId}` };

    // Which version the manifest means.
    const declared = version.trim();
    let chosen: string | undefined;
    const range = declared.includes("${") ? undefined : parseMavenRange(declared);
    if (range) {
      // Like Maven, a range picks the highest listed match; snapshots only when nothing else matches.
      const matches = listed.filter((v) => range.some((r) => inRestriction(v, r)));
      chosen = highest(matches.filter((v) => !isSnapshot(v))) ?? highest(matches);
      if (!chosen) facts.missingVersion = declared;
    } else if (VERSION.test(declared)) {
      chosen = declared; // a bare version: Maven's "soft" requirement, in practice that exact version
    } else {
      // Empty, an unresolved ${property}, or a malformed range: describe the current release.
      chosen = release;
    }

    const earliestVersion = [...(releases.length > 0 ? releases : listed)].sort(compareMavenVersions)[0];
    const pomUrl = (v: string): string => joinUrl(baseUrl, `${dir}/${v}/${artifactId}-${v}.pom`);

    const [pomRes, firstRes] = await Promise.all([
      chosen ? http.get(pomUrl(chosen), { headers: { accept: "application/xml, text/xml" } }) : undefined,
      // Age: Last-Modified of the earliest version's pom (skipped when that is the chosen one).
      earliestVersion && earliestVersion !== chosen ? http.get(pomUrl(earliestVersion), { method: "HEAD" }) : undefined,
    ]);

    if (chosen && pomRes) {
      facts.version = chosen;
      if (isGone(pomRes.status)) {
        facts.missingVersion = chosen;
      } else {
        expectOk(pomRes, pomUrl(chosen));
        facts.versionPublished = toIso(pomRes.headers.get("last-modified"));
        const pom = parseXml(pomSchema, pomRes, pomUrl(chosen));
        facts.license = pomLicense(pom);
        // Many artifacts inherit <licenses> from their parent pom (Apache Commons, Spring): follow it.
        if (facts.license === undefined) facts.license = await inheritedLicense(pom, { http, baseUrl });
      }
    }

    if (earliestVersion && earliestVersion === chosen) {
      facts.created = facts.versionPublished;
    } else if (earliestVersion && firstRes) {
      if (!isGone(firstRes.status)) {
        expectOk(firstRes, pomUrl(earliestVersion));
        facts.created = toIso(firstRes.headers.get("last-modified"));
      }
    }
    return facts;
  },
};

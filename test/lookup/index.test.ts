// lookupDependencies end to end against nock'd registries and OSV: what is asked, how often,
// and what becomes a fact or a "could not verify" note.
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { assessDependencies } from "../../src/core/dependencies/assess.js";
import { factKey, type Advisory } from "../../src/core/dependencies/facts.js";
import type { ExtractedDependencyChange } from "../../src/core/dependencies/index.js";
import { configSchema, type AiguardConfig } from "../../src/core/policy/schema.js";
import type { ChangedFile } from "../../src/core/types.js";
import { LookupCache } from "../../src/lookup/cache.js";
import { createHttpClient } from "../../src/lookup/http.js";
import { lookupDependencies, type AdvisoryProvider, type LookupOptions } from "../../src/lookup/index.js";

const NPM = "https://registry.npmjs.org";
const OSV = "https://api.osv.dev";
const NOW = "2026-11-20T00:00:00.000Z";
const http = createHttpClient({ timeoutMs: 2000 });

const options = (over: Partial<LookupOptions> = {}): LookupOptions => ({ http, now: () => new Date(NOW), ...over });
const config = (dependencies: Record<string, unknown> = {}): AiguardConfig => configSchema.parse({ dependencies });

// ---- fixtures ------------------------------------------------------------------------------------

function packageJson(head: Record<string, string>, base: Record<string, string> = {}): ChangedFile {
  const doc = (deps: Record<string, string>) =>
    `${JSON.stringify({ name: "web-app", version: "1.0.0", private: true, dependencies: deps }, null, 2)}\n`;
  return {
    path: "package.json",
    status: "modified",
    additions: Object.keys(head).length,
    deletions: 0,
    baseContent: doc(base),
    headContent: doc(head),
  };
}

/** A full packument (GET /{name}) with the given versions → publish times; `latest` is the last one. */
function packument(name: string, versions: Record<string, string>, opts: { created?: string; license?: string } = {}) {
  const names = Object.keys(versions);
  return {
    _id: name,
    name,
    "dist-tags": { latest: names.at(-1) },
    versions: Object.fromEntries(
      names.map((v) => [
        v,
        {
          name,
          version: v,
          license: opts.license ?? "MIT",
          scripts: { test: "vitest" },
          dist: { tarball: `${NPM}/${name}/-/${name}-${v}.tgz` },
        },
      ]),
    ),
    time: {
      created: opts.created ?? Object.values(versions)[0],
      modified: Object.values(versions).at(-1),
      ...versions,
    },
    license: opts.license ?? "MIT",
  };
}

/** An ordinary, old, boring npm package at 1.0.0 and 1.1.0. */
const boring = (name: string) =>
  packument(name, { "1.0.0": "2019-01-10T10:00:00.000Z", "1.1.0": "2020-05-05T10:00:00.000Z" });

interface OsvBatchBody {
  queries: Array<{ package: { ecosystem: string; name: string }; version: string }>;
}

/**
 * OSV querybatch answering per query: `vulns` maps a package name to the advisory ids OSV
 * returns for it. Every request body is kept in `bodies`.
 */
function osvBatch(vulns: Record<string, string[]> = {}, base = OSV) {
  const bodies: OsvBatchBody[] = [];
  const scope = nock(base)
    .post("/v1/querybatch")
    .reply(200, (_uri, body) => {
      const b = (typeof body === "string" ? JSON.parse(body) : body) as OsvBatchBody;
      bodies.push(b);
      return {
        results: b.queries.map((q) =>
          vulns[q.package.name]
            ? { vulns: vulns[q.package.name]!.map((id) => ({ id, modified: "2025-01-01T00:00:00Z" })) }
            : {},
        ),
      };
    });
  return { scope, bodies };
}

const queried = (b: OsvBatchBody | undefined) =>
  (b?.queries ?? []).map((q) => `${q.package.ecosystem} ${q.package.name}@${q.version}`).sort();

const LODASH_GHSA = {
  id: "GHSA-35jh-r3h4-6jhm",
  summary: "Command Injection in lodash",
  details: "`template` in lodash before 4.17.21 is vulnerable to command injection via the variable option.",
  aliases: ["CVE-2021-23337"],
  modified: "2024-03-01T00:00:00Z",
  severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H" }],
  database_specific: { severity: "HIGH", cwe_ids: ["CWE-77"] },
};

// Every request nock could not match (each would have been a real network call).
let unmatched: string[] = [];
const onNoMatch = (req: { method?: string; href?: string; path?: string; host?: string }) => {
  unmatched.push(`${req.method ?? "?"} ${req.href ?? `${req.host ?? ""}${req.path ?? ""}`}`);
};

beforeAll(() => {
  nock.disableNetConnect();
  nock.emitter.on("no match", onNoMatch);
});
beforeEach(() => {
  unmatched = [];
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.emitter.removeListener("no match", onNoMatch);
  nock.enableNetConnect();
});

// ---- the main scenario ---------------------------------------------------------------------------

describe("a PR adding zod and a hallucinated package (and updating lodash)", () => {
  const file = packageJson(
    { lodash: "4.17.20", zod: "^3.23.8", "react-auth-jwt-helperz": "^1.0.0" },
    { lodash: "4.17.19" },
  );

  it("asks npm per package, OSV once for every exact version, and assess turns the facts into risks", async () => {
    const npm = nock(NPM)
      .get("/zod")
      .reply(
        200,
        packument(
          "zod",
          { "3.22.4": "2023-10-05T10:00:00.000Z", "3.23.8": "2024-05-12T10:00:00.000Z" },
          { created: "2020-03-07T21:55:38.000Z" },
        ),
      )
      .get("/lodash")
      .reply(
        200,
        packument(
          "lodash",
          {
            "4.17.19": "2020-07-08T17:00:00.000Z",
            "4.17.20": "2020-08-13T16:53:54.000Z",
            "4.17.21": "2021-02-20T15:42:16.000Z",
          },
          { created: "2012-04-23T16:37:11.000Z" },
        ),
      )
      .get("/react-auth-jwt-helperz")
      .reply(404, { error: "Not found" });
    const osv = osvBatch({ lodash: [LODASH_GHSA.id] });
    const details = nock(OSV).get(`/v1/vulns/${LODASH_GHSA.id}`).reply(200, LODASH_GHSA);

    const cfg = config();
    const { facts, stats } = await lookupDependencies([file], cfg, options());

    expect(npm.isDone()).toBe(true);
    expect(osv.scope.isDone()).toBe(true);
    expect(details.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    // ONE batch with every exact version: lodash as declared, zod as its range resolved; the
    // package that does not exist has nothing to ask about.
    expect(osv.bodies).toHaveLength(1);
    expect(osv.bodies[0]!.queries).toEqual(
      expect.arrayContaining([
        { package: { ecosystem: "npm", name: "lodash" }, version: "4.17.20" },
        { package: { ecosystem: "npm", name: "zod" }, version: "3.23.8" },
      ]),
    );
    expect(osv.bodies[0]!.queries).toHaveLength(2);
    expect(stats).toEqual({ packages: 3, cached: 0, failed: 0, advisoryRequests: 1 });

    expect(facts).toBeDefined();
    expect(facts!.now).toBe(NOW);
    expect(facts!.advisorySource).toBe("osv");
    expect(facts!.notes).toEqual([]);
    expect(facts!.packages[factKey("npm", "react-auth-jwt-helperz", "^1.0.0")]).toEqual({
      exists: false,
      url: "https://www.npmjs.com/package/react-auth-jwt-helperz",
    });
    expect(facts!.packages[factKey("npm", "zod", "^3.23.8")]).toMatchObject({
      exists: true,
      version: "3.23.8",
      created: "2020-03-07T21:55:38.000Z",
      license: "MIT",
      installScript: false,
    });
    expect(facts!.advisories[factKey("npm", "zod", "^3.23.8")]).toEqual([]);
    expect(facts!.advisories[factKey("npm", "lodash", "4.17.20")]).toEqual([
      {
        id: "GHSA-35jh-r3h4-6jhm",
        summary: "Command Injection in lodash",
        severity: "high",
        url: "https://github.com/advisories/GHSA-35jh-r3h4-6jhm",
        aliases: ["CVE-2021-23337"],
      },
    ]);
    expect(facts!.advisories[factKey("npm", "react-auth-jwt-helperz", "^1.0.0")]).toBeUndefined();

    const { dependencies, notes } = assessDependencies([file], { config: cfg.dependencies, facts });
    expect(notes).toEqual([]);
    const byName = (n: string) => dependencies.find((d) => d.name === n)!;

    const hallucinated = byName("react-auth-jwt-helperz");
    expect(hallucinated.risks).toContainEqual(
      expect.objectContaining({
        kind: "nonexistent",
        severity: "critical",
        url: "https://www.npmjs.com/package/react-auth-jwt-helperz",
      }),
    );

    const lodash = byName("lodash");
    expect(lodash.change).toBe("updated");
    expect(lodash.risks).toEqual([
      {
        kind: "vulnerability",
        severity: "high",
        detail: "GHSA-35jh-r3h4-6jhm: Command Injection in lodash",
        url: "https://github.com/advisories/GHSA-35jh-r3h4-6jhm",
      },
    ]);

    const zod = byName("zod");
    expect(zod.risks).toEqual([]);
    expect(zod.resolvedVersion).toBe("3.23.8");
    expect(zod.license).toBe("MIT");
    // Riskiest first.
    expect(dependencies[0]!.name).toBe("react-auth-jwt-helperz");
  });

  it("without facts the same change is only checked offline (and says so)", () => {
    const { dependencies, notes } = assessDependencies([file], { config: config().dependencies });
    expect(
      dependencies.find((d) => d.name === "react-auth-jwt-helperz")!.risks.some((r) => r.kind === "nonexistent"),
    ).toBe(false);
    expect(notes.join("\n")).toMatch(/checked offline only/);
  });
});

// ---- every ecosystem -----------------------------------------------------------------------------

describe("PyPI, Go, Maven and crates.io in one change", () => {
  const files: ChangedFile[] = [
    {
      path: "requirements.txt",
      status: "modified",
      additions: 1,
      deletions: 0,
      baseContent: "flask==3.0.3\n",
      headContent: "flask==3.0.3\nrequests==2.32.3\n",
    },
    {
      path: "go.mod",
      status: "modified",
      additions: 1,
      deletions: 0,
      baseContent: "module example.com/svc\n\ngo 1.22\n",
      headContent: "module example.com/svc\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n",
    },
    {
      path: "pom.xml",
      status: "modified",
      additions: 5,
      deletions: 0,
      baseContent:
        "<project><modelVersion>4.0.0</modelVersion><groupId>com.example</groupId><artifactId>svc</artifactId><version>1.0.0</version><dependencies></dependencies></project>\n",
      headContent:
        "<project><modelVersion>4.0.0</modelVersion><groupId>com.example</groupId><artifactId>svc</artifactId><version>1.0.0</version><dependencies>\n" +
        "  <dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>33.2.1-jre</version></dependency>\n" +
        "</dependencies></project>\n",
    },
    {
      path: "Cargo.toml",
      status: "modified",
      additions: 2,
      deletions: 0,
      baseContent: '[package]\nname = "svc"\nversion = "0.1.0"\n',
      headContent: '[package]\nname = "svc"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1.0"\n',
    },
  ];

  it("asks each registry and OSV once for all four", async () => {
    const pypi = nock("https://pypi.org")
      .get("/pypi/requests/json")
      .reply(200, {
        info: { name: "requests", version: "2.32.3", license_expression: "Apache-2.0" },
        releases: {
          "0.2.0": [{ upload_time_iso_8601: "2011-02-14T18:14:52.000Z", yanked: false }],
          "2.32.3": [{ upload_time_iso_8601: "2024-05-29T15:37:47.000Z", yanked: false }],
        },
      });
    const go = nock("https://proxy.golang.org")
      .get("/github.com/google/uuid/@v/list")
      .reply(200, "v1.0.0\nv1.6.0\n")
      .get("/github.com/google/uuid/@v/v1.6.0.info")
      .reply(200, { Version: "v1.6.0", Time: "2024-01-23T18:54:04Z" })
      .get("/github.com/google/uuid/@v/v1.0.0.info")
      .reply(200, { Version: "v1.0.0", Time: "2018-08-31T11:05:06Z" });
    const pomXml = (v: string) =>
      `<?xml version="1.0"?><project><modelVersion>4.0.0</modelVersion><groupId>com.google.guava</groupId><artifactId>guava</artifactId><version>${v}</version>` +
      `<licenses><license><name>Apache License, Version 2.0</name><url>http://www.apache.org/licenses/LICENSE-2.0.txt</url></license></licenses></project>`;
    const maven = nock("https://repo1.maven.org")
      .get("/maven2/com/google/guava/guava/maven-metadata.xml")
      .reply(
        200,
        `<?xml version="1.0" encoding="UTF-8"?><metadata><groupId>com.google.guava</groupId><artifactId>guava</artifactId><versioning><latest>33.2.1-jre</latest><release>33.2.1-jre</release><versions><version>10.0</version><version>33.2.1-jre</version></versions></versioning></metadata>`,
        { "content-type": "text/xml" },
      )
      .get("/maven2/com/google/guava/guava/33.2.1-jre/guava-33.2.1-jre.pom")
      .reply(200, pomXml("33.2.1-jre"), { "last-modified": "Wed, 29 May 2024 18:00:00 GMT" })
      .head("/maven2/com/google/guava/guava/10.0/guava-10.0.pom")
      .reply(200, "", { "last-modified": "Tue, 27 Sep 2011 20:00:00 GMT" });
    const crates = nock("https://crates.io")
      .get("/api/v1/crates/serde")
      .reply(200, {
        crate: {
          id: "serde",
          name: "serde",
          created_at: "2014-12-05T20:20:39.487502+00:00",
          max_stable_version: "1.0.203",
        },
        versions: [
          {
            num: "1.0.203",
            created_at: "2024-05-25T23:55:52.000000+00:00",
            license: "MIT OR Apache-2.0",
            yanked: false,
          },
          { num: "0.1.0", created_at: "2014-12-05T20:20:39.487502+00:00", license: "MIT/Apache-2.0", yanked: false },
        ],
      });
    const osv = osvBatch();

    const { facts, stats } = await lookupDependencies(files, config(), options());

    for (const scope of [pypi, go, maven, crates, osv.scope]) expect(scope.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    expect(stats.packages).toBe(4);
    expect(stats.advisoryRequests).toBe(1);
    expect(osv.bodies).toHaveLength(1);
    const q = osv.bodies[0]!.queries;
    expect(q).toHaveLength(4);
    expect(q).toContainEqual({ package: { ecosystem: "PyPI", name: "requests" }, version: "2.32.3" });
    expect(q).toContainEqual({
      package: { ecosystem: "Maven", name: "com.google.guava:guava" },
      version: "33.2.1-jre",
    });
    expect(q).toContainEqual({ package: { ecosystem: "crates.io", name: "serde" }, version: "1.0.203" });
    expect(q).toContainEqual({
      package: { ecosystem: "Go", name: "github.com/google/uuid" },
      version: expect.stringMatching(/^v?1\.6\.0$/),
    });

    expect(facts!.notes).toEqual([]);
    expect(facts!.packages[factKey("PyPI", "requests", "2.32.3")]).toMatchObject({
      exists: true,
      version: "2.32.3",
      license: "Apache-2.0",
      created: "2011-02-14T18:14:52.000Z",
    });
    expect(facts!.packages[factKey("Go", "github.com/google/uuid", "v1.6.0")]).toMatchObject({
      exists: true,
      version: "v1.6.0",
      created: "2018-08-31T11:05:06.000Z",
    });
    expect(facts!.packages[factKey("Maven", "com.google.guava:guava", "33.2.1-jre")]).toMatchObject({
      exists: true,
      version: "33.2.1-jre",
      license: "Apache-2.0",
      created: "2011-09-27T20:00:00.000Z",
    });
    expect(facts!.packages[factKey("crates.io", "serde", "1.0")]).toMatchObject({
      exists: true,
      version: "1.0.203",
      license: "MIT OR Apache-2.0",
    });
    for (const k of Object.keys(facts!.packages)) expect(facts!.advisories[k]).toEqual([]);
  });
});

// ---- failures become notes -----------------------------------------------------------------------

describe("registry failures: a note naming the package, never a throw, never a silent pass", () => {
  it("a registry answering 500", async () => {
    const npm = nock(NPM).get("/left-pad").reply(500, "Internal Server Error").get("/zod").reply(200, boring("zod"));
    const osv = osvBatch();
    const file = packageJson({ "left-pad": "1.3.0", zod: "1.1.0" });
    const cfg = config();
    const { facts, stats } = await lookupDependencies([file], cfg, options());

    expect(npm.isDone()).toBe(true);
    expect(stats.failed).toBe(1);
    expect(facts!.packages[factKey("npm", "left-pad", "1.3.0")]).toBeUndefined();
    expect(facts!.packages[factKey("npm", "zod", "1.1.0")]).toMatchObject({ exists: true });
    expect(facts!.notes).toHaveLength(1);
    expect(facts!.notes[0]).toMatch(/^could not verify 1 dependency with its registry/);
    expect(facts!.notes[0]).toContain("npm left-pad");
    expect(facts!.notes[0]).toContain("HTTP 500");
    expect(facts!.notes[0]).not.toContain("zod");
    // The exact declared version is still checked for advisories.
    expect(osv.scope.isDone()).toBe(true);
    expect(queried(osv.bodies[0])).toEqual(["npm left-pad@1.3.0", "npm zod@1.1.0"]);
    // The note reaches the review.
    expect(assessDependencies([file], { config: cfg.dependencies, facts }).notes).toContain(facts!.notes[0]);
  });

  it("a registry that does not answer within the per-request time limit", async () => {
    const npm = nock(NPM).get("/slow-pkg").delay(1500).reply(200, boring("slow-pkg"));
    const osv = osvBatch();
    const { facts, stats } = await lookupDependencies(
      [packageJson({ "slow-pkg": "1.0.0" })],
      config(),
      options({ http: createHttpClient({ timeoutMs: 150 }) }),
    );

    expect(npm.isDone()).toBe(true);
    expect(stats.failed).toBe(1);
    expect(facts!.packages[factKey("npm", "slow-pkg", "1.0.0")]).toBeUndefined();
    expect(facts!.notes).toHaveLength(1);
    expect(facts!.notes[0]).toMatch(
      /^could not verify 1 dependency with its registry \(existence, age, licence\): npm slow-pkg: /,
    );
    expect(facts!.notes[0]).toContain("timed out after 150 ms");
    expect(osv.scope.isDone()).toBe(true);
  });

  it("OSV failing: a note about advisories, the registry facts stay", async () => {
    const npm = nock(NPM).get("/zod").reply(200, boring("zod"));
    const osv = nock(OSV).post("/v1/querybatch").reply(500, { code: 13, message: "internal" });
    const { facts } = await lookupDependencies([packageJson({ zod: "^1.0.0" })], config(), options());

    expect(npm.isDone()).toBe(true);
    expect(osv.isDone()).toBe(true);
    const key = factKey("npm", "zod", "^1.0.0");
    expect(facts!.packages[key]).toMatchObject({ exists: true, version: "1.1.0" });
    expect(facts!.advisories[key]).toBeUndefined();
    expect(facts!.advisorySource).toBeUndefined();
    expect(facts!.notes).toEqual([
      "could not verify advisories for 1 dependency: OSV https://api.osv.dev/v1/querybatch: HTTP 500",
    ]);
  });

  it("a registry answer that does not fit its schema: the same note as a failed look-up", async () => {
    const npm = nock(NPM)
      .get("/left-pad")
      .reply(200, { ...boring("left-pad"), versions: "1.3.0" })
      .get("/zod")
      .reply(200, boring("zod"));
    const osv = osvBatch();
    const file = packageJson({ "left-pad": "1.3.0", zod: "1.1.0" });
    const { facts, stats } = await lookupDependencies([file], config(), options());

    expect(npm.isDone()).toBe(true);
    expect(stats.failed).toBe(1);
    expect(facts!.packages[factKey("npm", "left-pad", "1.3.0")]).toBeUndefined();
    expect(facts!.notes).toEqual([
      expect.stringMatching(
        /^could not verify 1 dependency with its registry \(existence, age, licence\): npm left-pad: https:\/\/registry\.npmjs\.org\/left-pad: unexpected answer \(.* at versions\)$/,
      ),
    ]);
    expect(osv.scope.isDone()).toBe(true);
  });

  it("an OSV answer that does not fit its schema: a note about advisories, none passed as clean", async () => {
    nock(NPM).get("/zod").reply(200, boring("zod"));
    const osv = nock(OSV).post("/v1/querybatch").reply(200, { results: [] });
    const { facts } = await lookupDependencies([packageJson({ zod: "1.1.0" })], config(), options());

    expect(osv.isDone()).toBe(true);
    expect(facts!.advisories[factKey("npm", "zod", "1.1.0")]).toBeUndefined();
    expect(facts!.notes).toEqual([
      "could not verify advisories for 1 dependency: OSV https://api.osv.dev/v1/querybatch: unexpected answer (0 results for 1 queries)",
    ]);
  });

  it("a range nobody resolved is not sent to OSV but noted", async () => {
    nock(NPM).get("/left-pad").reply(503, "busy");
    const { facts } = await lookupDependencies([packageJson({ "left-pad": "^1.3.0" })], config(), options());
    expect(unmatched).toEqual([]); // no OSV request at all
    expect(facts!.notes).toHaveLength(2);
    expect(facts!.notes[1]).toMatch(
      /could not check advisories for 1 dependency declared by a range .*: left-pad \^1\.3\.0/,
    );
  });
});

// ---- nothing is asked ----------------------------------------------------------------------------

describe("no HTTP at all", () => {
  const file = packageJson({ zod: "^3.23.8", "react-auth-jwt-helperz": "1.0.0" });
  it.each([
    ["offline: true", config(), { offline: true }],
    ["dependencies.lookups: false", config({ lookups: false }), {}],
    ["dependencies.enabled: false", config({ enabled: false }), {}],
  ] as const)("%s", async (_label, cfg, extra) => {
    const { facts, stats } = await lookupDependencies([file], cfg, options(extra));
    expect(facts).toBeUndefined();
    expect(stats).toEqual({ packages: 0, cached: 0, failed: 0, advisoryRequests: 0 });
    expect(unmatched).toEqual([]);
  });

  it("private (@acme/*) packages and file:, workspace:, git and GitHub specs are never looked up", async () => {
    const npm = nock(NPM).get("/zod").reply(200, boring("zod"));
    const osv = osvBatch();
    const file = packageJson({
      "@acme/ui-kit": "2.4.0",
      "@acme/auth": "^1.0.0",
      "local-utils": "file:../local-utils",
      "shared-config": "workspace:*",
      "forked-lib": "git+https://github.com/acme/forked-lib.git#v1.2.0",
      "gh-lib": "github:acme/gh-lib",
      "short-gh": "acme/short-gh#main",
      linked: "link:../linked",
      zod: "1.1.0",
    });
    const { facts, stats } = await lookupDependencies([file], config({ private: ["@acme/*"] }), options());

    expect(npm.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    expect(stats.packages).toBe(1);
    expect(Object.keys(facts!.packages)).toEqual([factKey("npm", "zod", "1.1.0")]);
    expect(queried(osv.bodies[0])).toEqual(["npm zod@1.1.0"]);
  });

  it("a change with only private and local dependencies asks nothing", async () => {
    const file = packageJson({
      "@acme/ui-kit": "2.4.0",
      "local-utils": "file:../local-utils",
      "shared-config": "workspace:^",
    });
    const { facts } = await lookupDependencies([file], config({ private: ["@acme/*"] }), options());
    expect(facts).toBeUndefined();
    expect(unmatched).toEqual([]);
  });
});

// ---- the cache -----------------------------------------------------------------------------------

describe("LookupCache", () => {
  it("a second review with the same cache asks the registry nothing (advisory details are cached too)", async () => {
    const cache = new LookupCache();
    const file = packageJson({ lodash: "4.17.20" });
    const lodash = packument("lodash", {
      "4.17.20": "2020-08-13T16:53:54.000Z",
      "4.17.21": "2021-02-20T15:42:16.000Z",
    });

    const first = nock(NPM).get("/lodash").reply(200, lodash);
    const osv1 = osvBatch({ lodash: [LODASH_GHSA.id] });
    const details = nock(OSV).get(`/v1/vulns/${LODASH_GHSA.id}`).reply(200, LODASH_GHSA);
    const r1 = await lookupDependencies([file], config(), options({ cache }));
    expect(first.isDone() && osv1.scope.isDone() && details.isDone()).toBe(true);
    expect(r1.stats).toMatchObject({ packages: 1, cached: 0 });

    // Only the (cheap, batched) OSV query is repeated: no registry request, no details request.
    const osv2 = osvBatch({ lodash: [LODASH_GHSA.id] });
    const r2 = await lookupDependencies([file], config(), options({ cache }));
    expect(osv2.scope.isDone()).toBe(true);
    expect(unmatched).toEqual([]);
    expect(r2.stats).toMatchObject({ packages: 0, cached: 1, failed: 0 });
    expect(r2.facts!.packages).toEqual(r1.facts!.packages);
    expect(r2.facts!.advisories).toEqual(r1.facts!.advisories);
    expect(r2.facts!.advisories[factKey("npm", "lodash", "4.17.20")]![0]!.severity).toBe("high");
  });

  it("a 404 (no such package) is cached too", async () => {
    const cache = new LookupCache();
    const file = packageJson({ "react-auth-jwt-helperz": "1.0.0" });
    const scope = nock(NPM).get("/react-auth-jwt-helperz").reply(404, { error: "Not found" });
    const r1 = await lookupDependencies([file], config(), options({ cache }));
    expect(scope.isDone()).toBe(true);
    expect(r1.facts!.packages[factKey("npm", "react-auth-jwt-helperz", "1.0.0")]).toEqual(
      expect.objectContaining({ exists: false }),
    );

    const r2 = await lookupDependencies([file], config(), options({ cache }));
    expect(unmatched).toEqual([]); // nothing asked: a missing package is not sent to OSV either
    expect(r2.stats).toMatchObject({ packages: 0, cached: 1 });
    expect(r2.facts!.packages[factKey("npm", "react-auth-jwt-helperz", "1.0.0")]).toEqual(
      expect.objectContaining({ exists: false }),
    );
  });

  it("a failure is not cached: the next review asks again", async () => {
    const cache = new LookupCache();
    const file = packageJson({ zod: "^1.0.0" });
    const failing = nock(NPM).get("/zod").reply(502, "Bad Gateway");
    const r1 = await lookupDependencies([file], config(), options({ cache }));
    expect(failing.isDone()).toBe(true);
    expect(r1.stats.failed).toBe(1);
    expect(cache.size).toBe(0);

    const ok = nock(NPM).get("/zod").reply(200, boring("zod"));
    const osv = osvBatch();
    const r2 = await lookupDependencies([file], config(), options({ cache }));
    expect(ok.isDone()).toBe(true);
    expect(osv.scope.isDone()).toBe(true);
    expect(r2.stats).toMatchObject({ packages: 1, cached: 0, failed: 0 });
    expect(r2.facts!.packages[factKey("npm", "zod", "^1.0.0")]).toMatchObject({ exists: true, version: "1.1.0" });
  });
});

// ---- concurrency, budget, limit ------------------------------------------------------------------

describe("concurrency", () => {
  const names = ["pkg-a", "pkg-b", "pkg-c", "pkg-d", "pkg-e", "pkg-f"];
  const file = packageJson(Object.fromEntries(names.map((n) => [n, "1.1.0"])));

  /** Replies after a short pause, counting how many requests are being answered at once. */
  function countingRegistry() {
    const seen = { inFlight: 0, max: 0, calls: 0 };
    const scope = nock(NPM)
      .get(/^\/pkg-[a-f]$/)
      .times(names.length)
      .reply(async (uri) => {
        seen.calls++;
        seen.inFlight++;
        seen.max = Math.max(seen.max, seen.inFlight);
        await new Promise((r) => setTimeout(r, 40));
        seen.inFlight--;
        return [200, boring(uri.slice(1))];
      });
    return { seen, scope };
  }

  it("never has more look-ups in flight than `concurrency`", async () => {
    const { seen, scope } = countingRegistry();
    const osv = osvBatch();
    const { facts, stats } = await lookupDependencies([file], config(), options({ concurrency: 2 }));
    expect(scope.isDone()).toBe(true);
    expect(osv.scope.isDone()).toBe(true);
    expect(seen.calls).toBe(6);
    expect(seen.max).toBeLessThanOrEqual(2);
    expect(seen.max).toBeGreaterThanOrEqual(1);
    expect(stats.packages).toBe(6);
    expect(Object.keys(facts!.packages)).toHaveLength(6);
  });

  it("(control) without the limit the same six run side by side", async () => {
    const { seen } = countingRegistry();
    osvBatch();
    await lookupDependencies([file], config(), options());
    expect(seen.calls).toBe(6);
    expect(seen.max).toBeGreaterThan(2);
  });
});

describe("monorepos", () => {
  it("asks once for a package two projects add in the same review", async () => {
    const npm = nock(NPM).get("/left-pad").once().reply(200, boring("left-pad"));
    osvBatch();
    const web: ChangedFile = {
      path: "web/package.json",
      status: "added",
      additions: 5,
      deletions: 0,
      headContent: '{"dependencies": {"left-pad": "1.1.0"}}\n',
    };
    const api: ChangedFile = {
      path: "api/package.json",
      status: "added",
      additions: 5,
      deletions: 0,
      headContent: '{"dependencies": {"left-pad": "1.1.0"}}\n',
    };
    const { facts, stats } = await lookupDependencies([web, api], config(), options());
    expect(npm.isDone()).toBe(true);
    expect(stats.packages).toBe(1);
    expect(facts!.packages[factKey("npm", "left-pad", "1.1.0")]).toMatchObject({ exists: true, version: "1.1.0" });
  });
});

describe("hallucinated versions", () => {
  it("a real package with no release matching the declared version gets unknown-version", async () => {
    nock(NPM).get("/left-pad").reply(200, boring("left-pad"));
    osvBatch();
    const { facts } = await lookupDependencies([packageJson({ "left-pad": "^4.17.21" })], config(), options());
    const pkg = facts!.packages[factKey("npm", "left-pad", "^4.17.21")]!;
    expect(pkg).toMatchObject({ exists: true, missingVersion: "^4.17.21" });
    expect(pkg.deprecated).toBeUndefined();
    const { dependencies } = assessDependencies([packageJson({ "left-pad": "^4.17.21" })], {
      config: config().dependencies,
      facts,
    });
    expect(dependencies[0]!.risks).toEqual([
      expect.objectContaining({
        kind: "unknown-version",
        severity: "medium",
        detail: "no published version matches ^4.17.21: a hallucinated version, or not the package that was meant",
      }),
    ]);
  });

  it("a dist-tag or git spec is not a hallucinated version", async () => {
    nock(NPM).get("/left-pad").reply(200, boring("left-pad"));
    osvBatch();
    const { facts } = await lookupDependencies([packageJson({ "left-pad": "next" })], config(), options());
    expect(facts!.packages[factKey("npm", "left-pad", "next")]!.missingVersion).toBeUndefined();
  });
});

describe("hostile names", () => {
  it("never puts a name with a .. segment or spaces in a URL, and says so", async () => {
    let requests = 0;
    const listener = () => requests++;
    nock.emitter.on("no match", listener);
    try {
      const { facts } = await lookupDependencies(
        [packageJson({ "..": "1.0.0", "a b": "1.0.0", "@x/..": "1.0.0" })],
        config(),
        options(),
      );
      expect(requests).toBe(0);
      expect(facts!.packages).toEqual({});
      expect(facts!.notes).toContainEqual(
        expect.stringMatching(/^could not verify 3 dependencies whose name no registry can hold: /),
      );
    } finally {
      nock.emitter.removeListener("no match", listener);
    }
  });
});

describe("time budget and package limit", () => {
  it("look-ups still running when the budget runs out become a note", async () => {
    nock(NPM)
      .get("/slow-a")
      .delay(2500)
      .reply(200, boring("slow-a"))
      .get("/slow-b")
      .delay(2500)
      .reply(200, boring("slow-b"));
    // Ranges: nothing exact to send to OSV once the budget is gone.
    const { facts } = await lookupDependencies(
      [packageJson({ "slow-a": "^1.0.0", "slow-b": "^1.0.0" })],
      config(),
      options({ http: createHttpClient({ timeoutMs: 5000 }), budgetMs: 200 }),
    );
    expect(facts).toBeDefined();
    expect(facts!.packages).toEqual({});
    const note = facts!.notes.find((n) => n.includes("time budget"));
    expect(note).toBeDefined();
    expect(note).toMatch(
      /^could not verify 2 dependencies: the registry share of the look-up time budget \(.* of .* s\) ran out \(slow-a, slow-b\)$/,
    );
  });

  it("keeps part of the budget for advisories: a slow registry does not cost the OSV check", async () => {
    nock(NPM).get("/slow-a").delay(2500).reply(200, boring("slow-a"));
    const osv = osvBatch();
    // An exact version needs no registry answer to be checked for advisories.
    const { facts, stats } = await lookupDependencies(
      [packageJson({ "slow-a": "1.0.0" })],
      config(),
      options({ http: createHttpClient({ timeoutMs: 5000 }), budgetMs: 600 }),
    );
    expect(osv.scope.isDone()).toBe(true);
    expect(facts!.packages).toEqual({});
    expect(facts!.advisories).toEqual({ [factKey("npm", "slow-a", "1.0.0")]: [] });
    expect(facts!.advisorySource).toBe("osv");
    expect(stats.advisoryRequests).toBe(1);
    expect(facts!.notes).toContainEqual(expect.stringMatching(/^could not verify 1 dependency: the registry share/));
  });

  it("maxPackages: only that many are looked up, direct ones first, and the rest are noted", async () => {
    const lock = (packages: Record<string, unknown>) =>
      `${JSON.stringify({ name: "web-app", version: "1.0.0", lockfileVersion: 3, requires: true, packages: { "": { name: "web-app", version: "1.0.0", dependencies: { "direct-a": "^1.0.0", "direct-b": "^1.0.0" } }, ...packages } }, null, 2)}\n`;
    const entry = (v: string) => ({
      version: v,
      resolved: `https://registry.npmjs.org/x/-/x-${v}.tgz`,
      integrity: "sha512-AAAA",
    });
    const file: ChangedFile = {
      path: "package-lock.json",
      status: "modified",
      additions: 20,
      deletions: 0,
      baseContent: lock({}),
      // Transitive entries come first in the file: the look-up must still start with the direct ones.
      headContent: lock({
        "node_modules/trans-c": entry("1.0.0"),
        "node_modules/trans-d": entry("1.0.0"),
        "node_modules/direct-a": entry("1.0.0"),
        "node_modules/direct-b": entry("1.1.0"),
      }),
    };
    const npm = nock(NPM)
      .get("/direct-a")
      .reply(200, boring("direct-a"))
      .get("/direct-b")
      .reply(200, boring("direct-b"));
    const osv = osvBatch();
    const { facts, stats } = await lookupDependencies([file], config(), options({ maxPackages: 2 }));

    expect(npm.isDone()).toBe(true);
    expect(unmatched).toEqual([]); // trans-c and trans-d were never asked
    expect(stats.packages).toBe(2);
    expect(Object.keys(facts!.packages).sort()).toEqual([
      factKey("npm", "direct-a", "1.0.0"),
      factKey("npm", "direct-b", "1.1.0"),
    ]);
    expect(facts!.notes).toContain("could not verify 2 more dependencies: at most 2 are looked up per review");
    expect(queried(osv.bodies[0])).toEqual(["npm direct-a@1.0.0", "npm direct-b@1.1.0"]);
  });
});

// ---- deployment settings -------------------------------------------------------------------------

describe("custom base URLs", () => {
  it("are used instead of the public registry and OSV", async () => {
    const mirror = nock("https://npm.mirror.example")
      .get("/lodash")
      .reply(200, packument("lodash", { "4.17.20": "2020-08-13T16:53:54.000Z" }));
    const osv = osvBatch({ lodash: [LODASH_GHSA.id] }, "https://osv.mirror.example");
    const details = nock("https://osv.mirror.example").get(`/v1/vulns/${LODASH_GHSA.id}`).reply(200, LODASH_GHSA);

    const { facts } = await lookupDependencies(
      [packageJson({ lodash: "4.17.20" })],
      config(),
      options({ baseUrls: { npm: "https://npm.mirror.example/", osv: "https://osv.mirror.example" } }),
    );

    expect(mirror.isDone()).toBe(true);
    expect(osv.scope.isDone()).toBe(true);
    expect(details.isDone()).toBe(true);
    expect(unmatched).toEqual([]); // registry.npmjs.org and api.osv.dev were never asked
    expect(facts!.packages[factKey("npm", "lodash", "4.17.20")]).toMatchObject({ exists: true, version: "4.17.20" });
    expect(facts!.advisories[factKey("npm", "lodash", "4.17.20")]).toEqual([
      expect.objectContaining({ id: LODASH_GHSA.id, severity: "high" }),
    ]);
  });
});

// ---- GitHub dependency review stand-in -----------------------------------------------------------

describe("advisoryProvider", () => {
  const file = packageJson({ lodash: "4.17.20", zod: "1.1.0", chalk: "1.1.0" });
  const registries = () =>
    nock(NPM)
      .get("/lodash")
      .reply(200, packument("lodash", { "4.17.20": "2020-08-13T16:53:54.000Z" }))
      .get("/zod")
      .reply(200, boring("zod"))
      .get("/chalk")
      .reply(200, boring("chalk"));
  const lodashKey = factKey("npm", "lodash", "4.17.20");
  const ghAdvisory: Advisory = {
    id: "GHSA-35jh-r3h4-6jhm",
    summary: "Command Injection in lodash",
    severity: "high",
    url: "https://github.com/advisories/GHSA-35jh-r3h4-6jhm",
  };

  it("advisories it returns are used; OSV is asked only for the rest", async () => {
    const seenByProvider: string[] = [];
    const provider: AdvisoryProvider = async (deps: ExtractedDependencyChange[]) => {
      seenByProvider.push(...deps.map((d) => d.name));
      return { advisories: new Map([[lodashKey, [ghAdvisory]]]), licenses: new Map() };
    };
    const npm = registries();
    const osv = osvBatch();
    const { facts, stats } = await lookupDependencies([file], config(), options({ advisoryProvider: provider }));

    expect(npm.isDone()).toBe(true);
    expect(seenByProvider.sort()).toEqual(["chalk", "lodash", "zod"]);
    expect(osv.bodies).toHaveLength(1);
    expect(queried(osv.bodies[0])).toEqual(["npm chalk@1.1.0", "npm zod@1.1.0"]);
    expect(facts!.advisories[lodashKey]).toEqual([ghAdvisory]);
    expect(facts!.advisories[factKey("npm", "zod", "1.1.0")]).toEqual([]);
    expect(facts!.advisorySource).toBe("github+osv");
    expect(stats.advisoryRequests).toBe(2);
  });

  it("when it covers everything (empty lists count), OSV is not asked", async () => {
    const provider: AdvisoryProvider = async (deps) => ({
      advisories: new Map(
        deps.map((d) => [factKey(d.ecosystem, d.name, d.version), d.name === "lodash" ? [ghAdvisory] : []]),
      ),
      licenses: new Map(deps.map((d) => [factKey(d.ecosystem, d.name, d.version), "MIT"])),
    });
    registries();
    const { facts } = await lookupDependencies([file], config(), options({ advisoryProvider: provider }));
    expect(unmatched).toEqual([]);
    expect(facts!.advisorySource).toBe("github");
    expect(facts!.advisories[lodashKey]).toEqual([ghAdvisory]);
  });

  it("a provider returning null (not available) → OSV for all", async () => {
    registries();
    const osv = osvBatch({ lodash: [LODASH_GHSA.id] });
    nock(OSV).get(`/v1/vulns/${LODASH_GHSA.id}`).reply(200, LODASH_GHSA);
    const { facts } = await lookupDependencies([file], config(), options({ advisoryProvider: async () => null }));
    expect(osv.scope.isDone()).toBe(true);
    expect(queried(osv.bodies[0])).toEqual(["npm chalk@1.1.0", "npm lodash@4.17.20", "npm zod@1.1.0"]);
    expect(facts!.advisorySource).toBe("osv");
    expect(facts!.advisories[lodashKey]).toEqual([expect.objectContaining({ id: LODASH_GHSA.id })]);
    expect(facts!.notes).toEqual([]);
  });

  it("a provider that throws → a note, and OSV for all", async () => {
    registries();
    const osv = osvBatch();
    const provider: AdvisoryProvider = async () => {
      throw new Error("HTTP 502 from api.github.com");
    };
    const { facts } = await lookupDependencies([file], config(), options({ advisoryProvider: provider }));
    expect(osv.scope.isDone()).toBe(true);
    expect(queried(osv.bodies[0])).toHaveLength(3);
    expect(facts!.advisorySource).toBe("osv");
    expect(facts!.notes).toEqual([
      "GitHub dependency review could not be read (HTTP 502 from api.github.com); advisories come from OSV",
    ]);
  });
});

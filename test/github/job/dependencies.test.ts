// Dependency governance through the App: manifests read on both sides, registries and GitHub's
// dependency review asked (nock), risks annotated on the manifest line and listed in the summary.
import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  strictNock,
} from "../../helpers/github.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const MERGE_BASE = "b".repeat(40);
const NPM = "https://registry.npmjs.org";
const OSV = "https://api.osv.dev";
const DR = `/repos/Codertocat/Hello-World/dependency-graph/compare/${BASE}...${HEAD}`;
const NOW = Date.now();
const daysAgo = (n: number) => new Date(NOW - n * 86_400_000).toISOString();

const BASE_PKG = ["{", '  "name": "shop",', '  "dependencies": {', '    "express": "^4.19.2"', "  }", "}", ""].join(
  "\n",
);
const HEAD_PKG = [
  "{",
  '  "name": "shop",',
  '  "dependencies": {',
  '    "express": "^4.19.2",',
  '    "loadsh": "4.17.21",',
  '    "minimist": "1.2.5",',
  '    "react-jwt-session-guard": "^1.0.0"',
  "  }",
  "}",
  "",
].join("\n");
const PKG_PATCH = [
  "@@ -1,6 +1,9 @@",
  " {",
  '   "name": "shop",',
  '   "dependencies": {',
  '-    "express": "^4.19.2"',
  '+    "express": "^4.19.2",',
  '+    "loadsh": "4.17.21",',
  '+    "minimist": "1.2.5",',
  '+    "react-jwt-session-guard": "^1.0.0"',
  "   }",
  " }",
].join("\n");

function packument(
  name: string,
  version: string,
  opts: { created?: string; license?: string; scripts?: Record<string, string> } = {},
) {
  return {
    name,
    "dist-tags": { latest: version },
    time: { created: opts.created ?? daysAgo(3000), [version]: opts.created ?? daysAgo(900) },
    versions: {
      [version]: { name, version, license: opts.license ?? "MIT", ...(opts.scripts ? { scripts: opts.scripts } : {}) },
    },
  };
}

/** The npm registry for this PR: loadsh is old, minimist 1.2.5 is old too, the third name does not exist. */
function npmRegistry() {
  return nock(NPM)
    .get("/loadsh")
    .reply(200, packument("loadsh", "4.17.21", { created: daysAgo(2000) }))
    .get("/minimist")
    .reply(200, packument("minimist", "1.2.5"))
    .get("/react-jwt-session-guard")
    .reply(404, { error: "Not found" });
}

/** The GitHub side of a PR that changes package.json (HEAD_PKG): token, files, no config, contents, the check run. */
function packageJsonPr(): RepoMock {
  mockInstallationToken();
  return new RepoMock()
    .listFiles(2, [{ filename: "package.json", status: "modified", additions: 4, deletions: 1, patch: PKG_PATCH }])
    .noConfig(BASE)
    .contents({ "package.json": { text: HEAD_PKG } })
    .createCheck(9);
}

const lookups = { offline: false, baseUrls: {}, timeoutMs: 2000, budgetMs: 10_000 };

type CheckBody = {
  conclusion: string;
  output: { title: string; summary: string; annotations: Array<Record<string, unknown>> };
};

// Every request must be one a test expects: an unexpected one (a registry, OSV, a routing call)
// would otherwise only show up as a note.
strictNock();

describe("dependency governance in the check run", () => {
  it("flags a typosquat, a hallucinated package and a vulnerable version from one dependency-review call, annotated on package.json", async () => {
    const gh = packageJsonPr();
    // GitHub's dependency review knows minimist 1.2.5 and loadsh; it has no entry for the hallucinated name.
    gh.scope.get(DR).reply(200, [
      {
        change_type: "added",
        manifest: "package.json",
        ecosystem: "npm",
        name: "minimist",
        version: "1.2.5",
        package_url: "pkg:npm/minimist@1.2.5",
        license: "MIT",
        vulnerabilities: [
          {
            severity: "high",
            advisory_ghsa_id: "GHSA-xvch-5gv4-984h",
            advisory_summary: "Prototype Pollution in minimist",
            advisory_url: "https://github.com/advisories/GHSA-xvch-5gv4-984h",
          },
        ],
      },
      {
        change_type: "added",
        manifest: "package.json",
        ecosystem: "npm",
        name: "loadsh",
        version: "4.17.21",
        package_url: "pkg:npm/loadsh@4.17.21",
        license: "MIT",
        vulnerabilities: [],
      },
    ]);
    const npm = npmRegistry();
    const app = await createTestApp({ dependencyLookup: lookups });
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    expect(npm.isDone()).toBe(true);
    const body = gh.checkCreates[0] as CheckBody;
    expect(body.conclusion).toBe("failure");
    const review = (
      app.done[0]!.outcome as {
        result: {
          review: {
            dependencies: Array<{
              name: string;
              risks: Array<{ kind: string; severity: string; url?: string }>;
              line?: number;
            }>;
            notes: string[];
          };
        };
      }
    ).result.review;
    const byName = Object.fromEntries(review.dependencies.map((d) => [d.name, d]));
    expect(byName["loadsh"]!.risks.map((r) => r.kind)).toEqual(["typosquat"]);
    expect(byName["react-jwt-session-guard"]!.risks).toEqual([
      expect.objectContaining({ kind: "nonexistent", severity: "critical" }),
    ]);
    expect(byName["minimist"]!.risks).toEqual([
      {
        kind: "vulnerability",
        severity: "high",
        detail: expect.stringContaining("GHSA-xvch-5gv4-984h"),
        url: "https://github.com/advisories/GHSA-xvch-5gv4-984h",
      },
    ]);
    expect(byName["express"]).toBeUndefined(); // unchanged
    // Annotations on the lines of package.json that add each risky package.
    const depAnnotations = body.output.annotations.filter((a) => a.path === "package.json");
    expect(depAnnotations.map((a) => [a.start_line, a.annotation_level])).toEqual([
      [7, "failure"], // critical first, then the two highs by name
      [5, "failure"],
      [6, "failure"],
    ]);
    expect(String(depAnnotations[0]!.title)).toContain("react-jwt-session-guard: nonexistent");
    // The summary's dependency table links the registry page and the advisory.
    expect(body.output.summary).toContain("#### Dependencies (3 risky packages, 3 changed)");
    expect(body.output.summary).toContain("[`loadsh`](https://www.npmjs.com/package/loadsh)");
    expect(body.output.summary).toContain("(https://github.com/advisories/GHSA-xvch-5gv4-984h)");
    // The dependency review covered both real packages and the third does not exist: OSV was not asked
    // (nock refuses any other host, which would have left a "could not verify advisories" note).
    expect(review.notes.filter((n) => /advisories|could not verify/.test(n))).toEqual([]);
  });

  it("falls back to one OSV querybatch when the repository has no dependency review (403)", async () => {
    const gh = packageJsonPr();
    gh.scope.get(DR).reply(403, {
      message:
        "Dependency review is not supported on this repository. Please ensure that Dependency graph is enabled along with GitHub Advanced Security on private repositories.",
    });
    const npm = npmRegistry();
    const osvBodies: unknown[] = [];
    const osv = nock(OSV)
      .post("/v1/querybatch", (b) => (osvBodies.push(b), true))
      .reply(200, {
        results: [{ vulns: [] }, { vulns: [{ id: "GHSA-xvch-5gv4-984h", modified: "2024-01-01T00:00:00Z" }] }],
      })
      .get("/v1/vulns/GHSA-xvch-5gv4-984h")
      .reply(200, {
        id: "GHSA-xvch-5gv4-984h",
        summary: "Prototype Pollution in minimist",
        database_specific: { severity: "HIGH" },
      });
    const app = await createTestApp({ dependencyLookup: lookups });
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    expect(npm.isDone() && osv.isDone()).toBe(true);
    expect(osvBodies).toEqual([
      {
        queries: [
          { package: { ecosystem: "npm", name: "loadsh" }, version: "4.17.21" },
          { package: { ecosystem: "npm", name: "minimist" }, version: "1.2.5" },
        ],
      },
    ]);
    const review = (
      app.done[0]!.outcome as {
        result: { review: { dependencies: Array<{ name: string; risks: Array<{ kind: string; severity: string }> }> } };
      }
    ).result.review;
    const jwt = review.dependencies.find((d) => d.name === "minimist")!;
    expect(jwt.risks).toEqual([expect.objectContaining({ kind: "vulnerability", severity: "high" })]);
  });

  it("reads a lockfile GitHub gave no patch for at the merge base and catches a transitive install script", async () => {
    const lock = (pkgs: Record<string, unknown>) =>
      JSON.stringify(
        {
          name: "shop",
          lockfileVersion: 3,
          requires: true,
          packages: { "": { name: "shop", dependencies: { express: "^4.19.2" } }, ...pkgs },
        },
        null,
        2,
      ) + "\n";
    const baseLock = lock({ "node_modules/express": { version: "4.19.2" } });
    const headLock = lock({
      "node_modules/express": { version: "4.19.2" },
      "node_modules/esbuild": { version: "0.21.5", hasInstallScript: true, license: "MIT" },
    });
    mockInstallationToken();
    const gh = new RepoMock()
      // A large lockfile diff: GitHub lists the file without a patch.
      .listFiles(2, [{ filename: "package-lock.json", status: "modified", additions: 5, deletions: 0 }])
      .noConfig(BASE)
      .contents({ "package-lock.json": { text: headLock } });
    gh.scope
      .get(`/repos/Codertocat/Hello-World/compare/${BASE}...${HEAD}`)
      .query({ per_page: "1" })
      .reply(200, { merge_base_commit: { sha: MERGE_BASE }, files: [], commits: [] });
    gh.contents({ "package-lock.json": { text: baseLock } }).createCheck(9);
    // Offline (no registry, no OSV), GitHub's own dependency review is still asked.
    gh.scope.get(DR).reply(200, [
      {
        change_type: "added",
        manifest: "package-lock.json",
        ecosystem: "npm",
        name: "esbuild",
        version: "0.21.5",
        package_url: "pkg:npm/esbuild@0.21.5",
        license: "MIT",
        vulnerabilities: [
          {
            severity: "moderate",
            advisory_ghsa_id: "GHSA-67mh-4wv8-2f99",
            advisory_summary: "esbuild's dev server accepts requests from any website",
            advisory_url: "https://github.com/advisories/GHSA-67mh-4wv8-2f99",
          },
        ],
      },
    ]);
    const app = await createTestApp(); // AIGUARD_OFFLINE-style settings
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    // The base was asked at the merge base, not at the base branch's head.
    expect(gh.graphql[1]!.variables.e0).toBe(`${MERGE_BASE}:package-lock.json`);
    const review = (app.done[0]!.outcome as { result: { review: { dependencies: unknown[]; notes: string[] } } }).result
      .review;
    expect(review.dependencies).toEqual([
      expect.objectContaining({
        ecosystem: "npm",
        name: "esbuild",
        version: "0.21.5",
        change: "added",
        direct: false,
        risks: [
          expect.objectContaining({ kind: "install-script", severity: "medium" }),
          expect.objectContaining({
            kind: "vulnerability",
            severity: "medium",
            url: "https://github.com/advisories/GHSA-67mh-4wv8-2f99",
          }),
        ],
      }),
    ]);
    expect(review.notes).toContain(
      "registries were not asked (offline): existence, age and licences of 1 dependency were not checked",
    );
    const body = gh.checkCreates[0] as CheckBody;
    expect(body.output.annotations).toEqual([
      expect.objectContaining({ path: "package-lock.json", annotation_level: "warning" }),
    ]);
  });

  it("a dependency review answer that does not fit its schema is noted, and OSV is asked instead", async () => {
    const gh = packageJsonPr();
    // An entry without its name, and vulnerabilities that are not a list: nothing of it is trusted.
    gh.scope
      .get(DR)
      .reply(200, [
        { change_type: "added", ecosystem: "npm", version: "1.2.5", vulnerabilities: "GHSA-xvch-5gv4-984h" },
      ]);
    const npm = npmRegistry();
    const osvBodies: unknown[] = [];
    const osv = nock(OSV)
      .post("/v1/querybatch", (b) => (osvBodies.push(b), true))
      .reply(200, { results: [{ vulns: [] }, { vulns: [] }] });
    const app = await createTestApp({ dependencyLookup: lookups });
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    expect(npm.isDone() && osv.isDone()).toBe(true);
    expect(osvBodies).toHaveLength(1);
    const review = (app.done[0]!.outcome as { result: { review: { notes: string[] } } }).result.review;
    const note = review.notes.find((n) => n.startsWith("GitHub dependency review could not be read"));
    expect(note).toMatch(
      /^GitHub dependency review could not be read \(dependency review: unexpected answer \(.* at 0\.name; .* at 0\.vulnerabilities\)\); advisories come from OSV$/,
    );
  });

  it("says so when a registry cannot be reached, and still reports the offline risks", async () => {
    const gh = packageJsonPr();
    gh.scope.get(DR).reply(404, { message: "Not Found" });
    const npm = nock(NPM).get(/.*/).times(3).reply(503, "Service Unavailable");
    const osv = nock(OSV).post("/v1/querybatch").reply(500, { message: "internal" });
    const app = await createTestApp({ dependencyLookup: lookups });
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    expect(npm.isDone() && osv.isDone()).toBe(true);
    const review = (
      app.done[0]!.outcome as {
        result: {
          review: {
            conclusion: string;
            dependencies: Array<{ name: string; risks: Array<{ kind: string }> }>;
            notes: string[];
          };
        };
      }
    ).result.review;
    expect(review.notes.find((n) => n.startsWith("could not verify 3 dependencies"))).toMatch(/loadsh.*HTTP 503/);
    expect(review.notes.some((n) => n.startsWith("could not verify advisories for 2 dependencies: OSV"))).toBe(true);
    // Not verified either: the registry could not say whether it exists (issue 10, item 3).
    expect(review.dependencies.find((d) => d.name === "loadsh")!.risks.map((r) => r.kind)).toEqual([
      "typosquat",
      "unverified",
    ]);
    expect(review.conclusion).toBe("failure");
    expect((gh.checkCreates[0] as CheckBody).output.summary).toContain("could not verify 3 dependencies");
    expect((gh.checkCreates[0] as CheckBody).output.title).toMatch(/· \d new packages? not verified/);
  });

  it("reads a manifest GraphQL cut short through the raw contents API, and a removed manifest's packages as removed", async () => {
    const headPkg = ["{", '  "dependencies": {', '    "requests-toolbelt-pro": "1.0.0"', "  }", "}", ""].join("\n");
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, [
        {
          filename: "web/package.json",
          status: "modified",
          additions: 1,
          deletions: 1,
          patch:
            '@@ -1,5 +1,5 @@\n {\n   "dependencies": {\n-    "left-pad": "1.3.0"\n+    "requests-toolbelt-pro": "1.0.0"\n   }\n }',
        },
        {
          filename: "api/requirements.txt",
          status: "removed",
          additions: 0,
          deletions: 2,
          patch: "@@ -1,2 +0,0 @@\n-flask==3.0.3\n-gunicorn==22.0.0",
        },
      ])
      .noConfig(BASE)
      // GitHub truncates the blob text in GraphQL: the whole file comes from the REST raw media type.
      .contents({ "web/package.json": { text: headPkg.slice(0, 10), isTruncated: true, byteSize: headPkg.length } })
      .createCheck(9);
    gh.scope
      .get(
        (uri) => decodeURIComponent(uri.split("?")[0]!) === "/repos/Codertocat/Hello-World/contents/web/package.json",
      )
      .query({ ref: HEAD })
      .reply(200, headPkg, { "content-type": "text/plain; charset=utf-8" });
    gh.scope.get(DR).reply(404, { message: "Not Found" });
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    const review = (
      app.done[0]!.outcome as {
        result: {
          review: {
            dependencies: Array<{ name: string; change: string; manifest: string; ecosystem: string; version: string }>;
          };
        };
      }
    ).result.review;
    expect(review.dependencies.map((d) => [d.ecosystem, d.name, d.change, d.version, d.manifest]).sort()).toEqual([
      ["PyPI", "flask", "removed", "3.0.3", "api/requirements.txt"],
      ["PyPI", "gunicorn", "removed", "22.0.0", "api/requirements.txt"],
      ["npm", "left-pad", "removed", "1.3.0", "web/package.json"],
      ["npm", "requests-toolbelt-pro", "added", "1.0.0", "web/package.json"],
    ]);
  });

  it("reads a base lockfile GraphQL cut short through the raw contents API at the merge base", async () => {
    const lock = (pkgs: Record<string, unknown>) =>
      JSON.stringify({ name: "shop", lockfileVersion: 3, packages: { "": { name: "shop" }, ...pkgs } }, null, 2) + "\n";
    const baseLock = lock({ "node_modules/express": { version: "4.19.2" } });
    const headLock = lock({
      "node_modules/express": { version: "4.19.2" },
      "node_modules/left-pad": { version: "1.3.0" },
    });
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, [{ filename: "package-lock.json", status: "modified", additions: 3, deletions: 0 }])
      .noConfig(BASE)
      .contents({ "package-lock.json": { text: headLock } });
    gh.scope
      .get(`/repos/Codertocat/Hello-World/compare/${BASE}...${HEAD}`)
      .query({ per_page: "1" })
      .reply(200, { merge_base_commit: { sha: MERGE_BASE }, files: [], commits: [] });
    gh.contents({
      "package-lock.json": { text: baseLock.slice(0, 20), isTruncated: true, byteSize: baseLock.length },
    }).createCheck(9);
    gh.scope
      .get("/repos/Codertocat/Hello-World/contents/package-lock.json")
      .query({ ref: MERGE_BASE })
      .reply(200, baseLock, { "content-type": "text/plain; charset=utf-8" });
    gh.scope.get(DR).reply(404, { message: "Not Found" });
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    const review = (
      app.done[0]!.outcome as { result: { review: { dependencies: Array<{ name: string; change: string }> } } }
    ).result.review;
    // Only left-pad is new: express came from the whole base, not from a truncated one.
    expect(review.dependencies.map((d) => [d.name, d.change])).toEqual([["left-pad", "added"]]);
  });
});

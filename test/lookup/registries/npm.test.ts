import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, HttpError } from "../../../src/lookup/http.js";
import { npmRegistry } from "../../../src/lookup/registries/npm.js";

const REGISTRY = "https://registry.npmjs.org";
const http = createHttpClient({ timeoutMs: 2000 });
const lookup = (name: string, version: string, baseUrl = npmRegistry.defaultBaseUrl) =>
  npmRegistry.lookup(name, version, { http, baseUrl });

interface Packument {
  versions: Record<string, Record<string, unknown>>;
  time: Record<string, string>;
  [key: string]: unknown;
}

/** A trimmed full packument (the shape GET /<name> returns), written for these tests. */
function packument(name: string, over: Record<string, unknown> = {}): Packument {
  const v = (version: string, extra: Record<string, unknown> = {}) => ({
    name,
    version,
    license: "MIT",
    main: "index.js",
    scripts: { test: "node test.js" },
    dist: { tarball: `${REGISTRY}/${name}/-/${name}-${version}.tgz`, shasum: "0".repeat(40) },
    ...extra,
  });
  return {
    _id: name,
    name,
    "dist-tags": { latest: "2.0.0", next: "2.1.0-beta.1" },
    versions: {
      "1.0.0": v("1.0.0", { license: "ISC" }),
      "1.1.0": v("1.1.0"),
      "1.2.0": v("1.2.0"),
      "2.0.0": v("2.0.0", { license: "Apache-2.0" }),
      "2.1.0-beta.1": v("2.1.0-beta.1"),
    },
    time: {
      created: "2021-03-01T10:00:00.000Z",
      modified: "2024-06-01T09:00:00.000Z",
      "1.0.0": "2021-03-01T10:00:01.000Z",
      "1.1.0": "2021-09-14T12:30:00.000Z",
      "1.2.0": "2022-02-02T08:15:00.000Z",
      "2.0.0": "2023-11-20T16:45:00.000Z",
      "2.1.0-beta.1": "2024-06-01T09:00:00.000Z",
    },
    license: "Apache-2.0",
    ...over,
  };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("npm registry lookup", () => {
  it("describes the version a caret range resolves to", async () => {
    const scope = nock(REGISTRY).get("/tiny-queue").reply(200, packument("tiny-queue"));
    const facts = await lookup("tiny-queue", "^1.0.0");
    expect(facts).toEqual({
      exists: true,
      url: "https://www.npmjs.com/package/tiny-queue",
      created: "2021-03-01T10:00:00.000Z",
      version: "1.2.0",
      versionPublished: "2022-02-02T08:15:00.000Z",
      license: "MIT",
      installScript: false,
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["", "2.0.0"],
    ["*", "2.0.0"],
    ["latest", "2.0.0"],
    ["next", "2.1.0-beta.1"],
    ["1.1.0", "1.1.0"],
    ["~1.1", "1.1.0"],
    [">=1 <2", "1.2.0"],
    ["1.x", "1.2.0"],
    ["^2.0.0", "2.0.0"],
  ])("resolves %j to %s", async (declared, expected) => {
    const scope = nock(REGISTRY).get("/tiny-queue").reply(200, packument("tiny-queue"));
    const facts = await lookup("tiny-queue", declared);
    expect(facts.version).toBe(expected);
    expect(facts.versionPublished).toBe(packument("tiny-queue").time[expected]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    "npm:other-queue@^1",
    "github:acme/tiny-queue",
    "git+https://github.com/acme/tiny-queue.git",
    "file:../tiny-queue",
    "https://example.com/tq.tgz",
    "^9.0.0",
  ])("leaves the version unknown for %j and falls back to the package-level licence", async (declared) => {
    const scope = nock(REGISTRY).get("/tiny-queue").reply(200, packument("tiny-queue"));
    const facts = await lookup("tiny-queue", declared);
    expect(facts).toEqual({
      exists: true,
      url: "https://www.npmjs.com/package/tiny-queue",
      created: "2021-03-01T10:00:00.000Z",
      license: "Apache-2.0",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("prefers the latest tag when it satisfies the range, as npm install does", async () => {
    const doc = packument("tiny-queue", { "dist-tags": { latest: "1.1.0" } });
    const scope = nock(REGISTRY).get("/tiny-queue").reply(200, doc);
    expect((await lookup("tiny-queue", "^1.0.0")).version).toBe("1.1.0");
    expect(scope.isDone()).toBe(true);
  });

  it("encodes the slash of a scoped name and keeps the @", async () => {
    const scope = nock(REGISTRY).get("/@acme%2fwidgets").reply(200, packument("@acme/widgets"));
    const facts = await lookup("@acme/widgets", "1.0.0");
    expect(facts).toMatchObject({
      exists: true,
      url: "https://www.npmjs.com/package/@acme/widgets",
      version: "1.0.0",
      license: "ISC",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("reports a 404 as a package that does not exist", async () => {
    const scope = nock(REGISTRY).get("/reqeusts-helper").reply(404, { error: "Not found" });
    expect(await lookup("reqeusts-helper", "^1.0.0")).toEqual({
      exists: false,
      url: "https://www.npmjs.com/package/reqeusts-helper",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("rejects with an HttpError on a server error", async () => {
    const scope = nock(REGISTRY).get("/tiny-queue").reply(500, "upstream failure");
    const err = await lookup("tiny-queue", "^1.0.0").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(500);
    expect(scope.isDone()).toBe(true);
  });

  it("rejects when the registry answers something that is not JSON", async () => {
    const scope = nock(REGISTRY)
      .get("/tiny-queue")
      .reply(200, "<html><body>Sign in</body></html>", { "content-type": "text/html" });
    await expect(lookup("tiny-queue", "1.0.0")).rejects.toThrow(/not JSON/);
    expect(scope.isDone()).toBe(true);
  });

  it("flags install scripts from scripts or hasInstallScript", async () => {
    const doc = packument("native-thing");
    doc.versions["1.0.0"] = { ...doc.versions["1.0.0"], scripts: { postinstall: "node build.js" } };
    doc.versions["1.1.0"] = { ...doc.versions["1.1.0"], scripts: { test: "vitest" }, hasInstallScript: true };
    doc.versions["1.2.0"] = { ...doc.versions["1.2.0"], scripts: { preinstall: "", prepare: "tsc" } };
    const scope = nock(REGISTRY).get("/native-thing").times(3).reply(200, doc);
    expect((await lookup("native-thing", "1.0.0")).installScript).toBe(true);
    expect((await lookup("native-thing", "1.1.0")).installScript).toBe(true);
    expect((await lookup("native-thing", "1.2.0")).installScript).toBe(false);
    expect(scope.isDone()).toBe(true);
  });

  it("reports the deprecation message of the resolved version, not an emptied one", async () => {
    const doc = packument("old-thing");
    doc.versions["1.1.0"] = { ...doc.versions["1.1.0"], deprecated: "use new-thing instead" };
    doc.versions["1.2.0"] = { ...doc.versions["1.2.0"], deprecated: "" };
    const scope = nock(REGISTRY).get("/old-thing").times(2).reply(200, doc);
    expect((await lookup("old-thing", "1.1.0")).deprecated).toBe("use new-thing instead");
    const undeprecated = await lookup("old-thing", "1.2.0");
    expect(undeprecated.version).toBe("1.2.0");
    expect(undeprecated.deprecated).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it("reads legacy licence forms and gives null when there is none", async () => {
    const doc = packument("legacy-thing");
    const strip = (v: Record<string, unknown> = {}) =>
      Object.fromEntries(Object.entries(v).filter(([k]) => k !== "license"));
    doc.versions["1.0.0"] = {
      ...doc.versions["1.0.0"],
      license: { type: "BSD-2-Clause", url: "https://opensource.org/licenses/BSD-2-Clause" },
    };
    doc.versions["1.1.0"] = {
      ...strip(doc.versions["1.1.0"]),
      licenses: [
        { type: "MIT", url: "x" },
        { type: "Apache-2.0", url: "y" },
      ],
    };
    doc.versions["1.2.0"] = strip(doc.versions["1.2.0"]);
    const scope = nock(REGISTRY).get("/legacy-thing").times(3).reply(200, doc);
    expect((await lookup("legacy-thing", "1.0.0")).license).toBe("BSD-2-Clause");
    expect((await lookup("legacy-thing", "1.1.0")).license).toBe("MIT OR Apache-2.0");
    expect((await lookup("legacy-thing", "1.2.0")).license).toBeNull();
    expect(scope.isDone()).toBe(true);
  });

  it("treats an unpublished package as existing but gone", async () => {
    const doc = {
      _id: "gone-pkg",
      name: "gone-pkg",
      time: {
        created: "2020-01-05T00:00:00.000Z",
        modified: "2020-01-06T00:00:00.000Z",
        unpublished: { time: "2020-01-06T00:00:00.000Z", versions: ["1.0.0"] },
      },
    };
    const scope = nock(REGISTRY).get("/gone-pkg").reply(200, doc);
    expect(await lookup("gone-pkg", "^1.0.0")).toEqual({
      exists: true,
      url: "https://www.npmjs.com/package/gone-pkg",
      created: "2020-01-05T00:00:00.000Z",
      deprecated: "unpublished",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("recognises the security placeholder left after a malicious package is removed", async () => {
    const doc = {
      _id: "evil-colors",
      name: "evil-colors",
      "dist-tags": { latest: "0.0.1-security" },
      versions: {
        "0.0.1-security": {
          name: "evil-colors",
          version: "0.0.1-security",
          description: "security holding package",
          dist: { tarball: "x" },
        },
      },
      time: { created: "2023-02-01T00:00:00.000Z", "0.0.1-security": "2023-02-03T00:00:00.000Z" },
    };
    const scope = nock(REGISTRY).get("/evil-colors").times(2).reply(200, doc);
    const pinned = await lookup("evil-colors", "^1.4.0");
    expect(pinned.exists).toBe(true);
    expect(pinned.version).toBeUndefined();
    expect(pinned.malicious).toBe("the registry replaced this package with a security placeholder (it was malicious)");
    expect(pinned.deprecated).toBeUndefined();
    const latest = await lookup("evil-colors", "latest");
    expect(latest).toMatchObject({ version: "0.0.1-security", malicious: pinned.malicious, license: null });
    expect(scope.isDone()).toBe(true);
  });

  it("uses a configured mirror base URL, trailing slash and all", async () => {
    const scope = nock("https://mirror.example.com").get("/npm/@acme%2fwidgets").reply(200, packument("@acme/widgets"));
    const facts = await lookup("@acme/widgets", "~1.1.0", "https://mirror.example.com/npm/");
    expect(facts).toMatchObject({ exists: true, version: "1.1.0", url: "https://www.npmjs.com/package/@acme/widgets" });
    expect(scope.isDone()).toBe(true);
  });
});

describe("npm: a packument that does not fit its schema", () => {
  it.each([
    ["a list instead of a packument", [packument("tiny-queue")], /expected object/],
    ["versions as a string", packument("tiny-queue", { versions: "1.0.0" }), /at versions/],
    [
      "a dist-tag that is not a version string",
      packument("tiny-queue", { "dist-tags": { latest: 2 } }),
      /at dist-tags\.latest/,
    ],
    [
      "a publish time that is a number",
      packument("tiny-queue", { time: { created: 1614592800000 } }),
      /at time\.created/,
    ],
    [
      "scripts as a list",
      packument("tiny-queue", { versions: { "1.0.0": { scripts: ["postinstall"] } } }),
      /at versions\.1\.0\.0\.scripts/,
    ],
  ])("rejects %s with an HttpError naming where (never facts)", async (_what, body, where) => {
    const scope = nock(REGISTRY).get("/tiny-queue").reply(200, body);
    const err = await lookup("tiny-queue", "^1.0.0").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/^https:\/\/registry\.npmjs\.org\/tiny-queue: unexpected answer \(/);
    expect((err as HttpError).message).toMatch(where);
    expect((err as HttpError).status).toBe(200);
    expect(scope.isDone()).toBe(true);
  });

  it("still reads an unpublished package (time.unpublished is a record) and extra fields", async () => {
    const body = {
      name: "gone-pkg",
      time: {
        created: "2020-01-01T00:00:00.000Z",
        unpublished: { time: "2021-01-01T00:00:00.000Z", versions: ["1.0.0"] },
      },
      readme: "extra fields are allowed",
    };
    nock(REGISTRY).get("/gone-pkg").reply(200, body);
    await expect(lookup("gone-pkg", "1.0.0")).resolves.toMatchObject({ exists: true, deprecated: "unpublished" });
  });
});

import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HttpError, createHttpClient } from "../../../src/lookup/http.js";
import { cargoRequirementToRange, cratesIo, normaliseCrateLicense } from "../../../src/lookup/registries/crates.js";

const BASE = "https://crates.io";
const http = createHttpClient({ timeoutMs: 2000 });
const ctx = { http, baseUrl: cratesIo.defaultBaseUrl };

function version(num: string, createdAt: string, license: string | null, yanked = false): Record<string, unknown> {
  return {
    id: 1000,
    crate: "serde",
    num,
    dl_path: `/api/v1/crates/serde/${num}/download`,
    created_at: createdAt,
    updated_at: createdAt,
    downloads: 1,
    license,
    yanked,
    crate_size: 77000,
  };
}

// Trimmed from GET /api/v1/crates/serde (the real answer also has keywords, categories, ~300 versions).
// 1.0.204 is yanked; 2.0.0-alpha.1 is a pre-release; 0.9.x predates SPDX "OR".
const SERDE = {
  crate: {
    id: "serde",
    name: "serde",
    created_at: "2014-12-05T20:20:39.487502+00:00",
    updated_at: "2024-06-15T00:00:00.000000+00:00",
    max_version: "2.0.0-alpha.1",
    max_stable_version: "1.0.203",
    newest_version: "2.0.0-alpha.1",
    description: "A generic serialization/deserialization framework",
  },
  versions: [
    version("2.0.0-alpha.1", "2024-07-01T10:00:00.000000+00:00", "MIT OR Apache-2.0"),
    version("1.0.204", "2024-07-06T20:17:35.000000+00:00", "MIT OR Apache-2.0", true),
    version("1.0.203", "2024-05-25T21:03:13.000000+00:00", "MIT OR Apache-2.0"),
    version("1.0.150", "2022-12-12T01:00:00.000000+00:00", "MIT OR Apache-2.0"),
    version("0.9.15", "2017-04-20T16:32:18.000000+00:00", "MIT/Apache-2.0"),
    version("0.9.14", "2017-03-31T00:00:00.000000+00:00", "MIT/Apache-2.0", true),
  ],
  keywords: [],
  categories: [],
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("cargoRequirementToRange", () => {
  it.each([
    ["1.0", "^1.0"],
    ["0.5.2", "^0.5.2"],
    ["^1.2", "^1.2"],
    ["=1.2.3", "=1.2.3"],
    ["~1.2", "~1.2"],
    [">=1, <2", ">=1 <2"],
    [">= 1.2, < 1.5", ">=1.2 <1.5"],
    ["1.2.*", "1.2.*"],
    ["*", "*"],
    ["", undefined],
    ["not a version", undefined],
  ])("%j → %j", (req, range) => {
    expect(cargoRequirementToRange(req)).toBe(range);
  });
});

describe("normaliseCrateLicense", () => {
  it("reads the old slash form as a choice", () => {
    expect(normaliseCrateLicense("MIT/Apache-2.0")).toBe("MIT OR Apache-2.0");
    expect(normaliseCrateLicense("MIT / Apache-2.0 / Unlicense")).toBe("MIT OR Apache-2.0 OR Unlicense");
    expect(normaliseCrateLicense("Apache-2.0 WITH LLVM-exception")).toBe("Apache-2.0 WITH LLVM-exception");
  });
});

describe("cratesIo", () => {
  it("describes a crate: caret default, yanked and pre-releases skipped; User-Agent sent", async () => {
    const scope = nock(BASE)
      .matchHeader("user-agent", /^aiguard\//)
      .get("/api/v1/crates/serde")
      .reply(200, SERDE);

    const facts = await cratesIo.lookup("serde", "1.0", ctx);

    expect(facts).toEqual({
      exists: true,
      url: "https://crates.io/crates/serde",
      created: "2014-12-05T20:20:39.487Z",
      version: "1.0.203",
      versionPublished: "2024-05-25T21:03:13.000Z",
      license: "MIT OR Apache-2.0",
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["~1.0.150", "1.0.203"],
    [">=0.9, <1", "0.9.15"],
    ["0.9", "0.9.15"],
    ["=1.0.150", "1.0.150"],
    ["*", "1.0.203"],
    ["", "1.0.203"], // unknown: max_stable_version
    ["^2.0.0-alpha", "2.0.0-alpha.1"], // a pre-release only when the requirement names one
  ])("requirement %j resolves to %s", async (req, expected) => {
    const scope = nock(BASE).get("/api/v1/crates/serde").reply(200, SERDE);

    const facts = await cratesIo.lookup("serde", req, ctx);

    expect(facts.version).toBe(expected);
    expect(facts.deprecated).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it("an exact requirement on a yanked version: that version, marked yanked", async () => {
    const scope = nock(BASE).get("/api/v1/crates/serde").reply(200, SERDE);

    const facts = await cratesIo.lookup("serde", "=1.0.204", ctx);

    expect(facts).toMatchObject({
      version: "1.0.204",
      deprecated: "yanked",
      versionPublished: "2024-07-06T20:17:35.000Z",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("normalises an old crate's slash licence", async () => {
    const scope = nock(BASE).get("/api/v1/crates/serde").reply(200, SERDE);

    await expect(cratesIo.lookup("serde", "=0.9.14", ctx)).resolves.toMatchObject({
      version: "0.9.14",
      license: "MIT OR Apache-2.0",
      deprecated: "yanked",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("a version without a licence field → null (the registry gives none)", async () => {
    const body = {
      ...SERDE,
      versions: [version("0.1.0", "2015-01-01T00:00:00+00:00", null)],
      crate: { ...SERDE.crate, max_stable_version: "0.1.0" },
    };
    const scope = nock(BASE).get("/api/v1/crates/serde").reply(200, body);

    await expect(cratesIo.lookup("serde", "0.1", ctx)).resolves.toMatchObject({ version: "0.1.0", license: null });
    expect(scope.isDone()).toBe(true);
  });

  it("a requirement no version satisfies: the crate exists, the note says so", async () => {
    const scope = nock(BASE).get("/api/v1/crates/serde").reply(200, SERDE);

    const facts = await cratesIo.lookup("serde", "3", ctx);

    expect(facts).toMatchObject({ exists: true, missingVersion: "3", created: "2014-12-05T20:20:39.487Z" });
    expect(facts.version).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it.each([404, 410])("HTTP %i → the crate does not exist", async (status) => {
    const scope = nock(BASE)
      .get("/api/v1/crates/serde-jsonx")
      .reply(status, { errors: [{ detail: "crate `serde-jsonx` does not exist" }] });

    await expect(cratesIo.lookup("serde-jsonx", "1", ctx)).resolves.toEqual({ exists: false });
    expect(scope.isDone()).toBe(true);
  });

  it("HTTP 500 rejects with an HttpError carrying the status", async () => {
    const scope = nock(BASE)
      .get("/api/v1/crates/serde")
      .reply(500, { errors: [{ detail: "internal error" }] });

    const err = await cratesIo.lookup("serde", "1", ctx).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(500);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["not JSON", "{ truncated", /not JSON/],
    ["JSON without a crate", JSON.stringify({ errors: [] }), /no crate/],
  ])("a malformed answer rejects: %s", async (_what, body, message) => {
    const scope = nock(BASE).get("/api/v1/crates/serde").reply(200, body);

    await expect(cratesIo.lookup("serde", "1", ctx)).rejects.toThrow(message);
    expect(scope.isDone()).toBe(true);
  });

  it("works against a mirror base URL with a trailing slash; the page URL stays on crates.io", async () => {
    const scope = nock("https://crates.mirror.example").get("/registry/api/v1/crates/serde").reply(200, SERDE);

    const facts = await cratesIo.lookup("serde", "1", { http, baseUrl: "https://crates.mirror.example/registry/" });

    expect(facts).toMatchObject({ exists: true, version: "1.0.203", url: "https://crates.io/crates/serde" });
    expect(scope.isDone()).toBe(true);
  });

  it("rejects a name that cannot be a crate without asking the registry", async () => {
    await expect(cratesIo.lookup("../admin", "1", ctx)).rejects.toThrow(/not a valid crate name/);
    await expect(cratesIo.lookup("serde?x=1", "1", ctx)).rejects.toThrow(/not a valid crate name/);
  });
});

describe("crates.io: an answer that does not fit its schema", () => {
  it.each([
    ["a crate that is a string", { crate: "serde", versions: [] }, /no crate/],
    ["versions as an object", { ...SERDE, versions: { num: "1.0.0" } }, /at versions/],
    ["a version without num", { ...SERDE, versions: [{ license: "MIT" }] }, /at versions\.0\.num/],
    ["yanked as text", { ...SERDE, versions: [{ num: "1.0.0", yanked: "no" }] }, /at versions\.0\.yanked/],
  ])("rejects %s with an HttpError naming where (never facts)", async (_what, body, where) => {
    const scope = nock(BASE).get("/api/v1/crates/serde").reply(200, body);
    const err = await cratesIo.lookup("serde", "1", ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/unexpected answer/);
    expect((err as HttpError).message).toMatch(where);
    expect(scope.isDone()).toBe(true);
  });

  it("accepts versions: null", async () => {
    nock(BASE)
      .get("/api/v1/crates/serde")
      .reply(200, { ...SERDE, versions: null });
    await expect(cratesIo.lookup("serde", "1", ctx)).resolves.toMatchObject({ exists: true, missingVersion: "1" });
  });
});

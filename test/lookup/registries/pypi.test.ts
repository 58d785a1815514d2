import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, HttpError } from "../../../src/lookup/http.js";
import { pypiRegistry } from "../../../src/lookup/registries/pypi.js";

const PYPI = "https://pypi.org";
const http = createHttpClient({ timeoutMs: 2000 });
const lookup = (name: string, version: string, baseUrl = pypiRegistry.defaultBaseUrl) =>
  pypiRegistry.lookup(name, version, { http, baseUrl });

/** One uploaded file as the JSON API lists it (trimmed). */
function file(filename: string, uploaded: string, yanked: string | false = false) {
  return {
    filename,
    packagetype: filename.endsWith(".whl") ? "bdist_wheel" : "sdist",
    upload_time: uploaded.replace(/\.\d+Z$|Z$/, ""),
    upload_time_iso_8601: uploaded,
    yanked: yanked !== false,
    yanked_reason: yanked === false ? null : yanked,
    digests: { sha256: "0".repeat(64) },
  };
}

/** A trimmed GET /pypi/<name>/json document, written for these tests. */
function project(info: Record<string, unknown> = {}) {
  return {
    info: {
      name: "fetchkit",
      version: "2.0.0",
      summary: "Fetch things",
      license: "MIT",
      license_expression: null,
      classifiers: ["Programming Language :: Python :: 3", "License :: OSI Approved :: MIT License"],
      ...info,
    },
    releases: {
      "0.1.0": [],
      "1.0.0": [
        file("fetchkit-1.0.0.tar.gz", "2020-05-02T10:00:00.000000Z"),
        file("fetchkit-1.0.0-py3-none-any.whl", "2020-05-01T09:30:00.123456Z"),
      ],
      "1.4.0": [file("fetchkit-1.4.0.tar.gz", "2021-01-10T00:00:00.000000Z")],
      "1.4.2": [file("fetchkit-1.4.2.tar.gz", "2021-03-10T00:00:00.000000Z")],
      "1.5.0": [
        file("fetchkit-1.5.0.tar.gz", "2021-06-01T00:00:00.000000Z", "broken wheel"),
        file("fetchkit-1.5.0-py3-none-any.whl", "2021-06-01T00:05:00.000000Z", ""),
      ],
      "1.6.0": [
        file("fetchkit-1.6.0.tar.gz", "2021-07-01T00:00:00.000000Z"),
        file("fetchkit-1.6.0-py3-none-any.whl", "2021-07-01T00:01:00.000000Z", "bad"),
      ],
      "2.0.0rc1": [file("fetchkit-2.0.0rc1.tar.gz", "2022-01-01T00:00:00.000000Z")],
      "2.0.0": [file("fetchkit-2.0.0.tar.gz", "2022-02-01T00:00:00.000000Z")],
      "2.1.0.dev1": [file("fetchkit-2.1.0.dev1.tar.gz", "2022-03-01T00:00:00.000000Z")],
      "3.0.0": [],
      // Listed last but uploaded first: `created` must be the earliest, not the first listed.
      "0.9.0": [file("fetchkit-0.9.0.tar.gz", "2019-11-30T23:59:59.000000Z")],
    },
    urls: [],
    vulnerabilities: [],
  };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("PyPI registry lookup", () => {
  it("describes the release a range resolves to", async () => {
    const scope = nock(PYPI).get("/pypi/fetchkit/json").reply(200, project());
    expect(await lookup("fetchkit", ">=1.0,<1.5")).toEqual({
      exists: true,
      url: "https://pypi.org/project/fetchkit/",
      created: "2019-11-30T23:59:59.000000Z",
      version: "1.4.2",
      versionPublished: "2021-03-10T00:00:00.000000Z",
      license: "MIT",
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["", "2.0.0"],
    ["*", "2.0.0"],
    ["==1.4.0", "1.4.0"],
    ["===1.4.0", "1.4.0"],
    ["1.4.2", "1.4.2"],
    ["==1.4.*", "1.4.2"],
    [">=1.0,<2", "1.6.0"], // pre-releases (2.0.0rc1) are skipped unless named
    ["~=1.4", "1.6.0"],
    ["~=1.4.0", "1.4.2"],
    ["!=1.6.0,<2", "1.4.2"], // 1.5.0 is wholly yanked
    ["!=1.6.*,<2.0", "1.4.2"],
    [">=2", "2.0.0"], // skips 2.1.0.dev1
    [">=2.0.0rc1", "2.1.0.dev1"], // names a pre-release, so they count
    ["> 1.0, <= 1.4.0", "1.4.0"],
    ["^1.4", "1.6.0"], // Poetry caret
    ["~1.4.0", "1.4.2"], // Poetry tilde
  ])("resolves %j to %s", async (declared, expected) => {
    const scope = nock(PYPI).get("/pypi/fetchkit/json").reply(200, project());
    const facts = await lookup("fetchkit", declared);
    expect(facts.version).toBe(expected);
    expect(facts.versionPublished).toBe(project().releases[expected as "1.4.0"][0]?.upload_time_iso_8601);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    "==3.0.0",
    ">=4",
    "git:https://github.com/acme/fetchkit.git",
    "https://example.com/fetchkit-1.0.tar.gz",
    ">=1.5,<1.6",
  ])("leaves the version unknown for %j", async (declared) => {
    const scope = nock(PYPI).get("/pypi/fetchkit/json").reply(200, project());
    const facts = await lookup("fetchkit", declared);
    expect(facts).toEqual({
      exists: true,
      url: "https://pypi.org/project/fetchkit/",
      created: "2019-11-30T23:59:59.000000Z",
      license: "MIT",
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    [">=1.7,<1.8", "1.7.post1"],
    [">1.7,<1.8", undefined], // `>1.7` excludes 1.7's post-releases
    [">=1.8rc1,<2.0", "1.9"], // pre-releases allowed, but `<2.0` excludes 2.0rc1
    [">=1.8rc1", "2.0rc1"],
    [">=1.0.dev1,<1.0a2", "1.0a1"], // 1.0.dev1 < 1.0a1 < 1.0a2
    [">=1.0a1,<=1.0rc1", "1.0rc1"],
    ["==1.0.post1", "1.0.post1"],
    ["!=1.0.post1,<1.1", "1.0"],
  ])("orders PEP 440 pre, post and dev releases: %j → %s", async (declared, expected) => {
    const up = (n: string) => [file(`ordered-${n}.tar.gz`, "2022-01-01T00:00:00.000000Z")];
    const releases = Object.fromEntries(
      ["1.0.dev1", "1.0a1", "1.0a2", "1.0rc1", "1.0", "1.0.post1", "1.7", "1.7.post1", "1.8rc1", "1.9", "2.0rc1"].map(
        (v) => [v, up(v)],
      ),
    );
    const scope = nock(PYPI)
      .get("/pypi/ordered/json")
      .reply(200, { info: { name: "ordered", version: "1.9", classifiers: [] }, releases });
    expect((await lookup("ordered", declared)).version).toBe(expected);
    expect(scope.isDone()).toBe(true);
  });

  it("uses the earliest file of a release as its publish time", async () => {
    const scope = nock(PYPI).get("/pypi/fetchkit/json").reply(200, project());
    expect((await lookup("fetchkit", "==1.0.0")).versionPublished).toBe("2020-05-01T09:30:00.123456Z");
    expect(scope.isDone()).toBe(true);
  });

  it("reports an exactly pinned yanked release with the reason, and a partly yanked one as fine", async () => {
    const scope = nock(PYPI).get("/pypi/fetchkit/json").times(2).reply(200, project());
    expect(await lookup("fetchkit", "==1.5.0")).toMatchObject({ version: "1.5.0", deprecated: "yanked: broken wheel" });
    const partly = await lookup("fetchkit", "1.6.0");
    expect(partly.version).toBe("1.6.0");
    expect(partly.deprecated).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it("says when a yanked release gave no reason", async () => {
    const doc = project();
    doc.releases["1.4.0"] = [file("fetchkit-1.4.0.tar.gz", "2021-01-10T00:00:00.000000Z", "")];
    const scope = nock(PYPI).get("/pypi/fetchkit/json").reply(200, doc);
    expect((await lookup("fetchkit", "==1.4.0")).deprecated).toBe("yanked: no reason given");
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ["Python_Dateutil", "python-dateutil"],
    ["zope.interface", "zope-interface"],
    ["Flask__SQLAlchemy", "flask-sqlalchemy"],
  ])("normalises %s to %s (PEP 503) in the request and the page URL", async (name, normalized) => {
    const scope = nock(PYPI).get(`/pypi/${normalized}/json`).reply(200, project());
    const facts = await lookup(name, "");
    expect(facts.url).toBe(`https://pypi.org/project/${normalized}/`);
    expect(facts.exists).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it("reports a 404 as a package that does not exist", async () => {
    const scope = nock(PYPI).get("/pypi/reqeusts/json").reply(404, { message: "Not Found" });
    expect(await lookup("reqeusts", "==2.31.0")).toEqual({ exists: false, url: "https://pypi.org/project/reqeusts/" });
    expect(scope.isDone()).toBe(true);
  });

  it("rejects with an HttpError on a server error", async () => {
    const scope = nock(PYPI).get("/pypi/fetchkit/json").reply(503, "Service Unavailable");
    const err = await lookup("fetchkit", "").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(503);
    expect(scope.isDone()).toBe(true);
  });

  it("rejects when the answer is not JSON", async () => {
    const scope = nock(PYPI)
      .get("/pypi/fetchkit/json")
      .reply(200, "<!DOCTYPE html><title>Captive portal</title>", { "content-type": "text/html" });
    await expect(lookup("fetchkit", "")).rejects.toThrow(/not JSON/);
    expect(scope.isDone()).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    [
      "a PEP 639 expression over classifiers",
      { license_expression: "Apache-2.0 OR MIT", license: "Apache 2.0" },
      "Apache-2.0 OR MIT",
    ],
    [
      "a classifier mapped to SPDX",
      { license: "", classifiers: ["License :: OSI Approved :: BSD License"] },
      "BSD-3-Clause",
    ],
    [
      "a classifier over free text",
      { license: "Apache License, Version 2.0", classifiers: ["License :: OSI Approved :: Apache Software License"] },
      "Apache-2.0",
    ],
    [
      "dual classifiers",
      { classifiers: ["License :: OSI Approved :: MIT License", "License :: OSI Approved :: Apache Software License"] },
      "MIT OR Apache-2.0",
    ],
    [
      "the PSF classifier",
      { license: null, classifiers: ["License :: OSI Approved :: Python Software Foundation License"] },
      "PSF-2.0",
    ],
    [
      "a GPL-or-later classifier",
      { classifiers: ["License :: OSI Approved :: GNU General Public License v3 or later (GPLv3+)"] },
      "GPL-3.0-or-later",
    ],
    ["short free text", { license: "Dual BSD/GPL", classifiers: [] }, "Dual BSD/GPL"],
    [
      "an unmapped classifier's words when nothing else",
      { license: null, classifiers: ["License :: OSI Approved :: GNU General Public License (GPL)"] },
      "GNU General Public License (GPL)",
    ],
    [
      "null for a whole licence text",
      { license: "MIT License\n\nCopyright (c) 2020 Someone\n\nPermission is hereby granted...", classifiers: [] },
      null,
    ],
    ["null for UNKNOWN", { license: "UNKNOWN", classifiers: ["Programming Language :: Python"] }, null],
    ["null when absent", { license: null, classifiers: [] }, null],
  ])("licence: %s", async (_label, info, expected) => {
    const scope = nock(PYPI).get("/pypi/fetchkit/json").reply(200, project(info));
    expect((await lookup("fetchkit", "")).license).toBe(expected);
    expect(scope.isDone()).toBe(true);
  });

  it("falls back to upload_time (UTC, no zone) when a mirror omits the ISO field", async () => {
    const doc = {
      info: { name: "oldmirror", version: "1.0", license: "MIT", classifiers: [] },
      releases: { "1.0": [{ filename: "oldmirror-1.0.tar.gz", upload_time: "2018-04-01T12:00:00", yanked: false }] },
    };
    const scope = nock(PYPI).get("/pypi/oldmirror/json").reply(200, doc);
    expect(await lookup("oldmirror", "")).toMatchObject({
      created: "2018-04-01T12:00:00Z",
      version: "1.0",
      versionPublished: "2018-04-01T12:00:00Z",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("uses a configured mirror base URL, trailing slash and all", async () => {
    const scope = nock("https://mirror.example.com").get("/pypi-proxy/pypi/python-dateutil/json").reply(200, project());
    const facts = await lookup("Python_Dateutil", "~=1.4.0", "https://mirror.example.com/pypi-proxy/");
    expect(facts).toMatchObject({ exists: true, version: "1.4.2", url: "https://pypi.org/project/python-dateutil/" });
    expect(scope.isDone()).toBe(true);
  });
});

describe("PyPI: a project document that does not fit its schema", () => {
  it.each([
    ["a list instead of a project", [project()], /expected object/],
    ["releases as a list", { ...project(), releases: ["1.0.0"] }, /at releases/],
    [
      "a release whose files are not a list",
      { ...project(), releases: { "1.0.0": "fetchkit-1.0.0.tar.gz" } },
      /at releases\.1\.0\.0/,
    ],
    ["yanked as text", { ...project(), releases: { "1.0.0": [{ yanked: "yes" }] } }, /at releases\.1\.0\.0\.0\.yanked/],
    ["classifiers as text", project({ classifiers: "License :: OSI Approved :: MIT License" }), /at info\.classifiers/],
  ])("rejects %s with an HttpError naming where (never facts)", async (_what, body, where) => {
    const scope = nock(PYPI).get("/pypi/fetchkit/json").reply(200, body);
    const err = await lookup("fetchkit", "1.0.0").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/unexpected answer/);
    expect((err as HttpError).message).toMatch(where);
    expect(scope.isDone()).toBe(true);
  });

  it("accepts the nulls PyPI gives for absent values", async () => {
    const body = {
      info: { version: null, license: null, license_expression: null, classifiers: null },
      releases: null,
    };
    nock(PYPI).get("/pypi/fetchkit/json").reply(200, body);
    await expect(lookup("fetchkit", "")).resolves.toMatchObject({ exists: true, license: null });
  });
});

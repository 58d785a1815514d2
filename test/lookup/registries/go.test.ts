import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HttpError, createHttpClient } from "../../../src/lookup/http.js";
import { escapeModulePath, goProxy } from "../../../src/lookup/registries/go.js";

const BASE = "https://proxy.golang.org";
const http = createHttpClient({ timeoutMs: 2000 });
const ctx = { http, baseUrl: goProxy.defaultBaseUrl };

/** An .info answer as proxy.golang.org gives it (Origin trimmed to what matters). */
function info(version: string, time: string): Record<string, unknown> {
  return {
    Version: version,
    Time: time,
    Origin: {
      VCS: "git",
      URL: "https://github.com/example/x",
      Ref: `refs/tags/${version}`,
      Hash: "0123456789abcdef0123456789abcdef01234567",
    },
  };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("escapeModulePath", () => {
  it("turns every upper-case letter into ! + lower case", () => {
    expect(escapeModulePath("github.com/Azure/azure-sdk-for-go")).toBe("github.com/!azure/azure-sdk-for-go");
    expect(escapeModulePath("github.com/BurntSushi/toml")).toBe("github.com/!burnt!sushi/toml");
    expect(escapeModulePath("golang.org/x/net")).toBe("golang.org/x/net");
  });
});

describe("goProxy", () => {
  it("describes a tagged module: version, publish time, age from the earliest tag, no licence data", async () => {
    // The proxy lists versions unordered; the earliest by semver is v1.1.4, not the first line.
    const scope = nock(BASE)
      .get("/github.com/gin-gonic/gin/@v/list")
      .reply(200, "v1.9.0\nv1.9.1\nv1.1.4\nv1.10.0\nv1.3.0\n")
      .get("/github.com/gin-gonic/gin/@v/v1.9.1.info")
      .reply(200, info("v1.9.1", "2023-05-31T08:43:23Z"))
      .get("/github.com/gin-gonic/gin/@v/v1.1.4.info")
      .reply(200, info("v1.1.4", "2017-05-29T12:38:00Z"));

    const facts = await goProxy.lookup("github.com/gin-gonic/gin", "v1.9.1", ctx);

    expect(facts).toEqual({
      exists: true,
      url: "https://pkg.go.dev/github.com/gin-gonic/gin",
      version: "v1.9.1",
      versionPublished: "2023-05-31T08:43:23.000Z",
      created: "2017-05-29T12:38:00.000Z",
      license: undefined,
    });
    expect("license" in facts).toBe(true); // explicitly unknown, never null ("no licence")
    expect(scope.isDone()).toBe(true);
  });

  it("escapes upper case in module paths and sorts +incompatible versions by semver", async () => {
    // v9 < v10 by semver though not as text; "+incompatible" is stripped for the comparison only.
    const scope = nock(BASE)
      .get("/github.com/!azure/azure-sdk-for-go/@v/list")
      .reply(200, "v10.0.0+incompatible\nv68.0.0+incompatible\nv9.0.0+incompatible\n")
      .get("/github.com/!azure/azure-sdk-for-go/@v/v68.0.0+incompatible.info")
      .reply(200, info("v68.0.0+incompatible", "2022-12-01T10:00:00Z"))
      .get("/github.com/!azure/azure-sdk-for-go/@v/v9.0.0+incompatible.info")
      .reply(200, info("v9.0.0+incompatible", "2017-04-28T00:00:00Z"));

    const facts = await goProxy.lookup("github.com/Azure/azure-sdk-for-go", "v68.0.0+incompatible", ctx);

    expect(facts.version).toBe("v68.0.0+incompatible");
    expect(facts.created).toBe("2017-04-28T00:00:00.000Z");
    expect(facts.url).toBe("https://pkg.go.dev/github.com/Azure/azure-sdk-for-go");
    expect(scope.isDone()).toBe(true);
  });

  it("skips the extra request when the requested version is the earliest tag", async () => {
    // Only two interceptors: a third request would fail (net connect is disabled).
    const scope = nock(BASE)
      .get("/github.com/google/uuid/@v/list")
      .reply(200, "v1.0.0\n")
      .get("/github.com/google/uuid/@v/v1.0.0.info")
      .reply(200, info("v1.0.0", "2018-06-12T15:10:00Z"));

    const facts = await goProxy.lookup("github.com/google/uuid", "v1.0.0", ctx);

    expect(facts.created).toBe("2018-06-12T15:10:00.000Z");
    expect(facts.versionPublished).toBe(facts.created);
    expect(scope.isDone()).toBe(true);
  });

  it("a module with only pseudo-versions: empty list, the requested commit's time bounds the age", async () => {
    const pseudo = "v0.0.0-20240110170235-4a2a3c4bd4fd";
    const scope = nock(BASE)
      .get("/example.com/tool/@v/list")
      .reply(200, "")
      .get(`/example.com/tool/@v/${pseudo}.info`)
      .reply(200, info(pseudo, "2024-01-10T17:02:35Z"));

    const facts = await goProxy.lookup("example.com/tool", pseudo, ctx);

    expect(facts).toMatchObject({
      exists: true,
      version: pseudo,
      versionPublished: "2024-01-10T17:02:35.000Z",
      created: "2024-01-10T17:02:35.000Z",
    });
    expect(facts.deprecated).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it.each([404, 410])("HTTP %i on both the list and the .info → the module does not exist", async (status) => {
    const scope = nock(BASE)
      .get("/github.com/gin-gonic/gin-helpers/@v/list")
      .reply(status, "not found: module github.com/gin-gonic/gin-helpers: git ls-remote -q origin: exit status 128")
      .get("/github.com/gin-gonic/gin-helpers/@v/v1.0.0.info")
      .reply(status, "not found: module github.com/gin-gonic/gin-helpers: git ls-remote -q origin: exit status 128");

    await expect(goProxy.lookup("github.com/gin-gonic/gin-helpers", "v1.0.0", ctx)).resolves.toEqual({ exists: false });
    expect(scope.isDone()).toBe(true);
  });

  it("a known module with an unknown version exists, and says the version is missing", async () => {
    const scope = nock(BASE)
      .get("/github.com/gin-gonic/gin/@v/list")
      .reply(200, "v1.9.0\nv1.9.1\n")
      .get("/github.com/gin-gonic/gin/@v/v1.99.0.info")
      .reply(404, "not found: github.com/gin-gonic/gin@v1.99.0: invalid version: unknown revision v1.99.0")
      .get("/github.com/gin-gonic/gin/@v/v1.9.0.info")
      .reply(200, info("v1.9.0", "2023-02-21T03:10:00Z"));

    const facts = await goProxy.lookup("github.com/gin-gonic/gin", "v1.99.0", ctx);

    expect(facts).toMatchObject({
      exists: true,
      version: "v1.99.0",
      missingVersion: "v1.99.0",
      created: "2023-02-21T03:10:00.000Z",
    });
    expect(facts.versionPublished).toBeUndefined();
    expect(scope.isDone()).toBe(true);
  });

  it("no declared version: asks @latest", async () => {
    const scope = nock(BASE)
      .get("/golang.org/x/net/@v/list")
      .reply(200, "v0.24.0\n")
      .get("/golang.org/x/net/@latest")
      .reply(200, info("v0.24.0", "2024-04-04T16:00:00Z"));

    const facts = await goProxy.lookup("golang.org/x/net", "", ctx);

    expect(facts).toMatchObject({
      exists: true,
      version: "v0.24.0",
      versionPublished: "2024-04-04T16:00:00.000Z",
      created: "2024-04-04T16:00:00.000Z",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("works against a mirror base URL with a path and a trailing slash; /vN modules need nothing special", async () => {
    const scope = nock("https://goproxy.corp.example")
      .get("/go/github.com/golang-jwt/jwt/v5/@v/list")
      .reply(200, "v5.0.0\nv5.2.0\n")
      .get("/go/github.com/golang-jwt/jwt/v5/@v/v5.2.0.info")
      .reply(200, info("v5.2.0", "2023-11-21T09:00:00Z"))
      .get("/go/github.com/golang-jwt/jwt/v5/@v/v5.0.0.info")
      .reply(200, info("v5.0.0", "2023-05-09T12:00:00Z"));

    const facts = await goProxy.lookup("github.com/golang-jwt/jwt/v5", "v5.2.0", {
      http,
      baseUrl: "https://goproxy.corp.example/go/",
    });

    expect(facts).toMatchObject({
      exists: true,
      version: "v5.2.0",
      created: "2023-05-09T12:00:00.000Z",
      url: "https://pkg.go.dev/github.com/golang-jwt/jwt/v5",
    });
    expect(scope.isDone()).toBe(true);
  });

  it("HTTP 500 rejects with an HttpError carrying the status", async () => {
    const scope = nock(BASE)
      .get("/github.com/gin-gonic/gin/@v/list")
      .reply(500, "internal error")
      .get("/github.com/gin-gonic/gin/@v/v1.9.1.info")
      .reply(500, "internal error");

    const err = await goProxy.lookup("github.com/gin-gonic/gin", "v1.9.1", ctx).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(500);
    await vi.waitFor(() => expect(scope.isDone()).toBe(true)); // both requests run in parallel
  });

  it.each([
    ["an HTML .info", "v1.9.0\n", "<html><body>Sign in</body></html>", /not JSON/],
    ["an .info without Version", "v1.9.0\n", JSON.stringify({ Time: "2023-05-31T08:43:23Z" }), /no Version/],
    [
      "an HTML list",
      "<!doctype html><html></html>",
      JSON.stringify(info("v1.9.1", "2023-05-31T08:43:23Z")),
      /not a version list/,
    ],
  ])("a malformed answer rejects: %s", async (_what, list, infoBody, message) => {
    const scope = nock(BASE)
      .get("/github.com/gin-gonic/gin/@v/list")
      .reply(200, list)
      .get("/github.com/gin-gonic/gin/@v/v1.9.1.info")
      .reply(200, infoBody);

    await expect(goProxy.lookup("github.com/gin-gonic/gin", "v1.9.1", ctx)).rejects.toThrow(message);
    await vi.waitFor(() => expect(scope.isDone()).toBe(true));
  });

  it("rejects a name that is not a module path without asking the proxy", async () => {
    // Net connect is disabled: any request would fail with a different message.
    await expect(goProxy.lookup("github.com/a/../../admin", "v1.0.0", ctx)).rejects.toThrow(
      /not a valid Go module path/,
    );
    await expect(goProxy.lookup("github.com/a/b?x=1", "v1.0.0", ctx)).rejects.toThrow(/not a valid Go module path/);
  });
});

describe("Go: an .info answer that does not fit its schema", () => {
  it.each([
    ["a Version that is a number", { Version: 1.9, Time: "2023-05-31T08:43:23Z" }, /no Version/],
    ["an empty Version", { Version: "", Time: "2023-05-31T08:43:23Z" }, /no Version/],
    ["a Time that is a number", { Version: "v1.9.1", Time: 1685522603 }, /at Time/],
    ["a list", [{ Version: "v1.9.1" }], /expected object/],
  ])("rejects %s with an HttpError (never facts)", async (_what, infoBody, message) => {
    const scope = nock(BASE)
      .get("/github.com/gin-gonic/gin/@v/list")
      .reply(200, "v1.9.1\n")
      .get("/github.com/gin-gonic/gin/@v/v1.9.1.info")
      .reply(200, infoBody);
    const err = await goProxy.lookup("github.com/gin-gonic/gin", "v1.9.1", ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toMatch(/unexpected answer/);
    expect((err as HttpError).message).toMatch(message);
    await vi.waitFor(() => expect(scope.isDone()).toBe(true));
  });
});

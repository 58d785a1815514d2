// The registry HTTP client: credentials in a mirror URL become Basic auth and never reach messages.
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, expectOk, HttpError, joinUrl, parseJson, redactUrl } from "../../src/deps/http.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("registry HTTP client", () => {
  it("sends credentials from the URL as Basic auth, not in the URL", async () => {
    const scope = nock("https://npm.internal.example", { reqheaders: { authorization: `Basic ${Buffer.from("ci-bot:s3cr3t-t0ken").toString("base64")}` } })
      .get("/npm/left-pad")
      .reply(200, { name: "left-pad" });
    const http = createHttpClient({ timeoutMs: 2000 });
    const res = await http.get(joinUrl("https://ci-bot:s3cr3t-t0ken@npm.internal.example/npm/", "left-pad"));
    expect(scope.isDone()).toBe(true);
    expect(parseJson(res, "x")).toEqual({ name: "left-pad" });
  });

  it("never puts the credentials in an error message", async () => {
    nock("https://npm.internal.example").get("/npm/left-pad").reply(503, "down");
    const http = createHttpClient({ timeoutMs: 2000 });
    const url = "https://ci-bot:s3cr3t-t0ken@npm.internal.example/npm/left-pad";
    const res = await http.get(url);
    let err: unknown;
    try {
      expectOk(res, url);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(503);
    expect((err as Error).message).not.toContain("s3cr3t");
    expect((err as Error).message).toContain("npm.internal.example/npm/left-pad: HTTP 503");
    expect(redactUrl(url)).toBe("https://***@npm.internal.example/npm/left-pad");
  });

  it("turns a connection failure into an HttpError naming the URL without its credentials", async () => {
    const http = createHttpClient({ timeoutMs: 2000 });
    const err = await http.get("https://bot:pw-9f8e7d@unreachable.example/x").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as Error).message).toMatch(/^GET https:\/\/unreachable\.example\/x: /);
    expect((err as Error).message).not.toContain("pw-9f8e7d");
  });
});

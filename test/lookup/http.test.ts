// The registry HTTP client: credentials in a mirror URL become Basic auth and never reach messages.
import { Readable } from "node:stream";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHttpClient, expectOk, HttpError, joinUrl, parseJson, redactUrl } from "../../src/lookup/http.js";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("registry HTTP client", () => {
  it("sends credentials from the URL as Basic auth, not in the URL", async () => {
    const scope = nock("https://npm.internal.example", {
      reqheaders: { authorization: `Basic ${Buffer.from("ci-bot:s3cr3t-t0ken").toString("base64")}` },
    })
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

  it("refuses an answer over the size limit, declared or streamed", async () => {
    nock("https://registry.example")
      .get("/big")
      .reply(200, "x".repeat(5000))
      .get("/chunked")
      .reply(200, () => {
        return Readable.from(["y".repeat(3000), "y".repeat(3000)]);
      });
    const http = createHttpClient({ timeoutMs: 2000, maxBytes: 4096 });
    await expect(http.get("https://registry.example/big")).rejects.toThrow(
      /^GET https:\/\/registry\.example\/big: the answer is .*over the 4 KB limit$/,
    );
    await expect(http.get("https://registry.example/chunked")).rejects.toThrow(/over the 4 KB limit/);
    const small = createHttpClient({ timeoutMs: 2000, maxBytes: 10_000 });
    nock("https://registry.example").get("/ok").reply(200, "z".repeat(5000));
    expect((await small.get("https://registry.example/ok")).text).toHaveLength(5000);
  });
});

// `npm start` as the Docker image runs it: `node dist/server.js` with the App's environment.
// (`pretest` builds dist/ first.)
import { spawn, type ChildProcess } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const SERVER = fileURLToPath(new URL("../dist/server.js", import.meta.url));
// An empty working directory, so no `.env` or `*.pem` of the developer's leaks in.
const CWD = mkdtempSync(join(tmpdir(), "aiguard-server-"));
const KEY = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
}).privateKey;

/** The environment without anything the App reads, plus `env`. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const k of ["PATH", "HOME", "SYSTEMROOT", "TMPDIR"]) if (process.env[k]) base[k] = process.env[k];
  return { ...base, NODE_ENV: "production", LOG_LEVEL: "info", LOG_FORMAT: "json", ...env };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGTERM");
});

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVER], { cwd: CWD, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("node dist/server.js", () => {
  it("starts with APP_ID, PRIVATE_KEY and WEBHOOK_SECRET and answers GET /healthz", async () => {
    const port = await freePort();
    const s = start({
      APP_ID: "123",
      PRIVATE_KEY: KEY,
      WEBHOOK_SECRET: "s3cret",
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    let res: Response | undefined;
    await waitFor(async () => {
      if (s.child.exitCode !== null) throw new Error(`server exited: ${s.output()}`);
      res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return true;
    }, 20_000);
    expect(res!.status).toBe(200);
    expect(await res!.json()).toEqual({ status: "ok" });
    // The webhook endpoint is there too, and refuses an unsigned delivery.
    const hook = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "1" },
    });
    expect(hook.status).toBe(400);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });

  it("reads the key from PRIVATE_KEY_PATH", async () => {
    const port = await freePort();
    const keyFile = join(CWD, "app.key");
    writeFileSync(keyFile, KEY);
    const s = start({
      APP_ID: "123",
      PRIVATE_KEY_PATH: keyFile,
      WEBHOOK_SECRET: "s3cret",
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    let res: Response | undefined;
    await waitFor(async () => {
      res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return true;
    }, 20_000);
    expect(res!.status).toBe(200);
    expect(await res!.json()).toEqual({ status: "ok" });
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });

  it("refuses to start (exit 1) and lists every missing setting", async () => {
    const s = start({ PORT: String(await freePort()), HOST: "127.0.0.1" });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain("refusing to start");
    expect(s.output()).toContain("WEBHOOK_SECRET");
    expect(s.output()).toContain("APP_ID");
    expect(s.output()).toContain("PRIVATE_KEY or PRIVATE_KEY_PATH");
  });

  it("refuses to start without a webhook secret even when the app id and key are set", async () => {
    const s = start({ APP_ID: "123", PRIVATE_KEY: KEY, PORT: String(await freePort()), HOST: "127.0.0.1" });
    expect(await s.exited).toBe(1);
    expect(s.output()).toMatch(/missing or unusable:\n\s+- WEBHOOK_SECRET/);
    expect(s.output()).not.toContain("APP_ID (");
  });

  it.each([
    ["APP_ID=0", { APP_ID: "0", PRIVATE_KEY: KEY }, /APP_ID \(must be the App's id, a positive number; got "0"\)/],
    [
      "a PRIVATE_KEY that is not a key",
      { APP_ID: "123", PRIVATE_KEY: "not a key" },
      /PRIVATE_KEY \(not a PEM private key/,
    ],
    [
      "a truncated PEM",
      { APP_ID: "123", PRIVATE_KEY: KEY.slice(0, 400) + KEY.slice(-32) },
      /PRIVATE_KEY \(the key does not parse/,
    ],
  ])("refuses to start on %s, before Probot's set-up mode can take over", async (_what, env, message) => {
    const s = start({ ...env, WEBHOOK_SECRET: "x", PORT: String(await freePort()), HOST: "127.0.0.1" });
    expect(await s.exited).toBe(1);
    expect(s.output()).toMatch(message);
    expect(s.output()).not.toContain("-----BEGIN");
  });

  it("refuses a PRIVATE_KEY_PATH that points at a file that is not a key", async () => {
    const notKey = join(mkdtempSync(join(tmpdir(), "aiguard-notkey-")), "notes.pem");
    writeFileSync(notKey, "hello\n");
    const s = start({ APP_ID: "123", PRIVATE_KEY_PATH: notKey, WEBHOOK_SECRET: "x", PORT: String(await freePort()) });
    expect(await s.exited).toBe(1);
    expect(s.output()).toMatch(/PRIVATE_KEY_PATH \(the key does not parse/);
  });

  it("refuses a PRIVATE_KEY_PATH that does not exist", async () => {
    const s = start({
      APP_ID: "123",
      PRIVATE_KEY_PATH: join(CWD, "nope.pem"),
      WEBHOOK_SECRET: "x",
      PORT: String(await freePort()),
    });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain("PRIVATE_KEY_PATH (no file at");
  });
});

/** The resident memory of a process, in bytes (Linux). */
function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}

/** The resident memory once two readings 500 ms apart differ by under 2 MB (at most 15 s). */
async function settledRss(pid: number): Promise<number> {
  let last = rssOf(pid);
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 500));
    const now = rssOf(pid);
    if (Math.abs(now - last) < 2 * 1024 * 1024) return now;
    last = now;
  }
  return last;
}

/** POST `size` bytes with a declared Content-Length, all of it, as a sender that ignores early answers would. */
function postAll(port: number, headers: Record<string, string>, size: number): Promise<number | "reset"> {
  return new Promise((resolve) => {
    let status: number | "reset" = "reset";
    const req = request({ host: "127.0.0.1", port, method: "POST", path: "/api/github/webhooks", headers });
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on("end", () => resolve(status));
    });
    req.on("error", () => resolve(status));
    const piece = Buffer.alloc(MB, 0x61);
    let sent = 0;
    const pump = (): void => {
      while (sent < size) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

const MB = 1024 * 1024;

describe("node dist/server.js, the webhook endpoint", () => {
  async function started() {
    const port = await freePort();
    const s = start({
      APP_ID: "123",
      PRIVATE_KEY: KEY,
      WEBHOOK_SECRET: "s3cret",
      PORT: String(port),
      HOST: "127.0.0.1",
    });
    await waitFor(async () => {
      if (s.child.exitCode !== null) throw new Error(`server exited: ${s.output()}`);
      return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
    }, 20_000);
    return { port, s };
  }
  const hook = (delivery: string, signature: string) => ({
    "content-type": "application/json",
    "x-github-event": "pull_request",
    "x-github-delivery": delivery,
    "x-hub-signature-256": signature,
  });
  const refusals = (out: string) => out.split("\n").filter((l) => l.includes("webhook refused"));

  it("refuses a 50 MB body with a wrong signature (413) without holding it or logging it", async () => {
    const { port, s } = await started();
    // The server warms up after it listens (the rules are compiled, the analysis threads start):
    // the baseline is taken once its memory has settled, so only what the request costs is measured.
    const before = await settledRss(s.child.pid!);
    const logged = s.output().length;
    const status = await postAll(
      port,
      { ...hook("big-delivery", "sha256=00"), "content-length": String(50 * MB) },
      50 * MB,
    );
    expect(status).toBe(413);
    await waitFor(async () => refusals(s.output().slice(logged)).length >= 1, 5000);
    await new Promise((r) => setTimeout(r, 300));
    // Before the fix the server read the 50 MB whole (RSS grew by over 1 GB) and logged it three times.
    expect(rssOf(s.child.pid!) - before).toBeLessThan(40 * MB);
    const out = s.output().slice(logged);
    expect(out.length).toBeLessThan(10_000);
    expect(out).not.toContain("aaaaaaaa");
    expect(refusals(out)).toHaveLength(1);
    expect(refusals(out)[0]).toContain("big-delivery");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  }, 60_000);

  it("answers a forged signature 401 and a signed `pull_request: null` 400, logging each once, and keeps serving", async () => {
    const { port, s } = await started();
    const logged = s.output().length;
    const forgedBody = JSON.stringify({ action: "opened", marker: "UNVERIFIED-PAYLOAD" });
    const forged = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: "POST",
      body: forgedBody,
      headers: hook("forged-delivery", `sha256=${createHmac("sha256", "wrong").update(forgedBody).digest("hex")}`),
    });
    expect(forged.status).toBe(401);
    const odd = JSON.stringify({ action: "opened", pull_request: null, repository: null });
    const signed = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: "POST",
      body: odd,
      headers: hook("odd-delivery", `sha256=${createHmac("sha256", "s3cret").update(odd).digest("hex")}`),
    });
    expect(signed.status).toBe(400);
    // The log is written asynchronously: wait for both lines (and then for anything more that would come).
    await waitFor(async () => refusals(s.output().slice(logged)).length >= 2, 5000);
    await new Promise((r) => setTimeout(r, 300));
    const out = s.output().slice(logged);
    expect(out).not.toContain("UNVERIFIED-PAYLOAD");
    expect(refusals(out)).toHaveLength(2);
    expect(refusals(out).filter((l) => l.includes("forged-delivery"))).toHaveLength(1);
    expect(refusals(out).filter((l) => l.includes("odd-delivery"))).toHaveLength(1);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    s.child.kill("SIGTERM");
    expect(await s.exited).toBe(0);
  });
});

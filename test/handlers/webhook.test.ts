// The webhook endpoint over real HTTP (issue 10, items 7 and 8): bodies over GitHub's 25 MB cap are
// refused before they are read, the signature is checked before the body is parsed, an unverified
// payload is never logged, and signed payloads that are not the events the handlers read are
// answered 400 instead of crashing a handler into a 500.
import { createHmac } from "node:crypto";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { webhookDoor } from "../../src/handlers/webhook.js";
import {
  fixture,
  privateKey,
  pullRequestPayload,
  recordingQueue,
  TestOctokit,
  WEBHOOK_SECRET,
} from "../helpers/github.js";

const MB = 1024 * 1024;
const PATH = "/api/github/webhooks";

interface LogLine {
  level: string;
  bindings: Record<string, unknown>;
  args: unknown[];
}

/** A logger that records every call (one call is one log line) with its bindings. */
function recordingLogger(lines: LogLine[], bindings: Record<string, unknown> = {}): any {
  const log: Record<string, unknown> = { level: "info" };
  for (const level of ["trace", "debug", "info", "warn", "error", "fatal"])
    log[level] = (...args: unknown[]) => void lines.push({ level, bindings, args });
  log.child = (more: Record<string, unknown>) => recordingLogger(lines, { ...bindings, ...more });
  return log;
}

const text = (l: LogLine) => JSON.stringify([l.bindings, ...l.args.map((a) => (a instanceof Error ? a.stack : a))]);

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** The App as `npm start` serves it: Probot's webhook middleware, then the added handlers, then 404. */
async function start() {
  const lines: LogLine[] = [];
  const probot = new Probot({
    appId: 123,
    privateKey: privateKey(),
    secret: WEBHOOK_SECRET,
    Octokit: TestOctokit,
    log: recordingLogger(lines),
  });
  const q = recordingQueue();
  const handlers: Array<(req: IncomingMessage, res: ServerResponse) => unknown> = [];
  await probot.load(createApp({ createQueue: () => q }), {
    cwd: process.cwd(),
    addHandler: (h) => void handlers.push(h),
  });
  const middleware = await probot.getNodeMiddleware();
  server = createServer(async (req, res) => {
    try {
      if (await middleware(req, res)) return;
      for (const h of handlers) if (await h(req, res)) return;
      res.writeHead(404).end();
    } catch {
      // As Probot's server does: a handler that throws is a 500.
      res.writeHead(500).end();
    }
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const port = (server!.address() as AddressInfo).port;
  return { probot, jobs: q.jobs, port, lines };
}

const sign = (body: string | Buffer) => `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`;
const forge = (body: string | Buffer) => `sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`;

function headers(event: string, delivery: string, signature: string): Record<string, string> {
  return {
    "content-type": "application/json",
    "x-github-event": event,
    "x-github-delivery": delivery,
    "x-hub-signature-256": signature,
  };
}

async function post(port: number, body: string, h: Record<string, string>) {
  const res = await fetch(`http://127.0.0.1:${port}${PATH}`, { method: "POST", body, headers: h });
  return { status: res.status, body: await res.text() };
}

/**
 * POST `total` bytes in `chunk`-byte pieces, stopping as soon as a response arrives; with
 * `pauseAfter`, send that many bytes and then only wait (up to 5 s) for the server to answer.
 * Resolves with the status and how many bytes had been sent when the answer came.
 */
function stream(
  port: number,
  h: Record<string, string>,
  opts: { total: number; chunk: number; pauseAfter?: number },
): Promise<{ status: number | "no answer"; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request({ host: "127.0.0.1", port, method: "POST", path: PATH, headers: h });
    const timer = setTimeout(() => {
      answered = true;
      req.destroy();
      resolve({ status: "no answer", sent });
    }, 5000);
    req.on("response", (res) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      res.resume();
      resolve({ status: res.statusCode ?? 0, sent });
      req.destroy();
    });
    // Once the server has answered and closed, further writes may fail: that is expected.
    req.on("error", (err) => {
      if (!answered) {
        clearTimeout(timer);
        reject(err);
      }
    });
    const piece = Buffer.alloc(opts.chunk, 0x20);
    const pump = (): void => {
      while (!answered && sent < opts.total && (opts.pauseAfter === undefined || sent < opts.pauseAfter)) {
        sent += piece.length;
        if (!req.write(piece)) {
          req.once("drain", () => setImmediate(pump));
          return;
        }
      }
      if (!answered && sent >= opts.total) req.end();
    };
    pump();
  });
}

describe("webhook bodies over GitHub's 25 MB cap", () => {
  it("are refused with 413 from the Content-Length alone, before the body is sent", async () => {
    const { port, jobs, lines } = await start();
    const h = { ...headers("pull_request", "big-1", forge("x")), "content-length": String(30 * MB) };
    const res = await stream(port, h, { total: 30 * MB, chunk: 64 * 1024, pauseAfter: 64 * 1024 });
    expect(res.status).toBe(413);
    expect(res.sent).toBe(64 * 1024);
    expect(jobs).toEqual([]);
    const said = lines.filter((l) => text(l).includes("big-1"));
    expect(said).toHaveLength(1);
    expect(text(said[0]!)).toContain(String(30 * MB));
  });

  it("are cut off at 25 MB when sent chunked, without a Content-Length", async () => {
    const { port, jobs, lines } = await start();
    const h = { ...headers("pull_request", "big-2", forge("x")), "transfer-encoding": "chunked" };
    const before = process.memoryUsage().rss;
    const res = await stream(port, h, { total: 60 * MB, chunk: MB });
    expect(res.status).toBe(413);
    // The server stopped reading at the cap, not at the end of the body.
    expect(res.sent).toBeLessThan(40 * MB);
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * MB);
    expect(jobs).toEqual([]);
    expect(lines.filter((l) => text(l).includes("big-2"))).toHaveLength(1);
  });
});

describe("webhooks with a wrong signature", () => {
  it("are answered 401 and logged once, with size and delivery id, never with the payload", async () => {
    const { port, jobs, lines } = await start();
    const payload = pullRequestPayload("opened");
    payload.pull_request.title = "UNVERIFIED-MARKER ".repeat(1000);
    const body = JSON.stringify(payload);
    const res = await post(port, body, headers("pull_request", "forged-1", forge(body)));
    expect(res.status).toBe(401);
    expect(res.body).not.toContain("UNVERIFIED-MARKER");
    expect(jobs).toEqual([]);
    expect(lines.filter((l) => text(l).includes("UNVERIFIED-MARKER"))).toEqual([]);
    const said = lines.filter((l) => text(l).includes("forged-1"));
    expect(said).toHaveLength(1);
    expect(text(said[0]!)).toContain(String(Buffer.byteLength(body)));
  });

  it("are refused before the body is parsed: a forged body that is not JSON is a 401 too", async () => {
    const { port, lines } = await start();
    const body = "{not json UNVERIFIED-MARKER";
    const res = await post(port, body, headers("pull_request", "forged-2", forge(body)));
    expect(res.status).toBe(401);
    expect(lines.filter((l) => text(l).includes("UNVERIFIED-MARKER"))).toEqual([]);
  });

  it("still refuses a webhook without a signature (400)", async () => {
    const { port, jobs } = await start();
    const h = headers("pull_request", "unsigned", "");
    delete h["x-hub-signature-256"];
    const res = await post(port, JSON.stringify(pullRequestPayload("opened")), h);
    expect(res.status).toBe(400);
    expect(jobs).toEqual([]);
  });
});

describe("signed payloads that are not the events the App handles", () => {
  const pullNull = () => ({ ...pullRequestPayload("opened"), pull_request: null });
  const cases: Array<[string, string, unknown]> = [
    ["pull_request: null", "pull_request", pullNull()],
    ["a bare null", "pull_request", null],
    ["a string", "pull_request", "opened"],
    ["an array", "issue_comment", [1, 2]],
    ["a number", "ping", 42],
    [
      "check_run without head_sha",
      "check_run",
      { ...fixture("check_run.rerequested"), check_run: { name: "aiguard" } },
    ],
    [
      "check_suite.pull_requests not a list",
      "check_suite",
      { ...fixture("check_suite.rerequested"), check_suite: { head_sha: "a", pull_requests: "x" } },
    ],
    ["issue_comment with comment: null", "issue_comment", { ...fixture("issue_comment.created"), comment: null }],
    [
      "pull_request_review without review",
      "pull_request_review",
      { ...fixture("pull_request_review.submitted"), review: undefined },
    ],
    ["installation.id not a number", "pull_request", { ...pullRequestPayload("opened"), installation: { id: "1" } }],
  ];

  it.each(cases)(
    "%s is answered 400 with a one-line log, and the server keeps working",
    async (_what, event, payload) => {
      const { port, jobs, lines } = await start();
      const body = JSON.stringify(payload);
      const res = await post(port, body, headers(event, "odd-1", sign(body)));
      expect(res.status).toBe(400);
      expect(jobs).toEqual([]);
      const said = lines.filter((l) => text(l).includes("odd-1"));
      expect(said).toHaveLength(1);
      expect(said[0]!.level).toBe("warn");
      expect(lines.filter((l) => l.level === "error")).toEqual([]);
      // The next, valid delivery is handled as usual.
      const good = JSON.stringify(pullRequestPayload("opened"));
      const ok = await post(port, good, headers("pull_request", "good-1", sign(good)));
      expect(ok.status).toBe(200);
      expect(jobs).toHaveLength(1);
    },
  );

  it("a signed body that is not JSON is a 400", async () => {
    const { port, jobs } = await start();
    const body = "{oops";
    const res = await post(port, body, headers("pull_request", "odd-2", sign(body)));
    expect(res.status).toBe(400);
    expect(jobs).toEqual([]);
  });

  it("events the App does not handle need only be JSON objects", async () => {
    const { port } = await start();
    const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const res = await post(port, body, headers("ping", "ping-1", sign(body)));
    expect(res.status).toBe(200);
  });
});

describe("webhookDoor", () => {
  /** The door alone, with a `receive` the test controls. */
  async function door(receive: () => Promise<void>, ackTimeoutMs = 9000) {
    const lines: LogLine[] = [];
    const handle = webhookDoor({
      path: "/hooks/",
      log: recordingLogger(lines),
      verify: async (body, signature) => signature === sign(body),
      receive,
      ackTimeoutMs,
    });
    server = createServer(async (req, res) => {
      if (!(await handle(req, res))) res.writeHead(418).end();
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    return { url, lines };
  }
  const body = JSON.stringify({ action: "created", zen: "hi" });

  it("answers 200 only once the handlers are done", async () => {
    let done = false;
    const { url } = await door(async () => {
      await new Promise((r) => setTimeout(r, 200));
      done = true;
    });
    const res = await fetch(`${url}/hooks`, { method: "POST", body, headers: headers("ping", "d1", sign(body)) });
    expect(res.status).toBe(200);
    expect(done).toBe(true);
  });

  it("answers 202 when the handlers take longer than the timeout, and 500 when they fail", async () => {
    const { url } = await door(() => new Promise((r) => setTimeout(r, 1000)), 100);
    const late = await fetch(`${url}/hooks`, { method: "POST", body, headers: headers("ping", "d2", sign(body)) });
    expect(late.status).toBe(202);
    server?.closeAllConnections();
    await new Promise<void>((r) => server!.close(() => r()));
    const failing = await door(() => Promise.reject(new Error("boom")));
    const res = await fetch(`${failing.url}/hooks`, {
      method: "POST",
      body,
      headers: headers("ping", "d3", sign(body)),
    });
    expect(res.status).toBe(500);
  });

  it("leaves other paths to the next handler and refuses other methods and content types", async () => {
    const { url } = await door(async () => {});
    expect((await fetch(`${url}/healthz`)).status).toBe(418);
    expect((await fetch(`${url}/hooks/`)).status).toBe(404);
    const form = await fetch(`${url}/hooks`, {
      method: "POST",
      body,
      headers: { ...headers("ping", "d4", sign(body)), "content-type": "text/plain" },
    });
    expect(form.status).toBe(415);
  });

  it("refuses a signed body that is not UTF-8 (400) without logging it", async () => {
    const { url, lines } = await door(async () => {});
    const raw = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
    const res = await fetch(`${url}/hooks`, { method: "POST", body: raw, headers: headers("ping", "d5", sign(raw)) });
    expect(res.status).toBe(400);
    expect(lines).toHaveLength(1);
    expect(text(lines[0]!)).toContain("d5");
  });
});

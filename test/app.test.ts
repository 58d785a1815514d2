// Webhook handling: which events queue which job, redelivery dedupe, re-run requests,
// forged webhooks refused by the signature check, /healthz.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import {
  API,
  appWithRecorder,
  createProbot,
  fixture,
  mockInstallationToken,
  pullRequestPayload,
  recordingQueue,
  strictNock,
} from "./helpers/github.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

/** Requests nock saw that no interceptor matched, other than to the local test server. */
const { unmatched } = strictNock();

describe("pull_request events", () => {
  it.each(["opened", "synchronize", "reopened", "ready_for_review"] as const)(
    "queues a review on %s with plain-JSON job data",
    async (action) => {
      const { app, jobs } = await appWithRecorder();
      await app.receive("pull_request", pullRequestPayload(action), `d-${action}`);
      expect(jobs).toEqual([
        {
          owner: "Codertocat",
          repo: "Hello-World",
          installationId: 1,
          pullNumber: 2,
          headSha: HEAD,
          baseSha: BASE,
          draft: false,
          deliveryId: `d-${action}`,
          changedFiles: 1,
          trigger: `pull_request.${action}`,
          pull: { author: "Codertocat", labels: ["bug"], requestedUsers: ["octocat"], requestedTeams: [], comments: 0 },
        },
      ]);
      expect(JSON.parse(JSON.stringify(jobs[0]))).toEqual(jobs[0]);
    },
  );

  it("ignores other pull_request actions", async () => {
    const { app, jobs } = await appWithRecorder();
    const closed = fixture("pull_request.opened");
    closed.action = "closed";
    closed.pull_request.state = "closed";
    await app.receive("pull_request", closed);
    const labeled = fixture("pull_request.opened");
    labeled.action = "labeled";
    await app.receive("pull_request", labeled);
    expect(jobs).toEqual([]);
  });

  it("does not start a second review for a redelivered webhook (same X-GitHub-Delivery)", async () => {
    const { app, jobs } = await appWithRecorder();
    await app.receive("pull_request", pullRequestPayload("synchronize"), "same-delivery");
    await app.receive("pull_request", pullRequestPayload("synchronize"), "same-delivery");
    await app.receive("pull_request", pullRequestPayload("synchronize"), "another-delivery");
    expect(jobs.map((j) => j.deliveryId)).toEqual(["same-delivery", "another-delivery"]);
  });
});

describe("re-run requests", () => {
  it("check_suite.rerequested re-reviews the suite's PR (fetched for its draft flag and base)", async () => {
    const payload = fixture("check_suite.rerequested");
    mockInstallationToken(payload.installation.id);
    nock(API)
      .get("/repos/Codertocat/Hello-World/pulls/2")
      .reply(200, {
        number: 2,
        state: "open",
        draft: true,
        changed_files: 4,
        head: { sha: HEAD },
        base: { sha: BASE },
      });
    const { app, jobs } = await appWithRecorder();
    await app.receive("check_suite", payload, "suite-1");
    expect(jobs).toEqual([
      expect.objectContaining({
        installationId: payload.installation.id,
        pullNumber: 2,
        headSha: HEAD,
        baseSha: BASE,
        draft: true,
        changedFiles: 4,
        trigger: "check_suite.rerequested",
      }),
    ]);
  });

  it("check_run.rerequested on a fork PR (empty pull_requests) finds the PR by head SHA among open PRs", async () => {
    const payload = fixture("check_run.rerequested");
    payload.check_run.name = "aiguard";
    expect(payload.check_run.pull_requests).toEqual([]);
    const sha = payload.check_run.head_sha as string;
    mockInstallationToken(payload.installation.id);
    nock(API)
      .get("/repos/github/hello-world/pulls")
      .query({ state: "open", per_page: "100" })
      .reply(200, [
        { number: 4, draft: false, head: { sha: "f".repeat(40) }, base: { sha: BASE } },
        { number: 9, draft: false, head: { sha }, base: { sha: BASE } },
      ]);
    const { app, jobs } = await appWithRecorder();
    await app.receive("check_run", payload, "run-1");
    expect(jobs).toEqual([
      expect.objectContaining({
        owner: "github",
        repo: "hello-world",
        pullNumber: 9,
        headSha: sha,
        baseSha: BASE,
        trigger: "check_run.rerequested",
      }),
    ]);
  });

  it("ignores re-runs of other apps' check runs", async () => {
    const payload = fixture("check_run.rerequested"); // name: "randscape"
    const { app, jobs } = await appWithRecorder();
    await app.receive("check_run", payload);
    expect(jobs).toEqual([]);
    expect(unmatched).toEqual([]);
  });
});

describe("the HTTP endpoint", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = undefined;
  });

  async function start() {
    const probot = createProbot();
    const q = recordingQueue();
    const handlers: Array<
      (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => unknown
    > = [];
    await probot.load(createApp({ createQueue: () => q, analysisPool: null }), {
      cwd: process.cwd(),
      addHandler: (h) => void handlers.push(h),
    });
    const middleware = await probot.getNodeMiddleware();
    server = createServer(async (req, res) => {
      if (await middleware(req, res)) return;
      for (const h of handlers) if (await h(req, res)) return;
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
    return { probot, jobs: q.jobs, url };
  }

  const post = (url: string, body: string, headers: Record<string, string>) =>
    fetch(`${url}/api/github/webhooks`, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": "d-http",
        ...headers,
      },
    });

  it("refuses a forged webhook (bad signature) before any GitHub call", async () => {
    const { jobs, url, probot } = await start();
    // Any GitHub call at all would hit these (and be seen).
    const github = nock(API).persist().get(/.*/).reply(500).post(/.*/).reply(500);
    const body = JSON.stringify(pullRequestPayload("opened"));
    const forged = `sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`;
    const res = await post(url, body, { "x-hub-signature-256": forged });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(jobs).toEqual([]);
    expect(unmatched).toEqual([]); // no request left the process
    expect(github.isDone()).toBe(false); // and none reached GitHub
    nock.cleanAll();
    // The same body with the right signature is accepted.
    const ok = await post(url, body, { "x-hub-signature-256": await probot.webhooks.sign(body) });
    expect(ok.status).toBe(200);
    expect(jobs).toHaveLength(1);
  });

  it("refuses an unsigned webhook", async () => {
    const { jobs, url } = await start();
    const res = await post(url, JSON.stringify(pullRequestPayload("opened")), {});
    expect(res.status).toBe(400);
    expect(jobs).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it("answers GET /healthz with 200 {status: ok}", async () => {
    const { url } = await start();
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

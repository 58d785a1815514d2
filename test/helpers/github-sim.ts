// A GitHub stand-in for the benchmark: a `fetch` that answers the calls one review makes,
// so `runMockedReview` measures the App's real code path (gather -> scanner -> check run)
// without a network, and `measureWebhookToQueued` times a signed webhook from the HTTP
// request to the moment its job is on the queue.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Probot, ProbotOctokit, type Logger } from "probot";
import { createApp } from "../../src/app.js";
import type { ReviewJob, ReviewQueue } from "../../src/queue/types.js";
import type { GitHub } from "../../src/github/client/octokit.js";
import { cachedScannerProvider, processReviewJob, type ReviewStats } from "../../src/github/worker.js";
import type { ReviewJobOutcome, ScannerProvider } from "../../src/github/job.js";

export interface SimulatedPr {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  baseSha: string;
  /** path -> head text. Every file is reported as added. */
  files: Record<string, string>;
  /** `.aiguard.yml` text at the base commit; absent = no config anywhere (repo and org 404). */
  config?: string | undefined;
  /** Added latency per request, in ms (default 0). */
  latencyMs?: number | undefined;
}

/** A synthetic PR of `count` JavaScript files; every fifth one builds SQL from request input. */
export function syntheticPr(count = 20): SimulatedPr {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const risky = i % 5 === 0;
    files[`src/module${i}.js`] = [
      `const db = require("./db");`,
      ``,
      `export async function handler${i}(req, res) {`,
      `  const id = req.query.id;`,
      risky
        ? `  const rows = await db.query("SELECT * FROM users WHERE id = " + id);`
        : `  const rows = await db.query("SELECT * FROM users WHERE id = ?", [id]);`,
      `  res.json(rows);`,
      `}`,
      ``,
    ].join("\n");
  }
  return { owner: "octo-org", repo: "service", pullNumber: 7, headSha: "a".repeat(40), baseSha: "b".repeat(40), files };
}

function addedPatch(text: string): string {
  const lines = text.endsWith("\n") ? text.slice(0, -1).split("\n") : text.split("\n");
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });

/** A `fetch` that plays GitHub for one simulated PR. */
export function fakeGitHubFetch(pr: SimulatedPr): typeof fetch {
  const prefix = `/repos/${pr.owner}/${pr.repo}`;
  let checkRunId = 0;
  return async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? "GET").toUpperCase();
    if (pr.latencyMs) await new Promise((r) => setTimeout(r, pr.latencyMs));
    const path = decodeURIComponent(url.pathname);
    if (method === "GET" && path === `${prefix}/pulls/${pr.pullNumber}/files`) {
      const page = Number(url.searchParams.get("page") ?? 1);
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const all = Object.entries(pr.files).map(([filename, text]) => ({
        filename,
        status: "added",
        additions: text.split("\n").length,
        deletions: 0,
        changes: text.split("\n").length,
        patch: addedPatch(text),
      }));
      const slice = all.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
      if (page * perPage < all.length)
        headers.link = `<${url.origin}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
      return new Response(JSON.stringify(slice), { status: 200, headers });
    }
    if (method === "GET" && path === `${prefix}/contents/.aiguard.yml` && pr.config !== undefined) {
      return new Response(pr.config, { status: 200, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    if (method === "GET" && path.includes("/contents/")) return json(404, { message: "Not Found" });
    if (method === "POST" && path === "/graphql") {
      const body = JSON.parse(String(init?.body ?? "{}")) as { variables?: Record<string, string> };
      const repository: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(body.variables ?? {})) {
        if (!/^e\d+$/.test(k)) continue;
        const text = pr.files[v.slice(v.indexOf(":") + 1)];
        repository[`f${k.slice(1)}`] =
          text === undefined
            ? null
            : { __typename: "Blob", text, isBinary: false, byteSize: Buffer.byteLength(text), isTruncated: false };
      }
      return json(200, { data: { repository } });
    }
    if (method === "POST" && path === `${prefix}/check-runs`) return json(201, { id: ++checkRunId });
    if (method === "PATCH" && path.startsWith(`${prefix}/check-runs/`))
      return json(200, { id: Number(path.split("/").pop()) });
    if (method === "POST" && path === `${prefix}/issues/${pr.pullNumber}/labels`) return json(200, []);
    return json(404, { message: `simulated GitHub has no route for ${method} ${path}` });
  };
}

/** An Octokit like the App's (Probot's, without retries or throttling) whose requests go to `fetch`. */
export function simulatedOctokit(fetchImpl: typeof fetch): GitHub {
  const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
  return new Octokit({ auth: { token: "simulated" }, request: { fetch: fetchImpl } }) as GitHub;
}

/**
 * Run one review of `pr` (default: 20 JS files, no config) against the simulated GitHub,
 * through the same code the App runs per job. Returns the API calls it made.
 */
export async function runMockedReview(
  options: {
    pr?: SimulatedPr | undefined;
    getScanner?: ScannerProvider | undefined;
    inProgressAfterMs?: number | undefined;
  } = {},
): Promise<{ outcome: ReviewJobOutcome; stats: ReviewStats }> {
  const pr = options.pr ?? syntheticPr(20);
  const octokit = simulatedOctokit(fakeGitHubFetch(pr));
  const job: ReviewJob = {
    owner: pr.owner,
    repo: pr.repo,
    installationId: 1,
    pullNumber: pr.pullNumber,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    draft: false,
    deliveryId: "simulated",
    changedFiles: Object.keys(pr.files).length,
  };
  return processReviewJob(octokit, job, {
    getScanner: options.getScanner ?? cachedScannerProvider(),
    inProgressAfterMs: options.inProgressAfterMs ?? Number.POSITIVE_INFINITY,
  });
}

const noop = () => {};
/** A logger that drops everything. */
export function silentLogger(): Logger {
  const log: Record<string, unknown> = {
    level: "silent",
    trace: noop,
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    fatal: noop,
    silent: noop,
  };
  log.child = () => log;
  return log as unknown as Logger;
}

/** A minimal `pull_request.opened` payload with the fields the handler reads. */
export function syntheticPullRequestPayload(n: number): Record<string, unknown> {
  const owner = { login: "octo-org", id: 1, type: "Organization" };
  return {
    action: "opened",
    number: n,
    pull_request: {
      number: n,
      state: "open",
      draft: false,
      changed_files: 20,
      head: { sha: n.toString(16).padStart(40, "0"), ref: "feature" },
      base: { sha: "b".repeat(40), ref: "main" },
    },
    repository: { id: 1, name: "service", full_name: "octo-org/service", owner },
    installation: { id: 1 },
    sender: owner,
  };
}

export interface LatencySummary {
  samplesMs: number[];
  p50: number;
  p95: number;
  max: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Time `iterations` signed `pull_request.opened` webhooks from the start of the HTTP POST
 * (to Probot's real middleware: signature check, event routing, our handler) until the
 * job is handed to the queue. The queue records only; no review runs.
 */
export async function measureWebhookToQueued(
  options: { iterations?: number | undefined } = {},
): Promise<LatencySummary> {
  const iterations = options.iterations ?? 50;
  const secret = "bench-secret";
  const queuedAt = new Map<string, number>();
  const recorder: ReviewQueue = {
    enqueue: async (job: ReviewJob) => {
      queuedAt.set(job.deliveryId, performance.now());
      return "queued";
    },
    onIdle: async () => {},
    close: async () => {},
  };
  const probot = new Probot({
    githubToken: "simulated",
    secret,
    log: silentLogger(),
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
  });
  await probot.load(createApp({ createQueue: () => recorder, analysisPool: null }), {
    cwd: process.cwd(),
    addHandler: noop,
  });
  const middleware = await probot.getNodeMiddleware();
  const server = createServer((req, res) => void middleware(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  const samples: number[] = [];
  try {
    for (let i = 0; i < iterations; i++) {
      const id = `bench-${i}`;
      const body = JSON.stringify(syntheticPullRequestPayload(i + 1));
      const signature = await probot.webhooks.sign(body);
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${probot.webhookPath}`, {
        method: "POST",
        body,
        headers: {
          "content-type": "application/json",
          "x-github-event": "pull_request",
          "x-github-delivery": id,
          "x-hub-signature-256": signature,
        },
      });
      await res.arrayBuffer();
      const at = queuedAt.get(id);
      if (at === undefined) throw new Error(`webhook ${id} was not queued (HTTP ${res.status})`);
      samples.push(at - started);
    }
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    samplesMs: samples,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

// Test support for the GitHub App: a Probot wired like production (real scanner, real
// queue), an installation-token mock, real webhook payloads, and nock helpers that
// record every request body so tests can assert the exact calls.
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import nock from "nock";
import { Probot, ProbotOctokit } from "probot";
import { afterEach, beforeEach, expect } from "vitest";
import { createApp, type AppOptions } from "../../src/app.js";
import { cachedScannerProvider, type ReviewStats } from "../../src/github/worker.js";
import type { ReviewJobOutcome } from "../../src/github/job.js";
import { silentLogger } from "./github-sim.js";
import { MemoryReviewQueue } from "../../src/queue/memory.js";
import { defaultConfig } from "../../src/core/policy/schema.js";
import { reviewOffline } from "./review.js";
import { reviewOutput } from "../../src/report/check-run.js";
import type { ReviewJob, ReviewQueue } from "../../src/queue/types.js";
import type { GitHub } from "../../src/github/client/octokit.js";

export const API = "https://api.github.com";
export const WEBHOOK_SECRET = "test-secret";

let key: string | undefined;
/** An RSA private key (PKCS#1 PEM, as GitHub issues them), generated once per test file. */
export function privateKey(): string {
  key ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  }).privateKey;
  return key;
}

/** A deep copy of a payload from fixtures/webhooks (copied from @octokit/webhooks-examples). */
export function fixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`../../fixtures/webhooks/${name}.json`, import.meta.url), "utf8"));
}

/**
 * ProbotOctokit without retries or throttling. The function form matters: Probot 14 passes
 * its own `throttle` options (without `enabled`) to the constructor, which would replace a
 * plain `defaults({ throttle: { enabled: false } })` object and leave throttling on (writes
 * one second apart). A defaults function sees Probot's options and can switch it off.
 */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
})) as typeof ProbotOctokit;

/** A TestOctokit with an installation token that logs nothing: for calling one GitHub helper directly. */
export function quietOctokit(): GitHub {
  const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
  return new TestOctokit({ auth: { token: "t" }, log: quiet }) as GitHub;
}

export function createProbot(): Probot {
  return new Probot({
    appId: 123,
    privateKey: privateKey(),
    secret: WEBHOOK_SECRET,
    Octokit: TestOctokit,
    log: silentLogger(),
  });
}

export interface Done {
  job: ReviewJob;
  outcome: ReviewJobOutcome;
  stats: ReviewStats;
}

export interface TestApp {
  probot: Probot;
  queue: ReviewQueue;
  /** Every finished review job, in order. */
  done: Done[];
  /** Deliver a webhook as Probot would after verifying it. */
  receive(name: string, payload: unknown, id?: string): Promise<void>;
  idle(): Promise<void>;
}

let deliveries = 0;

/** The real scanner, compiled once per test file (tree-sitter grammars take a while to load). */
export const sharedScanner = cachedScannerProvider();

/**
 * Compile the shared scanner and run one small analysis, so that first-use costs (rule
 * compilation, the area classifier's signals, JIT) are paid before a timing-sensitive test.
 */
export async function warmUp(): Promise<void> {
  const { scanner } = await sharedScanner([]);
  const text = 'const stripe = require("stripe");\nexport const a = () => stripe.refunds.create({});\n';
  const result = await reviewOffline(
    {
      base: "b",
      head: "h",
      files: [{ ...addedFile("src/a.js", text), path: "src/a.js", headContent: text, status: "added" }],
      config: defaultConfig(),
      customRules: [],
      fullContext: true,
      draft: false,
      notes: [],
    },
    scanner,
  );
  reviewOutput(result, [], { merged: {}, sources: [] });
}

/** A Probot with the aiguard app loaded; by default the check run is never created early. */
export async function createTestApp(options: AppOptions = {}): Promise<TestApp> {
  const probot = createProbot();
  const done: Done[] = [];
  let queue: ReviewQueue | undefined;
  const app = createApp({
    inProgressAfterMs: Number.POSITIVE_INFINITY,
    getScanner: sharedScanner,
    // Analyses run in the test's event loop with the shared scanner unless a test asks for threads.
    analysisPool: null,
    // Registries are never asked unless a test sets up nock for them and passes its own settings.
    dependencyLookup: { offline: true, baseUrls: {} },
    ...options,
    createQueue: (process, log) =>
      (queue = options.createQueue?.(process, log) ?? new MemoryReviewQueue(process, { concurrency: 2, log })),
    onReviewDone: (job, outcome, stats) => {
      done.push({ job, outcome, stats });
      options.onReviewDone?.(job, outcome, stats);
    },
  });
  await probot.load(app, { cwd: process.cwd(), addHandler: () => {} });
  return {
    probot,
    get queue() {
      return queue!;
    },
    done,
    receive: (name, payload, id) =>
      probot.receive({ id: id ?? `delivery-${++deliveries}`, name, payload } as Parameters<Probot["receive"]>[0]),
    idle: () => queue!.onIdle(),
  };
}

/** The installation token exchange (cached by Probot afterwards). */
/** A queue that only records what it is given. */
export function recordingQueue(): ReviewQueue & { jobs: ReviewJob[] } {
  const jobs: ReviewJob[] = [];
  return { jobs, enqueue: async (job) => (jobs.push(job), "queued"), onIdle: async () => {}, close: async () => {} };
}

/** A test app whose queue records jobs instead of running them. */
export async function appWithRecorder(): Promise<{ app: TestApp; jobs: ReviewJob[] }> {
  const q = recordingQueue();
  const app = await createTestApp({ createQueue: () => q });
  return { app, jobs: q.jobs };
}

export function mockInstallationToken(installationId = 1): nock.Scope {
  return nock(API)
    .post(`/app/installations/${installationId}/access_tokens`)
    .reply(201, {
      token: "ghs_testtoken000000000000000000000000",
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      permissions: {},
      repository_selection: "all",
    });
}

export interface ApiFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  changes?: number;
  patch?: string | undefined;
  previous_filename?: string;
}

/** A file whose every line is added. */
export function addedFile(filename: string, text: string): ApiFile & { text: string } {
  const lines = text.replace(/\n$/, "").split("\n");
  return {
    filename,
    status: "added",
    additions: lines.length,
    deletions: 0,
    changes: lines.length,
    patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`,
    text,
  };
}

export interface GraphqlCall {
  query: string;
  variables: Record<string, string>;
}

export interface BlobSpec {
  text?: string | null;
  isBinary?: boolean;
  byteSize?: number;
  isTruncated?: boolean;
}

/** Requests of one repository, recorded with their bodies. */
export class RepoMock {
  readonly scope: nock.Scope;
  readonly graphql: GraphqlCall[] = [];
  readonly checkCreates: Record<string, unknown>[] = [];
  readonly checkUpdates: Array<{ id: number; body: Record<string, unknown> }> = [];
  readonly labels: unknown[] = [];

  constructor(
    readonly owner = "Codertocat",
    readonly repo = "Hello-World",
  ) {
    this.scope = nock(API);
  }

  get prefix(): string {
    return `/repos/${this.owner}/${this.repo}`;
  }

  listFiles(pull: number, files: ApiFile[], opts: { delayMs?: number; status?: number } = {}): this {
    const strip = files.map(({ ...f }) => {
      delete (f as { text?: string }).text;
      return f;
    });
    for (let page = 1; page === 1 || (page - 1) * 100 < strip.length; page++) {
      const slice = strip.slice((page - 1) * 100, page * 100);
      const headers: Record<string, string> = {};
      if (page * 100 < strip.length)
        headers.link = `<${API}${this.prefix}/pulls/${pull}/files?per_page=100&page=${page + 1}>; rel="next"`;
      const i = this.scope
        .get(`${this.prefix}/pulls/${pull}/files`)
        .query(page === 1 ? { per_page: "100" } : { per_page: "100", page: String(page) });
      const delayed = opts.delayMs ? i.delay(opts.delayMs) : i;
      if (opts.status) delayed.reply(opts.status, { message: "Server Error" });
      else delayed.reply(200, slice, headers);
    }
    return this;
  }

  /** `.aiguard.yml` of this repo at `ref`: text, or 404 when undefined. */
  config(ref: string, text?: string): this {
    const i = this.scope.get(`${this.prefix}/contents/.aiguard.yml`).query({ ref });
    if (text === undefined) i.reply(404, { message: "Not Found" });
    else i.reply(200, text, { "content-type": "text/plain; charset=utf-8" });
    return this;
  }

  /** A file at the default branch (no ref) of `owner/repo`: the org `.github` fallback or an `_extends` target. */
  defaultBranchFile(repo: string, path: string, text?: string, owner = this.owner): this {
    // Octokit sends a nested path with its slashes encoded (%2F); GitHub accepts both.
    const wanted = `/repos/${owner}/${repo}/contents/${path}`;
    const i = this.scope.get((uri) => decodeURIComponent(uri.split("?")[0]!) === wanted).query((q) => !("ref" in q));
    if (text === undefined) i.reply(404, { message: "Not Found" });
    else i.reply(200, text, { "content-type": "text/plain; charset=utf-8" });
    return this;
  }

  /** No config anywhere: the repo's file at the base commit and the org's `.github` both 404. */
  noConfig(baseSha: string): this {
    return this.config(baseSha).defaultBranchFile(".github", ".aiguard.yml");
  }

  /** One GraphQL batch answering `object(expression: "<sha>:<path>")` from `blobs` (null = missing). */
  contents(
    blobs: Record<string, BlobSpec | { entries: unknown[] } | null>,
    opts: { status?: number; times?: number } = {},
  ): this {
    const i = this.scope.post("/graphql").times(opts.times ?? 1);
    if (opts.status) {
      i.reply(opts.status, { message: "Bad Gateway" });
      return this;
    }
    i.reply((_uri, body) => {
      const b = body as GraphqlCall;
      this.graphql.push(b);
      const repository: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(b.variables)) {
        if (!/^[ed]\d+$/.test(k)) continue;
        const path = v.slice(v.indexOf(":") + 1);
        const blob = blobs[path];
        const alias = k.startsWith("e") ? `f${k.slice(1)}` : k;
        if (blob === undefined || blob === null) repository[alias] = null;
        else if ("entries" in (blob as object)) repository[alias] = { __typename: "Tree", ...blob };
        else {
          const b = blob as BlobSpec;
          const text = b.text ?? null;
          repository[alias] = {
            __typename: "Blob",
            text: b.isBinary ? null : text,
            isBinary: b.isBinary ?? false,
            byteSize: b.byteSize ?? (text ? Buffer.byteLength(text) : 0),
            isTruncated: b.isTruncated ?? false,
          };
        }
      }
      return [200, { data: { repository } }];
    });
    return this;
  }

  /** POST check-runs, answering with `id`. */
  createCheck(id = 42, opts: { status?: number } = {}): this {
    this.scope.post(`${this.prefix}/check-runs`).reply((_uri, body) => {
      this.checkCreates.push(body as Record<string, unknown>);
      return opts.status ? [opts.status, { message: "Server Error" }] : [201, { id }];
    });
    return this;
  }

  updateCheck(id = 42, times = 1): this {
    this.scope
      .patch(`${this.prefix}/check-runs/${id}`)
      .times(times)
      .reply((_uri, body) => {
        this.checkUpdates.push({ id, body: body as Record<string, unknown> });
        return [200, { id }];
      });
    return this;
  }

  addLabels(pull: number): this {
    this.scope.post(`${this.prefix}/issues/${pull}/labels`).reply((_uri, body) => {
      this.labels.push(body);
      this.writes.push({ method: "POST", path: `/issues/${pull}/labels`, body });
      return [200, []];
    });
    return this;
  }

  /** Writes other than check runs (labels, review requests, comments, reactions), in order, with their bodies. */
  readonly writes: Array<{ method: string; path: string; body?: unknown }> = [];

  #record(method: string, path: string, status: number, reply: unknown = {}) {
    return (uri: string, body: unknown): [number, unknown] => {
      this.writes.push({
        method,
        path: decodeURIComponent(uri.replace(this.prefix, "")),
        ...(body === "" || body === undefined ? {} : { body }),
      });
      return [status, reply];
    };
  }

  removeLabel(pull: number, name: string, status = 200): this {
    const wanted = `${this.prefix}/issues/${pull}/labels/${name}`;
    this.scope
      .delete((uri) => decodeURIComponent(uri) === wanted)
      .reply(this.#record("DELETE", `/issues/${pull}/labels/${name}`, status, []));
    return this;
  }

  /** GET pulls/{n}/reviews (one page). */
  reviews(pull: number, reviews: Array<{ user: string; state: string; commit: string }>): this {
    this.scope
      .get(`${this.prefix}/pulls/${pull}/reviews`)
      .query({ per_page: "100" })
      .reply(
        200,
        reviews.map((r, i) => ({
          id: 100 + i,
          user: { login: r.user, type: "User" },
          state: r.state,
          commit_id: r.commit,
          body: "",
        })),
      );
    return this;
  }

  /** GET /orgs/{org}/teams/{team}/memberships/{user}: `active`, `pending`, or a status code. */
  membership(team: string, user: string, state: "active" | "pending" | number, org = this.owner): this {
    const i = this.scope.get(`/orgs/${org}/teams/${team}/memberships/${user}`);
    if (typeof state === "number") i.reply(state, { message: state === 404 ? "Not Found" : "Forbidden" });
    else i.reply(200, { state, role: "member", url: `${API}/orgs/${org}/teams/${team}/memberships/${user}` });
    return this;
  }

  /** GET compare/{base}...{head} with these files. */
  compare(base: string, head: string, files: ApiFile[] | number): this {
    const i = this.scope.get(`${this.prefix}/compare/${base}...${head}`).query({ per_page: "1" });
    if (typeof files === "number") i.reply(files, { message: "Not Found" });
    else
      i.reply(200, {
        status: "ahead",
        ahead_by: 1,
        behind_by: 0,
        total_commits: 1,
        commits: [],
        files: files.map(
          ({ ...f }) => (delete (f as { text?: string }).text, { changes: f.additions + f.deletions, ...f }),
        ),
      });
    return this;
  }

  /** GET issues/{n}/comments (one page). */
  comments(pull: number, comments: Array<{ id: number; body: string; bot?: boolean }>): this {
    this.scope
      .get(`${this.prefix}/issues/${pull}/comments`)
      .query({ per_page: "100" })
      .reply(
        200,
        comments.map((c) => ({
          id: c.id,
          body: c.body,
          user: c.bot === false ? { login: "someone", type: "User" } : { login: "aiguard[bot]", type: "Bot" },
        })),
      );
    return this;
  }

  /** GET issues/{n}/events (one page). */
  issueEvents(pull: number, events: unknown[]): this {
    this.scope.get(`${this.prefix}/issues/${pull}/events`).query({ per_page: "100" }).reply(200, events);
    return this;
  }

  createComment(pull: number, id = 555): this {
    this.scope
      .post(`${this.prefix}/issues/${pull}/comments`)
      .reply(this.#record("POST", `/issues/${pull}/comments`, 201, { id }));
    return this;
  }

  updateComment(id: number): this {
    this.scope
      .patch(`${this.prefix}/issues/comments/${id}`)
      .reply(this.#record("PATCH", `/issues/comments/${id}`, 200, { id }));
    return this;
  }

  /** POST pulls/{n}/requested_reviewers answering `status` (201 by default). */
  requestReviewers(
    pull: number,
    status = 201,
    message = "Reviews may only be requested from collaborators. One or more of the teams you specified is not a collaborator of the Codertocat/Hello-World repository.",
  ): this {
    this.scope
      .post(`${this.prefix}/pulls/${pull}/requested_reviewers`)
      .reply(
        this.#record(
          "POST",
          `/pulls/${pull}/requested_reviewers`,
          status,
          status < 300 ? { number: pull } : { message },
        ),
      );
    return this;
  }

  /** GET collaborators/{user}/permission. */
  permission(user: string, permission: "admin" | "write" | "read" | "none", role_name: string = permission): this {
    this.scope
      .get(`${this.prefix}/collaborators/${user}/permission`)
      .reply(200, { permission, role_name, user: { login: user } });
    return this;
  }

  /** GET pulls/{n}. */
  pull(pr: {
    number: number;
    head: string;
    base: string;
    state?: string;
    draft?: boolean;
    labels?: string[];
    author?: string;
    requestedTeams?: string[];
    comments?: number;
  }): this {
    this.scope.get(`${this.prefix}/pulls/${pr.number}`).reply(200, {
      number: pr.number,
      state: pr.state ?? "open",
      draft: pr.draft ?? false,
      changed_files: 1,
      comments: pr.comments ?? 0,
      user: { login: pr.author ?? "Codertocat" },
      labels: (pr.labels ?? []).map((name) => ({ name })),
      requested_reviewers: [],
      requested_teams: (pr.requestedTeams ?? []).map((slug) => ({ slug })),
      head: { sha: pr.head },
      base: { sha: pr.base },
    });
    return this;
  }

  reaction(commentId: number): this {
    this.scope
      .post(`${this.prefix}/issues/comments/${commentId}/reactions`)
      .reply(this.#record("POST", `/issues/comments/${commentId}/reactions`, 201, { id: 1 }));
    return this;
  }
}

/** A pull_request webhook payload from the fixtures with the fields a test cares about. */
export function pullRequestPayload(
  action: "opened" | "synchronize" | "reopened" | "ready_for_review",
  over: {
    head?: string;
    base?: string;
    number?: number;
    draft?: boolean;
    changedFiles?: number;
    installationId?: number;
  } = {},
): any {
  const p = fixture(`pull_request.${action}`);
  if (over.head) p.pull_request.head.sha = over.head;
  if (over.base) p.pull_request.base.sha = over.base;
  if (over.number) p.number = p.pull_request.number = over.number;
  if (over.draft !== undefined) p.pull_request.draft = over.draft;
  if (over.changedFiles !== undefined) p.pull_request.changed_files = over.changedFiles;
  if (over.installationId) p.installation.id = over.installationId;
  return p;
}

/** A `pull_request_review` payload (submitted or dismissed) for PR #2 of Codertocat/Hello-World. */
export function reviewPayload(
  action: "submitted" | "dismissed",
  over: {
    user: string;
    state?: string;
    commit?: string;
    head?: string;
    labels?: string[];
    requestedTeams?: string[];
    requestedUsers?: string[];
  },
): any {
  const p = fixture(`pull_request_review.${action}`);
  p.review.user.login = over.user;
  p.review.state = over.state ?? (action === "dismissed" ? "dismissed" : "approved");
  if (over.commit) p.review.commit_id = over.commit;
  if (over.head) p.pull_request.head.sha = over.head;
  if (over.labels)
    p.pull_request.labels = over.labels.map((name, i) => ({ id: i + 1, name, color: "ededed", default: false }));
  if (over.requestedTeams)
    p.pull_request.requested_teams = over.requestedTeams.map((slug, i) => ({ id: i + 1, slug, name: slug }));
  if (over.requestedUsers)
    p.pull_request.requested_reviewers = over.requestedUsers.map((login, i) => ({ id: i + 1, login, type: "User" }));
  return p;
}

/** Labels, requested teams and comment count of a `pull_request` payload. */
export function withPullState(
  p: any,
  over: { labels?: string[]; requestedTeams?: string[]; requestedUsers?: string[]; comments?: number },
): any {
  if (over.labels)
    p.pull_request.labels = over.labels.map((name, i) => ({ id: i + 1, name, color: "ededed", default: false }));
  if (over.requestedTeams)
    p.pull_request.requested_teams = over.requestedTeams.map((slug, i) => ({ id: i + 1, slug, name: slug }));
  if (over.requestedUsers)
    p.pull_request.requested_reviewers = over.requestedUsers.map((login, i) => ({ id: i + 1, login, type: "User" }));
  if (over.comments !== undefined) p.pull_request.comments = over.comments;
  return p;
}

/** Fail the test on any request nock could not match, and start from a clean slate. */
export function setupNock(): void {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
}

export function resetNock(): void {
  nock.cleanAll();
}

/**
 * Requests no interceptor matched, other than to the local test server, collected between
 * `start()` and `stop()`. An App turns a failed request into a note, so only this shows it.
 */
export function unmatchedRequests(): { list: string[]; start(): void; stop(): void } {
  const list: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string; href?: string; host?: string; hostname?: string }) => {
    const where = req.href ?? `${req.host ?? req.hostname}${req.path}`;
    if (!/^(https?:\/\/)?127\.0\.0\.1/.test(where)) list.push(`${req.method} ${where}`);
  };
  return {
    list,
    start: () => {
      list.length = 0;
      nock.emitter.on("no match", onNoMatch);
    },
    stop: () => void nock.emitter.removeListener("no match", onNoMatch),
  };
}

/**
 * For a whole test file: no network, every interceptor used, and no request left unmatched.
 * Returns the current test's unmatched requests, for a test that checks them on the way.
 */
export function strictNock(): { unmatched: readonly string[] } {
  const unmatched = unmatchedRequests();
  beforeEach(() => {
    setupNock();
    unmatched.start();
  });
  afterEach(() => {
    unmatched.stop();
    const pending = nock.pendingMocks();
    resetNock();
    expect(pending).toEqual([]);
    expect(unmatched.list).toEqual([]);
  });
  return { unmatched: unmatched.list };
}

// The GitHub client type every module in src/github takes, and a per-job API call counter.
import type { ProbotOctokit } from "probot";

export type GitHub = InstanceType<typeof ProbotOctokit>;

/** Options passed to every read so that a superseded review stops its requests. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

export function requestOptions(opts: CallOptions): { request?: { signal: AbortSignal } } {
  return opts.signal ? { request: { signal: opts.signal } } : {};
}

export interface CallCounter {
  /** GitHub API requests made through this client so far, not counting token exchanges. */
  readonly count: number;
  /** "METHOD /route" of each counted request, in order. */
  readonly routes: readonly string[];
  /** Installation-token exchanges (once an hour per installation; Probot caches the token). */
  readonly tokenRequests: number;
}

const TOKEN_ROUTE = /^\/app\/installations\/[^/]+\/access_tokens$/;

/** "/repos/{owner}/{repo}/pulls/{pull_number}/files" for a route template; the path (no host, no query) for a full URL. */
function routeOf(url: string): string {
  if (!/^https?:\/\//.test(url)) return url.replace(/\?.*$/, "");
  const u = new URL(url);
  return u.pathname.replace(/^\/api\/v3(?=\/)/, "");
}

/**
 * Count the API calls made through one Octokit instance (`hook.before("request")`).
 * `app.auth(installationId)` returns a fresh instance per call, so one counter per review job.
 */
export function countCalls(octokit: GitHub): CallCounter {
  const routes: string[] = [];
  let tokenRequests = 0;
  octokit.hook.before("request", (options) => {
    const route = routeOf(String(options.url));
    if (TOKEN_ROUTE.test(route) || route === "/app/installations/{installation_id}/access_tokens") tokenRequests++;
    else routes.push(`${options.method} ${route}`);
  });
  return {
    get count() {
      return routes.length;
    },
    get tokenRequests() {
      return tokenRequests;
    },
    routes,
  };
}

/** Status code of an Octokit RequestError, if it is one. */
export function httpStatus(err: unknown): number | undefined {
  if (err && typeof err === "object" && "status" in err && typeof (err as { status: unknown }).status === "number") {
    return (err as { status: number }).status;
  }
  return undefined;
}

/** A 403/429 that GitHub sends for a secondary rate limit ("You have exceeded a secondary rate limit…"). */
export function isSecondaryRateLimit(err: unknown): boolean {
  const status = httpStatus(err);
  if (status !== 403 && status !== 429) return false;
  const e = err as { message?: string; response?: { headers?: Record<string, string | undefined> } };
  const headers = e.response?.headers ?? {};
  if (headers["x-ratelimit-remaining"] === "0") return false; // the primary limit: Probot's throttling retries that
  return /secondary rate limit/i.test(e.message ?? "") || headers["retry-after"] !== undefined;
}

export interface SecondaryRetryOptions {
  /** Retries per request (default 3). */
  retries?: number | undefined;
  /** Wait when GitHub sends no `retry-after` (default 60 s, as GitHub documents). */
  fallbackWaitMs?: number | undefined;
  /** Longest wait per retry (default 120 s). */
  maxWaitMs?: number | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
}

const installed = new WeakSet<object>();

/**
 * Retry requests that hit a secondary rate limit. Probot's app-level throttling options only
 * log those (`onSecondaryRateLimit` returns nothing), so without this a burst of writes
 * (labels, review requests, comments across many PRs) would fail. Waits `retry-after`
 * seconds, at most `retries` times. Installs once per client.
 */
export function retrySecondaryRateLimits(octokit: GitHub, options: SecondaryRetryOptions = {}): GitHub {
  if (installed.has(octokit)) return octokit;
  installed.add(octokit);
  const retries = options.retries ?? 3;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  octokit.hook.wrap("request", async (request, requestOptions) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (err) {
        const signal = (requestOptions.request as { signal?: AbortSignal } | undefined)?.signal;
        if (attempt >= retries || !isSecondaryRateLimit(err) || signal?.aborted) throw err;
        const header = (err as { response?: { headers?: Record<string, string | undefined> } }).response?.headers?.[
          "retry-after"
        ];
        const seconds = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : undefined;
        const wait = Math.min(
          seconds !== undefined ? seconds * 1000 : (options.fallbackWaitMs ?? 60_000),
          options.maxWaitMs ?? 120_000,
        );
        octokit.log.warn(
          `Secondary rate limit hit with "${requestOptions.method} ${String(requestOptions.url)}": retry ${attempt + 1} of ${retries} in ${wait} ms`,
        );
        await sleep(wait);
      }
    }
  });
  return octokit;
}

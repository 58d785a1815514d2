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

// The queue's worker for GitHub: authenticate as the installation, count API calls,
// run the review job, log what it cost.
import type { Logger, Probot } from "probot";
import type { AnalysisPool } from "../analysis/pool.js";
import { cachedScannerProvider } from "../analysis/scanners.js";
import type { ReviewJob, ReviewProcessor } from "../queue/types.js";
import type { ClassifyAreas } from "./route/changed-areas.js";
import { countCalls, retrySecondaryRateLimits, type GitHub, type SecondaryRetryOptions } from "./client/octokit.js";
import { LookupCache } from "../lookup/cache.js";
import { lookupSettingsFromEnv, type LookupSettings } from "../lookup/settings.js";
import { runReviewJob, type ReviewJobOutcome, type ScannerProvider } from "./job.js";

export { cachedScannerProvider };

export interface ReviewStats {
  /** GitHub API requests this review made (installation-token exchanges not included). */
  apiCalls: number;
  routes: readonly string[];
  /** Installation-token exchanges during this review (0 while Probot's cached token is valid). */
  tokenRequests: number;
  durationMs: number;
}

export interface WorkerOptions {
  getScanner?: ScannerProvider | undefined;
  /** Worker threads that run the analyses (createApp makes one from the environment); null or absent: the event loop does, with getScanner. */
  analysisPool?: AnalysisPool | null | undefined;
  inProgressAfterMs?: number | undefined;
  errorConclusion?: "failure" | "neutral" | undefined;
  /** The area classifier used for approvals' stale areas (default: the core's). */
  classifyAreas?: ClassifyAreas | undefined;
  /** Retries of requests that hit a secondary rate limit (tests shorten the waits). */
  secondaryRetry?: SecondaryRetryOptions | undefined;
  /** Registry and advisory look-ups (default: from AIGUARD_* environment variables, one cache per process). */
  dependencyLookup?: LookupSettings | undefined;
  /** Called after each job (tests, metrics, the benchmark). */
  onReviewDone?: ((job: ReviewJob, outcome: ReviewJobOutcome, stats: ReviewStats) => void) | undefined;
}

/** Run one job with a given client and report its cost (shared by the App and the benchmark). */
export async function processReviewJob(
  octokit: GitHub,
  job: ReviewJob,
  opts: WorkerOptions & { getScanner: ScannerProvider; signal?: AbortSignal | undefined; log?: Logger | undefined },
): Promise<{ outcome: ReviewJobOutcome; stats: ReviewStats }> {
  retrySecondaryRateLimits(octokit, opts.secondaryRetry);
  const counter = countCalls(octokit);
  const started = performance.now();
  const outcome = await runReviewJob(job, {
    octokit,
    getScanner: opts.getScanner,
    analyzer: opts.analysisPool?.analyze,
    signal: opts.signal,
    log: opts.log,
    inProgressAfterMs: opts.inProgressAfterMs,
    errorConclusion: opts.errorConclusion,
    classifyAreas: opts.classifyAreas,
    dependencyLookup: opts.dependencyLookup,
  });
  const stats: ReviewStats = {
    apiCalls: counter.count,
    routes: [...counter.routes],
    tokenRequests: counter.tokenRequests,
    durationMs: Math.round(performance.now() - started),
  };
  return { outcome, stats };
}

export function createReviewWorker(app: Probot, options: WorkerOptions = {}): ReviewProcessor {
  const getScanner = options.getScanner ?? cachedScannerProvider();
  // One look-up cache for the process: the same package asked by many PRs is fetched once per TTL.
  const dependencyLookup = options.dependencyLookup ?? {
    ...lookupSettingsFromEnv(process.env),
    cache: new LookupCache(),
  };
  options = { ...options, dependencyLookup };
  return async (job, { signal }) => {
    const log = app.log.child({
      name: "review",
      pr: `${job.owner}/${job.repo}#${job.pullNumber}`,
      sha: job.headSha.slice(0, 7),
      delivery: job.deliveryId,
    });
    let octokit: GitHub;
    try {
      octokit = (await app.auth(job.installationId)) as GitHub;
    } catch (err) {
      log.error({ err }, "could not authenticate as the installation; review skipped");
      return;
    }
    const { outcome, stats } = await processReviewJob(octokit, job, { ...options, getScanner, signal, log });
    const { status } = outcome;
    log.info(
      {
        status,
        conclusion: "conclusion" in outcome ? outcome.conclusion : undefined,
        apiCalls: stats.apiCalls,
        durationMs: stats.durationMs,
      },
      `review ${status}: ${stats.apiCalls} GitHub API calls in ${stats.durationMs} ms`,
    );
    log.debug({ routes: stats.routes }, "GitHub API calls of this review");
    options.onReviewDone?.(job, outcome, stats);
  };
}

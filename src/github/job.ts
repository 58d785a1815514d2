// One review job, start to finish: gather -> the pipeline (enrich -> analyze -> decide ->
// approvals) -> route (review requests) -> publish (check run with annotations, labels, comment).
// Whatever happens, a check run that was started is completed; errors never escape.
import type { Logger } from "probot";
import type { Change } from "../core/change.js";
import { lookupDependencies } from "../lookup/index.js";
import type { LookupSettings } from "../lookup/settings.js";
import {
  type Analyzer,
  type ApprovalsProvider,
  type ReviewResult,
  reviewChange,
  type ScannerProvider,
} from "../pipeline.js";
import { QueueClosedError, type ReviewJob, SupersededError } from "../queue/types.js";
import { buildAnnotations } from "../report/annotations.js";
import {
  errorOutput,
  invalidConfigOutput,
  reviewOutput,
  shutdownOutput,
  supersededOutput,
} from "../report/check-run.js";
import { describeError } from "./client/errors.js";
import type { GitHub } from "./client/octokit.js";
import { dependencyReviewProvider } from "./gather/dependency-review.js";
import { gatherPullRequest } from "./gather/index.js";
import { CheckRunWriter } from "./publish/check-run.js";
import { type ClassifyAreas, classifyAreas as defaultClassifyAreas } from "./route/changed-areas.js";
import { Router } from "./route/router.js";

export type { ScannerProvider };

export interface ReviewJobDeps {
  octokit: GitHub;
  getScanner: ScannerProvider;
  /** Runs the analysis off the event loop (the App's worker threads); absent: in-process with getScanner. */
  analyzer?: Analyzer | undefined;
  signal?: AbortSignal | undefined;
  log?: Logger | undefined;
  /** Create the check run `in_progress` if the review takes longer than this (default 1000 ms). */
  inProgressAfterMs?: number | undefined;
  /** Conclusion of a review that failed on an API or internal error (default `failure`: fail closed). */
  errorConclusion?: "failure" | "neutral" | undefined;
  /** Classifies the changes pushed after an approval into areas (default: the core's classifier). */
  classifyAreas?: ClassifyAreas | undefined;
  /** Registry and advisory look-ups; absent: offline (only the offline dependency checks run). */
  dependencyLookup?: LookupSettings | undefined;
}

export type ReviewJobOutcome =
  | {
      status: "reviewed";
      conclusion: string;
      findings: number;
      annotations: number;
      labels: string[];
      result: ReviewResult;
    }
  | { status: "invalid-config"; conclusion: "failure"; errors: number }
  | { status: "cancelled"; reason: string; checkRunWritten: boolean }
  | { status: "error"; conclusion: string; error: string };

export async function runReviewJob(job: ReviewJob, deps: ReviewJobDeps): Promise<ReviewJobOutcome> {
  const { octokit, signal, log } = deps;
  const check = new CheckRunWriter(octokit, job, { inProgressAfterMs: deps.inProgressAfterMs, log });
  check.start();
  try {
    // 1. Gather: the PR's files, contents and the policy at its base.
    const gathered = await gatherPullRequest(octokit, job, { signal });
    signal?.throwIfAborted();
    if (!gathered.ok) {
      const { conclusion, output } = invalidConfigOutput(job, gathered.errors, gathered.warnings);
      await check.complete(conclusion, output);
      return { status: "invalid-config", conclusion: "failure", errors: gathered.errors.length };
    }
    const { change } = gathered;
    const router = routerFor(change, deps, job);
    // 2. The pipeline, with the App's enrichment: registry facts, GitHub's dependency review, the PR's approvals.
    const notes: string[] = [];
    const result = await reviewChange(change, {
      scanner: deps.getScanner,
      analyzer: deps.analyzer,
      lookup: async (c) => (await lookupDependencies(c.files, c.config, lookupOptions(deps, job))).facts,
      clock: () => new Date(),
      approvals: approvalsFrom(router, (what, fallback) => softly(deps, notes, what, fallback)),
      signal,
    });
    // 3. Route: ask the tier's reviewers (an API error leaves a note, never a pass).
    notes.push(
      ...(await router
        .requestReviewers(result.decision)
        .catch(softly(deps, notes, "request reviewers", [] as string[]))),
    );
    result.review.notes.push(...notes);
    signal?.throwIfAborted();
    // 4. Publish: the check run is the review's record; labels or a comment that cannot be written are logged.
    const annotations = buildAnnotations(result.review.findings, result.review.dependencies);
    await check.complete(
      result.review.conclusion,
      reviewOutput(result, gathered.configWarnings, gathered.policy),
      annotations,
    );
    await router.finish(result);
    return {
      status: "reviewed",
      conclusion: result.review.conclusion,
      findings: result.review.findings.length,
      annotations: annotations.length,
      labels: result.decision.labels,
      result,
    };
  } catch (err) {
    return await failed(err, check, job, deps);
  } finally {
    check.dispose();
  }
}

function lookupOptions(deps: ReviewJobDeps, job: ReviewJob) {
  const { octokit, signal } = deps;
  const target = { owner: job.owner, repo: job.repo, baseSha: job.baseSha, headSha: job.headSha };
  return {
    ...deps.dependencyLookup,
    offline: deps.dependencyLookup?.offline ?? true,
    signal,
    advisoryProvider: dependencyReviewProvider(octokit, target, { signal }),
  };
}

function routerFor(change: Change, deps: ReviewJobDeps, job: ReviewJob): Router {
  const headContents = new Map(
    change.files.flatMap((f) => (f.headContent !== undefined ? [[f.path, f.headContent] as const] : [])),
  );
  return new Router({
    octokit: deps.octokit,
    job,
    config: change.config,
    classifyAreas: deps.classifyAreas ?? defaultClassifyAreas,
    headContents,
    signal: deps.signal,
    log: deps.log,
  });
}

type Softly = <T>(what: string, fallback: T) => (err: unknown) => T;

/** The PR's approvals; an API error counts none (fail closed) and says so in a note. */
function approvalsFrom(router: Router, soft: Softly): ApprovalsProvider {
  return (decision) =>
    router.approvals(decision).catch(soft("read the pull request's approvals", { approvals: [], notes: [] }));
}

/** An API error while routing: logged and noted, the decision left as it is. Aborts still abort. */
function softly<T>(deps: ReviewJobDeps, notes: string[], what: string, fallback: T): (err: unknown) => T {
  return (err: unknown): T => {
    if (deps.signal?.aborted) throw err;
    deps.log?.warn({ err }, `could not ${what}`);
    notes.push(`Could not ${what}: ${describeError(err, 300)}`);
    return fallback;
  };
}

/** A review superseded or shut down is cancelled; any other error completes the check run as failed. */
async function failed(
  err: unknown,
  check: CheckRunWriter,
  job: ReviewJob,
  deps: ReviewJobDeps,
): Promise<ReviewJobOutcome> {
  const { signal, log } = deps;
  const reason: unknown = signal?.aborted ? signal.reason : undefined;
  if (reason instanceof SupersededError || reason instanceof QueueClosedError) {
    const output =
      reason instanceof SupersededError
        ? supersededOutput(reason.supersededSha, reason.supersededBy)
        : shutdownOutput(job.headSha);
    const written = await check.cancel(output).catch((e: unknown) => {
      log?.error({ err: e }, "could not cancel the check run");
      return false;
    });
    return { status: "cancelled", reason: reason.message, checkRunWritten: written };
  }
  const message = describeError(err);
  log?.error({ err }, "review failed");
  const { conclusion, output } = errorOutput(job, message, deps.errorConclusion ?? "failure");
  await check
    .complete(conclusion, output)
    .catch((e: unknown) => log?.error({ err: e }, "could not complete the check run after an error"));
  return { status: "error", conclusion, error: message };
}

// One review job, start to finish: gather -> runReview -> (approvals -> runReview again) ->
// review requests -> check run (+ annotations) -> labels -> summary comment.
// Whatever happens, a check run that was started is completed; errors never escape.
import type { Logger } from "probot";
import type { Scanner, ScanResult, ScanTarget } from "../core/engine/scanner.js";
import type { RuleSource } from "../core/types.js";
import { QueueClosedError, SupersededError, type ReviewJob } from "../queue/types.js";
import { buildAnnotations } from "../report/annotations.js";
import { runReview, type ReviewResult } from "../pipeline.js";
import {
  errorOutput,
  invalidConfigOutput,
  reviewOutput,
  shutdownOutput,
  supersededOutput,
} from "../report/check-run.js";
import { CheckRunWriter } from "./publish/check-run.js";
import { describeError } from "./client/errors.js";
import { lookupDependencies } from "../lookup/index.js";
import type { LookupSettings } from "../lookup/settings.js";
import { dependencyReviewProvider } from "./gather/dependency-review.js";
import { gatherReviewInput } from "./gather/index.js";
import { classifyAreas as defaultClassifyAreas, type ClassifyAreas } from "./route/changed-areas.js";
import type { GitHub } from "./client/octokit.js";
import { needsApprovals, Router } from "./route/router.js";

export type ScannerProvider = (customRules: RuleSource[]) => Promise<{ scanner: Scanner; notes: string[] }>;

export interface ReviewJobDeps {
  octokit: GitHub;
  getScanner: ScannerProvider;
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

/**
 * The same scanner, remembering each file's result for the job: a review that is run again
 * with the PR's approvals does not scan again.
 */
function rememberingScanner(scanner: Scanner): Scanner {
  const seen = new Map<string, ScanResult>();
  const copy = (r: ScanResult): ScanResult => ({
    ...r,
    findings: r.findings.map((f) => ({ ...f })),
    notes: [...r.notes],
  });
  return {
    scan(target: ScanTarget): ScanResult {
      const key = `${target.path}\0${[...target.changedLines].join(",")}\0${target.content}`;
      let r = seen.get(key);
      if (!r) {
        r = scanner.scan(target);
        seen.set(key, r);
      }
      return copy(r);
    },
    rules: () => scanner.rules(),
  };
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
    const gathered = await gatherReviewInput(octokit, job, { signal });
    signal?.throwIfAborted();
    if (!gathered.ok) {
      const { conclusion, output } = invalidConfigOutput(job, gathered.errors, gathered.warnings);
      await check.complete(conclusion, output);
      return { status: "invalid-config", conclusion: "failure", errors: gathered.errors.length };
    }
    const input = gathered.input;
    const [{ scanner, notes: scannerNotes }, looked] = await Promise.all([
      deps.getScanner(gathered.customRules),
      lookupDependencies(input.files, input.config, {
        ...deps.dependencyLookup,
        offline: deps.dependencyLookup?.offline ?? true,
        signal,
        advisoryProvider: dependencyReviewProvider(
          octokit,
          { owner: job.owner, repo: job.repo, baseSha: job.baseSha, headSha: job.headSha },
          { signal },
        ),
      }),
    ]);
    input.notes.push(...scannerNotes);
    input.dependencyFacts = looked.facts;
    input.now = new Date().toISOString();
    signal?.throwIfAborted();
    const memo = rememberingScanner(scanner);
    let result = runReview(input, memo);
    signal?.throwIfAborted();

    const headContents = new Map(
      input.files.flatMap((f) => (f.headContent !== undefined ? [[f.path, f.headContent] as const] : [])),
    );
    const router = new Router({
      octokit,
      job,
      config: input.config,
      classifyAreas: deps.classifyAreas ?? defaultClassifyAreas,
      headContents,
      signal,
      log,
    });
    const notes: string[] = [];
    // An API error while routing leaves the decision as it is (approvals not counted: fail closed) with a note.
    const softly =
      <T>(what: string, fallback: T) =>
      (err: unknown): T => {
        if (signal?.aborted) throw err;
        log?.warn({ err }, `could not ${what}`);
        notes.push(`Could not ${what}: ${describeError(err, 300)}`);
        return fallback;
      };
    if (needsApprovals(result.decision, input)) {
      const found = await router
        .approvals(result.decision)
        .catch(softly("read the pull request's approvals", { approvals: [], notes: [] }));
      notes.push(...found.notes);
      if (found.approvals.length > 0) {
        input.approvals = found.approvals;
        result = runReview(input, memo);
      }
      signal?.throwIfAborted();
    }
    notes.push(...(await router.requestReviewers(result.decision).catch(softly("request reviewers", [] as string[]))));
    result.review.notes.push(...notes);
    signal?.throwIfAborted();

    const annotations = buildAnnotations(result.review.findings, result.review.dependencies);
    await check.complete(
      result.review.conclusion,
      reviewOutput(result, gathered.configWarnings, gathered.policy),
      annotations,
    );
    const labels = result.decision.labels;
    // The check run is the review's record: labels or a comment that cannot be written are logged, not fatal.
    await router.finish(result);
    return {
      status: "reviewed",
      conclusion: result.review.conclusion,
      findings: result.review.findings.length,
      annotations: annotations.length,
      labels,
      result,
    };
  } catch (err) {
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
  } finally {
    check.dispose();
  }
}

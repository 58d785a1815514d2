// One review job, start to finish: gather -> runReview -> check run (+ annotations) -> labels.
// Whatever happens, a check run that was started is completed; errors never escape.
import type { Logger } from "probot";
import type { Scanner } from "../core/engine/scanner.js";
import type { RuleSource } from "../core/types.js";
import { QueueClosedError, SupersededError, type ReviewJob } from "../queue/types.js";
import { buildAnnotations } from "../report/annotations.js";
import { runReview, type ReviewResult } from "../review.js";
import { errorOutput, invalidConfigOutput, reviewOutput, shutdownOutput, supersededOutput } from "./check-output.js";
import { CheckRunWriter } from "./check-run.js";
import { describeError } from "./errors.js";
import { gatherReviewInput } from "./gather.js";
import { addLabels } from "./labels.js";
import type { GitHub } from "./octokit.js";

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
}

export type ReviewJobOutcome =
  | { status: "reviewed"; conclusion: string; findings: number; annotations: number; labels: string[]; result: ReviewResult }
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
    const { scanner, notes } = await deps.getScanner(gathered.customRules);
    gathered.input.notes.push(...notes);
    signal?.throwIfAborted();
    const result = runReview(gathered.input, scanner);
    signal?.throwIfAborted();

    const annotations = buildAnnotations(result.review.findings);
    await check.complete(result.review.conclusion, reviewOutput(result, gathered.configWarnings), annotations);
    const labels = result.decision.labels;
    if (labels.length > 0) {
      // The check run is the review's record; a label that cannot be added is logged, not fatal.
      await addLabels(octokit, job, labels).catch((err: unknown) => log?.warn({ err }, "could not add labels"));
    }
    return { status: "reviewed", conclusion: result.review.conclusion, findings: result.review.findings.length, annotations: annotations.length, labels, result };
  } catch (err) {
    const reason: unknown = signal?.aborted ? signal.reason : undefined;
    if (reason instanceof SupersededError || reason instanceof QueueClosedError) {
      const output = reason instanceof SupersededError ? supersededOutput(reason.supersededSha, reason.supersededBy) : shutdownOutput(job.headSha);
      const written = await check.cancel(output).catch((e: unknown) => {
        log?.error({ err: e }, "could not cancel the check run");
        return false;
      });
      return { status: "cancelled", reason: reason.message, checkRunWritten: written };
    }
    const message = describeError(err);
    log?.error({ err }, "review failed");
    const { conclusion, output } = errorOutput(job, message, deps.errorConclusion ?? "failure");
    await check.complete(conclusion, output).catch((e: unknown) => log?.error({ err: e }, "could not complete the check run after an error"));
    return { status: "error", conclusion, error: message };
  } finally {
    check.dispose();
  }
}

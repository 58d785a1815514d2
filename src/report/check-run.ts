// What the check run says in each outcome: a finished review, an invalid config, an
// error, a superseded review. Review Markdown comes from the shared report renderer.
import { formatProblem, type ConfigProblem } from "../core/policy/config.js";
import { checkTitle, renderMarkdown, SUMMARY_LIMIT, TITLE_LIMIT } from "./markdown.js";
import { failedReview, type ReviewResult } from "../pipeline.js";
import type { ReviewJob } from "../queue/types.js";
import type { Conclusion } from "../core/types.js";
import type { CheckAnnotation } from "./annotations.js";
import { renderPolicy, type PolicyInEffect } from "./policy-summary.js";
import { plural } from "../core/text.js";

/** A check run's conclusion: a review's, or `cancelled` when a newer push superseded it. */
export type CheckConclusion = Conclusion | "cancelled";

export interface CheckOutput {
  title: string;
  summary: string;
  annotations?: CheckAnnotation[] | undefined;
}

function bound(o: CheckOutput): CheckOutput {
  const title = o.title.length > TITLE_LIMIT ? `${o.title.slice(0, TITLE_LIMIT - 1)}…` : o.title;
  const summary =
    o.summary.length > SUMMARY_LIMIT ? `${o.summary.slice(0, SUMMARY_LIMIT - 30)}\n\n_…summary truncated._` : o.summary;
  return { title, summary };
}

/** The review's Markdown, then the policy in effect (folded), together within GitHub's limit. */
export function reviewOutput(
  result: ReviewResult,
  configWarnings: readonly ConfigProblem[],
  policy?: PolicyInEffect | undefined,
): CheckOutput {
  const folded = policy ? `\n\n${renderPolicy(policy)}` : "";
  return bound({
    title: checkTitle(result),
    summary:
      renderMarkdown(result, {
        maxChars: SUMMARY_LIMIT - folded.length,
        configWarnings: configWarnings.map(formatProblem),
      }) + folded,
  });
}

export function invalidConfigOutput(
  job: ReviewJob,
  errors: readonly ConfigProblem[],
  warnings: readonly ConfigProblem[],
): { conclusion: CheckConclusion; output: CheckOutput } {
  const n = errors.length;
  const notes = [
    `Invalid aiguard configuration: ${plural(n, "problem")}; nothing was analysed`,
    ...errors.map(formatProblem),
  ];
  const result = failedReview(job.baseSha, job.headSha, "failure", notes);
  return {
    conclusion: "failure",
    output: bound({
      title: checkTitle(result),
      summary: renderMarkdown(result, { maxChars: SUMMARY_LIMIT, configWarnings: warnings.map(formatProblem) }),
    }),
  };
}

export function errorOutput(
  job: ReviewJob,
  message: string,
  conclusion: "failure" | "neutral",
): { conclusion: CheckConclusion; output: CheckOutput } {
  const result = failedReview(job.baseSha, job.headSha, conclusion, [
    `The review could not complete: ${message}`,
    "Re-run this check to try again.",
  ]);
  return {
    conclusion,
    output: bound({ title: checkTitle(result), summary: renderMarkdown(result, { maxChars: SUMMARY_LIMIT }) }),
  };
}

export function supersededOutput(oldSha: string, newSha: string): CheckOutput {
  return {
    title: `Superseded by ${newSha.slice(0, 7)}`,
    summary: `This review of \`${oldSha}\` was cancelled: the pull request's head moved to \`${newSha}\`, which is reviewed instead.`,
  };
}

export function shutdownOutput(sha: string): CheckOutput {
  return {
    title: "Cancelled: aiguard was shutting down",
    summary: `The review of \`${sha}\` was cancelled because aiguard was shutting down. Re-run this check to review it.`,
  };
}

// What every webhook handler gets: the queue to put reviews on and the redelivery filter.
import type { Context } from "probot";
import { retrySecondaryRateLimits, type GitHub } from "../github/octokit.js";
import type { DeliveryDedupe } from "../queue/dedupe.js";
import type { ReviewJob, ReviewQueue } from "../queue/types.js";

export interface HandlerDeps {
  queue: ReviewQueue;
  dedupe: DeliveryDedupe;
}

/** True (and logged) when this delivery id was handled before: GitHub redelivered it. */
export function isRedelivery(context: Context, deps: HandlerDeps): boolean {
  if (!deps.dedupe.seen(context.id)) return false;
  context.log.info({ delivery: context.id, event: context.name }, "redelivered webhook ignored: this delivery was already handled");
  return true;
}

export async function enqueue(context: Context, deps: HandlerDeps, job: ReviewJob): Promise<void> {
  const outcome = await deps.queue.enqueue(job);
  context.log.info({ pr: `${job.owner}/${job.repo}#${job.pullNumber}`, sha: job.headSha.slice(0, 7), trigger: job.trigger, outcome }, "review queued");
}

/** The event's installation client, retrying secondary rate limits like the review worker does. */
export function github(context: Context): GitHub {
  return retrySecondaryRateLimits(context.octokit as GitHub);
}

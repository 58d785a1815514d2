// What every webhook handler gets (the queue to put reviews on, the redelivery filter) and the few steps they share.
import type { Context } from "probot";
import { retrySecondaryRateLimits, type GitHub } from "../github/client/octokit.js";
import type { DeliveryDedupe } from "../queue/dedupe.js";
import type { PullRef } from "../github/gather/pulls.js";
import type { ReviewJob, ReviewQueue } from "../queue/types.js";

export interface HandlerServices {
  queue: ReviewQueue;
  dedupe: DeliveryDedupe;
}

/** True (and logged) when this delivery id was handled before: GitHub redelivered it. */
export function isRedelivery(context: Context, deps: HandlerServices): boolean {
  if (!deps.dedupe.seen(context.id)) return false;
  context.log.info(
    { delivery: context.id, event: context.name },
    "redelivered webhook ignored: this delivery was already handled",
  );
  return true;
}

export async function enqueue(context: Context, deps: HandlerServices, job: ReviewJob): Promise<void> {
  const outcome = await deps.queue.enqueue(job);
  context.log.info(
    { pr: `${job.owner}/${job.repo}#${job.pullNumber}`, sha: job.headSha.slice(0, 7), trigger: job.trigger, outcome },
    "review queued",
  );
}

/** Queue a review of `pr`'s head, in the repository and installation the event came from. */
export async function enqueuePull(
  context: Context,
  deps: HandlerServices,
  where: { owner: string; repo: string; installationId: number },
  pr: PullRef,
  trigger: string,
): Promise<void> {
  await enqueue(context, deps, {
    ...where,
    pullNumber: pr.number,
    headSha: pr.headSha,
    baseSha: pr.baseSha,
    draft: pr.draft,
    deliveryId: context.id,
    changedFiles: pr.changedFiles,
    trigger,
    pull: pr.pull,
  });
}

/** The event's installation client, retrying secondary rate limits like the review worker does. */
export function github(context: Context): GitHub {
  return retrySecondaryRateLimits(context.octokit as GitHub);
}

// The review queue: a transport-neutral interface. Jobs are plain JSON so that an
// in-process queue (memory.ts) and a Redis-backed one (later) can carry the same data.

/**
 * What the webhook said about the PR, so routing (labels, reviewers, comment) costs no extra
 * reads. A snapshot: it may be a few seconds old. Plain JSON.
 */
export interface PullSnapshot {
  /** The PR author's login (never asked to review their own PR). */
  author: string;
  /** Label names on the PR. */
  labels: string[];
  /** Logins whose review is currently requested. */
  requestedUsers: string[];
  /** Team slugs whose review is currently requested. */
  requestedTeams: string[];
  /** Issue comments on the PR, when the payload says (0: no summary comment can exist yet). */
  comments?: number | undefined;
}

/** Everything a worker needs to review one pull request at one head commit. Plain JSON. */
export interface ReviewJob {
  owner: string;
  repo: string;
  installationId: number;
  pullNumber: number;
  headSha: string;
  baseSha: string;
  draft: boolean;
  /** The X-GitHub-Delivery id of the webhook that asked for this review. */
  deliveryId: string;
  /** `pull_request.changed_files` when the webhook carried it (to tell when GitHub's listing is cut short). */
  changedFiles?: number | undefined;
  /** What asked for the review, for logs: "pull_request.opened", "check_suite.rerequested", … */
  trigger?: string | undefined;
  /** The PR as the triggering event (or a fetch) saw it; absent: routing does not remove labels. */
  pull?: PullSnapshot | undefined;
}

export interface JobContext {
  /** Aborted when a newer head commit of the same PR supersedes this job (reason: SupersededError). */
  signal: AbortSignal;
}

export type ReviewProcessor = (job: ReviewJob, ctx: JobContext) => Promise<void>;

export type EnqueueOutcome =
  /** A new job was queued. */
  | "queued"
  /** A queued (not yet started) job of the same PR was replaced by this one. */
  | "replaced-queued"
  /** The PR's running job keeps running; this job runs after it (same head commit, e.g. a re-run). */
  | "queued-after-running"
  /** The PR's running job (an older head commit) is being aborted; this job runs next. */
  | "superseded-running";

export interface ReviewQueue {
  enqueue(job: ReviewJob): Promise<EnqueueOutcome>;
  /** Resolves when nothing is queued or running. */
  onIdle(): Promise<void>;
  /** Stop taking work: drop what is queued, abort what runs, wait for it to settle. */
  close(): Promise<void>;
}

/** Jobs with the same key are serialised and supersede each other. */
export function jobKey(job: Pick<ReviewJob, "owner" | "repo" | "pullNumber">): string {
  return `${job.owner.toLowerCase()}/${job.repo.toLowerCase()}#${job.pullNumber}`;
}

/** The abort reason given to a running job when a newer head commit arrives. */
export class SupersededError extends Error {
  override readonly name = "SupersededError";
  constructor(
    readonly supersededSha: string,
    readonly supersededBy: string,
  ) {
    super(`review of ${supersededSha.slice(0, 7)} superseded by ${supersededBy.slice(0, 7)}`);
  }
}

/** Abort reason when the queue shuts down. */
export class QueueClosedError extends Error {
  override readonly name = "QueueClosedError";
  constructor() {
    super("the review queue is shutting down");
  }
}

// In-process ReviewQueue: bounded concurrency (p-queue), one slot per PR.
// Per PR there is at most one running job and one pending job. A newer job replaces the
// pending one; when its head commit differs from the running job's, the running job is
// aborted (its AbortSignal carries a SupersededError) so the new commit is reviewed next.
import PQueue from "p-queue";
import type { Logger } from "probot";
import {
  jobKey,
  QueueClosedError,
  SupersededError,
  type EnqueueOutcome,
  type ReviewJob,
  type ReviewProcessor,
  type ReviewQueue,
} from "./types.js";

export interface MemoryQueueOptions {
  /** Reviews that may run at once (default 4). */
  concurrency?: number | undefined;
  log?: Logger | undefined;
}

interface Slot {
  running?: { job: ReviewJob; controller: AbortController } | undefined;
  pending?: ReviewJob | undefined;
  /** Whether a p-queue task has been added for `pending`. */
  scheduled: boolean;
}

export class MemoryReviewQueue implements ReviewQueue {
  readonly #pq: PQueue;
  readonly #slots = new Map<string, Slot>();
  readonly #process: ReviewProcessor;
  readonly #log: Logger | undefined;
  #closed = false;

  constructor(process: ReviewProcessor, options: MemoryQueueOptions = {}) {
    this.#process = process;
    this.#log = options.log;
    this.#pq = new PQueue({ concurrency: Math.max(1, options.concurrency ?? 4) });
  }

  async enqueue(job: ReviewJob): Promise<EnqueueOutcome> {
    if (this.#closed) throw new QueueClosedError();
    const key = jobKey(job);
    let slot = this.#slots.get(key);
    if (!slot) {
      slot = { scheduled: false };
      this.#slots.set(key, slot);
    }
    const replaced = slot.pending;
    slot.pending = job;
    if (replaced) {
      this.#log?.info(
        { key, replaced: replaced.headSha, by: job.headSha },
        "queued review replaced by a newer request",
      );
    }
    if (slot.running) {
      if (slot.running.job.headSha !== job.headSha) {
        if (!slot.running.controller.signal.aborted) {
          slot.running.controller.abort(new SupersededError(slot.running.job.headSha, job.headSha));
        }
        return "superseded-running";
      }
      return replaced ? "replaced-queued" : "queued-after-running";
    }
    if (!slot.scheduled) this.#schedule(key, slot);
    return replaced ? "replaced-queued" : "queued";
  }

  #schedule(key: string, slot: Slot): void {
    slot.scheduled = true;
    void this.#pq.add(() => this.#run(key, slot));
  }

  async #run(key: string, slot: Slot): Promise<void> {
    slot.scheduled = false;
    const job = slot.pending;
    slot.pending = undefined;
    if (!job || this.#closed) {
      this.#release(key, slot);
      return;
    }
    const controller = new AbortController();
    slot.running = { job, controller };
    try {
      await this.#process(job, { signal: controller.signal });
    } catch (err) {
      // A processor should handle its own errors; the queue never lets one escape.
      this.#log?.error({ err, key, sha: job.headSha }, "review job failed");
    } finally {
      slot.running = undefined;
      // Schedule the follow-up before this task settles, so onIdle() never resolves in between.
      if (slot.pending && !this.#closed) this.#schedule(key, slot);
      else this.#release(key, slot);
    }
  }

  #release(key: string, slot: Slot): void {
    if (!slot.running && !slot.pending && !slot.scheduled && this.#slots.get(key) === slot) this.#slots.delete(key);
  }

  /** Number of PRs with a queued or running review (for tests and metrics). */
  get size(): number {
    return this.#slots.size;
  }

  onIdle(): Promise<void> {
    return this.#pq.onIdle();
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const slot of this.#slots.values()) {
      slot.pending = undefined;
      if (slot.running && !slot.running.controller.signal.aborted)
        slot.running.controller.abort(new QueueClosedError());
    }
    await this.#pq.onIdle();
  }
}

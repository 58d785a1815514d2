// Probot entry: wires the queue to the review worker, registers the webhook handlers, the
// webhook front door (size cap, signature, payload checks) and the /healthz route. Nothing else lives here.
import type { ApplicationFunction, Logger, Probot } from "probot";
import { type AnalysisPool, analysisPoolFromEnv } from "./analysis/pool.js";
import { createReviewWorker, type WorkerOptions } from "./github/worker.js";
import { healthz, installWebhookDoor, registerHandlers } from "./handlers/index.js";
import { DeliveryDedupe } from "./queue/dedupe.js";
import { MemoryReviewQueue } from "./queue/memory.js";
import type { ReviewProcessor, ReviewQueue } from "./queue/types.js";

export interface AppOptions extends WorkerOptions {
  /** Build the queue around the worker (default: in-process, `concurrency` at a time). */
  createQueue?: ((process: ReviewProcessor, log: Logger) => ReviewQueue) | undefined;
  /** Reviews run at once by the default queue (default 4, or env AIGUARD_CONCURRENCY). */
  concurrency?: number | undefined;
  /** Delivery ids remembered for redelivery detection (default 5000). */
  dedupeCapacity?: number | undefined;
  /** Receives the queue once it exists (the server closes it on shutdown). */
  onQueue?: ((queue: ReviewQueue) => void) | undefined;
}

export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot, { addHandler }) => {
    const concurrency = options.concurrency ?? (Number(process.env.AIGUARD_CONCURRENCY) || 4);
    // Analyses run in worker threads (AIGUARD_ANALYSIS_THREADS, default min(2, CPUs - 1)) unless told otherwise.
    const ownPool = options.analysisPool === undefined ? analysisPoolFromEnv(process.env) : null;
    const processor = createReviewWorker(app, { ...options, analysisPool: ownPool ?? options.analysisPool });
    const reviews =
      options.createQueue?.(processor, app.log) ?? new MemoryReviewQueue(processor, { concurrency, log: app.log });
    const queue = ownPool ? closingPool(reviews, ownPool) : reviews;
    options.onQueue?.(queue);
    registerHandlers(app, { queue, dedupe: new DeliveryDedupe(options.dedupeCapacity) });
    installWebhookDoor(app);
    addHandler(healthz);
  };
}

/** The queue, whose close() also stops the App's analysis threads once the reviews have settled. */
function closingPool(queue: ReviewQueue, pool: AnalysisPool): ReviewQueue {
  return {
    enqueue: (job) => queue.enqueue(job),
    onIdle: () => queue.onIdle(),
    close: async () => {
      try {
        await queue.close();
      } finally {
        await pool.close();
      }
    },
  };
}

export default createApp();

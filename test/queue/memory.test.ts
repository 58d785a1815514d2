// The in-process queue: bounded concurrency, per-PR serialisation, superseding, idleness.
import { describe, expect, it } from "vitest";
import { DeliveryDedupe } from "../../src/queue/dedupe.js";
import { MemoryReviewQueue } from "../../src/queue/memory.js";
import { jobKey, QueueClosedError, SupersededError, type ReviewJob } from "../../src/queue/types.js";

const job = (over: Partial<ReviewJob> = {}): ReviewJob => ({
  owner: "o",
  repo: "r",
  installationId: 1,
  pullNumber: 1,
  headSha: "a".repeat(40),
  baseSha: "b".repeat(40),
  draft: false,
  deliveryId: "d",
  ...over,
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A processor that waits until released (or aborted), recording what it saw. */
function gatedProcessor() {
  const started: ReviewJob[] = [];
  const finished: Array<{ sha: string; aborted: unknown }> = [];
  const gates: Array<() => void> = [];
  let running = 0;
  let maxRunning = 0;
  const process = async (j: ReviewJob, { signal }: { signal: AbortSignal }) => {
    started.push(j);
    running++;
    maxRunning = Math.max(maxRunning, running);
    await new Promise<void>((resolve) => {
      gates.push(resolve);
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
    running--;
    finished.push({ sha: j.headSha, aborted: signal.aborted ? signal.reason : null });
  };
  return {
    process,
    started,
    finished,
    releaseAll: () => gates.splice(0).forEach((g) => g()),
    get maxRunning() {
      return maxRunning;
    },
  };
}

describe("MemoryReviewQueue", () => {
  it("runs at most `concurrency` reviews at once and resolves onIdle when all are done", async () => {
    const p = gatedProcessor();
    const q = new MemoryReviewQueue(p.process, { concurrency: 2 });
    for (let n = 1; n <= 5; n++) await q.enqueue(job({ pullNumber: n }));
    await sleep(10);
    expect(p.started).toHaveLength(2);
    const idle = q.onIdle();
    const timer = setInterval(p.releaseAll, 5);
    await idle;
    clearInterval(timer);
    expect(p.started.map((j) => j.pullNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(p.maxRunning).toBe(2);
    expect(q.size).toBe(0);
  });

  it("aborts a running review with SupersededError when a newer head of the same PR arrives, then runs the new head", async () => {
    const p = gatedProcessor();
    const q = new MemoryReviewQueue(p.process, { concurrency: 4 });
    expect(await q.enqueue(job({ headSha: "1".repeat(40) }))).toBe("queued");
    await sleep(5);
    expect(await q.enqueue(job({ headSha: "2".repeat(40) }))).toBe("superseded-running");
    await sleep(5);
    expect(p.finished[0]!.aborted).toBeInstanceOf(SupersededError);
    expect((p.finished[0]!.aborted as SupersededError).supersededBy).toBe("2".repeat(40));
    expect(p.started.map((j) => j.headSha[0])).toEqual(["1", "2"]);
    p.releaseAll();
    await q.onIdle();
    expect(p.finished.map((f) => [f.sha[0], f.aborted === null])).toEqual([
      ["1", false],
      ["2", true],
    ]);
  });

  it("replaces a queued review of the same PR: only the newest head runs", async () => {
    const p = gatedProcessor();
    const q = new MemoryReviewQueue(p.process, { concurrency: 1 });
    await q.enqueue(job({ pullNumber: 9 })); // occupies the worker
    expect(await q.enqueue(job({ headSha: "1".repeat(40) }))).toBe("queued");
    expect(await q.enqueue(job({ headSha: "2".repeat(40) }))).toBe("replaced-queued");
    expect(await q.enqueue(job({ headSha: "3".repeat(40) }))).toBe("replaced-queued");
    const timer = setInterval(p.releaseAll, 5);
    await q.onIdle();
    clearInterval(timer);
    expect(p.started.map((j) => `${j.pullNumber}:${j.headSha[0]}`)).toEqual(["9:a", "1:3"]);
  });

  it("runs a re-request of the same head after the running review instead of aborting it", async () => {
    const p = gatedProcessor();
    const q = new MemoryReviewQueue(p.process);
    await q.enqueue(job({ deliveryId: "first" }));
    await sleep(5);
    expect(await q.enqueue(job({ deliveryId: "rerun" }))).toBe("queued-after-running");
    const timer = setInterval(p.releaseAll, 5);
    await q.onIdle();
    clearInterval(timer);
    expect(p.finished.map((f) => f.aborted)).toEqual([null, null]);
    expect(p.started.map((j) => j.deliveryId)).toEqual(["first", "rerun"]);
  });

  it("keeps PRs independent and is keyed by repository and PR number", async () => {
    expect(jobKey(job({ owner: "Octo", repo: "App", pullNumber: 3 }))).toBe("octo/app#3");
    const p = gatedProcessor();
    const q = new MemoryReviewQueue(p.process, { concurrency: 4 });
    await q.enqueue(job({ repo: "r1" }));
    await q.enqueue(job({ repo: "r2", headSha: "2".repeat(40) }));
    await sleep(5);
    expect(p.started).toHaveLength(2);
    expect(p.finished).toEqual([]);
    p.releaseAll();
    await q.onIdle();
  });

  it("never lets a processor error escape", async () => {
    const q = new MemoryReviewQueue(async () => {
      throw new Error("boom");
    });
    await q.enqueue(job());
    await expect(q.onIdle()).resolves.toBeUndefined();
  });

  it("close() aborts running work, drops queued work and refuses new jobs", async () => {
    const p = gatedProcessor();
    const q = new MemoryReviewQueue(p.process, { concurrency: 1 });
    await q.enqueue(job({ pullNumber: 1 }));
    await q.enqueue(job({ pullNumber: 2 }));
    await sleep(5);
    await q.close();
    expect(p.started.map((j) => j.pullNumber)).toEqual([1]);
    expect(p.finished[0]!.aborted).toBeInstanceOf(QueueClosedError);
    await expect(q.enqueue(job())).rejects.toBeInstanceOf(QueueClosedError);
  });
});

describe("DeliveryDedupe", () => {
  it("remembers delivery ids in a bounded LRU", () => {
    const d = new DeliveryDedupe(2);
    expect(d.seen("a")).toBe(false);
    expect(d.seen("a")).toBe(true);
    expect(d.seen("b")).toBe(false);
    expect(d.seen("a")).toBe(true); // refreshes "a"
    expect(d.seen("c")).toBe(false); // evicts "b", the least recently seen
    expect(d.size).toBe(2);
    expect(d.seen("b")).toBe(false);
    expect(d.seen("a")).toBe(false); // "a" was evicted by "b"
  });
});

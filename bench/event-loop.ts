// Event-loop stalls under load: concurrent reviews (files of deeply nested arrays, and ordinary
// ones) through the App's job code against the simulated GitHub, while a local /healthz is pinged
// and the event loop's delay is sampled. Once with the analysis in the event loop (as before
// issue 10, item 12), once in the App's analysis threads.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { AnalysisPool } from "../src/analysis/pool.js";
import { cachedScannerProvider, processReviewJob } from "../src/github/worker.js";
import type { ReviewJob } from "../src/queue/types.js";
import { fakeGitHubFetch, type SimulatedPr, simulatedOctokit, syntheticPr } from "../test/helpers/github-sim.js";

/** Files of string arrays nested 1,000 deep (about a second of analysis each). */
function nestedPr(pullNumber: number): SimulatedPr {
  const line = (i: number) => `const a${i} = ${"['x', ".repeat(1000)}"y"${"]".repeat(1000)};`;
  const text = `${Array.from({ length: 40 }, (_, i) => line(i)).join("\n")}\n`;
  const files = Object.fromEntries([1, 2, 3].map((n) => [`src/nested${n}.js`, text]));
  return { ...syntheticPr(0), pullNumber, headSha: pullNumber.toString(16).padStart(40, "0"), files };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function jobOf(pr: SimulatedPr): ReviewJob {
  const { owner, repo, pullNumber, headSha, baseSha } = pr;
  const changedFiles = Object.keys(pr.files).length;
  return {
    owner,
    repo,
    pullNumber,
    headSha,
    baseSha,
    installationId: 1,
    draft: false,
    deliveryId: "bench",
    changedFiles,
  };
}

/** A /healthz on this event loop, and the slowest answer to a ping every 20 ms while `work` runs. */
async function whilePinging(
  work: () => Promise<unknown>,
): Promise<{ healthzMaxMs: number; pings: number; failures: number }> {
  const server = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
  let running = true;
  let healthzMaxMs = 0;
  let pings = 0;
  let failures = 0;
  const pinger = (async () => {
    while (running) {
      const started = performance.now();
      // A fresh connection each time: a keep-alive socket may be closed under a stalled loop.
      await fetch(url, { headers: { connection: "close" } })
        .then((res) => res.text())
        .catch(() => failures++);
      healthzMaxMs = Math.max(healthzMaxMs, performance.now() - started);
      pings++;
      await sleep(20);
    }
  })();
  try {
    await work();
  } finally {
    running = false;
    await pinger;
    await new Promise((r) => server.close(r));
  }
  return { healthzMaxMs, pings, failures };
}

/** Reviews the App's way, analysing in `pool` (null: in the event loop); rules compiled and threads started first. */
async function reviewer(pool: AnalysisPool | null): Promise<(prs: SimulatedPr[]) => Promise<string[]>> {
  const getScanner = cachedScannerProvider();
  const review = (pr: SimulatedPr) =>
    processReviewJob(simulatedOctokit(fakeGitHubFetch(pr)), jobOf(pr), {
      getScanner,
      analysisPool: pool,
      inProgressAfterMs: Number.POSITIVE_INFINITY,
    });
  await review(syntheticPr(1));
  return async (prs) => (await Promise.all(prs.map(review))).map((r) => r.outcome.status);
}

/** One line per mode: the longest and p99 event-loop stall, the slowest /healthz answer, the batch's time. */
export async function benchEventLoopStalls(): Promise<string[]> {
  const prs = [nestedPr(101), syntheticPr(20), nestedPr(102), { ...syntheticPr(20), pullNumber: 8 }];
  const lines: string[] = [];
  for (const mode of ["in the event loop", "in analysis threads"] as const) {
    const pool = mode === "in analysis threads" ? new AnalysisPool() : null;
    try {
      const reviewAll = await reviewer(pool);
      const delay = monitorEventLoopDelay({ resolution: 10 });
      let statuses: string[] = [];
      let wallMs = 0;
      const { healthzMaxMs, pings, failures } = await whilePinging(async () => {
        // The sampler needs a turn of the loop before and after the work to see a stall at all.
        delay.enable();
        await sleep(50);
        const started = performance.now();
        statuses = await reviewAll(prs);
        wallMs = performance.now() - started;
        await sleep(50);
        delay.disable();
      });
      const threads = pool ? ` (${pool.threads} thread${pool.threads === 1 ? "" : "s"})` : "";
      lines.push(
        `event-loop stall, 4 concurrent reviews (2 PRs of nested arrays, 2 of 20 files), analysis ${mode}${threads}: ` +
          `max ${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms; ` +
          `slowest /healthz ${healthzMaxMs.toFixed(0)} ms over ${pings} pings${failures ? ` (${failures} failed)` : ""}; batch ${wallMs.toFixed(0)} ms (${statuses.join(", ")})`,
      );
    } finally {
      await pool?.close();
    }
  }
  return lines;
}

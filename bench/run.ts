// `npm run bench`: prints the figures the closing notes quote. Measures, never asserts.
//  1. analysis time for a generated PR of 50 files and 1,000 changed lines;
//  2. memory across 1,000 reviews (trees must be freed: the figure should stay flat);
//  3. webhook-to-queued latency through Probot's real middleware;
//  4. GitHub API calls per review for a 20-file PR;
//  5. the longest event-loop stall while reviews of deeply nested arrays run (in-process vs threads);
//  6. the cost of a repository rule's regex on the linear-time engine (RE2).
import { benchCustomRuleRegex } from "./custom-regex.js";
import { benchEventLoopStalls } from "./event-loop.js";
import { benchDependencyAnalysis, benchDependencyLookups, benchLockfileFormats } from "./dependencies.js";
import { createScanner } from "../src/core/engine/index.js";
import { defaultConfig } from "../src/core/policy/schema.js";
import type { Change } from "../src/core/change.js";
import { reviewOffline } from "../test/helpers/review.js";
import { generatePr } from "./generate.js";
import { measureWebhookToQueued, runMockedReview, syntheticPr } from "../test/helpers/github-sim.js";

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function main(): Promise<void> {
  const reviews = Number(process.env.BENCH_REVIEWS) || 1000;
  const t0 = performance.now();
  const { scanner } = await createScanner();
  console.log(`scanner load (grammars + rules): ${(performance.now() - t0).toFixed(0)} ms`);

  const files = generatePr(50, 1000);
  const input: Change = {
    base: "base",
    head: "head",
    files,
    config: defaultConfig(),
    customRules: [],
    fullContext: true,
    draft: false,
    notes: [],
  };
  const lines = files.reduce((n, f) => n + f.additions, 0);

  // Warm up (JIT, query caches), then time.
  for (let i = 0; i < 5; i++) await reviewOffline(input, scanner);
  const times: number[] = [];
  let findings = 0;
  for (let i = 0; i < 50; i++) {
    const s = performance.now();
    findings = (await reviewOffline(input, scanner)).review.findings.length;
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(
    `analysis, ${files.length} files / ${lines} changed lines: median ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (${findings} findings)`,
  );

  console.log(await benchCustomRuleRegex(input));

  // Memory across many reviews.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const marks: string[] = [];
  let first = 0;
  for (let i = 1; i <= reviews; i++) {
    await reviewOffline(input, scanner);
    if (i === 50 || i % Math.max(1, Math.floor(reviews / 4)) === 0) {
      gc?.();
      const m = process.memoryUsage();
      if (i === 50) first = m.rss;
      marks.push(`${i}: rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}`);
    }
  }
  const last = process.memoryUsage().rss;
  console.log(
    `memory over ${reviews} reviews${gc ? "" : " (run with --expose-gc for steadier figures)"}: ${marks.join(" · ")}; rss change after review 50: ${mb(last - first)}`,
  );

  const latency = await measureWebhookToQueued({ iterations: 50 });
  console.log(
    `webhook-to-queued latency (signed HTTP webhook → job on queue, 50 runs): p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`,
  );

  const calls = await runMockedReview({ pr: syntheticPr(20) });
  console.log(
    `GitHub API calls per review, 20-file PR, no config: ${calls.stats.apiCalls} (${calls.stats.routes.join(", ")})`,
  );
  const big = await runMockedReview({ pr: syntheticPr(120) });
  console.log(`GitHub API calls per review, 120-file PR, no config: ${big.stats.apiCalls}`);

  for (const line of await benchEventLoopStalls()) console.log(line);

  console.log(benchDependencyAnalysis());
  console.log(benchLockfileFormats());
  for (const line of await benchDependencyLookups()) console.log(line);
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

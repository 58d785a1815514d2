// The benchmark's entry points: a mocked review's API cost, and webhook-to-queued latency.
import { describe, expect, it } from "vitest";
import { measureWebhookToQueued, runMockedReview, syntheticPr } from "./github-sim.js";
import { sharedScanner } from "./github.js";

describe("benchmark helpers", () => {
  it("runMockedReview reviews a 20-file PR without a config in 5 GitHub API calls", async () => {
    const { outcome, stats } = await runMockedReview({ getScanner: sharedScanner });
    expect(stats.apiCalls).toBe(5);
    expect(stats.tokenRequests).toBe(0);
    expect(outcome).toMatchObject({ status: "reviewed", conclusion: "failure" });
    expect((outcome as { findings: number }).findings).toBeGreaterThanOrEqual(4); // every fifth file builds SQL from input
  });

  it("runMockedReview pages the file list of a large PR", async () => {
    const { stats } = await runMockedReview({ pr: syntheticPr(120), getScanner: sharedScanner });
    // 2 pages of files, 2 config reads, 3 GraphQL batches, 1 check run, + annotation batches.
    expect(stats.routes.filter((r) => r.endsWith("/files"))).toHaveLength(2);
    expect(stats.routes.filter((r) => r === "POST /graphql")).toHaveLength(3);
  });

  it("measureWebhookToQueued times signed webhooks through Probot's middleware to the queue", async () => {
    const r = await measureWebhookToQueued({ iterations: 5 });
    expect(r.samplesMs).toHaveLength(5);
    expect(r.p50).toBeGreaterThan(0);
    expect(r.max).toBeGreaterThanOrEqual(r.p95);
  });
});

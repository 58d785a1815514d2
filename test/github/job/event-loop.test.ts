// Issue 10, item 12: a review of files of deeply nested arrays (seconds of synchronous parsing and
// rule matching) must not stall the App's event loop, which acknowledges webhooks and answers
// /healthz meanwhile. The App analyses in worker threads; the event loop only waits for the result.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReviewQueue } from "../../../src/queue/types.js";
import {
  addedFile,
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  sharedScanner,
  strictNock,
} from "../../helpers/github.js";

const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const { unmatched } = strictNock();

/** Lines of string arrays nested 1,000 deep: 120 lines are a few hundred ms of analysis. */
function nestedArrays(lines: number): string {
  const line = (i: number) => `const a${i} = ${"['x', ".repeat(1000)}"y"${"]".repeat(1000)};`;
  return `${Array.from({ length: lines }, (_, i) => line(i)).join("\n")}\n`;
}

const small = addedFile("src/small.js", "export const one = 1;\n");
// eight such files: well over a second of analysis in all, on a fast machine too
const heavy = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => addedFile(`src/nested${n}.js`, nestedArrays(120)));

/** A PR of `files`, answered once: listing, no config, contents, the check run. */
function pullOf(files: ReturnType<typeof addedFile>[]): RepoMock {
  return new RepoMock()
    .listFiles(2, files)
    .noConfig(BASE)
    .contents(Object.fromEntries(files.map((f) => [f.filename, { text: f.text }])))
    .createCheck();
}

beforeAll(async () => {
  // The in-event-loop scanner (what the App used before threads) is compiled before anything is timed.
  await sharedScanner([]);
});

describe("the App's event loop during a heavy review", () => {
  it("keeps turning: the longest stall is a small part of the analysis, which runs in a thread", async () => {
    let queue: ReviewQueue | undefined;
    // No analysisPool given: the App's default (threads, from the environment).
    const app = await createTestApp({ analysisPool: undefined, onQueue: (q) => (queue = q) });
    try {
      // A first, small review: the threads have compiled their rules before the measurement.
      mockInstallationToken();
      pullOf([small]);
      await app.receive("pull_request", pullRequestPayload("opened"));
      await app.idle();
      expect(app.done[0]!.outcome).toMatchObject({ status: "reviewed", conclusion: "success" });

      const gh = pullOf(heavy);
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      await app.receive("pull_request", pullRequestPayload("synchronize"));
      await app.idle();
      delay.disable();

      const outcome = app.done[1]!.outcome;
      expect(outcome).toMatchObject({ status: "reviewed", conclusion: "success" });
      expect(gh.checkCreates[0]).toMatchObject({ status: "completed", conclusion: "success" });
      const analysisMs = outcome.status === "reviewed" ? outcome.result.review.stats.durationMs : 0;
      const maxStallMs = delay.max / 1e6;
      // The analysis is long (seconds); before threads the loop stalled for all of it.
      expect(analysisMs).toBeGreaterThan(1000);
      expect(maxStallMs).toBeLessThan(Math.max(250, analysisMs / 4));
      expect(unmatched).toEqual([]);
    } finally {
      await queue?.close();
    }
  }, 240_000);
});

// The analysis threads (issue 10, item 12): the same Analysis as in the event loop, a hard time
// limit that terminates the thread, aborts, and a pool that keeps serving after either. A review
// whose analysis is stopped fails closed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnalysisFailedError, AnalysisPool } from "../../src/analysis/pool.js";
import { analyze } from "../../src/core/analyze.js";
import { defaultConfig } from "../../src/core/policy/schema.js";
import type { ChangedFile } from "../../src/core/types.js";
import { SupersededError } from "../../src/queue/types.js";
import {
  addedFile,
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  sharedScanner,
  strictNock,
} from "../helpers/github.js";
import { changeOf } from "../helpers/review.js";

const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
strictNock();

function changed(path: string, text: string): ChangedFile {
  const f = addedFile(path, text);
  return { path, status: "added", additions: f.additions, deletions: 0, patch: f.patch, headContent: text };
}

/** Seconds of analysis: 400 lines of string arrays nested 1,000 deep (well over the 1 s limit below). */
const nested = `${Array.from({ length: 400 }, (_, i) => `const a${i} = ${"['x', ".repeat(1000)}"y"${"]".repeat(1000)};`).join("\n")}\n`;
const heavy = changeOf(
  [1, 2, 3].map((n) => changed(`src/nested${n}.js`, nested)),
  defaultConfig(),
);
const risky = changeOf(
  [
    changed(
      "src/pay.js",
      'const stripe = require("stripe");\nexport const q = (req) => db.query("SELECT * FROM u WHERE id = " + req.query.id);\n',
    ),
  ],
  defaultConfig(),
);

let pool: AnalysisPool;
beforeAll(async () => {
  pool = new AnalysisPool({ threads: 1, timeoutMs: 1000 });
  await sharedScanner([]);
});
afterAll(async () => {
  await pool.close();
});

describe("AnalysisPool", () => {
  it("gives the same Analysis as analysing in the event loop", async () => {
    const enrichment = { now: "2026-01-01T00:00:00Z" };
    const inThread = await pool.analyze(risky, enrichment);
    const { scanner } = await sharedScanner([]);
    expect(inThread).toEqual(analyze(risky, scanner, enrichment));
    expect(inThread.findings.map((f) => f.ruleId)).toContain("js.sql.string-built-query");
    expect(inThread.areas).toContain("payment");
  }, 240_000);

  it("stops an analysis past its time limit, then analyses the next change in a new thread", async () => {
    const started = performance.now();
    const stopped: unknown = await pool.analyze(heavy, {}).catch((err: unknown) => err);
    expect(stopped).toBeInstanceOf(AnalysisFailedError);
    expect((stopped as Error).message).toMatch(/took longer than 1000 ms and was stopped/);
    expect((await pool.analyze(risky, {})).findings.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(90_000);
  }, 240_000);

  it("stops an aborted analysis with the abort's reason", async () => {
    const controller = new AbortController();
    const running = pool.analyze(heavy, {}, controller.signal);
    setTimeout(() => controller.abort(new SupersededError("a".repeat(40), "b".repeat(40))), 200);
    await expect(running).rejects.toBeInstanceOf(SupersededError);
    expect((await pool.analyze(risky, {})).findings.length).toBeGreaterThan(0);
  }, 240_000);

  it("fails the review closed when the analysis is stopped, and the App reviews the next PR", async () => {
    const app = await createTestApp({ analysisPool: pool });
    mockInstallationToken();
    const slow = new RepoMock()
      .listFiles(2, [addedFile("src/nested.js", nested), addedFile("src/nested2.js", nested)])
      .noConfig(BASE)
      .contents({ "src/nested.js": { text: nested }, "src/nested2.js": { text: nested } })
      .createCheck();
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();
    expect(app.done[0]!.outcome).toMatchObject({ status: "error", conclusion: "failure" });
    expect(slow.checkCreates[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { summary: expect.stringContaining("took longer than 1000 ms") },
    });

    const ok = addedFile("src/ok.js", "export const one = 1;\n");
    new RepoMock()
      .listFiles(2, [ok])
      .noConfig(BASE)
      .contents({ "src/ok.js": { text: ok.text } })
      .createCheck();
    await app.receive("pull_request", pullRequestPayload("synchronize"));
    await app.idle();
    expect(app.done[1]!.outcome).toMatchObject({ status: "reviewed", conclusion: "success" });
  }, 240_000);
});

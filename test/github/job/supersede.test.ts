// A newer head commit supersedes the review of the old one.
import { beforeAll, describe, expect, it } from "vitest";
import {
  addedFile,
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  strictNock,
  warmUp,
} from "../../helpers/github.js";

const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const OLD = "1".repeat(40);
const NEW = "2".repeat(40);
const file = addedFile("src/a.js", "export const a = 1;\n");
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

// The check run's in-progress threshold is 300 ms below: pay the first analysis's costs up front.
beforeAll(warmUp);
strictNock();

describe("superseding", () => {
  it("cancels the running review's check run, naming the new head, and reviews the new head", async () => {
    mockInstallationToken();
    const gh = new RepoMock()
      // The old head's file listing hangs; the new head's answers at once.
      .listFiles(2, [file], { delayMs: 5000 })
      .listFiles(2, [file])
      .noConfig(BASE)
      .noConfig(BASE)
      .contents({ "src/a.js": { text: file.text } })
      .createCheck(1) // old head: in_progress after the threshold
      .updateCheck(1) // old head: cancelled
      .createCheck(2); // new head: completed in one write
    const app = await createTestApp({ inProgressAfterMs: 300 });
    await app.receive("pull_request", pullRequestPayload("synchronize", { head: OLD }));
    await until(() => gh.checkCreates.length === 1); // the old review is running and its check run is in progress
    expect(gh.checkCreates).toEqual([expect.objectContaining({ head_sha: OLD, status: "in_progress" })]);
    await app.receive("pull_request", pullRequestPayload("synchronize", { head: NEW }));
    await app.idle();

    expect(gh.checkUpdates).toEqual([
      {
        id: 1,
        body: {
          status: "completed",
          conclusion: "cancelled",
          output: {
            title: `Superseded by ${NEW.slice(0, 7)}`,
            summary: expect.stringContaining(`head moved to \`${NEW}\``),
          },
        },
      },
    ]);
    expect(gh.checkCreates[1]).toMatchObject({
      head_sha: NEW,
      external_id: `aiguard:2:${NEW}`,
      status: "completed",
      conclusion: "success",
    });
    expect(app.done.map((d) => [d.job.headSha, d.outcome.status])).toEqual([
      [OLD, "cancelled"],
      [NEW, "reviewed"],
    ]);
  });

  it("drops a queued review of an old head without any GitHub call when a newer head arrives first", async () => {
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(3, [file], { delayMs: 300 }) // PR 3 occupies the only worker
      .noConfig(BASE)
      .contents({ "src/a.js": { text: file.text } })
      .createCheck(3)
      .listFiles(2, [file])
      .noConfig(BASE)
      .contents({ "src/a.js": { text: file.text } })
      .createCheck(4);
    const { MemoryReviewQueue } = await import("../../../src/queue/memory.js");
    const app = await createTestApp({ createQueue: (p) => new MemoryReviewQueue(p, { concurrency: 1 }) });
    await app.receive("pull_request", pullRequestPayload("opened", { number: 3, head: "3".repeat(40) }));
    await app.receive("pull_request", pullRequestPayload("synchronize", { head: OLD }));
    await app.receive("pull_request", pullRequestPayload("synchronize", { head: NEW }));
    await app.idle();

    expect(app.done.map((d) => d.job.headSha)).toEqual(["3".repeat(40), NEW]);
    expect(gh.checkCreates.map((c) => c.head_sha)).toEqual(["3".repeat(40), NEW]);
  });
});

// An API error mid-review: the check run is still completed (failure), with the masked error.
import nock from "nock";
import { beforeAll, describe, expect, it } from "vitest";
import {
  addedFile,
  API,
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  sharedScanner,
  strictNock,
} from "../../helpers/github.js";

const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const file = addedFile("src/a.js", "export const a = 1;\n");

beforeAll(async () => {
  await sharedScanner([]);
});
strictNock();

type Body = { status: string; conclusion: string; output: { title: string; summary: string } };

describe("API errors", () => {
  it("completes the check run as failure with the (masked) error when GraphQL fails", async () => {
    mockInstallationToken();
    const gh = new RepoMock().listFiles(2, [file]).noConfig(BASE).createCheck();
    gh.scope
      .post("/graphql")
      .reply(502, { message: "Bad Gateway: upstream token ghs_0123456789abcdefghijABCDEFGHIJ0123 rejected" });
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    const body = gh.checkCreates[0] as Body;
    expect(body.status).toBe("completed");
    expect(body.conclusion).toBe("failure");
    expect(body.output.title).toMatch(/^The review could not complete: HTTP 502: Bad Gateway/);
    expect(body.output.summary).toContain("POST /graphql");
    expect(body.output.summary).toContain("Re-run this check to try again.");
    expect(body.output.summary).not.toContain("ghs_0123456789abcdefghijABCDEFGHIJ0123");
    expect(body.output.summary).toContain("ghs_");
    expect(app.done[0]!.outcome).toMatchObject({ status: "error", conclusion: "failure" });
  });

  it("completes an in_progress check run when the error comes after it was created", async () => {
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, [file], { delayMs: 200, status: 500 })
      .noConfig(BASE)
      .createCheck(8)
      .updateCheck(8);
    const app = await createTestApp({ inProgressAfterMs: 10 });
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    expect(gh.checkCreates).toEqual([expect.objectContaining({ status: "in_progress" })]);
    expect(gh.checkUpdates[0]!.body).toMatchObject({
      status: "completed",
      conclusion: "failure",
      output: { summary: expect.stringContaining("HTTP 500") },
    });
  });

  it("can report errors as neutral instead (errorConclusion)", async () => {
    mockInstallationToken();
    const gh = new RepoMock().listFiles(2, [file], { status: 500 }).noConfig(BASE).createCheck();
    const app = await createTestApp({ errorConclusion: "neutral" });
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();
    expect(gh.checkCreates[0]).toMatchObject({ status: "completed", conclusion: "neutral" });
  });

  it("never crashes when even the check run cannot be written", async () => {
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, [file])
      .noConfig(BASE)
      .contents({ "src/a.js": { text: file.text } })
      .createCheck(1, { status: 500 })
      .createCheck(1, { status: 500 });
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();
    expect(gh.checkCreates).toHaveLength(2); // the result, then the error report
    expect(app.done[0]!.outcome).toMatchObject({ status: "error" });
  });

  it("survives a failing token exchange without writing anything", async () => {
    // Refused twice: for the review, then again when the job records the error on the check run.
    nock(API)
      .post("/app/installations/1/access_tokens")
      .times(2)
      .reply(401, { message: "A JSON web token could not be decoded" });
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();
    expect(app.done[0]!.outcome).toMatchObject({ status: "error", error: expect.stringContaining("401") });
  });
});

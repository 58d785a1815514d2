// Re-review triggers: `/aiguard review` comments (write access only), the check run's
// "Re-run" requested action, and PR reviews (approved, changes requested, dismissed).
import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  API,
  appWithRecorder,
  fixture,
  mockInstallationToken,
  RepoMock,
  reviewPayload,
  strictNock,
} from "../helpers/github.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

strictNock();

/** An `issue_comment.created` payload on PR #1 of Codertocat/Hello-World. */
function commentPayload(body: string, over: { user?: string; type?: string; pr?: boolean } = {}): any {
  const p = fixture("issue_comment.created");
  p.comment.body = body;
  if (over.user) p.comment.user.login = over.user;
  if (over.type) p.comment.user.type = over.type;
  if (over.pr !== false) p.issue.pull_request = { url: `${API}/repos/Codertocat/Hello-World/pulls/1` };
  return p;
}

describe("/aiguard review", () => {
  it("re-reviews the PR for a user with write access, acknowledged with a reaction", async () => {
    mockInstallationToken();
    const gh = new RepoMock()
      .permission("octocat", "write", "maintain")
      .pull({
        number: 1,
        head: HEAD,
        base: BASE,
        labels: ["security-review:payment"],
        requestedTeams: ["security"],
        comments: 3,
      })
      .noConfig(BASE)
      .reaction(492700400);
    const { app, jobs } = await appWithRecorder();
    await app.receive("issue_comment", commentPayload("Could you look again?\n/aiguard review\n", { user: "octocat" }));
    expect(jobs).toEqual([
      {
        owner: "Codertocat",
        repo: "Hello-World",
        installationId: 1,
        pullNumber: 1,
        headSha: HEAD,
        baseSha: BASE,
        draft: false,
        deliveryId: expect.any(String),
        changedFiles: 1,
        trigger: "issue_comment.command",
        pull: {
          author: "Codertocat",
          labels: ["security-review:payment"],
          requestedUsers: [],
          requestedTeams: ["security"],
          comments: 3,
        },
      },
    ]);
    expect(gh.writes).toEqual([
      { method: "POST", path: "/issues/comments/492700400/reactions", body: { content: "eyes" } },
    ]);
  });

  it("says nothing and queues nothing for a user with read access", async () => {
    mockInstallationToken();
    const gh = new RepoMock().permission("stranger", "read");
    const { app, jobs } = await appWithRecorder();
    await app.receive("issue_comment", commentPayload("/aiguard review", { user: "stranger" }));
    expect(jobs).toEqual([]);
    expect(gh.writes).toEqual([]);
  });

  it("is off when the policy sets review.commands: false", async () => {
    mockInstallationToken();
    new RepoMock()
      .permission("octocat", "admin")
      .pull({ number: 1, head: HEAD, base: BASE })
      .config(BASE, "review:\n  commands: false\n");
    const { app, jobs } = await appWithRecorder();
    await app.receive("issue_comment", commentPayload("/aiguard review", { user: "octocat" }));
    expect(jobs).toEqual([]);
  });

  it("ignores other comments, quoted commands, bots and plain issues without any call", async () => {
    const { app, jobs } = await appWithRecorder();
    await app.receive("issue_comment", commentPayload("LGTM"));
    await app.receive("issue_comment", commentPayload("> /aiguard review\nwhy?"));
    await app.receive("issue_comment", commentPayload("/aiguard reviewing later"));
    await app.receive("issue_comment", commentPayload("/aiguard review", { type: "Bot", user: "other[bot]" }));
    await app.receive("issue_comment", commentPayload("/aiguard review", { pr: false }));
    expect(jobs).toEqual([]);
  });
});

describe("the check run's Re-run action", () => {
  it("re-reviews the head commit of the check run's PR", async () => {
    const payload = fixture("check_run.requested_action");
    payload.check_run.name = "aiguard";
    payload.requested_action.identifier = "rerun";
    const sha = payload.check_run.head_sha as string;
    mockInstallationToken(payload.installation.id);
    nock(API)
      .get("/repos/electron/electron/pulls/26764")
      .reply(200, {
        number: 26764,
        state: "open",
        draft: false,
        changed_files: 2,
        user: { login: "miniak" },
        labels: [],
        requested_reviewers: [],
        requested_teams: [],
        head: { sha },
        base: { sha: BASE },
      });
    const { app, jobs } = await appWithRecorder();
    await app.receive("check_run", payload);
    expect(jobs).toEqual([
      expect.objectContaining({
        owner: "electron",
        repo: "electron",
        pullNumber: 26764,
        headSha: sha,
        baseSha: BASE,
        trigger: "check_run.requested_action",
        pull: { author: "miniak", labels: [], requestedUsers: [], requestedTeams: [] },
      }),
    ]);
  });

  it("ignores other actions and other apps' check runs", async () => {
    const { app, jobs } = await appWithRecorder();
    await app.receive("check_run", fixture("check_run.requested_action")); // "API Review", "lgtm|26764"
    const other = fixture("check_run.requested_action");
    other.check_run.name = "aiguard";
    await app.receive("check_run", other);
    expect(jobs).toEqual([]);
  });
});

describe("pull request reviews", () => {
  it.each([
    ["submitted", "approved"],
    ["submitted", "changes_requested"],
    ["dismissed", "dismissed"],
  ] as const)("%s (%s) re-reviews the PR's head", async (action, state) => {
    const { app, jobs } = await appWithRecorder();
    await app.receive(
      "pull_request_review",
      reviewPayload(action, {
        user: "alice",
        state,
        commit: "1".repeat(40),
        labels: ["bug"],
        requestedTeams: ["security"],
      }),
    );
    expect(jobs).toEqual([
      {
        owner: "Codertocat",
        repo: "Hello-World",
        installationId: 1,
        pullNumber: 2,
        headSha: HEAD,
        baseSha: BASE,
        draft: false,
        deliveryId: expect.any(String),
        trigger: `pull_request_review.${action}`,
        pull: { author: "Codertocat", labels: ["bug"], requestedUsers: ["octocat"], requestedTeams: ["security"] },
      },
    ]);
  });

  it("ignores plain comment reviews", async () => {
    const { app, jobs } = await appWithRecorder();
    await app.receive("pull_request_review", reviewPayload("submitted", { user: "alice", state: "commented" }));
    expect(jobs).toEqual([]);
  });
});

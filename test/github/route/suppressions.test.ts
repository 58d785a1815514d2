// A pull request that suppresses its own critical finding (issue 10, item 2), through Probot with
// real payloads: the check lists the suppression with the PR's author and waits for the security
// team; an approval from an active member lets the suppression apply and the check pass.
import { beforeAll, describe, expect, it } from "vitest";
import {
  addedFile,
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  reviewPayload,
  sharedScanner,
  strictNock,
} from "../../helpers/github.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

const LS = [
  'const { exec } = require("child_process");',
  'app.get("/ls", (req, res) => {',
  "  // aiguard-ignore js.command.exec-dynamic: any text",
  '  exec("ls " + req.query.dir, (err, out) => res.send(out));',
  "});",
  "",
].join("\n");
const lsFile = addedFile("src/ls.js", LS);

type CheckBody = { conclusion: string; output: { title: string; summary: string } };

beforeAll(async () => {
  await sharedScanner([]);
});
strictNock();

async function run(gh: RepoMock, name: string, payload: unknown) {
  mockInstallationToken();
  const app = await createTestApp();
  await app.receive(name, payload);
  await app.idle();
  expect(app.done).toHaveLength(1);
  expect(gh.checkCreates).toHaveLength(1);
  return gh.checkCreates[0] as CheckBody;
}

describe("a suppression the pull request adds to its own critical finding", () => {
  it("is listed with the PR's author and waits for the tier's reviewers", async () => {
    const gh = new RepoMock()
      .listFiles(2, [lsFile])
      .noConfig(BASE)
      .contents({ "src/ls.js": { text: LS } })
      .reviews(2, [])
      .comments(2, [])
      .requestReviewers(2)
      .createCheck()
      .addLabels(2)
      .createComment(2);
    const check = await run(gh, "pull_request", pullRequestPayload("opened"));

    expect(check.conclusion).toBe("action_required");
    expect(check.output.title).toMatch(/1 finding \(1 critical\)/);
    const summary = check.output.summary;
    expect(summary).toContain("#### Suppressions added by this change (1)");
    expect(summary).toMatch(
      /\| `src\/ls\.js:3` \| `js\.command\.exec-dynamic` \| ⏳ needs approval \(1 finding\): covers a critical finding, above suppressions\.maxSeverity \(medium\).*\| @Codertocat \| any text \|/,
    );
    expect(summary).toMatch(
      /inline suppression added by this change \(src\/ls\.js:3\).*waits for approval by team security/,
    );
    const request = gh.writes.find((w) => w.path === "/pulls/2/requested_reviewers");
    expect(request?.body).toEqual({ team_reviewers: ["security"] });
    const comment = (gh.writes.find((w) => w.path === "/issues/2/comments")?.body as { body: string }).body;
    expect(comment).toContain("**Suppressions added by this change:** 1");
    expect(comment).toContain("- `src/ls.js:3` `js.command.exec-dynamic` by `@Codertocat`: needs-approval");
  });

  it("applies once an active member of the security team approves", async () => {
    const gh = new RepoMock()
      .listFiles(2, [lsFile])
      .noConfig(BASE)
      .contents({ "src/ls.js": { text: LS } })
      .reviews(2, [
        { user: "mallory", state: "APPROVED", commit: HEAD },
        { user: "alice", state: "APPROVED", commit: HEAD },
      ])
      .membership("security", "mallory", 404)
      .membership("security", "alice", "active")
      .createCheck();
    const payload = reviewPayload("submitted", { user: "alice", commit: HEAD });
    payload.pull_request.comments = 0;
    const check = await run(gh, "pull_request_review", payload);

    expect(check.conclusion).toBe("success");
    expect(check.output.title).toBe("No security findings introduced by this change");
    expect(check.output.summary).toMatch(
      /\| `src\/ls\.js:3` \| .* \| ✅ applied \(1 finding\): approved by @alice \| @Codertocat \|/,
    );
    expect(check.output.summary).toContain(
      "- `src/ls.js:4` `js.command.exec-dynamic`: any text (inline by @Codertocat, approved by @alice)",
    );
    expect(gh.writes).toEqual([]);
  });
});

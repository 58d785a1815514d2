// Who still needs a review request, and requesting them: a refused reviewer is a note.
import nock from "nock";
import { describe, expect, it } from "vitest";
import { pendingReviewers, requestReviewers } from "../../../src/github/route/review-requests.js";
import { API, quietOctokit as octokit, strictNock } from "../../helpers/github.js";

strictNock();

describe("review requests", () => {
  it("skip the author, pending requests, recorded ones, reviewers who reviewed and teams with an approving member", () => {
    const wanted = {
      teams: ["security", "Crypto", "acme/infra"],
      users: ["Codertocat", "alice", "bob", "carol", "dave"],
    };
    expect(
      pendingReviewers(
        wanted,
        {
          author: "codertocat",
          requestedUsers: ["ALICE"],
          requestedTeams: ["crypto"],
          recorded: { teams: [], users: ["bob"] },
          reviewed: ["carol"],
          teamsReviewed: ["infra"],
        },
        "acme",
      ),
    ).toEqual({ teams: ["security"], users: ["dave"] });
  });

  it("a single refused reviewer is one call and a note", async () => {
    const bodies: unknown[] = [];
    nock(API)
      .post("/repos/o/r/pulls/5/requested_reviewers")
      .reply(404, (_u, b) => (bodies.push(b), { message: "Not Found" }));
    const out = await requestReviewers(
      octokit(),
      { owner: "o", repo: "r", pullNumber: 5 },
      { teams: ["nope"], users: [] },
    );
    expect(bodies).toEqual([{ team_reviewers: ["nope"] }]);
    expect(out.requested).toEqual({ teams: [], users: [] });
    expect(out.notes).toEqual([expect.stringContaining("Could not request a review from team `nope`")]);
  });

  it("other errors are not swallowed", async () => {
    nock(API).post("/repos/o/r/pulls/5/requested_reviewers").reply(500, { message: "boom" });
    await expect(
      requestReviewers(octokit(), { owner: "o", repo: "r", pullNumber: 5 }, { teams: ["security"], users: [] }),
    ).rejects.toMatchObject({ status: 500 });
  });
});

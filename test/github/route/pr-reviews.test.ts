// Reviewers' standings: the latest review of each reviewer, and the approvals that count.
import { describe, expect, it } from "vitest";
import { currentApprovals, latestStandings } from "../../../src/github/route/pr-reviews.js";

describe("reviewers' standings", () => {
  const r = (user: string, state: string, commitSha = "c") => ({ user, state, commitSha });
  it("the latest approval, change request or dismissal counts; comments do not withdraw an approval", () => {
    const reviews = [
      r("alice", "APPROVED", "a1"),
      r("alice", "COMMENTED"),
      r("bob", "APPROVED"),
      r("bob", "CHANGES_REQUESTED"),
      r("carol", "APPROVED"),
      r("carol", "DISMISSED"),
      r("dave", "COMMENTED"),
      r("Eve", "APPROVED", "e1"),
    ];
    expect(latestStandings(reviews).map((x) => `${x.user}:${x.state}`)).toEqual([
      "alice:APPROVED",
      "bob:CHANGES_REQUESTED",
      "carol:DISMISSED",
      "Eve:APPROVED",
    ]);
    expect(currentApprovals(reviews, "eve")).toEqual([r("alice", "APPROVED", "a1")]);
  });
});

// A PR's reviews (REST, paginated) and each reviewer's standing: the latest review that
// approves, requests changes or was dismissed. A later plain comment does not withdraw an
// approval (as on GitHub itself); a dismissal or a request for changes does.
import { requestOptions, type CallOptions, type GitHub } from "../client/octokit.js";

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface PullReview {
  user: string;
  state: ReviewState | string;
  commitSha: string;
}

export async function listReviews(
  octokit: GitHub,
  pr: { owner: string; repo: string; pullNumber: number },
  opts: CallOptions = {},
): Promise<PullReview[]> {
  const raw = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.pullNumber,
    per_page: 100,
    ...requestOptions(opts),
  });
  // GitHub lists reviews oldest first.
  return raw.flatMap((r) =>
    r.user?.login ? [{ user: r.user.login, state: String(r.state).toUpperCase(), commitSha: r.commit_id ?? "" }] : [],
  );
}

const STANDING: ReadonlySet<string> = new Set(["APPROVED", "CHANGES_REQUESTED", "DISMISSED"]);

/** Each reviewer's latest approving / changes-requested / dismissed review, in first-review order. */
export function latestStandings(reviews: readonly PullReview[]): PullReview[] {
  const latest = new Map<string, PullReview>();
  for (const r of reviews) {
    if (!STANDING.has(r.state)) continue;
    latest.set(r.user.toLowerCase(), r);
  }
  return [...latest.values()];
}

/** Reviewers whose latest standing is an approval, the PR author excluded. */
export function currentApprovals(reviews: readonly PullReview[], author: string): PullReview[] {
  const a = author.toLowerCase();
  return latestStandings(reviews).filter((r) => r.state === "APPROVED" && r.user.toLowerCase() !== a);
}

// aiguard's summary comment on a PR: found by its marker (issue comments, paginated, written
// by a bot), edited in place; created only when there is none. Never one per push.
import { requestOptions, type CallOptions, type GitHub } from "../client/octokit.js";
import { isSummaryComment } from "../../report/summary-comment.js";

type PullTarget = { owner: string; repo: string; pullNumber: number };

export interface SummaryComment {
  id: number;
  body: string;
}

export async function findSummaryComment(
  octokit: GitHub,
  pr: PullTarget,
  opts: CallOptions = {},
): Promise<SummaryComment | null> {
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.pullNumber,
    per_page: 100,
    ...requestOptions(opts),
  });
  for await (const { data } of pages) {
    // Only a bot's comment: anyone can paste the marker into their own.
    const c = data.find((x) => x.user?.type === "Bot" && isSummaryComment(x.body));
    if (c) return { id: c.id, body: c.body ?? "" };
  }
  return null;
}

/** Edit `existing` (no call when the text is unchanged) or create the comment. */
export async function writeSummaryComment(
  octokit: GitHub,
  pr: PullTarget,
  existing: SummaryComment | null,
  body: string,
): Promise<"created" | "updated" | "unchanged"> {
  if (existing) {
    if (existing.body === body) return "unchanged";
    await octokit.rest.issues.updateComment({ owner: pr.owner, repo: pr.repo, comment_id: existing.id, body });
    return "updated";
  }
  await octokit.rest.issues.createComment({ owner: pr.owner, repo: pr.repo, issue_number: pr.pullNumber, body });
  return "created";
}

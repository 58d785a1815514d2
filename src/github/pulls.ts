// Pull requests for a commit, for re-run requests (check_suite / check_run `rerequested`).
import type { GitHub } from "./octokit.js";

export interface PullRef {
  number: number;
  headSha: string;
  baseSha: string;
  draft: boolean;
  changedFiles?: number | undefined;
}

/** At most this many pages of open PRs are searched for a fork PR's head commit. */
export const MAX_OPEN_PR_PAGES = 10;

/**
 * The open pull requests whose head is `headSha`. With `numbers` (the event's
 * `pull_requests`), each is fetched; without (fork PRs: GitHub leaves the list empty),
 * open PRs are listed page by page and matched on `head.sha`.
 */
export async function findOpenPullsForSha(
  octokit: GitHub,
  target: { owner: string; repo: string; headSha: string; numbers?: readonly number[] | undefined },
): Promise<PullRef[]> {
  const { owner, repo, headSha } = target;
  const found: PullRef[] = [];
  if (target.numbers && target.numbers.length > 0) {
    for (const pull_number of target.numbers) {
      const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number });
      if (pr.state === "open" && pr.head.sha === headSha) {
        found.push({ number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, draft: pr.draft ?? false, changedFiles: pr.changed_files });
      }
    }
    return found;
  }
  let pages = 0;
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.list, { owner, repo, state: "open", per_page: 100 })) {
    for (const pr of data) {
      if (pr.head.sha === headSha) found.push({ number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, draft: pr.draft ?? false });
    }
    if (found.length > 0 || ++pages >= MAX_OPEN_PR_PAGES) break;
  }
  return found;
}

// Pull requests for a commit (re-run requests, `/aiguard review`), and the snapshot of a PR
// that routing needs (author, labels, requested reviewers), taken from a payload or a fetch.
import type { PullSnapshot } from "../../queue/types.js";
import type { GitHub } from "../client/octokit.js";

export interface PullRef {
  number: number;
  headSha: string;
  baseSha: string;
  draft: boolean;
  changedFiles?: number | undefined;
  pull: PullSnapshot;
}

/** The fields of a PR object (webhook payload or REST answer) a snapshot is made from. */
export interface PullLike {
  user?: { login: string } | null;
  labels?: ReadonlyArray<{ name?: string } | string> | null;
  requested_reviewers?: ReadonlyArray<{ login?: string; slug?: string } | null> | null;
  requested_teams?: ReadonlyArray<{ slug?: string } | null> | null;
  comments?: number | undefined;
}

export function pullSnapshot(pr: PullLike): PullSnapshot {
  const snapshot: PullSnapshot = {
    author: pr.user?.login ?? "",
    labels: (pr.labels ?? []).map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
    // `requested_reviewers` may hold teams in some payloads (they have a slug, no login).
    requestedUsers: (pr.requested_reviewers ?? []).flatMap((r) => (r?.login ? [r.login] : [])),
    requestedTeams: [
      ...new Set([
        ...(pr.requested_teams ?? []).flatMap((t) => (t?.slug ? [t.slug] : [])),
        ...(pr.requested_reviewers ?? []).flatMap((r) => (r && !r.login && r.slug ? [r.slug] : [])),
      ]),
    ],
  };
  if (typeof pr.comments === "number") snapshot.comments = pr.comments;
  return snapshot;
}

/** A PR object (webhook payload or REST answer) as the queue needs it. */
export function toPullRef(
  pr: PullLike & {
    number: number;
    head: { sha: string };
    base: { sha: string };
    draft?: boolean | undefined;
    changed_files?: number | undefined;
  },
): PullRef {
  const ref: PullRef = {
    number: pr.number,
    headSha: pr.head.sha,
    baseSha: pr.base.sha,
    draft: pr.draft ?? false,
    pull: pullSnapshot(pr),
  };
  if (pr.changed_files !== undefined) ref.changedFiles = pr.changed_files;
  return ref;
}

/** At most this many pages of open PRs are searched for a fork PR's head commit. */
export const MAX_OPEN_PR_PAGES = 10;

/** One PR by number (open or not). */
export async function getPull(
  octokit: GitHub,
  target: { owner: string; repo: string; pullNumber: number },
): Promise<PullRef & { open: boolean }> {
  const { data: pr } = await octokit.rest.pulls.get({
    owner: target.owner,
    repo: target.repo,
    pull_number: target.pullNumber,
  });
  return { ...toPullRef(pr), open: pr.state === "open" };
}

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
    for (const pullNumber of target.numbers) {
      const { open, ...pr } = await getPull(octokit, { owner, repo, pullNumber });
      if (open && pr.headSha === headSha) found.push(pr);
    }
    return found;
  }
  let pages = 0;
  for await (const { data } of octokit.paginate.iterator(octokit.rest.pulls.list, {
    owner,
    repo,
    state: "open",
    per_page: 100,
  })) {
    for (const pr of data) {
      if (pr.head.sha === headSha) found.push(toPullRef(pr));
    }
    if (found.length > 0 || ++pages >= MAX_OPEN_PR_PAGES) break;
  }
  return found;
}

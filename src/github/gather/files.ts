// The files a pull request changes (REST, paginated, at most GitHub's 3,000).
import type { ChangedFile, FileStatus } from "../../core/types.js";
import { type CallOptions, type GitHub } from "../client/octokit.js";

/** GitHub lists at most this many files of a pull request. */
export const GITHUB_FILE_LIST_LIMIT = 3000;

export interface PullFiles {
  files: ChangedFile[];
  notes: string[];
  /** Set when the pull request has files GitHub did not list: why (for the review's `incomplete`). */
  unlisted?: string;
}

const STATUSES: readonly FileStatus[] = ["added", "modified", "removed", "renamed", "copied", "changed", "unchanged"];

type ListFiles = GitHub["rest"]["pulls"]["listFiles"];

/**
 * `paginate` passes only method, url and headers to the route for each page, which drops
 * `request.signal`; this route adds the signal back so a superseded review stops mid-listing.
 */
function withSignal(route: ListFiles, signal: AbortSignal): ListFiles {
  const wrapped = (options?: Record<string, unknown>) =>
    route({
      ...options,
      request: { ...(options?.request as object | undefined), signal },
    } as unknown as Parameters<ListFiles>[0]);
  return Object.assign(wrapped, { endpoint: route.endpoint, defaults: route.defaults }) as unknown as ListFiles;
}

export async function listPullFiles(
  octokit: GitHub,
  pr: { owner: string; repo: string; pullNumber: number; changedFiles?: number | undefined },
  opts: CallOptions = {},
): Promise<PullFiles> {
  const route = opts.signal ? withSignal(octokit.rest.pulls.listFiles, opts.signal) : octokit.rest.pulls.listFiles;
  const raw = await octokit.paginate(route, {
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.pullNumber,
    per_page: 100,
  });
  const files: ChangedFile[] = raw.slice(0, GITHUB_FILE_LIST_LIMIT).map((f) => ({
    path: f.filename,
    previousPath: f.previous_filename ?? undefined,
    status: STATUSES.includes(f.status as FileStatus) ? (f.status as FileStatus) : "modified",
    patch: f.patch ?? undefined,
    additions: f.additions,
    deletions: f.deletions,
  }));
  const notes: string[] = [];
  const total = pr.changedFiles;
  let unlisted: string | undefined;
  if (total !== undefined && total > files.length) {
    unlisted = `${total - files.length} files GitHub does not list (it lists only the first ${files.length} of ${total}) were not reviewed`;
    notes.push(
      `This pull request changes ${total} files; GitHub lists only the first ${files.length}, so ${total - files.length} files were not reviewed`,
    );
  } else if (total === undefined && files.length >= GITHUB_FILE_LIST_LIMIT) {
    unlisted = `GitHub lists at most ${GITHUB_FILE_LIST_LIMIT} files of a pull request; any beyond those were not reviewed`;
    notes.push(
      `GitHub lists at most ${GITHUB_FILE_LIST_LIMIT} files of a pull request; any files beyond those were not reviewed`,
    );
  }
  return unlisted ? { files, notes, unlisted } : { files, notes };
}

// The files changed between two commits (GET /repos/{o}/{r}/compare/{base}...{head}), with
// their patches, for telling which areas the commits after an approval touched.
import type { FileStatus } from "../../core/types.js";
import type { AreaFile } from "../../core/areas/index.js";
import { httpStatus, requestOptions, type CallOptions, type GitHub } from "../client/octokit.js";

/** GitHub lists at most this many files of a comparison. */
export const COMPARE_FILE_LIMIT = 300;

const STATUSES: readonly FileStatus[] = ["added", "modified", "removed", "renamed", "copied", "changed", "unchanged"];

export interface Comparison {
  files: AreaFile[];
  /** Some changes cannot be seen: GitHub cut the file list short, or left out a large diff. */
  incomplete: boolean;
  /** The commit a three-dot diff compares against. */
  mergeBase?: string | undefined;
}

/** The comparison, or null when GitHub cannot compare the commits (404: a commit is gone, e.g. after a force-push). */
export async function compareCommits(
  octokit: GitHub,
  target: { owner: string; repo: string; base: string; head: string },
  opts: CallOptions = {},
): Promise<Comparison | null> {
  try {
    // per_page pages the commit list only; the first page carries every changed file.
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: target.owner,
      repo: target.repo,
      basehead: `${target.base}...${target.head}`,
      per_page: 1,
      ...requestOptions(opts),
    });
    const raw = data.files ?? [];
    const files: AreaFile[] = raw.map((f) => ({
      path: f.filename,
      previousPath: f.previous_filename ?? undefined,
      status: STATUSES.includes(f.status as FileStatus) ? (f.status as FileStatus) : "modified",
      patch: f.patch ?? undefined,
    }));
    return {
      files,
      mergeBase: data.merge_base_commit?.sha,
      incomplete:
        raw.length >= COMPARE_FILE_LIMIT ||
        raw.some((f) => f.patch === undefined && f.changes > 0 && f.status !== "removed"),
    };
  } catch (err) {
    if (httpStatus(err) === 404) return null;
    throw err;
  }
}

// Shared by check_suite and check_run `rerequested`: find the PRs of a head commit and queue them.
import type { Context } from "probot";
import type { GitHub } from "../github/octokit.js";
import { findOpenPullsForSha } from "../github/pulls.js";
import { enqueue, type HandlerDeps } from "./deps.js";

interface EventPull {
  number: number;
  base: { repo: { id: number } };
}

export async function rerunForSha(
  context: Context<"check_suite.rerequested" | "check_run.rerequested">,
  deps: HandlerDeps,
  headSha: string,
  eventPulls: readonly EventPull[],
): Promise<void> {
  const { repository, installation } = context.payload;
  if (!installation) return;
  const owner = repository.owner.login;
  const repo = repository.name;
  // Fork PRs come with an empty `pull_requests`: then the PR is found by its head commit.
  const numbers = eventPulls.filter((p) => p.base.repo.id === repository.id).map((p) => p.number);
  const pulls = await findOpenPullsForSha(context.octokit as GitHub, { owner, repo, headSha, numbers });
  if (pulls.length === 0) context.log.info({ sha: headSha }, "re-run requested, but no open pull request has this head commit");
  for (const pr of pulls) {
    await enqueue(context, deps, {
      owner,
      repo,
      installationId: installation.id,
      pullNumber: pr.number,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      draft: pr.draft,
      deliveryId: context.id,
      changedFiles: pr.changedFiles,
      trigger: `${context.name}.rerequested`,
    });
  }
}

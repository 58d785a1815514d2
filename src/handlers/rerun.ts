// Shared by the re-run requests (check_suite / check_run `rerequested`, the check run's
// "Re-run" action): find the PRs of a head commit and queue them.
import type { Context } from "probot";
import { findOpenPullsForSha } from "../github/gather/pulls.js";
import { enqueuePull, github, type HandlerServices } from "./services.js";

interface EventPull {
  number: number;
  base: { repo: { id: number } };
}

export async function rerunForSha(
  context: Context<"check_suite.rerequested" | "check_run.rerequested" | "check_run.requested_action">,
  deps: HandlerServices,
  headSha: string,
  eventPulls: readonly EventPull[],
): Promise<void> {
  const { repository, installation } = context.payload;
  if (!installation) return;
  const owner = repository.owner.login;
  const repo = repository.name;
  // Fork PRs come with an empty `pull_requests`: then the PR is found by its head commit.
  const numbers = eventPulls.filter((p) => p.base.repo.id === repository.id).map((p) => p.number);
  const pulls = await findOpenPullsForSha(github(context), { owner, repo, headSha, numbers });
  if (pulls.length === 0)
    context.log.info({ sha: headSha }, "re-run requested, but no open pull request has this head commit");
  for (const pr of pulls) {
    await enqueuePull(
      context,
      deps,
      { owner, repo, installationId: installation.id },
      pr,
      `${context.name}.${context.payload.action}`,
    );
  }
}

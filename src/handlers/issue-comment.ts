// `/aiguard review` in a PR comment -> review the PR's head again. Only users with write
// access (admin, maintain or write) are answered: the command is acknowledged with a 👀
// reaction and queued. Anyone else gets no answer at all (logged only), so the command
// cannot be used to make the App write on their behalf. Off when the policy (base commit)
// says `review.commands: false`.
import type { Logger, Probot } from "probot";
import { loadConfig } from "../github/gather/config.js";
import { httpStatus, type GitHub } from "../github/client/octokit.js";
import { getPull } from "../github/gather/pulls.js";
import { enqueuePull, github, isRedelivery, type HandlerServices } from "./services.js";

/** A line that is the command (quoted lines start with `>` and do not count). */
export const REVIEW_COMMAND = /^[ \t]*\/aiguard[ \t]+review[ \t]*$/im;

const WRITE_ROLES = new Set(["admin", "maintain", "write"]);

/** Whether `username` may write to the repository (GET /repos/{o}/{r}/collaborators/{username}/permission). */
export async function canWrite(
  octokit: GitHub,
  target: { owner: string; repo: string; username: string },
  log?: Logger,
): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel(target);
    const role = (data as { role_name?: string }).role_name;
    return data.permission === "admin" || data.permission === "write" || (role !== undefined && WRITE_ROLES.has(role));
  } catch (err) {
    if (httpStatus(err) === 404) return false; // not a collaborator
    if (httpStatus(err) === 403) {
      log?.warn({ err }, "cannot read the commenter's repository permission (the App needs Metadata: read)");
      return false;
    }
    throw err;
  }
}

export function registerIssueComment(app: Probot, deps: HandlerServices): void {
  app.on("issue_comment.created", async (context) => {
    const { issue, comment, repository, installation } = context.payload;
    if (!installation || !issue.pull_request || issue.state !== "open") return;
    if (comment.user?.type === "Bot" || !REVIEW_COMMAND.test(comment.body ?? "")) return;
    if (isRedelivery(context, deps)) return;
    const owner = repository.owner.login;
    const repo = repository.name;
    const username = comment.user?.login ?? "";
    const log = context.log.child({ pr: `${owner}/${repo}#${issue.number}`, user: username });
    const octokit = github(context);
    if (!(await canWrite(octokit, { owner, repo, username }, log))) {
      log.info("/aiguard review ignored: the commenter has no write access");
      return;
    }
    const { open, ...pr } = await getPull(octokit, { owner, repo, pullNumber: issue.number });
    if (!open) return;
    const config = await loadConfig(octokit, { owner, repo, baseSha: pr.baseSha });
    // An invalid config does not stop the command: the review reports the config's errors.
    if (config.ok && !config.config.review.commands) {
      log.info("/aiguard review ignored: review.commands is false in the policy");
      return;
    }
    await octokit.rest.reactions
      .createForIssueComment({ owner, repo, comment_id: comment.id, content: "eyes" })
      .catch((err: unknown) => log.warn({ err }, "could not react to the /aiguard review comment"));
    await enqueuePull(context, deps, { owner, repo, installationId: installation.id }, pr, "issue_comment.command");
  });
}

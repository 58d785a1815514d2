// pull_request_review submitted (approved, or changes requested: that can withdraw an earlier
// approval) / dismissed -> review the PR's head again, so the approvals are counted anew.
// Plain comment reviews change nothing and are ignored.
import type { Probot } from "probot";
import { pullSnapshot } from "../github/pulls.js";
import { enqueue, isRedelivery, type HandlerDeps } from "./deps.js";

const COUNTED = new Set(["approved", "changes_requested"]);

export function registerPullRequestReview(app: Probot, deps: HandlerDeps): void {
  app.on(["pull_request_review.submitted", "pull_request_review.dismissed"], async (context) => {
    const { pull_request: pr, review, repository, installation } = context.payload;
    if (!installation || pr.state !== "open") return;
    if (context.payload.action === "submitted" && !COUNTED.has(String(review.state).toLowerCase())) return;
    if (isRedelivery(context, deps)) return;
    await enqueue(context, deps, {
      owner: repository.owner.login,
      repo: repository.name,
      installationId: installation.id,
      pullNumber: pr.number,
      // The PR's head, not the reviewed commit: the check belongs to the head (fork PRs too).
      headSha: pr.head.sha,
      baseSha: pr.base.sha,
      draft: pr.draft ?? false,
      deliveryId: context.id,
      trigger: `pull_request_review.${context.payload.action}`,
      pull: pullSnapshot(pr),
    });
  });
}

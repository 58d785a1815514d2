// pull_request_review submitted (approved, or changes requested: that can withdraw an earlier
// approval) / dismissed -> review the PR's head again, so the approvals are counted anew.
// Plain comment reviews change nothing and are ignored.
import type { Probot } from "probot";
import { toPullRef } from "../github/gather/pulls.js";
import { enqueuePull, isRedelivery, type HandlerServices } from "./services.js";

const COUNTED = new Set(["approved", "changes_requested"]);

export function registerPullRequestReview(app: Probot, deps: HandlerServices): void {
  app.on(["pull_request_review.submitted", "pull_request_review.dismissed"], async (context) => {
    const { pull_request: pr, review, repository, installation } = context.payload;
    if (!installation || pr.state !== "open") return;
    if (context.payload.action === "submitted" && !COUNTED.has(String(review.state).toLowerCase())) return;
    if (isRedelivery(context, deps)) return;
    // The PR's head, not the reviewed commit: the check belongs to the head (fork PRs too).
    // Review payloads carry no changed_files count.
    const where = { owner: repository.owner.login, repo: repository.name, installationId: installation.id };
    await enqueuePull(context, deps, where, toPullRef(pr), `pull_request_review.${context.payload.action}`);
  });
}

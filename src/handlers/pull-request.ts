// pull_request opened / synchronize / reopened / ready_for_review -> queue a review.
import type { Probot } from "probot";
import { toPullRef } from "../github/gather/pulls.js";
import { enqueuePull, isRedelivery, type HandlerServices } from "./services.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

export function registerPullRequest(app: Probot, deps: HandlerServices): void {
  app.on([...PULL_REQUEST_EVENTS], async (context) => {
    const { pull_request: pr, repository, installation } = context.payload;
    if (!installation || pr.state !== "open" || isRedelivery(context, deps)) return;
    const where = { owner: repository.owner.login, repo: repository.name, installationId: installation.id };
    await enqueuePull(context, deps, where, toPullRef(pr), `pull_request.${context.payload.action}`);
  });
}

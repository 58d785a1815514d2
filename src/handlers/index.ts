// Every webhook the App answers, registered in one place: one file per event family beside this one.
import type { Probot } from "probot";
import { registerCheckRun } from "./check-run.js";
import { registerCheckSuite } from "./check-suite.js";
import type { HandlerServices } from "./services.js";
import { registerIssueComment } from "./issue-comment.js";
import { registerPullRequestReview } from "./pull-request-review.js";
import { registerPullRequest } from "./pull-request.js";

export type { HandlerServices } from "./services.js";
export { healthz } from "./healthz.js";
export { installWebhookDoor } from "./webhook.js";

export function registerHandlers(app: Probot, deps: HandlerServices): void {
  registerPullRequest(app, deps);
  registerCheckSuite(app, deps);
  registerCheckRun(app, deps);
  registerPullRequestReview(app, deps);
  registerIssueComment(app, deps);
}

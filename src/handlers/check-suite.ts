// check_suite.rerequested ("Re-run all checks") -> review the suite's head commit again.
import type { Probot } from "probot";
import { isRedelivery, type HandlerServices } from "./services.js";
import { rerunForSha } from "./rerun.js";

export function registerCheckSuite(app: Probot, deps: HandlerServices): void {
  app.on("check_suite.rerequested", async (context) => {
    if (isRedelivery(context, deps)) return;
    const suite = context.payload.check_suite;
    await rerunForSha(context, deps, suite.head_sha, suite.pull_requests);
  });
}

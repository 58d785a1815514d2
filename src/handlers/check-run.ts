// check_run.rerequested ("Re-run" on the aiguard check) -> review its head commit again.
import type { Probot } from "probot";
import { CHECK_NAME } from "../github/checks.js";
import { isRedelivery, type HandlerDeps } from "./deps.js";
import { rerunForSha } from "./rerun.js";

export function registerCheckRun(app: Probot, deps: HandlerDeps): void {
  app.on("check_run.rerequested", async (context) => {
    const run = context.payload.check_run;
    if (run.name !== CHECK_NAME || isRedelivery(context, deps)) return;
    await rerunForSha(context, deps, run.head_sha, run.pull_requests);
  });
}

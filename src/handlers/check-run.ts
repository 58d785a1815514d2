// check_run.rerequested ("Re-run" on the aiguard check) and check_run.requested_action (the
// check's own "Re-run" button, identifier `rerun`) -> review its head commit again.
import type { Probot } from "probot";
import { CHECK_NAME, RERUN_ACTION } from "../github/publish/check-run.js";
import { isRedelivery, type HandlerServices } from "./services.js";
import { rerunForSha } from "./rerun.js";

export function registerCheckRun(app: Probot, deps: HandlerServices): void {
  app.on("check_run.rerequested", async (context) => {
    const run = context.payload.check_run;
    if (run.name !== CHECK_NAME || isRedelivery(context, deps)) return;
    await rerunForSha(context, deps, run.head_sha, run.pull_requests);
  });
  app.on("check_run.requested_action", async (context) => {
    const run = context.payload.check_run;
    // GitHub sends requested actions only to the app that owns the check run; the name guards against others.
    if (
      run.name !== CHECK_NAME ||
      context.payload.requested_action?.identifier !== RERUN_ACTION.identifier ||
      isRedelivery(context, deps)
    )
      return;
    await rerunForSha(context, deps, run.head_sha, run.pull_requests);
  });
}

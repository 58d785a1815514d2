// The `aiguard` check run: create and update (the only check-run writes).
import type { Conclusion } from "../../core/types.js";
import type { CheckAnnotation } from "../../report/annotations.js";
import type { GitHub } from "../client/octokit.js";

export const CHECK_NAME = "aiguard";

export type CheckConclusion = Conclusion | "cancelled";

export interface CheckOutput {
  title: string;
  summary: string;
  annotations?: CheckAnnotation[] | undefined;
}

export interface CheckTarget {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
}

/** The check run's requested action: "Re-run" reviews the head commit again (check_run.requested_action). */
export const RERUN_ACTION = {
  label: "Re-run",
  description: "Run the aiguard review again",
  identifier: "rerun",
} as const;

/** Completed check runs offer the Re-run action; cancelled ones do not (their commit is no longer the head). */
function actionsFor(conclusion: CheckConclusion): {
  actions?: Array<{ label: string; description: string; identifier: string }>;
} {
  return conclusion === "cancelled" ? {} : { actions: [{ ...RERUN_ACTION }] };
}

export function checkExternalId(t: Pick<CheckTarget, "pullNumber" | "headSha">): string {
  return `aiguard:${t.pullNumber}:${t.headSha}`;
}

/** The output as GitHub takes it: no `annotations` key at all when there are none. */
function outputBody(o: CheckOutput): { title: string; summary: string; annotations?: CheckAnnotation[] } {
  return o.annotations && o.annotations.length > 0
    ? { title: o.title, summary: o.summary, annotations: o.annotations }
    : { title: o.title, summary: o.summary };
}

export async function createInProgressCheckRun(octokit: GitHub, t: CheckTarget): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: t.owner,
    repo: t.repo,
    name: CHECK_NAME,
    head_sha: t.headSha,
    external_id: checkExternalId(t),
    status: "in_progress",
  });
  return data.id;
}

export async function createCompletedCheckRun(
  octokit: GitHub,
  t: CheckTarget,
  conclusion: CheckConclusion,
  output: CheckOutput,
): Promise<number> {
  const { data } = await octokit.rest.checks.create({
    owner: t.owner,
    repo: t.repo,
    name: CHECK_NAME,
    head_sha: t.headSha,
    external_id: checkExternalId(t),
    status: "completed",
    conclusion,
    output: outputBody(output),
    ...actionsFor(conclusion),
  });
  return data.id;
}

export async function completeCheckRun(
  octokit: GitHub,
  t: Pick<CheckTarget, "owner" | "repo">,
  checkRunId: number,
  conclusion: CheckConclusion,
  output: CheckOutput,
): Promise<void> {
  await octokit.rest.checks.update({
    owner: t.owner,
    repo: t.repo,
    check_run_id: checkRunId,
    status: "completed",
    conclusion,
    output: outputBody(output),
    ...actionsFor(conclusion),
  });
}

/** Add annotations to a check run (GitHub appends them; title and summary are required and repeated). */
export async function appendAnnotations(
  octokit: GitHub,
  t: Pick<CheckTarget, "owner" | "repo">,
  checkRunId: number,
  output: CheckOutput,
): Promise<void> {
  await octokit.rest.checks.update({
    owner: t.owner,
    repo: t.repo,
    check_run_id: checkRunId,
    output: outputBody(output),
  });
}

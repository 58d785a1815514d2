// The `aiguard` check run, the only check-run writes: the create and update calls, and the
// lifecycle of one review's check run with as few writes as possible. A review that finishes
// within `inProgressAfterMs` creates its check run already completed (one write); a slower one
// creates it `in_progress` when the timer fires and completes it with an update. Annotations
// beyond the first 50 follow in updates of 50.
import type { Logger } from "probot";
import { batchAnnotations, type CheckAnnotation } from "../../report/annotations.js";
import type { CheckConclusion, CheckOutput } from "../../report/check-run.js";
import type { GitHub } from "../client/octokit.js";

export const CHECK_NAME = "aiguard";

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

/** Probot's throttling spaces writes about a second apart, so one second is the natural threshold. */
export const DEFAULT_IN_PROGRESS_AFTER_MS = 1000;

export class CheckRunWriter {
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Resolves to the check run id, or null when creating it failed. Unset until a write starts. */
  #checkRun: Promise<number | null> | undefined;

  constructor(
    private readonly octokit: GitHub,
    private readonly target: CheckTarget,
    private readonly options: { inProgressAfterMs?: number | undefined; log?: Logger | undefined } = {},
  ) {}

  /** Arm the timer that creates the check run `in_progress` if the review is still running then. */
  start(): void {
    const ms = this.options.inProgressAfterMs ?? DEFAULT_IN_PROGRESS_AFTER_MS;
    if (!Number.isFinite(ms)) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#checkRun = createInProgressCheckRun(this.octokit, this.target).catch((err: unknown) => {
        this.options.log?.warn({ err }, "could not create the in-progress check run");
        return null;
      });
    }, ms);
  }

  /** Whether a check run exists or is being created. */
  get started(): boolean {
    return this.#checkRun !== undefined;
  }

  dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Complete the check run (creating it completed when it does not exist yet), then append the other annotation batches. */
  async complete(
    conclusion: CheckConclusion,
    output: CheckOutput,
    annotations: readonly CheckAnnotation[] = [],
  ): Promise<number> {
    this.dispose();
    const [first = [], ...rest] = batchAnnotations(annotations);
    let id = this.#checkRun ? await this.#checkRun : null;
    if (id === null) {
      const created = createCompletedCheckRun(this.octokit, this.target, conclusion, { ...output, annotations: first });
      this.#checkRun = created.catch(() => null);
      id = await created;
    } else {
      await completeCheckRun(this.octokit, this.target, id, conclusion, { ...output, annotations: first });
    }
    for (const batch of rest) await appendAnnotations(this.octokit, this.target, id, { ...output, annotations: batch });
    return id;
  }

  /** Complete as `cancelled` if a check run was (being) created; otherwise write nothing. */
  async cancel(output: CheckOutput): Promise<boolean> {
    this.dispose();
    const id = this.#checkRun ? await this.#checkRun : null;
    if (id === null) return false;
    await completeCheckRun(this.octokit, this.target, id, "cancelled", output);
    return true;
  }
}

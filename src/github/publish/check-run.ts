// The lifecycle of one review's check run, with as few writes as possible:
// a review that finishes within `inProgressAfterMs` creates its check run already
// completed (one write); a slower one creates it `in_progress` when the timer fires and
// completes it with an update. Annotations beyond the first 50 follow in updates of 50.
import type { Logger } from "probot";
import { batchAnnotations, type CheckAnnotation } from "../../report/annotations.js";
import {
  appendAnnotations,
  completeCheckRun,
  createCompletedCheckRun,
  createInProgressCheckRun,
  type CheckConclusion,
  type CheckOutput,
  type CheckTarget,
} from "./check-run-api.js";
import type { GitHub } from "../client/octokit.js";

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

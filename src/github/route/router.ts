// Routing a finished review to people ("agents propose, humans authorize"): the approvals
// the PR already has, review requests, labels, the summary comment. Every read is lazy and
// cached for the job, so a review whose tier asks nothing of humans costs no call here.
import type { Logger } from "probot";
import type { ApprovalInput } from "../../core/policy/approvals.js";
import { defaultTiers } from "../../core/policy/defaults.js";
import type { AiguardConfig } from "../../core/policy/schema.js";
import type { Decision, Reviewers } from "../../core/types.js";
import type { ReviewJob } from "../../queue/types.js";
import type { ReviewResult } from "../../pipeline.js";
import { collectApprovals, StaleAreas } from "./approvals.js";
import type { ClassifyAreas } from "./changed-areas.js";
import { findSummaryComment, writeSummaryComment, type SummaryComment } from "../publish/comment.js";
import { describeError } from "../client/errors.js";
import { managedLabels, planLabels, syncLabels } from "../publish/labels.js";
import type { CallOptions, GitHub } from "../client/octokit.js";
import { pendingReviewers, requestHistory, requestReviewers } from "./review-requests.js";
import { listReviews, type PullReview } from "./pr-reviews.js";
import {
  recordedReviewers,
  renderNoLongerRequired,
  renderSummaryComment,
  saysNoLongerRequired,
} from "../../report/summary-comment.js";
import { TeamMemberships } from "./teams.js";

export interface RouterDeps {
  octokit: GitHub;
  job: ReviewJob;
  config: AiguardConfig;
  classifyAreas: ClassifyAreas;
  /** Head text of the PR's files, by path (for the areas of commits pushed after an approval). */
  headContents?: ReadonlyMap<string, string> | undefined;
  signal?: AbortSignal | undefined;
  log?: Logger | undefined;
}

const isEmpty = (r: Reviewers) => r.teams.length + r.users.length === 0;

export class Router {
  readonly #d: RouterDeps;
  readonly #opts: CallOptions;
  readonly #target: { owner: string; repo: string; pullNumber: number };
  #reviews: Promise<PullReview[]> | undefined;
  #comment: Promise<SummaryComment | null> | undefined;
  #approvals: ApprovalInput[] = [];
  /** Reviewers to record in the summary comment as asked already. */
  #recorded: Reviewers = { teams: [], users: [] };

  constructor(deps: RouterDeps) {
    this.#d = deps;
    this.#opts = { signal: deps.signal };
    this.#target = { owner: deps.job.owner, repo: deps.job.repo, pullNumber: deps.job.pullNumber };
  }

  #listReviews(): Promise<PullReview[]> {
    return (this.#reviews ??= listReviews(this.#d.octokit, this.#target, this.#opts));
  }

  #findComment(): Promise<SummaryComment | null> {
    return (this.#comment ??= findSummaryComment(this.#d.octokit, this.#target, this.#opts));
  }

  get #author(): string {
    return this.#d.job.pull?.author ?? "";
  }

  /**
   * The approvals for the pipeline (its approvals step), and notes for the check run. Reads the PR's reviews, the
   * approvers' team memberships and, for approvals of older commits, what changed since.
   */
  async approvals(decision: Decision): Promise<{ approvals: ApprovalInput[]; notes: string[] }> {
    const { octokit, job, config } = this.#d;
    const memberships = new TeamMemberships(octokit, job.owner, this.#opts);
    const stale = new StaleAreas({
      octokit,
      target: job,
      config,
      requiredAreas: decision.approvals?.areas ?? ["*"],
      classifyAreas: this.#d.classifyAreas,
      headContents: this.#d.headContents,
      opts: this.#opts,
    });
    const reviews = await this.#listReviews();
    this.#approvals = await collectApprovals(decision, { reviews, author: this.#author, memberships, stale });
    return { approvals: this.#approvals, notes: [...memberships.notes, ...stale.notes] };
  }

  /** A summary comment may exist from an earlier push: worth looking for? (Avoids a call on most PRs.) */
  #mayHaveComment(decision: Decision): boolean {
    if (decision.comment) return true;
    const pull = this.#d.job.pull;
    if (!pull || pull.comments === 0) return false;
    const tiers = [
      ...this.#d.config.overrides.flatMap((o) => o.tiers ?? []),
      ...(this.#d.config.tiers ?? defaultTiers()),
    ];
    // A tier that comments without labelling leaves no trace on the PR: look whenever there are comments.
    if (tiers.some((t) => t.comment && t.labels.length === 0)) return true;
    // Otherwise the comment came with one of aiguard's labels.
    const managed = managedLabels(this.#d.config);
    return pull.labels.some(managed);
  }

  /**
   * Ask the decision's reviewers, once per PR (see review-requests.ts for who is skipped). Returns
   * notes for the check run (refused teams or users). Drafts are not routed to reviewers.
   */
  async requestReviewers(decision: Decision): Promise<string[]> {
    const { octokit, job } = this.#d;
    const wanted = decision.reviewers;
    if (job.draft || isEmpty(wanted)) return [];
    const pull = job.pull;
    const approvers = this.#approvals;
    const facts = {
      author: this.#author,
      requestedUsers: pull?.requestedUsers,
      requestedTeams: pull?.requestedTeams,
      reviewed: this.#reviews ? (await this.#reviews).map((r) => r.user) : undefined,
      teamsReviewed: approvers.flatMap((a) => a.teams),
      recorded: undefined as Reviewers | undefined,
    };
    let pending = pendingReviewers(wanted, facts, job.owner);
    if (!isEmpty(pending) && this.#mayHaveComment(decision)) {
      const comment = await this.#findComment();
      if (comment) {
        facts.recorded = recordedReviewers(comment.body);
        this.#recorded = facts.recorded;
        pending = pendingReviewers(wanted, facts, job.owner);
      }
    }
    // A PR that was just opened has no history beyond its payload.
    if (!isEmpty(pending) && job.trigger !== "pull_request.opened") {
      const history = await requestHistory(octokit, this.#target, this.#opts);
      facts.requestedUsers = [...(facts.requestedUsers ?? []), ...history.users];
      facts.requestedTeams = [...(facts.requestedTeams ?? []), ...history.teams];
      pending = pendingReviewers(wanted, facts, job.owner);
    }
    if (pending.users.length > 0 && !facts.reviewed) {
      facts.reviewed = (await this.#listReviews()).map((r) => r.user);
      pending = pendingReviewers(wanted, facts, job.owner);
    }
    const outcome = await requestReviewers(octokit, this.#target, pending, this.#opts);
    const refusedTeams = new Set(pending.teams.filter((t) => !outcome.requested.teams.includes(t)));
    const refusedUsers = new Set(pending.users.filter((u) => !outcome.requested.users.includes(u)));
    const author = this.#author.toLowerCase();
    this.#recorded = {
      teams: [...new Set([...this.#recorded.teams, ...wanted.teams.filter((t) => !refusedTeams.has(t))])],
      users: [
        ...new Set([
          ...this.#recorded.users,
          ...wanted.users.filter((u) => !refusedUsers.has(u) && u.toLowerCase() !== author),
        ]),
      ],
    };
    if (outcome.requested.teams.length + outcome.requested.users.length > 0) {
      this.#d.log?.info({ teams: outcome.requested.teams, users: outcome.requested.users }, "review requested");
    }
    return outcome.notes;
  }

  /** After the check run: labels, then the summary comment. Failures are logged, never thrown. */
  async finish(result: ReviewResult): Promise<void> {
    const { octokit, job, config, log } = this.#d;
    const plan = planLabels(result.decision.labels, job.pull?.labels, managedLabels(config));
    await syncLabels(octokit, this.#target, plan).catch((err: unknown) =>
      log?.warn({ err, plan }, "could not update labels"),
    );
    await this.#writeComment(result).catch((err: unknown) =>
      log?.warn({ err: describeError(err) }, "could not write the summary comment"),
    );
  }

  async #writeComment(result: ReviewResult): Promise<void> {
    const { decision } = result;
    if (!this.#mayHaveComment(decision)) return;
    const existing = await this.#findComment();
    const recorded = existing ? mergeReviewers(recordedReviewers(existing.body), this.#recorded) : this.#recorded;
    if (decision.comment) {
      await writeSummaryComment(this.#d.octokit, this.#target, existing, renderSummaryComment(result, recorded));
    } else if (existing && !saysNoLongerRequired(existing.body)) {
      await writeSummaryComment(this.#d.octokit, this.#target, existing, renderNoLongerRequired(result, recorded));
    }
  }
}

function mergeReviewers(a: Reviewers, b: Reviewers): Reviewers {
  return { teams: [...new Set([...a.teams, ...b.teams])], users: [...new Set([...a.users, ...b.users])] };
}

// The approvals a PR has, as core/policy/approvals.ts wants them: for each reviewer whose
// latest standing is an approval, the commit approved, the required teams they are an
// active member of, and the areas that later commits changed (when `dismissOnPush`).
// Only called when the decision requires approvals.
import type { ApprovalInput } from "../../core/policy/approvals.js";
import type { AiguardConfig } from "../../core/policy/schema.js";
import type { Decision } from "../../core/types.js";
import type { ClassifyAreas } from "./changed-areas.js";
import { compareCommits } from "../gather/compare.js";
import type { CallOptions, GitHub } from "../client/octokit.js";
import { currentApprovals, type PullReview } from "./pr-reviews.js";
import type { TeamMemberships } from "./teams.js";

/** Stands for "the change" in stale areas when the tier's approvals are not per area (`*`). */
export const WHOLE_CHANGE_STALE = "code";

export interface StaleAreaDeps {
  octokit: GitHub;
  target: { owner: string; repo: string; headSha: string };
  config: AiguardConfig;
  /** Areas that need approvals (`*`: the whole change). */
  requiredAreas: readonly string[];
  classifyAreas: ClassifyAreas;
  /** Head text of the PR's files, by path (the compared files come without it). */
  headContents?: ReadonlyMap<string, string> | undefined;
  opts?: CallOptions | undefined;
}

/**
 * The areas changed between an approved commit and the head, one comparison per approved
 * commit (cached for the review). When the commits cannot be compared, or GitHub leaves
 * changes out, every required area is stale: an approval is never kept on faith.
 */
export class StaleAreas {
  readonly #cache = new Map<string, Promise<string[]>>();
  readonly notes: string[] = [];
  constructor(private readonly deps: StaleAreaDeps) {}

  since(approvedSha: string): Promise<string[]> {
    if (!approvedSha || approvedSha === this.deps.target.headSha) return Promise.resolve([]);
    let p = this.#cache.get(approvedSha);
    if (!p) {
      p = this.#compute(approvedSha);
      this.#cache.set(approvedSha, p);
    }
    return p;
  }

  get #allRequired(): string[] {
    const named = this.deps.requiredAreas.filter((a) => a !== "*");
    return named.length > 0 ? named : [WHOLE_CHANGE_STALE];
  }

  async #compute(approvedSha: string): Promise<string[]> {
    const { octokit, target, config } = this.deps;
    const cmp = await compareCommits(
      octokit,
      { owner: target.owner, repo: target.repo, base: approvedSha, head: target.headSha },
      this.deps.opts,
    );
    if (!cmp) {
      this.notes.push(
        `Commit ${approvedSha.slice(0, 7)} (approved) could not be compared with the head commit; approvals given on it no longer count.`,
      );
      return this.#allRequired;
    }
    const files = cmp.files.map((f) => {
      const content = this.deps.headContents?.get(f.path);
      return content === undefined || f.status === "removed" ? f : { ...f, content };
    });
    const stale = new Set(this.deps.classifyAreas(files, config).areas);
    if (cmp.incomplete) {
      this.notes.push(
        `GitHub did not show every change since ${approvedSha.slice(0, 7)}; approvals given on it no longer count.`,
      );
      for (const a of this.#allRequired) stale.add(a);
    }
    if (this.deps.requiredAreas.includes("*") && stale.size === 0 && cmp.files.length > 0)
      stale.add(WHOLE_CHANGE_STALE);
    return [...stale];
  }
}

export interface CollectApprovalsDeps {
  reviews: readonly PullReview[];
  author: string;
  memberships: TeamMemberships;
  stale: StaleAreas;
}

export async function collectApprovals(decision: Decision, deps: CollectApprovalsDeps): Promise<ApprovalInput[]> {
  const teams = decision.reviewers.teams;
  const users = new Set(decision.reviewers.users.map((u) => u.toLowerCase()));
  const dismissOnPush = decision.approvals?.dismissOnPush ?? true;
  return Promise.all(
    currentApprovals(deps.reviews, deps.author).map(async (r): Promise<ApprovalInput> => {
      // A reviewer named in the tier qualifies without a membership check.
      const direct = users.has(r.user.toLowerCase());
      const memberOf = direct ? [] : await deps.memberships.activeTeams(teams, r.user);
      const qualified = direct || memberOf.length > 0;
      const staleAreas = qualified && dismissOnPush ? await deps.stale.since(r.commitSha) : [];
      return { user: r.user, commitSha: r.commitSha, teams: memberOf, staleAreas };
    }),
  );
}

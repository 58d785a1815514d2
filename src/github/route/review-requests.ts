// Review requests: each team and user of the decision is asked once per PR, not on every
// push. Skipped: the PR author, whoever is requested now, whoever aiguard recorded as
// requested (in its summary comment), whoever reviewed, and (when still unsure) whoever the
// PR's timeline shows was ever requested. A team or user GitHub refuses (422/404) becomes a
// note for the check run, not an error.
import type { Reviewers } from "../../core/types.js";
import { describeError } from "../client/errors.js";
import { httpStatus, requestOptions, type CallOptions, type GitHub } from "../client/octokit.js";
import { teamRef } from "./teams.js";

type PullTarget = { owner: string; repo: string; pullNumber: number };

export interface ReviewerFacts {
  author: string;
  requestedUsers?: readonly string[] | undefined;
  requestedTeams?: readonly string[] | undefined;
  /** Reviewers aiguard recorded as requested on an earlier push. */
  recorded?: Reviewers | undefined;
  /** Logins that reviewed the PR (any state), when known. */
  reviewed?: readonly string[] | undefined;
  /** Teams that have an approving active member, when known. */
  teamsReviewed?: readonly string[] | undefined;
}

const lower = (xs: readonly string[] | undefined) => new Set((xs ?? []).map((x) => x.toLowerCase()));
const slug = (team: string, org: string) => teamRef(team, org).slug.toLowerCase();

/** The wanted reviewers that still need a request, given what is known. Pure. */
export function pendingReviewers(wanted: Reviewers, facts: ReviewerFacts, org: string): Reviewers {
  const author = facts.author.toLowerCase();
  const skipUsers = new Set([
    ...lower(facts.requestedUsers),
    ...lower(facts.recorded?.users),
    ...lower(facts.reviewed),
  ]);
  const skipTeams = new Set(
    [...lower(facts.requestedTeams), ...lower(facts.recorded?.teams), ...lower(facts.teamsReviewed)].map((t) =>
      slug(t, org),
    ),
  );
  const users = [...new Set(wanted.users)].filter((u) => u.toLowerCase() !== author && !skipUsers.has(u.toLowerCase()));
  const teams = [...new Set(wanted.teams)].filter((t) => !skipTeams.has(slug(t, org)));
  return { teams, users };
}

/** Everyone ever requested on this PR, from its issue events (`review_requested`). */
export async function requestHistory(octokit: GitHub, pr: PullTarget, opts: CallOptions = {}): Promise<Reviewers> {
  const events = await octokit.paginate(octokit.rest.issues.listEvents, {
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.pullNumber,
    per_page: 100,
    ...requestOptions(opts),
  });
  const teams = new Set<string>();
  const users = new Set<string>();
  for (const e of events as Array<{
    event?: string;
    requested_reviewer?: { login?: string } | null;
    requested_team?: { slug?: string } | null;
  }>) {
    if (e.event !== "review_requested") continue;
    if (e.requested_team?.slug) teams.add(e.requested_team.slug);
    if (e.requested_reviewer?.login) users.add(e.requested_reviewer.login);
  }
  return { teams: [...teams], users: [...users] };
}

export interface RequestOutcome {
  /** Requested now. */
  requested: Reviewers;
  /** Refused by GitHub, with why, for the check run's notes. */
  notes: string[];
}

function refusal(kind: "team" | "user", name: string, err: unknown): string {
  const status = httpStatus(err);
  if (kind === "team") {
    return `Could not request a review from team \`${name}\`: it does not exist, or it is not visible to the aiguard App or has no access to this repository (${status ? `HTTP ${status}` : describeError(err, 200)}). Check the team slug in the policy.`;
  }
  return `Could not request a review from \`@${name}\`: not a collaborator of this repository, or not a GitHub user (${status ? `HTTP ${status}` : describeError(err, 200)}).`;
}

async function post(octokit: GitHub, pr: PullTarget, r: Reviewers, org: string, opts: CallOptions): Promise<void> {
  await octokit.rest.pulls.requestReviewers({
    owner: pr.owner,
    repo: pr.repo,
    pull_number: pr.pullNumber,
    ...(r.users.length > 0 ? { reviewers: r.users } : {}),
    ...(r.teams.length > 0 ? { team_reviewers: r.teams.map((t) => teamRef(t, org).slug) } : {}),
    ...requestOptions(opts),
  });
}

/**
 * One request for everyone. When GitHub refuses it (422/404: one unknown team refuses the
 * whole request), each reviewer is asked on their own, so the others still get the request
 * and the refused ones are named.
 */
export async function requestReviewers(
  octokit: GitHub,
  pr: PullTarget,
  pending: Reviewers,
  opts: CallOptions = {},
): Promise<RequestOutcome> {
  const none: Reviewers = { teams: [], users: [] };
  if (pending.teams.length + pending.users.length === 0) return { requested: none, notes: [] };
  const org = pr.owner;
  const refusedStatus = (err: unknown) => httpStatus(err) === 422 || httpStatus(err) === 404;
  try {
    await post(octokit, pr, pending, org, opts);
    return { requested: pending, notes: [] };
  } catch (err) {
    if (!refusedStatus(err)) throw err;
    if (pending.teams.length + pending.users.length === 1) {
      const [kind, name] =
        pending.teams.length === 1 ? (["team", pending.teams[0]!] as const) : (["user", pending.users[0]!] as const);
      return { requested: none, notes: [refusal(kind, name, err)] };
    }
  }
  const requested: Reviewers = { teams: [], users: [] };
  const notes: string[] = [];
  const singles: Array<["team" | "user", string]> = [
    ...pending.teams.map((t) => ["team", t] as ["team", string]),
    ...pending.users.map((u) => ["user", u] as ["user", string]),
  ];
  for (const [kind, name] of singles) {
    try {
      await post(octokit, pr, kind === "team" ? { teams: [name], users: [] } : { teams: [], users: [name] }, org, opts);
      (kind === "team" ? requested.teams : requested.users).push(name);
    } catch (err) {
      if (!refusedStatus(err)) throw err;
      notes.push(refusal(kind, name, err));
    }
  }
  return { requested, notes };
}

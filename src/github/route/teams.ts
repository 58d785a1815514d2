// Team membership of reviewers: GET /orgs/{org}/teams/{team_slug}/memberships/{username}.
// Only an `active` membership counts (a `pending` invitation does not; 404: not a member).
// Answers are cached per review job.
import { httpStatus, requestOptions, type CallOptions, type GitHub } from "../client/octokit.js";
import { describeError } from "../client/errors.js";

/** `slug` or `org/slug` -> the org and the slug (the repository owner is the default org). */
export function teamRef(team: string, defaultOrg: string): { org: string; slug: string } {
  const i = team.indexOf("/");
  return i > 0 ? { org: team.slice(0, i), slug: team.slice(i + 1) } : { org: defaultOrg, slug: team };
}

export class TeamMemberships {
  readonly #cache = new Map<string, Promise<boolean>>();
  /** Problems worth telling the user (e.g. the App may not read team membership). */
  readonly notes: string[] = [];

  constructor(
    private readonly octokit: GitHub,
    private readonly org: string,
    private readonly opts: CallOptions = {},
  ) {}

  isActiveMember(team: string, username: string): Promise<boolean> {
    const { org, slug } = teamRef(team, this.org);
    const key = `${org}/${slug}\0${username}`.toLowerCase();
    let p = this.#cache.get(key);
    if (!p) {
      p = this.#fetch(org, slug, username, team);
      this.#cache.set(key, p);
    }
    return p;
  }

  /** The teams (as written in the config) `username` is an active member of. */
  async activeTeams(teams: readonly string[], username: string): Promise<string[]> {
    const member = await Promise.all(teams.map((t) => this.isActiveMember(t, username)));
    return teams.filter((_, i) => member[i]);
  }

  async #fetch(org: string, slug: string, username: string, team: string): Promise<boolean> {
    try {
      const { data } = await this.octokit.rest.teams.getMembershipForUserInOrg({
        org,
        team_slug: slug,
        username,
        ...requestOptions(this.opts),
      });
      return data.state === "active";
    } catch (err) {
      const status = httpStatus(err);
      if (status === 404) return false;
      if (status === 403 || status === 401) {
        const note = `Could not check who belongs to team \`${team}\` (${describeError(err, 200)}): approvals through that team cannot count until the App may read the organisation's members (permission "Members: read").`;
        if (!this.notes.includes(note)) this.notes.push(note);
        return false;
      }
      throw err;
    }
  }
}

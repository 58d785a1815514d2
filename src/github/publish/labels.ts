// Labels the decision asks for, and the removal of aiguard's labels that no longer apply.
// A label is aiguard's ("managed") when some tier of the effective config could produce it:
// a literal label, or a `{area}` template (`security-review:{area}` manages every
// `security-review:<word>` and the bare `security-review` used when no area matched).
import { defaultTiers } from "../../core/policy/defaults.js";
import type { AiguardConfig, Tier } from "../../core/policy/schema.js";
import { httpStatus, type GitHub } from "../client/octokit.js";
import { compileUntrustedRegex, RuleRegexError, type SafePattern } from "../../core/regex.js";
import { escapeRegex } from "../../core/text.js";

type PullTarget = { owner: string; repo: string; pullNumber: number };

function tiersOf(config: AiguardConfig): Tier[] {
  return [...config.overrides.flatMap((o) => o.tiers ?? []), ...(config.tiers ?? defaultTiers())];
}

/** A predicate telling whether a label name is one aiguard manages under this config (case-insensitive, as GitHub). */
export function managedLabels(config: AiguardConfig): (name: string) => boolean {
  const exact = new Set<string>();
  const patterns: SafePattern[] = [];
  for (const tier of tiersOf(config)) {
    for (const label of tier.labels) {
      if (!label.includes("{area}")) {
        exact.add(label.toLowerCase());
        continue;
      }
      // The template comes from the repository's config: on the linear-time engine, since
      // `{area}{area}…` would be a chain of overlapping runs for a backtracking one.
      const source = `(?i)^${label
        .split("{area}")
        .map((part) => escapeRegex(part))
        .join("[a-z][a-z0-9_-]*")}$`;
      try {
        patterns.push(compileUntrustedRegex(source));
      } catch (e) {
        if (!(e instanceof RuleRegexError)) throw e;
      }
      // decide() drops `{area}` (and a separator before it) when no area matched.
      const bare = label.replace(/[:/_-]?\{area\}/g, "");
      if (bare) exact.add(bare.toLowerCase());
    }
  }
  return (name) => exact.has(name.toLowerCase()) || patterns.some((p) => p.test(name));
}

export interface LabelPlan {
  add: string[];
  remove: string[];
}

/**
 * What to change: the decision's labels not yet on the PR, and managed labels on the PR that
 * the decision no longer asks for. Without `present` (unknown), every wanted label is added and
 * nothing is removed.
 */
export function planLabels(
  wanted: readonly string[],
  present: readonly string[] | undefined,
  isManaged: (name: string) => boolean,
): LabelPlan {
  const want = new Set(wanted.map((l) => l.toLowerCase()));
  if (!present) return { add: [...new Set(wanted)], remove: [] };
  const have = new Set(present.map((l) => l.toLowerCase()));
  return {
    add: [...new Set(wanted)].filter((l) => !have.has(l.toLowerCase())),
    remove: present.filter((l) => isManaged(l) && !want.has(l.toLowerCase())),
  };
}

export async function addLabels(octokit: GitHub, pr: PullTarget, labels: readonly string[]): Promise<void> {
  if (labels.length === 0) return;
  // GitHub creates labels that do not exist yet.
  await octokit.rest.issues.addLabels({
    owner: pr.owner,
    repo: pr.repo,
    issue_number: pr.pullNumber,
    labels: [...labels],
  });
}

export async function removeLabel(octokit: GitHub, pr: PullTarget, name: string): Promise<void> {
  try {
    await octokit.rest.issues.removeLabel({ owner: pr.owner, repo: pr.repo, issue_number: pr.pullNumber, name });
  } catch (err) {
    if (httpStatus(err) !== 404) throw err; // already gone
  }
}

/** One POST for the labels to add, one DELETE per label to remove; nothing when nothing changes. */
export async function syncLabels(octokit: GitHub, pr: PullTarget, plan: LabelPlan): Promise<void> {
  await addLabels(octokit, pr, plan.add);
  for (const name of plan.remove) await removeLabel(octokit, pr, name);
}

// Advisories and licences from GitHub's dependency review
// (GET /repos/{o}/{r}/dependency-graph/compare/{base}...{head}): ONE request for the whole change.
// The API answers 403 when the repository does not have it (a private repository without
// GitHub Advanced Security) and 404 when the dependency graph is off; both mean "ask OSV".
// The answer is checked against a schema: one that does not fit is an error, so OSV is asked instead.
import { z } from "zod";
import { factKey, type Advisory, severityOfWord } from "../../core/dependencies/facts.js";
import { comparableName, ecosystemByAlias } from "../../core/dependencies/ecosystems/index.js";
import type { ExtractedDependencyChange } from "../../core/dependencies/index.js";
import { checkAnswer } from "../../lookup/answer.js";
import type { AdvisoryProvider } from "../../lookup/index.js";
import { httpStatus, requestOptions, type CallOptions, type GitHub } from "../client/octokit.js";

/** One changed dependency of the compare answer: what is read of it. */
const diffEntrySchema = z.looseObject({
  change_type: z.string(),
  manifest: z.string().nullish(),
  ecosystem: z.string(),
  name: z.string(),
  version: z.string(),
  package_url: z.string().nullish(),
  license: z.string().nullish(),
  vulnerabilities: z
    .array(
      z.looseObject({
        severity: z.string(),
        advisory_ghsa_id: z.string(),
        advisory_summary: z.string(),
        advisory_url: z.string(),
      }),
    )
    .nullish(),
});

/** GET /repos/{o}/{r}/dependency-graph/compare/{basehead}: a list of changed dependencies. */
export const dependencyReviewSchema = z.array(diffEntrySchema);

type DiffEntry = z.output<typeof diffEntrySchema>;

/** The review's ecosystem name of an entry, from its purl type or GitHub's ecosystem name. */
function ecosystemOf(e: DiffEntry): string | undefined {
  const purlType = /^pkg:\/?([a-z0-9.+-]+)\//i.exec(e.package_url ?? "")?.[1]?.toLowerCase();
  return (ecosystemByAlias("github", purlType ?? "") ?? ecosystemByAlias("github", e.ecosystem))?.id;
}

/** Versions compare without range operators or a leading v. */
function bareVersion(v: string): string {
  return v.replace(/^[\^~=<>v\s]+/, "").trim();
}

export function dependencyReviewProvider(
  octokit: GitHub,
  target: { owner: string; repo: string; baseSha: string; headSha: string },
  opts: CallOptions = {},
): AdvisoryProvider {
  return async (deps: ExtractedDependencyChange[]) => {
    let data: unknown;
    try {
      const res = await octokit.rest.dependencyGraph.diffRange({
        owner: target.owner,
        repo: target.repo,
        basehead: `${target.baseSha}...${target.headSha}`,
        ...requestOptions(opts),
      });
      data = res.data;
    } catch (err) {
      const status = httpStatus(err);
      if (status === 403 || status === 404) return null;
      throw err;
    }
    const entries = checkAnswer(dependencyReviewSchema, data, "dependency review");
    // Index the added side by ecosystem + comparable name.
    const byName = new Map<string, DiffEntry[]>();
    for (const e of entries) {
      if (e.change_type !== "added") continue;
      const eco = ecosystemOf(e);
      if (!eco) continue;
      const k = `${eco}\0${comparableName(eco, e.name)}`;
      byName.set(k, [...(byName.get(k) ?? []), e]);
    }
    const advisories = new Map<string, Advisory[]>();
    const licenses = new Map<string, string | null>();
    for (const d of deps) {
      const candidates = byName.get(`${d.ecosystem}\0${comparableName(d.ecosystem, d.name)}`);
      if (!candidates) continue; // not covered: OSV is asked for it
      const want = bareVersion(d.resolvedVersion ?? d.version);
      const entry =
        candidates.find((c) => bareVersion(c.version) === want) ??
        (candidates.length === 1 ? candidates[0] : undefined);
      if (!entry) continue;
      const k = factKey(d.ecosystem, d.name, d.version);
      advisories.set(
        k,
        (entry.vulnerabilities ?? []).map((v) => ({
          id: v.advisory_ghsa_id,
          summary: v.advisory_summary.slice(0, 200),
          severity: severityOfWord(v.severity),
          url: v.advisory_url,
        })),
      );
      if (entry.license !== undefined) licenses.set(k, entry.license);
    }
    return { advisories, licenses };
  };
}

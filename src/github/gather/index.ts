// gather (GitHub): one webhook's PR -> an immutable Change. Reads only: PR files, config at
// the base commit, head contents (batched GraphQL), manifest bases, custom rules when configured.
import { globMatcher } from "../../core/glob.js";
import type { ConfigProblem } from "../../core/policy/config.js";
import type { Change } from "../../core/change.js";
import type { AiguardConfig } from "../../core/policy/schema.js";
import type { ChangedFile, RuleSource } from "../../core/types.js";
import type { ReviewJob } from "../../queue/types.js";
import { loadConfig } from "./config.js";
import { fetchHeadContents, fetchManifestBases } from "./contents.js";
import { listPullFiles } from "./files.js";
import type { CallOptions, GitHub } from "../client/octokit.js";
import type { PolicyInEffect } from "../../core/policy/config.js";
import { fetchCustomRules } from "./rules.js";
import { LIBRARY_MANIFESTS, resolveLibrary } from "../../core/library.js";

export type Gathered =
  | { ok: true; change: Change; configWarnings: ConfigProblem[]; policy: PolicyInEffect }
  | { ok: false; errors: ConfigProblem[]; warnings: ConfigProblem[] };

export async function gatherPullRequest(octokit: GitHub, job: ReviewJob, opts: CallOptions = {}): Promise<Gathered> {
  const repo = { owner: job.owner, repo: job.repo };
  // The file list and the config do not depend on each other: ask for both at once.
  const [listing, config] = await Promise.all([
    listPullFiles(octokit, { ...repo, pullNumber: job.pullNumber, changedFiles: job.changedFiles }, opts),
    loadConfig(octokit, { ...repo, baseSha: job.baseSha }, opts),
  ]);
  if (!config.ok) return { ok: false, errors: config.errors, warnings: config.warnings };
  const cfg = config.config;
  const policy: PolicyInEffect = { merged: config.merged, sources: config.sources };
  const files = listing.files;

  // A disabled repository is not analysed: its file list is enough.
  const inputs = cfg.enabled
    ? await readInputs(octokit, job, cfg, files, opts)
    : { customRules: [], notes: [], manifests: new Map<string, string>() };
  return {
    ok: true,
    configWarnings: config.warnings,
    policy,
    change: {
      base: job.baseSha,
      head: job.headSha,
      files,
      config: cfg,
      customRules: inputs.customRules,
      fullContext: true,
      draft: job.draft,
      notes: [...listing.notes, ...inputs.notes],
      ...(listing.unlisted ? { unlisted: listing.unlisted } : {}),
      // From the webhook's payload (no extra call): who wrote the suppressions the PR adds.
      ...(job.pull?.author ? { author: job.pull.author } : {}),
      ...libraryOf(cfg, files, inputs.manifests),
    },
  };
}

/**
 * Library mode: the policy's `analysis.library`, or for `auto` the repository's root manifests at
 * the head: those the pull request changes, and the others, read in the head contents' first
 * GraphQL batch (no request of their own), so the App decides as the CLI does.
 */
function libraryOf(
  cfg: AiguardConfig,
  files: readonly ChangedFile[],
  roots: ReadonlyMap<string, string>,
): { library?: boolean } {
  const setting = cfg.analysis.library;
  if (setting !== "auto") return { library: setting };
  const names: readonly string[] = LIBRARY_MANIFESTS;
  const manifests = new Map<string, string>(roots);
  for (const f of files)
    if (names.includes(f.path) && f.status !== "removed" && f.headContent !== undefined)
      manifests.set(f.path, f.headContent);
  return manifests.size > 0 && resolveLibrary(setting, manifests) ? { library: true } : {};
}

/** Head contents and manifest bases of the files in scope, and the repository's own rules. */
async function readInputs(
  octokit: GitHub,
  job: ReviewJob,
  cfg: AiguardConfig,
  files: ChangedFile[],
  opts: CallOptions,
): Promise<{ customRules: RuleSource[]; notes: string[]; manifests: Map<string, string> }> {
  const repo = { owner: job.owner, repo: job.repo };
  const ignored = cfg.paths.ignore.length > 0 ? globMatcher(cfg.paths.ignore) : null;
  const inScope = new Set(files.slice(0, cfg.limits.maxFiles));
  const select = (f: ChangedFile) => inScope.has(f) && !ignored?.(f.path);
  // Library mode's `auto` asks the root manifests the pull request does not change.
  const listed = new Set(files.map((f) => f.path));
  const alsoRead = cfg.analysis.library === "auto" ? LIBRARY_MANIFESTS.filter((p) => !listed.has(p)) : [];
  const [contents, rules] = await Promise.all([
    fetchHeadContents(octokit, { ...repo, headSha: job.headSha, maxFileBytes: cfg.limits.maxFileBytes }, files, {
      ...opts,
      select,
      alsoRead,
    }),
    cfg.rules.paths.length > 0
      ? fetchCustomRules(octokit, { ...repo, baseSha: job.baseSha, paths: cfg.rules.paths }, opts)
      : Promise.resolve({ rules: [] as RuleSource[], notes: [] as string[] }),
  ]);
  const bases = await fetchManifestBases(octokit, { ...repo, baseSha: job.baseSha, headSha: job.headSha }, files, {
    ...opts,
    select,
  });
  return {
    customRules: rules.rules,
    notes: [...contents.notes, ...bases.notes, ...rules.notes],
    manifests: contents.also,
  };
}

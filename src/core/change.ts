// The change under review as a front end gathered it (an immutable value), and what enrichment
// brings beside it. Gathering never writes enrichment into the change: the pipeline passes both.
import type { DependencyFacts } from "./dependencies/facts.js";
import type { AiguardConfig } from "./policy/schema.js";
import type { ChangedFile, RuleSource } from "./types.js";

/** What every front end gathers: the GitHub App from a pull request, the CLI from git or a diff. */
export interface Change {
  readonly base: string;
  readonly head: string;
  readonly files: readonly Readonly<ChangedFile>[];
  /** The validated policy, read at the base (a change cannot weaken the policy that judges it). */
  readonly config: AiguardConfig;
  /** The repository's own rules (`rules.paths`), read at the base. */
  readonly customRules: readonly RuleSource[];
  /** Whether head contents are available (false for a bare diff). */
  readonly fullContext: boolean;
  /** The pull request is a draft. */
  readonly draft: boolean;
  /** Notes from gathering: files skipped, truncated listings, config warnings, rule notes. */
  readonly notes: readonly string[];
  /**
   * Files the front end knows the change has but could not list (GitHub lists at most 3,000 files of a
   * pull request), and why; the review names them as incomplete under the path `*`.
   */
  readonly unlisted?: string | undefined;
  /** Who wrote the change: the pull request's author (App), the head commit's git author (CLI); absent when unknown. */
  readonly author?: string | undefined;
  /**
   * The code is a package's public API (library mode, see src/core/library.ts): the policy's
   * `analysis.library`, or for `auto` the repository root's manifest at the head. Absent: false.
   */
  readonly library?: boolean | undefined;
}

/** What enrichment looked up or measured for the change; the pure core reads it, never fetches it. */
export interface Enrichment {
  /** What registries and advisory databases said about the dependencies (src/lookup asks them). */
  readonly facts?: DependencyFacts | undefined;
  /** ISO time of the review, from the front end's clock: expiry dates of accepted risks. */
  readonly now?: string | undefined;
  /** Notes from enrichment (the scanner: custom rules skipped, for one). */
  readonly notes?: readonly string[] | undefined;
}

// The suppression policy (`suppressions:` in .aiguard.yml) applied to one file's inline comments.
// A comment that was already in the base keeps working; one the change adds may silence findings
// up to `maxSeverity` on its own, never with a wildcard unless the policy allows it, and is listed
// in the review with its author. Pure.
import { maskText } from "../secrets/mask.js";
import type { AiguardConfig } from "../policy/schema.js";
import type { AddedSuppression, Finding, Suppression } from "../types.js";
import { severityRank } from "../types.js";
import { type InlineSuppression, isWildcard, matchSuppression, suppressionCovers } from "./inline.js";

export type SuppressionPolicy = AiguardConfig["suppressions"];

const REASON_LIMIT = 500;

/** The inline suppressions of one file, judged against the policy as its findings come. */
export class FileSuppressions {
  readonly #path: string;
  readonly #policy: SuppressionPolicy;
  readonly #author: string | undefined;
  readonly #all: readonly InlineSuppression[];
  /** The comments that may suppress: base ones, and added ones the policy accepts. */
  readonly #eligible: readonly InlineSuppression[];
  readonly #added = new Map<InlineSuppression, AddedSuppression>();
  readonly #secrets: string[] = [];
  readonly notes: string[] = [];

  constructor(
    path: string,
    all: readonly InlineSuppression[],
    addedLines: ReadonlySet<number>,
    policy: SuppressionPolicy,
    author?: string | undefined,
  ) {
    this.#path = path;
    this.#policy = policy;
    this.#author = author;
    this.#all = all;
    const eligible: InlineSuppression[] = [];
    for (const s of all) {
      const refusal = addedLines.has(s.line) ? this.#refusal(s) : policy.allowed ? null : "off";
      if (addedLines.has(s.line)) this.#added.set(s, this.#entry(s, refusal));
      if (refusal === null) eligible.push(s);
    }
    this.#eligible = eligible;
  }

  /** Why the policy refuses a comment the change adds, or null when it accepts it. */
  #refusal(s: InlineSuppression): string | null {
    if (!this.#policy.allowed)
      return "inline suppressions are switched off by this repository's policy (suppressions.allowed: false)";
    const wild = s.rules.filter(isWildcard);
    if (wild.length > 0 && !this.#policy.wildcards)
      return `names rules with a wildcard (${wild.join(", ")}), which the policy does not allow (suppressions.wildcards: false); name each rule id`;
    return null;
  }

  #entry(s: InlineSuppression, refusal: string | null): AddedSuppression {
    const entry: AddedSuppression = {
      path: this.#path,
      line: s.line,
      rules: [...s.rules],
      reason: s.reason.slice(0, REASON_LIMIT),
      status: refusal === null ? "applied" : "refused",
      findings: [],
    };
    if (this.#author) entry.author = this.#author;
    if (refusal !== null) {
      entry.detail = refusal;
      this.notes.push(`${this.#path}:${s.line}: "aiguard-ignore ${s.rules.join(", ")}" is refused: ${refusal}`);
    } else if (s.reason.length === 0) {
      // Still matched (see judge), so that the finding's note says how to write it.
      entry.status = "refused";
      entry.detail = "gives no reason, so it suppresses nothing";
    }
    return entry;
  }

  /**
   * What suppresses `finding` (on an added line), if anything. An added comment covering a finding
   * above `maxSeverity` leaves it reported and marks the comment as waiting for approval.
   */
  judge(finding: Finding, secrets: readonly string[] | undefined): Suppression | null {
    if (secrets) this.#secrets.push(...secrets);
    for (const s of this.#all)
      if (suppressionCovers(s, finding.ruleId, finding.line)) this.#added.get(s)?.findings.push(finding.id);
    const sup = matchSuppression(this.#eligible, finding.ruleId, finding.line);
    if (!sup) {
      this.#noteSwitchedOff(finding);
      return null;
    }
    if (sup.missingReason) {
      this.notes.push(
        `${this.#path}:${sup.suppression.line}: "aiguard-ignore ${finding.ruleId}" gives no reason, so it does not suppress the finding on line ${finding.line}; write "aiguard-ignore ${finding.ruleId}: <why this is safe>"`,
      );
      return null;
    }
    const reason = maskText(sup.suppression.reason, secrets).slice(0, REASON_LIMIT);
    const entry = this.#added.get(sup.suppression);
    if (!entry) return { reason, by: "inline" };
    if (severityRank(finding.severity) > severityRank(this.#policy.maxSeverity)) {
      entry.status = "needs-approval";
      entry.detail = `covers a ${finding.severity} finding, above suppressions.maxSeverity (${this.#policy.maxSeverity}): it stays reported until a reviewer of the tier approves`;
      return null;
    }
    return this.#author ? { reason, by: "inline", author: this.#author } : { reason, by: "inline" };
  }

  /** With `allowed: false`, a base comment that would have suppressed the finding says it no longer does. */
  #noteSwitchedOff(finding: Finding): void {
    if (this.#policy.allowed) return;
    const base = this.#all.find((s) => !this.#added.has(s) && suppressionCovers(s, finding.ruleId, finding.line));
    if (base)
      this.notes.push(
        `${this.#path}:${base.line}: "aiguard-ignore" does not suppress the finding on line ${finding.line}: inline suppressions are switched off (suppressions.allowed: false)`,
      );
  }

  /** The comments the change added, in line order, their reasons masked like the findings' snippets. */
  added(): AddedSuppression[] {
    return [...this.#added.values()].map((e) => ({
      ...e,
      reason: maskText(e.reason, this.#secrets),
      findings: [...new Set(e.findings)],
    }));
  }
}

// Facts about dependencies that the I/O side (src/lookup) looks up and the pure core turns into risks.
// Plain data: the core never fetches anything; it reads these.
import type { Severity } from "../types.js";

/** What a registry says about one package (and the version the PR chose). */
export interface PackageFacts {
  /** false: the registry answered that no such package exists (a likely hallucination). */
  exists: boolean;
  /** Human page of the package on its registry. */
  url?: string | undefined;
  /** ISO time the package was first published. */
  created?: string | undefined;
  /** The concrete version these facts describe (a range resolved against the registry), when known. */
  version?: string | undefined;
  /** ISO time that version was published. */
  versionPublished?: string | undefined;
  /** Licence as an SPDX expression when the registry gives one, else its raw text; null: the registry gives none. */
  license?: string | null | undefined;
  /** The registry says this version runs install scripts (npm preinstall/install/postinstall). */
  installScript?: boolean | undefined;
  /** The version is deprecated or yanked, and why (the registry's words). */
  deprecated?: string | undefined;
  /** The package exists but no release matches this declared version (a hallucinated version?). */
  missingVersion?: string | undefined;
  /** The registry took the package down as malicious, and how it says so. */
  malicious?: string | undefined;
}

export interface Advisory {
  /** GHSA-…, CVE-…, PYSEC-…, RUSTSEC-…, GO-… */
  id: string;
  summary: string;
  severity?: Severity | undefined;
  url: string;
  aliases?: string[] | undefined;
}

export interface DependencyFacts {
  /** ISO time of the lookups: ages are measured against it (the core has no clock). */
  now: string;
  /** By `factKey(ecosystem, name, version)`. Absent: not looked up (offline, failed, or over the limit). */
  packages: Record<string, PackageFacts>;
  /** By `factKey`; present (possibly empty) only for dependencies whose advisories were checked. */
  advisories: Record<string, Advisory[]>;
  /** Where advisories came from. */
  advisorySource?: "github" | "osv" | "github+osv" | undefined;
  /** Lookups that failed or were skipped: "could not verify …". */
  notes: string[];
  /**
   * By `factKey`: why a dependency the registries should have been asked about has no answer
   * (unreachable, timed out, over the limit, not asked offline). Read by the `unverified` check.
   */
  unverified?: Record<string, string> | undefined;
  /** Every look-up failed before any was asked, and why: no dependency was verified. */
  allUnverified?: string | undefined;
}

/** Key of a dependency in DependencyFacts: ecosystem (as in the review), name and declared version. */
export function factKey(ecosystem: string, name: string, version: string): string {
  return `${ecosystem}\0${name}\0${version}`;
}

const SEVERITY_WORDS: Readonly<Record<string, Severity>> = {
  critical: "critical",
  high: "high",
  moderate: "medium",
  medium: "medium",
  low: "low",
};

/** An advisory database's severity word (GitHub's and OSV's: `moderate` is medium), or undefined. */
export function severityOfWord(word: string | null | undefined): Severity | undefined {
  return word ? SEVERITY_WORDS[word.toLowerCase()] : undefined;
}

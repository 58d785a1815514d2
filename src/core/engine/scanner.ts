// The interface between the analysis core and the detection engine.
import type { RawFinding, RuleMeta } from "../types.js";

export interface ScanTarget {
  path: string;
  /** Full head file text (or a stand-in rebuilt from the patch when no full file exists). */
  content: string;
  /** 1-based head lines the change added or changed. Detectors may use it to skip work. */
  changedLines: ReadonlySet<number>;
  /** Run the secrets scan alone (the file is over `limits.maxFileBytes`). */
  secretsOnly?: boolean | undefined;
  /**
   * Run the rules over the whole file, not only over the span of the changed lines: the differential
   * analysis wants every finding of a side, wherever its sink is.
   */
  wholeFile?: boolean | undefined;
  /** Run only these rules (the base side is asked only about the rules that fired at the head). */
  onlyRules?: ReadonlySet<string> | undefined;
  /** Skip the secrets scan (the base side: secrets are judged on the lines a change adds). */
  noSecrets?: boolean | undefined;
}

export interface ScanResult {
  /** Language id chosen for the file (e.g. "javascript"), or null when only text scanners ran. */
  language: string | null;
  findings: RawFinding[];
  /** Problems worth telling the user (a rule that timed out, a parse that failed). */
  notes: string[];
  /** Why the file could not be fully analysed (a parse or a rule over its budget, even on the changed region alone). */
  incomplete?: string | undefined;
}

/** A ready-to-use detector: every rule and scanner, compiled. Synchronous and free of I/O. */
export interface Scanner {
  scan(target: ScanTarget): ScanResult;
  /** Metadata of every rule this scanner can report. */
  rules(): RuleMeta[];
  /** Free resources held for this scanner only (compiled custom rules). Optional. */
  dispose?(): void;
}

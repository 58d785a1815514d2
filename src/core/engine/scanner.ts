// The interface between the analysis core and the detection engine.
import type { RawFinding, RuleMeta } from "../types.js";
import type { FunctionSummary } from "./dataflow/summaries.js";

export type { FunctionSummary } from "./dataflow/summaries.js";

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
  /**
   * Relaxed: only the rules that ask whether outside input reaches a capture, with a non-constant
   * value of unknown origin taken as such (two confidence levels lower). For the differential
   * analysis's removed checks; its findings are never reported as they are.
   */
  relaxed?: boolean | undefined;
  /** Skip the secrets scan (the base side: secrets are judged on the lines a change adds). */
  noSecrets?: boolean | undefined;
  /**
   * The file belongs to a package's public API (library mode, `Change.library`): the parameters of
   * its exported functions are outside input. Test files, examples and scripts are left out.
   */
  library?: boolean | undefined;
  /** Library mode's findings: `lower` (default) one confidence level below the rule's, `rule` the rule's own. */
  libraryConfidence?: "lower" | "rule" | undefined;
}

export interface ScanResult {
  /** Language id chosen for the file (e.g. "javascript"), or null when only text scanners ran. */
  language: string | null;
  findings: RawFinding[];
  /** Problems worth telling the user (a rule that timed out, a parse that failed). */
  notes: string[];
  /** Why the file could not be fully analysed (a parse or a rule over its budget, even on the changed region alone). */
  incomplete?: string | undefined;
  /**
   * Sink summaries of the file's functions: which parameter of which function reaches which rule's
   * sink (plain data, for applying them to the calls of other files).
   */
  summaries?: FunctionSummary[] | undefined;
}

/** A ready-to-use detector: every rule and scanner, compiled. Synchronous and free of I/O. */
export interface Scanner {
  scan(target: ScanTarget): ScanResult;
  /** Metadata of every rule this scanner can report. */
  rules(): RuleMeta[];
  /** Free resources held for this scanner only (compiled custom rules). Optional. */
  dispose?(): void;
}

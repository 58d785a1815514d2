// Per-file state shared by the constraints of every rule run on one parsed file:
// lazily computed imports, local bindings per scope, and memoised value classes and taint.
// Lives only for the duration of one scan() call (the tree is deleted afterwards).
import type { Node } from "web-tree-sitter";
import type { Binding, LanguageDef } from "../lang/types.js";
import type { TraceStep } from "../types.js";
import type { FunctionIndex, ReturnSummary } from "./dataflow/facts.js";
import { emptyTaintSpec, type TaintSpec } from "./taint/spec.js";

const NO_TAINT_SPEC = emptyTaintSpec();

/** What the value analysis (dataflow/values.ts) says about an expression. */
export type ValueClass = "constant" | "dynamic" | "unknown";

/** What the `untrusted` constraint found for the current match (see FileContext.matchTaint). */
export interface MatchTaint {
  /** The capture the constraint held on. */
  node: Node;
  /** 1 = PARAMETER, 2 = SOURCE (dataflow/taint.ts). */
  level: number;
  /** Source first; the sink is added by run.ts. */
  trace: TraceStep[];
  /** The input is an exported function's parameter (library mode). */
  library?: boolean | undefined;
}

export class FileContext {
  private importsCache: Map<string, string> | null = null;
  /** scope node id -> name -> bindings directly in that scope */
  readonly scopeBindings = new Map<number, Map<string, Binding[]>>();
  /** node id -> value class */
  readonly valueMemo = new Map<number, ValueClass>();
  /** node id -> taint level (see dataflow/taint.ts) */
  readonly taintMemo = new Map<number, number>();
  /** node id -> nearest scope at or above it (see dataflow/scope.ts) */
  readonly scopeOf = new Map<number, Node | null>();
  /** node id -> start index (reading it from the tree is costly) */
  readonly startMemo = new Map<number, number>();
  /** "scope id \0 name" -> whether the scope declares that parameter */
  readonly parameterMemo = new Map<string, boolean>();

  /** The functions of the file, by name (dataflow/functions.ts), built on first use. */
  functions: FunctionIndex | null = null;
  /** function node id -> what its return value carries (null while being computed: recursion) */
  readonly returnSummaries = new Map<number, ReturnSummary | null>();
  /** function node id -> whether it is part of the file's public API (dataflow/exported.ts) */
  readonly exportedMemo = new Map<number, boolean>();
  /** JavaScript: the local names the file exports (dataflow/exported.ts), read on first use. */
  exportedNames: Set<string> | null = null;
  /**
   * The current match's taint evidence, written by the `untrusted` constraint when it holds and
   * read by run.ts once the rule's test holds: the trace and the function parameter it starts at.
   */
  matchTaint: MatchTaint | null = null;
  /**
   * What the current match's constraints found that tells this finding from an edited copy of it
   * (the `redos` constraints: the backtracking places of the pattern); run.ts attaches it.
   */
  matchEvidence: string[] | null = null;
  /**
   * While set, the `untrusted` constraint takes the parameters of one function to be outside input
   * (run.ts asks whether a rule would hold at a helper's sink if its caller passed input).
   */
  assumeParameters: {
    scope: number;
    names: ReadonlySet<string>;
    from: number;
    to: number;
    memo: Map<number, number>;
  } | null = null;
  /** function node id -> the taint memo of the question "its parameters are input" (run.ts) */
  readonly assumedMemos = new Map<number, Map<number, number>>();
  /** How many times run.ts asked that question in this file (it is bounded). */
  assumedTests = 0;
  /**
   * Set by a constraint whose answer could change if parameters were taken as input (an
   * `untrusted` test that failed, an `untrusted: false` that held, any `library-input`): a failed
   * match where none was set would fail again under assumeParameters, so run.ts skips that re-test.
   */
  assumeMayMatter = false;
  /**
   * Relaxed scan (ScanTarget.relaxed): an `untrusted: true` test also holds, two levels lower, for
   * a value of unknown origin that is not constant. Only the differential analysis asks for it,
   * for sinks whose check the change removed (differential.ts, relaxedGuards).
   */
  relaxUntrusted = false;

  constructor(
    readonly lang: LanguageDef,
    readonly root: Node,
    readonly text: string,
    /** Sources, sanitizers and propagators of this language (rules/_sources). */
    readonly taint: TaintSpec = NO_TAINT_SPEC,
    /** Library mode: the parameters of the file's exported functions are outside input. */
    readonly library = false,
    /** Library mode's findings are lowered one confidence level (policy `analysis.libraryConfidence`). */
    readonly libraryLowers = true,
  ) {}

  /** The current match's evidence (matchEvidence), and a clean slot for the next match. */
  takeMatchEvidence(): string[] | null {
    const e = this.matchEvidence;
    this.matchEvidence = null;
    return e;
  }

  /** The current match's taint evidence, and a clean slot for the next match. */
  takeMatchTaint(): MatchTaint | null {
    const t = this.matchTaint;
    this.matchTaint = null;
    return t;
  }

  imports(): Map<string, string> {
    this.importsCache ??= this.lang.syntax.imports(this.root);
    return this.importsCache;
  }
}

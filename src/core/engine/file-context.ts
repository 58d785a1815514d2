// Per-file state shared by the constraints of every rule run on one parsed file:
// lazily computed imports, local bindings per scope, and memoised value classes and taint.
// Lives only for the duration of one scan() call (the tree is deleted afterwards).
import type { Node } from "web-tree-sitter";
import type { Binding, LanguageDef } from "../lang/types.js";
import { emptyTaintSpec, type TaintSpec } from "./taint/spec.js";

const NO_TAINT_SPEC = emptyTaintSpec();

/** What the value analysis (dataflow/values.ts) says about an expression. */
export type ValueClass = "constant" | "dynamic" | "unknown";

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

  constructor(
    readonly lang: LanguageDef,
    readonly root: Node,
    readonly text: string,
    /** Sources, sanitizers and propagators of this language (rules/_sources). */
    readonly taint: TaintSpec = NO_TAINT_SPEC,
  ) {}

  imports(): Map<string, string> {
    this.importsCache ??= this.lang.syntax.imports(this.root);
    return this.importsCache;
  }
}

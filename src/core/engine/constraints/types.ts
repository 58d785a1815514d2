// The contract every constraint kind implements. A `where` item in a rule names one kind
// by its key (e.g. `dynamic: true`) and, usually, the capture it applies to.
import type { Node } from "web-tree-sitter";
import type { z } from "zod";
import type { FileContext } from "../file-context.js";

export interface MatchContext {
  file: FileContext;
  /** Captured nodes of the current match, by capture name. */
  captures: ReadonlyMap<string, readonly Node[]>;
}

/**
 * The outcome of a test: `false` (does not hold), `true` (holds), or a number n >= 0: holds, but
 * the finding's confidence is lowered by n levels (high -> medium -> low). See registry.ts for how
 * `not`/`any`/`all` combine them.
 */
export type Verdict = boolean | number;

/** A compiled test on one captured node. */
export type NodeTest = (node: Node, ctx: MatchContext) => Verdict;

export interface CompileOptions {
  /** Rule text from outside the package (custom rules): be stricter with regexes. */
  untrusted: boolean;
}

export interface ConstraintKind<A = unknown> {
  /** The YAML key that selects this kind, e.g. "matches". */
  key: string;
  /** One line for error messages and docs. */
  describe: string;
  /** Schema of the value under the key. */
  arg: z.ZodType<A>;
  compile(arg: A, opts: CompileOptions): NodeTest;
}

/** Helper to keep each kind's argument type checked. */
export function defineConstraint<A>(kind: ConstraintKind<A>): ConstraintKind<A> {
  return kind;
}

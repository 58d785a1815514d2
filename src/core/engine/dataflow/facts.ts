// Shared facts of the taint analysis (levels, function index, summaries): plain types and
// constants, imported by taint.ts, functions.ts, summaries.ts and the FileContext alike.
import type { Node } from "web-tree-sitter";

export const CLEAN = 0;
export const PARAMETER = 1;
export const SOURCE = 2;
export type TaintLevel = typeof CLEAN | typeof PARAMETER | typeof SOURCE;

/**
 * A question asked about one function's parameters (functions.ts): the named parameters of
 * `scope` are taken to be outside input (SOURCE), its other parameters CLEAN.
 */
export interface Assumption {
  scope: number;
  names: ReadonlySet<string>;
  /** The function's byte range: nodes outside it do not depend on the assumption. */
  from: number;
  to: number;
}

/** One parameter position: the names it binds (a destructuring binds several), `...rest`. */
export interface ParamSlot {
  names: string[];
  rest: boolean;
}

export interface FunctionInfo {
  node: Node;
  /** As written or held (`run`, `exports.run`, `module.exports.run`). */
  name: string;
  /** The last element of the name (`run`). */
  short: string;
  /** The class the function is a method of, or null. */
  readonly owner: Node | null;
  readonly params: ParamSlot[];
  /** The function node's byte span (`node.startIndex`, `node.endIndex`), read once. */
  start: number;
  end: number;
}

export interface FunctionIndex {
  byShort: Map<string, FunctionInfo[]>;
  byNode: Map<number, FunctionInfo>;
  /** The named functions in document order (by start): the containing ones of a node by span. */
  spans: FunctionInfo[];
}

/** What a function's return value carries: on its own (`base`), and per parameter given outside input. */
export interface ReturnSummary {
  base: TaintLevel;
  params: TaintLevel[];
}

// Sink summaries within one file (issue 11, "flows through functions"): a rule's sink reached
// through a parameter of a named function (`function run(cmd) { exec(cmd) }`) makes a call of that
// function whose argument is outside input the same rule's finding, at the call; a call with a
// parameter of another function chains the summary up to that function (bounded depth).
//
// Summaries are plain data (FunctionSummary) so that a later cross-file code graph can apply them
// to the calls of other files. The work is bounded: calls examined and the depth of helper chains.
// Return summaries (what a call of a function of the file returns) are in functions.ts.
import type { Node } from "web-tree-sitter";
import { field } from "../../lang/nodes.js";
import { lastName } from "../../lang/naming.js";
import type { FileContext } from "../file-context.js";
import { isExportedFunction } from "./exported.js";
import { type FunctionInfo, SOURCE, type TaintLevel } from "./facts.js";
import { argumentsBySlot, functionIndex, MAX_PARAMS, resolveLocalCall } from "./functions.js";
import { taintAssuming, taintOf } from "./taint.js";

/**
 * A sink summary: the rule `ruleId` finds its sink (on `sinkLine`) reached through the parameter
 * at `parameter` (0-based, receiver excluded) of `function`. Plain data: a call of the function with
 * outside input at that position is the rule's finding at the call.
 */
export interface FunctionSummary {
  kind: "sink";
  /** The function's name as written or held (`run`, `exports.run`, `Runner.run` for a method). */
  function: string;
  /** Whether it is part of the file's public API (exported, public; see exported.ts). */
  exported: boolean;
  parameter: number;
  /** The parameter's name. */
  parameterName: string;
  ruleId: string;
  /** 1-based line of the sink (the rule's report node), and of the function. */
  sinkLine: number;
  functionLine: number;
  /** Helpers between the function and the sink: 0 when the function holds the sink itself. */
  depth: number;
}

/** Chained helpers followed from a sink to the calls that reach it, at most. */
export const MAX_SINK_DEPTH = 3;
/** Calls examined per summary, at most. */
const MAX_CALLS = 200;

/** The named function of the file whose parameter feeds `node` (looking through anonymous callbacks). */
export function namedFunctionAround(node: Node, ctx: FileContext): FunctionInfo | null {
  const index = functionIndex(ctx);
  const fnTypes = ctx.lang.syntax.functionTypes;
  for (let p = node.parent; p; p = p.parent) {
    if (!fnTypes.has(p.type)) continue;
    const info = index.byNode.get(p.id);
    if (info) return info;
  }
  return null;
}

/**
 * The parameters of `fn` that carry outside input to `node` unchanged: taken one at a time as
 * outside input (the others clean), `node` is then SOURCE.
 */
export function parametersReaching(node: Node, fn: FunctionInfo, ctx: FileContext): number[] {
  const out: number[] = [];
  fn.params.forEach((p, i) => {
    if (i >= MAX_PARAMS || p.names.length === 0) return;
    const level = taintAssuming(node, ctx, { scope: fn.node.id, names: new Set(p.names) }, new Map());
    if (level === SOURCE) out.push(i);
  });
  return out;
}

/** A sink summary of the function around a parameter-level finding, one per parameter reaching it. */
export function summariesAt(
  node: Node,
  ruleId: string,
  sinkLine: number,
  ctx: FileContext,
): { fn: FunctionInfo; summary: FunctionSummary }[] {
  const fn = namedFunctionAround(node, ctx);
  if (!fn) return [];
  return parametersReaching(node, fn, ctx).map((i) => ({
    fn,
    summary: {
      kind: "sink" as const,
      function: qualifiedFunctionName(fn),
      exported: isExportedFunction(fn.node, ctx),
      parameter: i,
      parameterName: fn.params[i]?.names.join(", ") ?? "",
      ruleId,
      sinkLine,
      functionLine: fn.node.startPosition.row + 1,
      depth: 0,
    },
  }));
}

function qualifiedFunctionName(fn: FunctionInfo): string {
  if (!fn.owner) return fn.name;
  const cls = field(fn.owner, "name")?.text;
  return cls ? `${cls}.${fn.name}` : fn.name;
}

/** A call of `fn` somewhere in the file, with the argument at the summarised position. */
export interface SummaryCall {
  call: Node;
  argument: Node;
  level: TaintLevel;
}

/** The calls of `fn` in the file and the taint of their argument at `parameter` (bounded). */
export function callsOf(fn: FunctionInfo, parameter: number, ctx: FileContext): SummaryCall[] {
  const flow = ctx.lang.syntax.flow;
  if (!flow) return [];
  const out: SummaryCall[] = [];
  let seen = 0;
  for (const c of ctx.root.descendantsOfType([...ctx.lang.syntax.naming.callTypes, "new_expression"])) {
    if (!c || ++seen > MAX_CALLS * 10) break;
    const shape = flow.call(c);
    if (!shape?.path || lastName([shape.path.root, ...shape.path.rest].join(".")) !== fn.short) continue;
    if (resolveLocalCall(shape, c, ctx)?.node.id !== fn.node.id) continue;
    let best: SummaryCall | null = null;
    for (const a of argumentsBySlot(fn, shape, c, ctx)[parameter] ?? []) {
      const level = taintOf(a, ctx);
      if (!best || level > best.level) best = { call: c, argument: a, level };
    }
    if (best) out.push(best);
    if (out.length >= MAX_CALLS) break;
  }
  return out;
}

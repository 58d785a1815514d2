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
import type { FileContext } from "../file-context.js";
import { isExportedFunction } from "./exported.js";
import type { TraceStep } from "../../types.js";
import { type FunctionInfo, PARAMETER, SOURCE, type TaintLevel } from "./facts.js";
import { argumentsBySlot, functionIndex, MAX_PARAMS, resolveLocalCall } from "./functions.js";
import { isLibraryInput, taintAssuming, taintOf } from "./taint.js";
import { finishTrace, stepAt, traceOf } from "./trace.js";

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
/** Calls of the file indexed by name, at most. */
const MAX_FILE_CALLS = 20_000;
/** Parameter-level sinks a file's summaries start from, and summaries made, at most. */
const MAX_STARTS = 200;
const MAX_SUMMARIES = 400;

/** The named function of the file whose parameter feeds `node` (looking through anonymous callbacks). */
export function namedFunctionAround(node: Node, ctx: FileContext): FunctionInfo | null {
  // By span rather than by walking the parents (each step a call into the parser): the functions
  // nest, so walking back from the last one that starts at or before the node, the first whose
  // span holds the node is the innermost.
  const spans = functionIndex(ctx).spans;
  const start = node.startIndex;
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid] as FunctionInfo).start <= start) lo = mid + 1;
    else hi = mid;
  }
  let end: number | undefined;
  for (let i = lo - 1; i >= 0; i--) {
    const fn = spans[i] as FunctionInfo;
    if (fn.node.id === node.id) continue;
    end ??= node.endIndex;
    if (fn.end >= end) return fn;
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
    const level = taintAssuming(
      node,
      ctx,
      { scope: fn.node.id, names: new Set(p.names), from: fn.node.startIndex, to: fn.node.endIndex },
      new Map(),
    );
    if (level === SOURCE) out.push(i);
  });
  return out;
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

const callsMemo = new WeakMap<FileContext, Map<string, Node[]>>();

/** The file's calls by the last name of their callee (read once per file, bounded). */
function callsByName(ctx: FileContext): Map<string, Node[]> {
  const memo = callsMemo.get(ctx);
  if (memo) return memo;
  const out = new Map<string, Node[]>();
  callsMemo.set(ctx, out);
  const flow = ctx.lang.syntax.flow;
  if (!flow) return out;
  let count = 0;
  for (const c of ctx.root.descendantsOfType([...ctx.lang.syntax.naming.callTypes])) {
    if (!c || ++count > MAX_FILE_CALLS) break;
    const path = flow.call(c)?.path;
    if (!path) continue;
    const name = path.rest.length > 0 ? (path.rest[path.rest.length - 1] ?? "") : path.root;
    const list = out.get(name) ?? [];
    list.push(c);
    out.set(name, list);
  }
  return out;
}

/** The calls of `fn` in the file and the taint of their argument at `parameter` (bounded). */
export function callsOf(fn: FunctionInfo, parameter: number, ctx: FileContext): SummaryCall[] {
  const flow = ctx.lang.syntax.flow;
  if (!flow) return [];
  const out: SummaryCall[] = [];
  for (const c of callsByName(ctx).get(fn.short) ?? []) {
    const shape = flow.call(c);
    if (!shape || resolveLocalCall(shape, c, ctx)?.node.id !== fn.node.id) continue;
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

/** Where a sink summary starts: a rule's sink whose `untrusted` capture holds through a parameter only. */
export interface SinkStart {
  ruleId: string;
  /** The rule's report node (the sink) and the capture the taint reached. */
  at: Node;
  node: Node;
  /** The capture's trace (the parameter first), without the sink. */
  trace: readonly TraceStep[];
}

/** A call of a summarised function with outside input: the rule's finding at the call. */
export interface CallSiteHit<T extends SinkStart> {
  start: T;
  call: Node;
  /** The function called (which holds the sink, or calls the one that does). */
  fn: FunctionInfo;
  /** Source first, then the call, the parameter, the steps in the function(s), the sink. */
  trace: TraceStep[];
  /** The argument is outside input only as an exported function's parameter (library mode). */
  library: boolean;
}

interface Pending<T extends SinkStart> {
  start: T;
  fn: FunctionInfo;
  parameter: number;
  /** From the parameter (role parameter) to the sink, the sink included. */
  inner: TraceStep[];
  depth: number;
}

function parameterStep(fn: FunctionInfo, parameter: number): TraceStep {
  const names = fn.params[parameter]?.names ?? [];
  const list = field(fn.node, "parameters") ?? field(fn.node, "parameter");
  let at: Node = list ?? fn.node;
  if (list) {
    if (list.text === names[0]) at = list;
    else
      for (const id of list.descendantsOfType([...PARAMETER_NAME_TYPES]))
        if (id && names.includes(id.text)) {
          at = id;
          break;
        }
  }
  return stepAt(at, "parameter");
}

const PARAMETER_NAME_TYPES = new Set(["identifier", "shorthand_property_identifier_pattern"]);

/**
 * Sink summaries from the parameter-level sinks of a file, applied to the file's calls: each call of
 * a summarised function whose argument is outside input is a hit (the rule's finding at the call);
 * a call whose argument is another function's parameter summarises that function too (bounded).
 */
export function applySinkSummaries<T extends SinkStart>(
  starts: readonly T[],
  ctx: FileContext,
): { hits: CallSiteHit<T>[]; summaries: FunctionSummary[] } {
  const hits: CallSiteHit<T>[] = [];
  const summaries: FunctionSummary[] = [];
  const done = new Set<string>();
  const hitKeys = new Set<string>();
  const queue: Pending<T>[] = [];
  for (const start of starts.slice(0, MAX_STARTS)) {
    const fn = namedFunctionAround(start.node, ctx);
    if (!fn) continue;
    const sink = stepAt(start.at, "sink");
    for (const parameter of parametersReaching(start.node, fn, ctx)) {
      // the capture's own trace, when it starts at this parameter: the steps inside the function
      const own = start.trace[0];
      const first = parameterStep(fn, parameter);
      const middle = own && own.line === first.line && own.code === first.code ? start.trace.slice(1) : [];
      queue.push({ start, fn, parameter, inner: [first, ...middle, sink], depth: 0 });
    }
  }
  for (let i = 0; i < queue.length && i < MAX_SUMMARIES; i++) {
    const item = queue[i];
    if (!item) continue;
    const key = `${item.fn.node.id}:${item.parameter}:${item.start.ruleId}`;
    if (done.has(key)) continue;
    done.add(key);
    summaries.push({
      kind: "sink",
      function: qualifiedFunctionName(item.fn),
      exported: isExportedFunction(item.fn.node, ctx),
      parameter: item.parameter,
      parameterName: item.fn.params[item.parameter]?.names.join(", ") ?? "",
      ruleId: item.start.ruleId,
      sinkLine: item.start.at.startPosition.row + 1,
      functionLine: item.fn.node.startPosition.row + 1,
      depth: item.depth,
    });
    for (const c of callsOf(item.fn, item.parameter, ctx)) {
      if (c.level === SOURCE) {
        const hitKey = `${c.call.id}:${item.start.ruleId}`;
        if (hitKeys.has(hitKey)) continue;
        hitKeys.add(hitKey);
        const sink = item.inner[item.inner.length - 1] as TraceStep;
        const arg = traceOf(c.argument, ctx);
        const steps = [...arg.steps, stepAt(c.call, "call"), ...item.inner.slice(0, -1)];
        const library = arg.parameter !== null && isLibraryInput(arg.parameter.scope, arg.parameter.name, ctx);
        hits.push({ start: item.start, call: c.call, fn: item.fn, trace: finishTrace(steps, sink), library });
        continue;
      }
      if (c.level !== PARAMETER || item.depth + 1 > MAX_SINK_DEPTH) continue;
      // the argument is a parameter of the function around the call: that function wraps the sink too
      const outer = namedFunctionAround(c.call, ctx);
      if (!outer || outer.node.id === item.fn.node.id) continue;
      for (const parameter of parametersReaching(c.argument, outer, ctx))
        queue.push({
          start: item.start,
          fn: outer,
          parameter,
          inner: [parameterStep(outer, parameter), stepAt(c.call, "call"), ...item.inner],
          depth: item.depth + 1,
        });
    }
  }
  return { hits, summaries };
}

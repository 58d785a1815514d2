// Running compiled rules on one parsed file.
import type { Node, QueryOptions, Tree } from "web-tree-sitter";
import type { Confidence, LineSpan, RawFinding, TraceStep } from "../types.js";
import type { FunctionInfo } from "./dataflow/facts.js";
import { namedFunctionAround } from "./dataflow/summaries.js";
import { PARAMETER, taintOf } from "./dataflow/taint.js";
import { finishTrace, stepAt, traceOf } from "./dataflow/trace.js";
import type { FileContext, MatchTaint } from "./file-context.js";
import type { CompiledRule } from "./rules/compile.js";
import { errorText } from "../text.js";

export interface RunLimits {
  /** Per-query time budget (microseconds). */
  timeoutMicros: number;
  /** Max in-progress matches (bounded for custom rules). */
  matchLimit?: number | undefined;
  /** Matches checked against the constraints, at most. */
  maxMatches: number;
}

export const BUILTIN_LIMITS: RunLimits = { timeoutMicros: 250_000, maxMatches: 20_000 };
export const CUSTOM_LIMITS: RunLimits = { timeoutMicros: 50_000, matchLimit: 256, maxMatches: 2_000 };

/**
 * A match whose `untrusted` capture holds only as a function parameter of unknown origin: where
 * a sink summary (dataflow/summaries.ts) may start.
 */
export interface ParameterSink {
  rule: CompiledRule;
  /** The rule's report node (the sink) and the capture the taint reached. */
  at: Node;
  node: Node;
  /** Levels a finding at a call that passes outside input is lowered by (the parameter's lowering removed). */
  lowered: number;
  message: string;
  /** Source (the parameter) first, without the sink. */
  trace: TraceStep[];
}

export interface RunOutcome {
  findings: RawFinding[];
  /** Matches that hold through a parameter only (see ParameterSink). */
  parameterSinks?: ParameterSink[] | undefined;
  notes: string[];
  /** The query was stopped by its time budget (its partial results were dropped). */
  timedOut?: boolean | undefined;
  /** A constraint threw on some match: that match was not judged (the file is incomplete). */
  constraintFailed?: boolean | undefined;
}

const MAX_FINGERPRINT = 400;

const CONFIDENCE_LEVELS: readonly Confidence[] = ["high", "medium", "low"];

/** `high` lowered by 1 is `medium`, by 2 or more `low`; `low` stays `low`. */
export function lowerConfidence(c: Confidence, by: number): Confidence {
  const i = CONFIDENCE_LEVELS.indexOf(c);
  return CONFIDENCE_LEVELS[Math.min(CONFIDENCE_LEVELS.length - 1, i + Math.max(0, by))] ?? c;
}

function interpolate(message: string, captures: ReadonlyMap<string, readonly Node[]>): string {
  return message.replace(/\{\{\s*@?([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    const n = captures.get(name)?.[0];
    if (!n) return whole;
    const t = n.text.replace(/\s+/g, " ");
    return t.length > 60 ? `${t.slice(0, 57)}...` : t;
  });
}

/** The functions around a node, innermost first, at most 4 (the differential analysis's guard search). */
function enclosingFunctions(node: Node, file: FileContext): LineSpan[] {
  const types = file.lang.syntax.functionTypes;
  const out: LineSpan[] = [];
  for (let p = node.parent; p && out.length < 4; p = p.parent) {
    if (types.has(p.type)) out.push({ line: p.startPosition.row + 1, endLine: p.endPosition.row + 1 });
  }
  return out;
}

export function runRule(
  rule: CompiledRule,
  tree: Tree,
  file: FileContext,
  range: { startRow: number; endRow: number } | null,
): RunOutcome {
  const limits = rule.custom ? CUSTOM_LIMITS : BUILTIN_LIMITS;
  const options: QueryOptions = { timeoutMicros: limits.timeoutMicros };
  if (limits.matchLimit !== undefined) options.matchLimit = limits.matchLimit;
  if (range) {
    options.startPosition = { row: range.startRow, column: 0 };
    options.endPosition = { row: range.endRow + 1, column: 0 };
  }
  const notes: string[] = [];
  const started = performance.now();
  let matches;
  try {
    matches = rule.query.matches(tree.rootNode, options);
  } catch (e) {
    return { findings: [], notes: [`rule ${rule.spec.id} failed and was skipped: ${errorText(e)}`] };
  }
  // On timeout tree-sitter stops and returns what it had: partial results are dropped.
  const elapsedMicros = (performance.now() - started) * 1000;
  if (elapsedMicros >= limits.timeoutMicros) {
    return {
      findings: [],
      timedOut: true,
      notes: [
        `rule ${rule.spec.id} was stopped after ${Math.round(limits.timeoutMicros / 1000)} ms (query too slow) and skipped for this file`,
      ],
    };
  }
  if (rule.query.didExceedMatchLimit())
    notes.push(`rule ${rule.spec.id} hit its match limit; some matches may be missing`);
  if (matches.length > limits.maxMatches) {
    notes.push(
      `rule ${rule.spec.id} matched ${matches.length} times; only the first ${limits.maxMatches} were checked`,
    );
    matches = matches.slice(0, limits.maxMatches);
  }

  const findings: RawFinding[] = [];
  const parameterSinks: ParameterSink[] = [];
  const seen = new Set<number>();
  let constraintFailed = false;
  for (const m of matches) {
    const captures = new Map<string, Node[]>();
    for (const c of m.captures) {
      const list = captures.get(c.name) ?? [];
      list.push(c.node);
      captures.set(c.name, list);
    }
    const at = captures.get(rule.report)?.[0];
    if (!at || seen.has(at.id)) continue;
    if (rule.patternTest && !rule.patternTest(m.patternIndex, captures)) continue;
    let lowered: number;
    file.matchTaint = null;
    file.matchEvidence = null;
    file.assumeMayMatter = false;
    try {
      lowered = rule.test({ file, captures });
    } catch (e) {
      notes.push(`rule ${rule.spec.id}: a constraint failed (${errorText(e)})`);
      constraintFailed = true;
      lowered = -1;
    }
    let taint = file.takeMatchTaint();
    const evidence = file.takeMatchEvidence();
    if (lowered < 0) {
      // no answer that parameters-as-input could change: the re-test would fail the same way
      const sink = usesUntrusted(rule) && file.assumeMayMatter ? assumedSink(rule, at, captures, file) : null;
      if (sink) parameterSinks.push(sink);
      continue;
    }
    taint ??= unrecordedTaint(rule, captures, file);
    seen.add(at.id);
    const message = interpolate(rule.spec.message, captures);
    const trace = taint && taint.trace.length > 0 ? finishTrace(taint.trace, stepAt(at, "sink")) : undefined;
    const finding = findingAt(rule, at, message, lowered, trace, file);
    if (evidence && evidence.length > 0) finding.evidence = evidence;
    findings.push(finding);
    if (taint?.level === PARAMETER && taint.trace.length > 0)
      parameterSinks.push({
        rule,
        at,
        node: taint.node,
        lowered: Math.max(0, lowered - 1),
        message,
        trace: taint.trace,
      });
  }
  return {
    findings,
    notes,
    ...(parameterSinks.length > 0 ? { parameterSinks } : {}),
    ...(constraintFailed ? { constraintFailed } : {}),
  };
}

const untrustedMemo = new WeakMap<CompiledRule, string[]>();
/** Matches per file re-tested with a helper's parameters taken as input (assumedSink), at most. */
const MAX_ASSUMED_TESTS = 200;

/** Whether the rule asks whether outside input reaches a capture (`untrusted: true | source`). */
export function usesUntrusted(rule: CompiledRule): boolean {
  return untrustedCaptures(rule).length > 0;
}

/** The captures a rule's `where` asks `untrusted: true | source` of (outside a `not`). */
function untrustedCaptures(rule: CompiledRule): string[] {
  const memo = untrustedMemo.get(rule);
  if (memo) return memo;
  const out = new Set<string>();
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) {
      for (const y of x) visit(y);
      return;
    }
    if (!x || typeof x !== "object") return;
    const o = x as Record<string, unknown>;
    if ((o.untrusted === true || o.untrusted === "source") && typeof o.capture === "string") out.add(o.capture);
    if (Array.isArray(o.any)) visit(o.any);
    if (Array.isArray(o.all)) visit(o.all);
  };
  visit(rule.spec.where);
  const list = [...out];
  untrustedMemo.set(rule, list);
  return list;
}

/**
 * The taint of a match whose `untrusted` test was not reached (an `any` held on an earlier item,
 * `dynamic: true` say): the same question, asked after the fact, for its trace.
 */
function unrecordedTaint(
  rule: CompiledRule,
  captures: ReadonlyMap<string, readonly Node[]>,
  file: FileContext,
): MatchTaint | null {
  let best: MatchTaint | null = null;
  for (const name of untrustedCaptures(rule)) {
    const node = captures.get(name)?.[0];
    if (!node) continue;
    const level = taintOf(node, file);
    if (level >= PARAMETER && (!best || level > best.level)) best = { node, level, trace: traceOf(node, file).steps };
  }
  return best;
}

/**
 * A match that does not hold because its `untrusted` capture is only a parameter, but would hold if
 * the named function around it were given outside input (`function run(cmd) { exec(cmd) }`, with a
 * rule that wants a source): where a sink summary starts.
 */
function assumedSink(
  rule: CompiledRule,
  at: Node,
  captures: ReadonlyMap<string, readonly Node[]>,
  file: FileContext,
): ParameterSink | null {
  for (const name of untrustedCaptures(rule)) {
    const node = captures.get(name)?.[0];
    if (!node) continue;
    const fn = namedFunctionAround(node, file);
    // a summary is applied where the helper is called: not worth the taint walk and the re-test
    // when the file never calls it
    if (!fn || !calledInFile(fn, file) || fn.params.length === 0) continue;
    if (taintOf(node, file) !== PARAMETER) continue;
    if (file.assumedTests >= MAX_ASSUMED_TESTS) return null;
    file.assumedTests++;
    let memo = file.assumedMemos.get(fn.node.id);
    if (!memo) file.assumedMemos.set(fn.node.id, (memo = new Map()));
    file.assumeParameters = {
      scope: fn.node.id,
      names: new Set(fn.params.flatMap((p) => p.names)),
      from: fn.node.startIndex,
      to: fn.node.endIndex,
      memo,
    };
    let lowered = -1;
    try {
      lowered = rule.test({ file, captures });
    } catch {
      lowered = -1;
    } finally {
      file.assumeParameters = null;
      file.takeMatchTaint();
    }
    if (lowered < 0) continue;
    const trace = traceOf(node, file);
    if (trace.parameter === null) continue;
    return { rule, at, node, lowered, message: interpolate(rule.spec.message, captures), trace: trace.steps };
  }
  return null;
}

const calledMemo = new WeakMap<FileContext, Map<number, boolean>>();

/** Whether the file calls `fn` by its name (`run(`, `this.run(`, `obj.run (`) outside its own body. */
function calledInFile(fn: FunctionInfo, file: FileContext): boolean {
  let memo = calledMemo.get(file);
  if (!memo) calledMemo.set(file, (memo = new Map()));
  const known = memo.get(fn.node.id);
  if (known !== undefined) return known;
  let called = false;
  const text = file.text;
  const from = fn.node.startIndex;
  const to = fn.node.endIndex;
  for (let i = text.indexOf(fn.short); i >= 0 && !called; i = text.indexOf(fn.short, i + 1)) {
    if (i >= from && i < to) continue;
    const before = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (/[\w$]/.test(String.fromCharCode(before))) continue;
    called = /^\s*\(/.test(text.slice(i + fn.short.length, i + fn.short.length + 40));
  }
  memo.set(fn.node.id, called);
  return called;
}

/** The finding of `rule` reported at `at`. */
export function findingAt(
  rule: CompiledRule,
  at: Node,
  message: string,
  lowered: number,
  trace: TraceStep[] | undefined,
  file: FileContext,
): RawFinding {
  return {
    ruleId: rule.spec.id,
    cwe: rule.spec.cwe,
    severity: rule.spec.severity,
    confidence: lowerConfidence(rule.spec.confidence, lowered),
    line: at.startPosition.row + 1,
    endLine: at.endPosition.row + 1,
    column: at.startPosition.column + 1,
    endColumn: at.endPosition.column + 1,
    message,
    fix: rule.spec.fix,
    fingerprintText: at.text.slice(0, MAX_FINGERPRINT),
    scopes: enclosingFunctions(at, file),
    ...(trace ? { trace } : {}),
  };
}

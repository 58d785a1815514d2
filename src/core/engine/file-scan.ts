// The rules of one language on one file, within budgets: the parse has a time budget and every
// rule's query has one. When the whole file is over a budget, the changed region alone (the
// changed lines with context, see region.ts) is tried before giving up; what still could not be
// analysed is returned as `incomplete`, with the reason, so a review never passes it silently.
import type { Parser, Tree } from "web-tree-sitter";
import type { LanguageDef } from "../lang/types.js";
import type { RawFinding } from "../types.js";
import { libraryFile } from "./dataflow/exported.js";
import { resolveLocalCall } from "./dataflow/functions.js";
import { applySinkSummaries, type FunctionSummary } from "./dataflow/summaries.js";
import { PARAMETER, taintOf } from "./dataflow/taint.js";
import { FileContext } from "./file-context.js";
import {
  lineList,
  MAX_FRAGMENT_LINE,
  REGION_CONTEXT,
  regionFragment,
  type RetryPlan,
  retryPlan,
  type RowRange,
} from "./region.js";
import type { CompiledRule } from "./rules/compile.js";
import { BUILTIN_LIMITS, findingAt, type ParameterSink, runRule, usesUntrusted } from "./run.js";
import type { ScanTarget } from "./scanner.js";
import type { TaintSpec } from "./taint/spec.js";

/** Longest time a parse may take (ms), for the whole file and again for its changed region. */
export const PARSE_BUDGET_MS = 2000;
/** Total time (ms) one rule may spend on its retries, region by region. */
const RULE_RETRY_BUDGET_MS = (4 * BUILTIN_LIMITS.timeoutMicros) / 1000;

export interface FileScan {
  findings: RawFinding[];
  notes: string[];
  /** Why part of the file could not be analysed, when it could not. */
  incomplete?: string | undefined;
  /** Sink summaries of the file's functions (dataflow/summaries.ts). */
  summaries?: FunctionSummary[] | undefined;
}

/** What the rules of one file share. */
interface FileRules {
  parser: Parser;
  lang: LanguageDef;
  rules: readonly CompiledRule[];
  taint: TaintSpec | undefined;
  /** Longest time (ms) one parse may take. */
  parseBudgetMs: number;
  /** A relaxed scan (ScanTarget.relaxed). */
  relaxed?: boolean | undefined;
}

function parseWithin(parser: Parser, text: string, budgetMs: number): Tree | null {
  const started = performance.now();
  const tree = parser.parse(text, null, {
    progressCallback: () => performance.now() - started > budgetMs,
  });
  if (!tree) parser.reset();
  return tree;
}

/** Parse and run the rules; over the parse budget, the changed region alone is parsed and checked. */
export function scanRules(ctx: FileRules, target: ScanTarget): FileScan {
  const whole = parseWithin(ctx.parser, target.content, ctx.parseBudgetMs);
  const library =
    target.library === true && libraryFile(target.path, target.content) ? (target.libraryConfidence ?? "lower") : null;
  if (whole) return runAll(ctx, whole, target.content, target.changedLines, library, target.wholeFile === true);
  const fragment = regionFragment(target.content, target.changedLines);
  const notes = [
    `${ctx.lang.id} parse of the whole file took over ${ctx.parseBudgetMs} ms; retried on the changed lines and ${REGION_CONTEXT} lines around them`,
  ];
  const tree = fragment.regions.length > 0 ? parseWithin(ctx.parser, fragment.text, ctx.parseBudgetMs) : null;
  if (!tree) {
    notes.push(`not parsed (${ctx.lang.id} parse took over ${ctx.parseBudgetMs} ms); only the secrets scan ran`);
    return {
      findings: [],
      notes,
      incomplete: "parse over its time budget, also on the changed region alone; secrets scan only",
    };
  }
  const out = runAll(ctx, tree, fragment.text, target.changedLines, library, false);
  const reasons: string[] = [];
  if (fragment.dropped.length > 0)
    reasons.push(
      `${lineList(fragment.dropped)} too long to parse (over ${MAX_FRAGMENT_LINE} characters): secrets scan only there; the rest of the changed region was analysed`,
    );
  if (out.incomplete) reasons.push(out.incomplete);
  return {
    findings: out.findings,
    notes: [...notes, ...out.notes],
    incomplete: reasons.length > 0 ? reasons.join("; ") : undefined,
    ...(out.summaries ? { summaries: out.summaries } : {}),
  };
}

/**
 * Every rule on one parsed tree (deleted afterwards), over the span of the changed lines or over the
 * whole file; a rule over its budget is retried region by region.
 */
function runAll(
  ctx: FileRules,
  tree: Tree,
  text: string,
  changedLines: ReadonlySet<number>,
  library: "lower" | "rule" | null,
  wholeFile: boolean,
): FileScan {
  const findings: RawFinding[] = [];
  const sinks: ParameterSink[] = [];
  let summaries: FunctionSummary[] | undefined;
  const notes: string[] = [];
  const stopped: string[] = [];
  const partial: string[] = [];
  /** Rules a constraint of which threw on some match (those matches were not judged). */
  const failed: string[] = [];
  let plan: RetryPlan | null = null;
  try {
    const file = new FileContext(ctx.lang, tree.rootNode, text, ctx.taint, library !== null, library === "lower");
    file.relaxUntrusted = ctx.relaxed === true;
    const changedSpan = spanOf(changedLines);
    const span = wholeFile ? null : changedSpan;
    for (const rule of ctx.rules) {
      const out = runRule(rule, tree, file, span);
      if (!out.timedOut) {
        if (out.constraintFailed) failed.push(rule.spec.id);
        findings.push(...out.findings);
        notes.push(...out.notes);
        sinks.push(...(out.parameterSinks ?? []));
        continue;
      }
      plan ??= retryPlan(text, changedLines);
      // The whole file was too slow: the changed regions alone (the span first would only be slower).
      const retry =
        changedSpan && plan.regions.length > 0 && (span === null || differs(plan.regions, span))
          ? retryByRegion(rule, tree, file, plan.regions)
          : null;
      if (!retry) {
        notes.push(...out.notes);
        stopped.push(rule.spec.id);
        continue;
      }
      if (retry.constraintFailed) failed.push(rule.spec.id);
      findings.push(...retry.findings);
      sinks.push(...retry.parameterSinks);
      notes.push(`rule ${rule.spec.id} was too slow on the whole changed span; it ran on each changed region alone`);
      notes.push(...retry.notes);
      if (plan.dropped.length > 0) partial.push(rule.spec.id);
    }
    if (span) sinks.push(...helperSinks(ctx.rules, tree, file, span));
    const applied = summariesOf(sinks, file, findings);
    findings.push(...applied.findings);
    if (applied.summaries.length > 0) summaries = applied.summaries;
  } finally {
    tree.delete();
  }
  const reasons: string[] = [];
  if (failed.length > 0) reasons.push(`${ruleList(failed)} could not judge some matches (a constraint failed)`);
  if (stopped.length > 0)
    reasons.push(`${ruleList(stopped)} stopped by the time budget, also on the changed region alone`);
  if (partial.length > 0 && plan)
    reasons.push(
      `${ruleList(partial)} too slow with ${lineList(plan.dropped)} (over ${MAX_FRAGMENT_LINE} characters); they ran on the other changed lines`,
    );
  return {
    findings,
    notes,
    incomplete: reasons.length > 0 ? reasons.join("; ") : undefined,
    ...(summaries ? { summaries } : {}),
  };
}

/** Functions outside the changed span whose sinks are looked for (to summarise them), at most. */
const MAX_HELPERS = 8;

/**
 * The parameter-level sinks of the functions of the file that the changed span calls with input
 * (a parameter or a source), when they lie outside the span the rules ran on: a change that calls
 * an existing helper around `exec` is judged by that helper's summary.
 */
function helperSinks(rules: readonly CompiledRule[], tree: Tree, file: FileContext, span: RowRange): ParameterSink[] {
  const flow = file.lang.syntax.flow;
  const taintRules = rules.filter((r) => usesUntrusted(r));
  if (!flow || taintRules.length === 0) return [];
  const helpers = new Map<number, RowRange>();
  const calls = file.root.descendantsOfType(
    [...file.lang.syntax.naming.callTypes],
    { row: span.startRow, column: 0 },
    { row: span.endRow + 1, column: 0 },
  );
  for (const c of calls) {
    if (!c || helpers.size >= MAX_HELPERS) break;
    const shape = flow.call(c);
    if (!shape?.path) continue;
    const fn = resolveLocalCall(shape, c, file);
    if (!fn || helpers.has(fn.node.id)) continue;
    const rows = { startRow: fn.node.startPosition.row, endRow: fn.node.endPosition.row };
    if (rows.startRow >= span.startRow && rows.endRow <= span.endRow) continue; // the rules saw it
    if (!shape.args.some((a) => taintOf(a, file) >= PARAMETER)) continue;
    helpers.set(fn.node.id, rows);
  }
  const out: ParameterSink[] = [];
  for (const rows of helpers.values())
    for (const rule of taintRules) {
      const r = runRule(rule, tree, file, rows);
      if (!r.timedOut) out.push(...(r.parameterSinks ?? []));
    }
  return out;
}

/** Sink summaries applied: the rule's findings at the calls of helpers that reach a sink, at full confidence. */
function summariesOf(
  sinks: readonly ParameterSink[],
  file: FileContext,
  existing: readonly RawFinding[],
): { findings: RawFinding[]; summaries: FunctionSummary[] } {
  if (sinks.length === 0) return { findings: [], summaries: [] };
  const starts = sinks.map((s) => ({ ...s, ruleId: s.rule.spec.id }));
  // (ParameterSink.lowered is already the lowering at a call that passes outside input)
  const { hits, summaries } = applySinkSummaries(starts, file);
  const taken = new Set(existing.map((f) => `${f.ruleId}:${f.line}:${f.column ?? 0}`));
  const findings: RawFinding[] = [];
  for (const h of hits) {
    const line = h.call.startPosition.row + 1;
    const key = `${h.start.ruleId}:${line}:${h.call.startPosition.column + 1}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const sinkLine = h.start.at.startPosition.row + 1;
    const message = `${h.start.message} (through ${h.fn.name}(), which reaches it on line ${sinkLine})`;
    // the parameter's lowering is gone: the argument is outside input
    const lowered = h.start.lowered + (h.library && file.libraryLowers ? 1 : 0);
    findings.push(findingAt(h.start.rule, h.call, message, lowered, h.trace, file));
  }
  return { findings, summaries };
}

function ruleList(ids: readonly string[]): string {
  const more = ids.length > 5 ? ` and ${ids.length - 5} more` : "";
  return `${ids.length === 1 ? "rule" : "rules"} ${ids.slice(0, 5).join(", ")}${more}`;
}

/** The regions are not just the span again (a retry on the same rows would only time out again). */
function differs(regions: readonly RowRange[], span: RowRange): boolean {
  if (regions.length === 0) return false;
  const only = regions[0];
  return regions.length > 1 || only?.startRow !== span.startRow || only.endRow !== span.endRow;
}

/** The rule on each changed region alone, within one overall budget; null when it still could not finish. */
function retryByRegion(
  rule: CompiledRule,
  tree: Tree,
  file: FileContext,
  regions: readonly RowRange[],
): {
  findings: RawFinding[];
  notes: string[];
  parameterSinks: ParameterSink[];
  constraintFailed: boolean;
} | null {
  const started = performance.now();
  const findings: RawFinding[] = [];
  const notes: string[] = [];
  const parameterSinks: ParameterSink[] = [];
  let constraintFailed = false;
  for (const region of regions) {
    if (performance.now() - started > RULE_RETRY_BUDGET_MS) return null;
    const out = runRule(rule, tree, file, region);
    if (out.timedOut) return null;
    if (out.constraintFailed) constraintFailed = true;
    findings.push(...out.findings);
    notes.push(...out.notes);
    parameterSinks.push(...(out.parameterSinks ?? []));
  }
  return { findings, notes, parameterSinks, constraintFailed };
}

/** The rows from the first changed line to the last (null: no changed lines, the whole file). */
function spanOf(changedLines: ReadonlySet<number>): RowRange | null {
  if (changedLines.size === 0) return null;
  let min = Infinity;
  let max = 0;
  for (const n of changedLines) {
    if (n < min) min = n;
    if (n > max) max = n;
  }
  return { startRow: Math.max(0, min - 1), endRow: max - 1 };
}

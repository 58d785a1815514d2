// Running compiled rules on one parsed file.
import type { Node, QueryOptions, Tree } from "web-tree-sitter";
import type { Confidence, LineSpan, RawFinding } from "../types.js";
import type { FileContext } from "./file-context.js";
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

export interface RunOutcome {
  findings: RawFinding[];
  notes: string[];
  /** The query was stopped by its time budget (its partial results were dropped). */
  timedOut?: boolean | undefined;
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
  const seen = new Set<number>();
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
    try {
      lowered = rule.test({ file, captures });
    } catch (e) {
      notes.push(`rule ${rule.spec.id}: a constraint failed (${errorText(e)})`);
      lowered = -1;
    }
    if (lowered < 0) continue;
    seen.add(at.id);
    findings.push({
      ruleId: rule.spec.id,
      cwe: rule.spec.cwe,
      severity: rule.spec.severity,
      confidence: lowerConfidence(rule.spec.confidence, lowered),
      line: at.startPosition.row + 1,
      endLine: at.endPosition.row + 1,
      column: at.startPosition.column + 1,
      endColumn: at.endPosition.column + 1,
      message: interpolate(rule.spec.message, captures),
      fix: rule.spec.fix,
      fingerprintText: at.text.slice(0, MAX_FINGERPRINT),
      scopes: enclosingFunctions(at, file),
    });
  }
  return { findings, notes };
}

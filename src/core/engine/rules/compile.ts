// A validated rule spec + one grammar -> a compiled rule (tree-sitter query + constraint test).
import { CaptureQuantifier, type Language, Query } from "web-tree-sitter";
import type { LanguageDef } from "../../lang/types.js";
import type { RuleMeta } from "../../types.js";
import { compileWhere, type MatchTest } from "../constraints/registry.js";
import { compileRuleRegex } from "../../regex.js";
import type { LoadedRule } from "./load.js";
import { buildPrefilter, patternNeedles, type TextFilter } from "./prefilter.js";
import type { RuleSpec } from "./schema.js";
import { errorText } from "../../text.js";

export interface CompiledRule {
  spec: RuleSpec;
  meta: RuleMeta;
  origin: string;
  language: LanguageDef;
  query: Query;
  test: MatchTest;
  report: string;
  prefilter: TextFilter;
  /** From a repository's own rules (bounded more tightly). */
  custom: boolean;
}

export class RuleCompileError extends Error {}

export function ruleMeta(spec: RuleSpec): RuleMeta {
  return {
    id: spec.id,
    name: spec.name,
    cwe: spec.cwe,
    severity: spec.severity,
    confidence: spec.confidence,
    message: spec.message,
    fix: spec.fix,
    references: spec.references,
    languages: spec.languages,
  };
}

const MATCH_PREDICATE = /\(#(?:not-)?(?:any-)?match\?\s+@[\w.-]+\s+"((?:[^"\\]|\\.)*)"/g;

/** `#match?` regexes run inside tree-sitter's JS glue: refuse backtracking-prone ones from custom rules. */
function checkPredicateRegexes(query: string): void {
  for (const m of query.matchAll(MATCH_PREDICATE)) {
    const source = (m[1] ?? "").replace(/\\(.)/g, "$1");
    try {
      compileRuleRegex(source, { untrusted: true });
    } catch (e) {
      throw new RuleCompileError(`#match? predicate: ${errorText(e)}`);
    }
  }
}

export function compileRule(rule: LoadedRule, def: LanguageDef, grammar: Language, custom: boolean): CompiledRule {
  const { spec } = rule;
  if (custom) checkPredicateRegexes(spec.query);
  let query: Query;
  try {
    query = new Query(grammar, spec.query);
  } catch (e) {
    throw new RuleCompileError(`query does not compile for ${def.id}: ${errorText(e)}`);
  }
  try {
    const captures = new Set(query.captureNames);
    const report = spec.report.replace(/^@/, "");
    if (!captures.has(report)) {
      throw new RuleCompileError(
        `report capture @${report} is not defined by the query (captures: ${[...captures].map((c) => `@${c}`).join(", ") || "none"})`,
      );
    }
    const reportIndex = query.captureIndexForName(report);
    for (let i = 0; i < query.patternCount(); i++) {
      if ((query.captureQuantifiers[i]?.[reportIndex] ?? CaptureQuantifier.Zero) === CaptureQuantifier.Zero) {
        const src = spec.query.slice(query.startIndexForPattern(i), query.endIndexForPattern(i)).trim();
        const hint = src.startsWith("(#")
          ? `; predicates must sit inside the pattern's parentheses, e.g. ((call_expression) @report (#eq? @report "x"))`
          : "";
        throw new RuleCompileError(
          `query pattern ${i + 1} (${src.slice(0, 40).replace(/\s+/g, " ")}...) does not capture @${report}${hint}`,
        );
      }
    }
    let test: MatchTest;
    try {
      test = compileWhere(spec.where, captures, { untrusted: custom });
    } catch (e) {
      throw new RuleCompileError(errorText(e));
    }
    // Pattern offsets are bytes: only derive needles from an ASCII query.
    const patterns = [];
    if (/^[\x00-\x7f]*$/.test(spec.query)) {
      for (let i = 0; i < query.patternCount(); i++) {
        const quantifiers = query.captureQuantifiers[i] ?? [];
        const required = (name: string) => {
          const q = quantifiers[query.captureIndexForName(name)];
          return q === CaptureQuantifier.One || q === CaptureQuantifier.OneOrMore;
        };
        patterns.push(
          patternNeedles(spec.query.slice(query.startIndexForPattern(i), query.endIndexForPattern(i)), required),
        );
      }
    }
    return {
      spec,
      meta: ruleMeta(spec),
      origin: rule.origin,
      language: def,
      query,
      test,
      report,
      prefilter: buildPrefilter(spec.prefilter, patterns),
      custom,
    };
  } catch (e) {
    query.delete();
    throw e;
  }
}

// A validated rule spec + one grammar -> a compiled rule (tree-sitter query + constraint test).
import { CaptureQuantifier, type Language, Query } from "web-tree-sitter";
import type { LanguageDef } from "../../lang/types.js";
import type { RuleMeta } from "../../types.js";
import { compileWhere, type MatchTest } from "../constraints/registry.js";
import type { LoadedRule } from "./load.js";
import { compileMatchPredicates, type PatternTest, renameMatchPredicates } from "./match-predicates.js";
import { buildPrefilter, patternNeedles, type TextFilter } from "./prefilter.js";
import type { RuleSpec } from "./schema.js";
import { compilePattern, type SafePattern } from "../../regex.js";
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
  /** A custom rule's `#match?` predicates, run on the linear-time engine (see match-predicates.ts). */
  patternTest: PatternTest | null;
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

export function compileRule(rule: LoadedRule, def: LanguageDef, grammar: Language, custom: boolean): CompiledRule {
  const { spec } = rule;
  // Custom rules' regex predicates are renamed so that tree-sitter leaves them to the RE2 engine.
  const source = custom ? renameMatchPredicates(spec.query) : spec.query;
  let query: Query;
  try {
    query = new Query(grammar, source);
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
        const src = source.slice(query.startIndexForPattern(i), query.endIndexForPattern(i)).trim();
        const hint = src.startsWith("(#")
          ? `; predicates must sit inside the pattern's parentheses, e.g. ((call_expression) @report (#eq? @report "x"))`
          : "";
        throw new RuleCompileError(
          `query pattern ${i + 1} (${src.slice(0, 40).replace(/\s+/g, " ")}...) does not capture @${report}${hint}`,
        );
      }
    }
    let test: MatchTest;
    let patternTest: PatternTest | null;
    let prefilterPattern: SafePattern | undefined;
    try {
      const textPattern = spec["prefilter-pattern"];
      if (textPattern !== undefined) {
        try {
          prefilterPattern = compilePattern(textPattern, { untrusted: custom });
        } catch (e) {
          throw new Error(`prefilter-pattern: ${errorText(e)}`);
        }
      }
      test = compileWhere(spec.where, captures, { untrusted: custom });
      patternTest = custom ? compileMatchPredicates(query) : null;
    } catch (e) {
      throw new RuleCompileError(errorText(e));
    }
    // Pattern offsets are bytes: only derive needles from an ASCII query.
    const patterns = [];
    if (/^[\x00-\x7f]*$/.test(source)) {
      for (let i = 0; i < query.patternCount(); i++) {
        const quantifiers = query.captureQuantifiers[i] ?? [];
        const required = (name: string) => {
          const q = quantifiers[query.captureIndexForName(name)];
          return q === CaptureQuantifier.One || q === CaptureQuantifier.OneOrMore;
        };
        patterns.push(
          patternNeedles(source.slice(query.startIndexForPattern(i), query.endIndexForPattern(i)), required),
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
      prefilter: buildPrefilter(spec.prefilter, patterns, prefilterPattern),
      custom,
      patternTest,
    };
  } catch (e) {
    query.delete();
    throw e;
  }
}

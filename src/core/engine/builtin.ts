// Built-in rules and secret detectors: read from the rules directory, compiled once per
// directory and cached for the life of the process (grammar wasm loading is slow).
import { Parser } from "web-tree-sitter";
import { loadGrammar } from "../lang/grammars.js";
import { languageById } from "../lang/registry.js";
import type { SecretDetector } from "../secrets/detectors.js";
import { parseSecretFile } from "../secrets/load.js";
import type { RuleMeta } from "../types.js";
import { type CompiledRule, compileRule, ruleMeta } from "./rules/compile.js";
import { type LoadedRule, parseRuleFile } from "./rules/load.js";
import { readRuleFiles } from "./rules-dir.js";
import { compileTaintSpec, parseTaintFile, type TaintFile, type TaintSpec } from "./taint/spec.js";
import { errorText } from "../text.js";

export interface RuleSet {
  byLanguage: Map<string, CompiledRule[]>;
  metas: RuleMeta[];
  notes: string[];
}

export interface Builtins extends RuleSet {
  detectors: SecretDetector[];
  /** Taint sources, sanitizers and propagators by language id (rules/_sources). */
  taint: Map<string, TaintSpec>;
}

const parsers = new Map<string, Parser>();

/** One parser per language, reused across scans (scan() is synchronous, so never shared concurrently). */
export function parserFor(languageId: string): Parser | undefined {
  return parsers.get(languageId);
}

async function ensureParser(languageId: string): Promise<void> {
  if (parsers.has(languageId)) return;
  const def = languageById(languageId);
  if (!def) return;
  const grammar = await loadGrammar(def);
  if (parsers.has(languageId)) return;
  const p = new Parser();
  p.setLanguage(grammar);
  parsers.set(languageId, p);
}

/** Compile loaded rules for each of their languages; problems go to notes, with a prefix. */
export async function compileRules(
  rules: readonly LoadedRule[],
  custom: boolean,
  notePrefix: string,
): Promise<RuleSet> {
  const byLanguage = new Map<string, CompiledRule[]>();
  const metas: RuleMeta[] = [];
  const notes: string[] = [];
  for (const rule of rules) {
    const compiled: CompiledRule[] = [];
    let failed = false;
    for (const langId of rule.spec.languages) {
      const def = languageById(langId);
      if (!def) continue;
      try {
        const grammar = await loadGrammar(def);
        await ensureParser(langId);
        compiled.push(compileRule(rule, def, grammar, custom));
      } catch (e) {
        notes.push(`${notePrefix}${rule.origin}: rule ${rule.spec.id} skipped: ${errorText(e)}`);
        failed = true;
        break;
      }
    }
    if (failed) {
      for (const c of compiled) c.query.delete();
      continue;
    }
    for (const c of compiled) {
      const list = byLanguage.get(c.language.id) ?? [];
      list.push(c);
      byLanguage.set(c.language.id, list);
    }
    metas.push(ruleMeta(rule.spec));
  }
  return { byLanguage, metas, notes };
}

async function load(rulesDir: string): Promise<Builtins> {
  const notes: string[] = [];
  let files;
  try {
    files = await readRuleFiles(rulesDir);
  } catch (e) {
    return {
      byLanguage: new Map(),
      metas: [],
      notes: [`built-in rules could not be read from ${rulesDir}: ${errorText(e)}`],
      detectors: [],
      taint: new Map(),
    };
  }
  const detectors: SecretDetector[] = [];
  const rules: LoadedRule[] = [];
  const ids = new Set<string>();
  const taintFiles: TaintFile[] = [];
  for (const f of files) {
    if (f.rel.startsWith("_sources/")) {
      const r = parseTaintFile(f.text, `rules/${f.rel}`);
      taintFiles.push(...r.files);
      notes.push(...r.errors);
      continue;
    }
    // Other folders starting with "_" hold data, not rules.
    if (f.rel.startsWith("_")) continue;
    if (f.rel.startsWith("secrets/")) {
      const r = parseSecretFile(f.text, `rules/${f.rel}`);
      detectors.push(...r.detectors);
      notes.push(...r.errors);
      continue;
    }
    const r = parseRuleFile(f.text, `rules/${f.rel}`);
    notes.push(...r.errors);
    for (const rule of r.rules) {
      if (ids.has(rule.spec.id)) {
        notes.push(`${rule.origin}: rule ${rule.spec.id} is defined twice; the second one is skipped`);
        continue;
      }
      ids.add(rule.spec.id);
      rules.push(rule);
    }
  }
  const set = await compileRules(rules, false, "");
  for (const d of detectors) {
    set.metas.push({
      id: d.spec.id,
      name: d.spec.name,
      cwe: [...d.spec.cwe],
      severity: d.spec.severity,
      confidence: d.spec.confidence,
      message: d.spec.message,
      fix: d.spec.fix,
      references: d.spec.references,
      languages: ["*"],
    });
  }
  const taint = new Map<string, TaintSpec>();
  const taintLangs = new Set(taintFiles.flatMap((t) => t.languages));
  for (const lang of taintLangs) {
    if (!languageById(lang)) {
      notes.push(`rules/_sources: unknown language ${lang}`);
      continue;
    }
    taint.set(lang, compileTaintSpec(taintFiles.filter((t) => t.languages.includes(lang))));
  }
  return { ...set, notes: [...notes, ...set.notes], detectors, taint };
}

const cache = new Map<string, Promise<Builtins>>();

/** The built-in rule set of a rules directory, loaded once. */
export function loadBuiltins(rulesDir: string): Promise<Builtins> {
  let p = cache.get(rulesDir);
  if (!p) {
    p = load(rulesDir);
    p.catch(() => cache.delete(rulesDir));
    cache.set(rulesDir, p);
  }
  return p;
}

// The detection engine: tree-sitter rules (data, in rules/<language>/*.yml) plus the
// secrets scan, behind the Scanner interface the core uses.
import path from "node:path";
import { detectLanguage } from "../lang/registry.js";
import { SECRET_SCAN_BUDGET_MS, scanSecretsWithin } from "../secrets/scan.js";
import type { RawFinding, RuleMeta, RuleSource } from "../types.js";
import { compileRules, loadBuiltins, parserFor, type RuleSet } from "./builtin.js";
import { PARSE_BUDGET_MS, scanRules } from "./file-scan.js";
import type { CompiledRule } from "./rules/compile.js";
import { type LoadedRule, parseRuleFile } from "./rules/load.js";
import { defaultRulesDir } from "./rules-dir.js";
import type { ScanResult, ScanTarget, Scanner } from "./scanner.js";
import { usesUntrusted } from "./run.js";

export type { ScanResult, ScanTarget, Scanner } from "./scanner.js";
export { detectLanguage } from "../lang/registry.js";

export interface CreateScannerOptions {
  /** Rules a repository brings (same format as the built-in ones). Compiled per call. */
  customRules?: readonly RuleSource[];
  /** Directory of the built-in rules. Defaults to the package's rules/. */
  rulesDir?: string;
  /** Longest time (ms) one parse may take before the changed region alone is parsed (default PARSE_BUDGET_MS). */
  parseBudgetMs?: number;
}

const finalizer = new FinalizationRegistry<CompiledRule[]>((rules) => {
  for (const r of rules) r.query.delete();
});

/** The largest repository rule file that is parsed (the built-in ones are a few KB each). */
export const MAX_RULE_FILE_BYTES = 256 * 1024;

async function loadCustom(sources: readonly RuleSource[], builtinIds: ReadonlySet<string>): Promise<RuleSet> {
  const notes: string[] = [];
  const rules: LoadedRule[] = [];
  const ids = new Set<string>();
  for (const src of sources) {
    const bytes = Buffer.byteLength(src.text, "utf8");
    if (bytes > MAX_RULE_FILE_BYTES) {
      notes.push(
        `custom rule skipped: ${src.origin} is ${Math.ceil(bytes / 1024)} KB; a rule file may be at most ${MAX_RULE_FILE_BYTES / 1024} KB`,
      );
      continue;
    }
    const r = parseRuleFile(src.text, src.origin);
    for (const e of r.errors) notes.push(`custom rule skipped: ${e}`);
    for (const rule of r.rules) {
      if (builtinIds.has(rule.spec.id) || ids.has(rule.spec.id)) {
        notes.push(`custom rule skipped: ${src.origin}: rule ${rule.spec.id} has the id of another rule`);
        continue;
      }
      ids.add(rule.spec.id);
      rules.push(rule);
    }
  }
  const set = await compileRules(rules, true, "custom rule skipped: ");
  return { ...set, notes: [...notes, ...set.notes] };
}

export async function createScanner(
  opts: CreateScannerOptions = {},
): Promise<{ scanner: Scanner & { dispose(): void }; notes: string[] }> {
  const rulesDir = path.resolve(opts.rulesDir ?? defaultRulesDir());
  const builtins = await loadBuiltins(rulesDir);
  const notes = [...builtins.notes];

  const custom = await loadCustom(opts.customRules ?? [], new Set(builtins.metas.map((m) => m.id)));
  notes.push(...custom.notes);

  const byLanguage = new Map<string, CompiledRule[]>();
  for (const [lang, rules] of builtins.byLanguage) byLanguage.set(lang, [...rules]);
  for (const [lang, rules] of custom.byLanguage) byLanguage.set(lang, [...(byLanguage.get(lang) ?? []), ...rules]);
  const customCompiled = [...custom.byLanguage.values()].flat();
  const metas: RuleMeta[] = [...builtins.metas, ...custom.metas];
  const detectors = builtins.detectors;

  const scanner = {
    rules: () => metas.map((m) => ({ ...m })),
    scan(target: ScanTarget): ScanResult {
      const lang = detectLanguage(target.path, target.content);
      const notes: string[] = [];
      const secrets = target.noSecrets
        ? { findings: [] as RawFinding[], stoppedAt: undefined }
        : scanSecretsWithin(
            detectors,
            { path: target.path, content: target.content, changedLines: target.changedLines, code: lang !== null },
            SECRET_SCAN_BUDGET_MS,
          );
      const findings: RawFinding[] = secrets.findings;
      if (secrets.stoppedAt !== undefined) {
        const why = `secrets scan stopped by its time budget (${SECRET_SCAN_BUDGET_MS / 1000} s) at line ${secrets.stoppedAt}`;
        notes.push(why);
        return { language: lang?.id ?? null, findings, notes, incomplete: why };
      }
      if (!lang) return { language: null, findings, notes };
      // Over limits.maxFileBytes: the secrets scan only (the core reports the file incomplete).
      if (target.secretsOnly) return { language: lang.id, findings, notes };

      const only = target.onlyRules;
      const rules = (byLanguage.get(lang.id) ?? []).filter(
        (r) =>
          (only === undefined || only.has(r.spec.id)) &&
          (!target.relaxed || usesUntrusted(r)) &&
          r.prefilter(target.content),
      );
      const parser = parserFor(lang.id);
      if (rules.length === 0 || !parser) return { language: lang.id, findings, notes };
      const out = scanRules(
        {
          parser,
          lang,
          rules,
          taint: builtins.taint.get(lang.id),
          parseBudgetMs: opts.parseBudgetMs ?? PARSE_BUDGET_MS,
          relaxed: target.relaxed === true,
        },
        target,
      );
      findings.push(...out.findings);
      notes.push(...out.notes);
      return {
        language: lang.id,
        findings,
        notes,
        ...(out.incomplete ? { incomplete: out.incomplete } : {}),
        ...(out.summaries ? { summaries: out.summaries } : {}),
      };
    },
    /** Free the custom rules' compiled queries now (they are also freed when the scanner is collected). */
    dispose() {
      for (const [lang, rules] of byLanguage)
        byLanguage.set(
          lang,
          rules.filter((r) => !r.custom),
        );
      for (const r of customCompiled) r.query.delete();
      customCompiled.length = 0;
      finalizer.unregister(scanner);
    },
  };
  if (customCompiled.length > 0) finalizer.register(scanner, customCompiled, scanner);
  return { scanner, notes };
}

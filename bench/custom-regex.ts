// Cost of running a repository's rule regexes on RE2 (re2js, linear time) rather than on
// JavaScript's RegExp: the same typical custom rule, once as a repository rule (RE2) and once
// placed among the built-in rules (RegExp), over the generated 50-file review. Measures only.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Change } from "../src/core/change.js";
import { createScanner } from "../src/core/engine/index.js";
import { defaultRulesDir } from "../src/core/engine/rules-dir.js";
import { reviewOffline } from "../test/helpers/review.js";

/** A typical custom rule: a query with a `#match?` predicate and three `where` regexes. */
const RULE = `
id: acme.bench.token-log
languages: [javascript, typescript, python, go, java]
severity: low
confidence: medium
message: a call that looks like logging or storing a credential
query: |
  ((_ (identifier) @fn) @report (#match? @fn "(?i)^(?:log|info|debug|warn|error|print|write|set|save|store)"))
where:
  - { capture: report, matches: '(?i)(?:token|secret|passw(?:or)?d|api_?key)' }
  - not: { capture: report, scope-matches: '(?i)\\b(?:redact|mask|sanitize)\\w*\\(' }
  - not: { capture: report, file-matches: 'aiguard-bench-never-present-[0-9a-f]{8}' }
`;

type Scanner = Awaited<ReturnType<typeof createScanner>>["scanner"];

/** Median review time with each scanner, timed in turns so that load on the machine hits all alike. */
async function medians(input: Change, scanners: readonly Scanner[], rounds = 20): Promise<number[]> {
  for (const s of scanners) await reviewOffline(input, s);
  const times: number[][] = scanners.map(() => []);
  for (let i = 0; i < rounds; i++) {
    for (const [j, s] of scanners.entries()) {
      const t = performance.now();
      await reviewOffline(input, s);
      times[j]?.push(performance.now() - t);
    }
  }
  return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)] ?? 0);
}

export async function benchCustomRuleRegex(input: Change): Promise<string> {
  const none = await createScanner();
  const re2 = await createScanner({ customRules: [{ origin: ".aiguard/rules/bench.yml", text: RULE }] });
  const dir = mkdtempSync(path.join(tmpdir(), "aiguard-bench-rules-"));
  try {
    cpSync(defaultRulesDir(), dir, { recursive: true });
    writeFileSync(path.join(dir, "javascript", "zz-bench.yml"), RULE);
    const native = await createScanner({ rulesDir: dir });
    const [base = 0, withRe2 = 0, withNative = 0] = await medians(input, [none.scanner, re2.scanner, native.scanner]);
    const findings = (await reviewOffline(input, re2.scanner)).review.findings.filter(
      (f) => f.ruleId === "acme.bench.token-log",
    ).length;
    re2.scanner.dispose();
    return `custom rule regexes, ${input.files.length}-file review (median of 20, in turns): no custom rule ${base.toFixed(1)} ms; one typical custom rule (${findings} findings) on RE2 (re2js) ${withRe2.toFixed(1)} ms (+${(withRe2 - base).toFixed(1)} ms); the same rule as a built-in, on RegExp ${withNative.toFixed(1)} ms (+${(withNative - base).toFixed(1)} ms)`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

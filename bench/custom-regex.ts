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

async function medianMs(input: Change, scanner: Awaited<ReturnType<typeof createScanner>>["scanner"]) {
  for (let i = 0; i < 3; i++) await reviewOffline(input, scanner);
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    await reviewOffline(input, scanner);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export async function benchCustomRuleRegex(input: Change): Promise<string> {
  const none = await createScanner();
  const base = await medianMs(input, none.scanner);

  const re2 = await createScanner({ customRules: [{ origin: ".aiguard/rules/bench.yml", text: RULE }] });
  const withRe2 = await medianMs({ ...input }, re2.scanner);
  re2.scanner.dispose();

  const dir = mkdtempSync(path.join(tmpdir(), "aiguard-bench-rules-"));
  try {
    cpSync(defaultRulesDir(), dir, { recursive: true });
    writeFileSync(path.join(dir, "javascript", "zz-bench.yml"), RULE);
    const native = await createScanner({ rulesDir: dir });
    const withNative = await medianMs(input, native.scanner);
    return `custom rule regexes, ${input.files.length}-file review (median of 20): no custom rule ${base.toFixed(1)} ms; one typical custom rule on RE2 (re2js) ${withRe2.toFixed(1)} ms (+${(withRe2 - base).toFixed(1)} ms); the same rule on RegExp ${withNative.toFixed(1)} ms (+${(withNative - base).toFixed(1)} ms)`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

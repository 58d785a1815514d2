// Running a rule's own examples: every `bad` example must produce the rule's finding,
// every `good` example none. Used by the test suite (and usable to check custom rules).
import { languageById } from "../lang/registry.js";
import type { RuleExample, RuleSpec } from "./rules/schema.js";
import type { Scanner } from "./scanner.js";

export interface ExampleCase {
  kind: "bad" | "good";
  index: number;
  language: string;
  path: string;
  code: string;
}

export interface ExampleOutcome extends ExampleCase {
  ok: boolean;
  /** Lines where the rule fired. */
  lines: number[];
}

function casesOf(spec: RuleSpec, kind: "bad" | "good", list: readonly RuleExample[]): ExampleCase[] {
  const out: ExampleCase[] = [];
  list.forEach((ex, index) => {
    const code = typeof ex === "string" ? ex : ex.code;
    const langs =
      typeof ex === "string" || !ex.languages ? spec.languages : ex.languages.filter((l) => spec.languages.includes(l));
    for (const language of langs) {
      const ext = languageById(language)?.extensions[0] ?? ".txt";
      const path = typeof ex !== "string" && ex.path ? ex.path : `src/example${ext}`;
      out.push({ kind, index, language, path, code });
    }
  });
  return out;
}

export function exampleCases(spec: RuleSpec): ExampleCase[] {
  return [...casesOf(spec, "bad", spec.examples?.bad ?? []), ...casesOf(spec, "good", spec.examples?.good ?? [])];
}

export function runExamples(scanner: Scanner, spec: RuleSpec): ExampleOutcome[] {
  return exampleCases(spec).map((c) => {
    const result = scanner.scan({ path: c.path, content: c.code, changedLines: new Set() });
    const lines = result.findings.filter((f) => f.ruleId === spec.id).map((f) => f.line);
    const ok = c.kind === "bad" ? lines.length > 0 : lines.length === 0;
    return { ...c, ok, lines };
  });
}

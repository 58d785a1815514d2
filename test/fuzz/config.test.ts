// Properties of `.aiguard.yml` loading (src/core/policy/config.ts): any text, any layer chain, gives a
// config or located errors (source, line, column, message), never a throw, in bounded time.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { stringify } from "yaml";
import { type ConfigResult, parseExtends, readExtends, resolveConfig } from "../../src/core/policy/config.js";
import { fuzzTargets, property } from "./harness.js";

const DEFAULT_POLICY = readFileSync(new URL("../../src/core/policy/default-policy.yml", import.meta.url), "utf8");
const SEEDS = [
  DEFAULT_POLICY,
  `_extends: octo/.github:policies/aiguard.yml
enabled: true
drafts: review
paths:
  ignore: ["vendor/**", "**/*.min.js"]
rules:
  disable: [js/eval]
  severity: { "secrets/generic": low }
limits:
  maxFileBytes: 1000000
dependencies:
  allow: ["react", "react-dom", "@acme/*"]
  deny:
    - event-stream
    - { name: "colors", ecosystem: npm, reason: "sabotaged release" }
  private: ["@acme/*"]
  licenses:
    allow: [MIT, Apache-2.0]
    deny: [AGPL-3.0-only]
    fail-on-unknown: false
  min-age-days: 30
  severity: { new-package: high }
  ignore:
    - { name: "expresss", risks: [typosquat], reason: "internal fork, SEC-123", until: 2027-06-30 }
  lookups: true
`,
  "base: &b { enabled: true }\nother: *b\n",
  "enabled: false\n",
  "",
];

/** Every problem points at a file, a line and a column, and says something. */
function checkResult(r: ConfigResult, sources: string[]): void {
  const problems = r.ok ? r.warnings : [...r.errors, ...r.warnings];
  if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(sources).toContain(p.source);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.line, `unlocated: ${JSON.stringify(p)}`).toBeGreaterThanOrEqual(1);
    expect(p.column ?? 1).toBeGreaterThanOrEqual(1);
  }
}

/** Layers of a chain in one input, cut at NUL characters (mutations insert them). */
function layersOf(input: string): { source: string; text: string }[] {
  return input
    .split("\u0000")
    .slice(0, 4)
    .map((text, k) => ({ source: `layer${k}.yml`, text }));
}

fuzzTargets(".aiguard.yml", [
  {
    name: "resolveConfig (one layer, or a chain cut at NULs)",
    seeds: [...SEEDS, `${DEFAULT_POLICY}\u0000${SEEDS[1]}`],
    run: (input) => {
      const layers = layersOf(input);
      return { result: resolveConfig(layers), sources: layers.map((l) => l.source) };
    },
    check: (out) => {
      const { result, sources } = out as { result: ConfigResult; sources: string[] };
      checkResult(result, sources);
    },
    weight: 0.25,
  },
  {
    name: "readExtends + parseExtends",
    seeds: SEEDS,
    run: (input) => {
      const target = readExtends(input);
      return target === undefined ? null : parseExtends(target, "octo", ".github/aiguard.yml");
    },
    weight: 0.25,
  },
]);

// ---------------------------------------------------------------------------------------------
// Well-formed YAML of the right and wrong shapes: keys the schema knows, at any depth, with any values.

const KEYS = [
  "enabled",
  "drafts",
  "paths",
  "ignore",
  "rules",
  "disable",
  "severity",
  "limits",
  "maxFileBytes",
  "dependencies",
  "allow",
  "deny",
  "private",
  "licenses",
  "tiers",
  "name",
  "when",
  "any",
  "all",
  "areas",
  "conclusion",
  "labels",
  "reviewers",
  "teams",
  "approvals",
  "_extends",
  "min-age-days",
  "lookups",
  "reason",
  "until",
  "__proto__",
  "constructor",
  "",
];

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(
      fc.boolean(),
      fc.integer(),
      fc.double(),
      fc.constantFrom("critical", "high", "action_required", "success", "review", "MIT", "*", "2027-06-30", null),
      fc.string({ maxLength: 20 }),
    ),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 5 }),
  ),
}));

const document = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 });

describe("property: .aiguard.yml of any shape", () => {
  property(
    "any mapping of known keys, in a chain of one to three layers, gives a config or located errors",
    [fc.array(document, { minLength: 1, maxLength: 3 })],
    (docs) => {
      const layers = docs.map((d, k) => ({ source: `layer${k}.yml`, text: stringify(d) }));
      checkResult(
        resolveConfig(layers),
        layers.map((l) => l.source),
      );
    },
  );

  property(
    "a valid config stays valid when written again from what it merged to",
    [fc.constantFrom(...SEEDS)],
    (seed) => {
      const first = resolveConfig([{ source: "a.yml", text: seed }]);
      expect(first.ok).toBe(true);
      if (!first.ok) return;
      const again = resolveConfig([{ source: "b.yml", text: stringify(first.merged) }]);
      expect(again.ok).toBe(true);
      if (again.ok) expect(again.config).toEqual(first.config);
    },
    0.05,
  );
});

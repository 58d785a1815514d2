// Every rule file loads, and every rule's examples behave: bad -> a finding of that rule, good -> none.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../src/core/engine/index.js";
import { runExamples } from "../../src/core/engine/examples.js";
import { parseRuleFile } from "../../src/core/engine/rules/load.js";
import type { Scanner } from "../../src/core/engine/scanner.js";

const rulesDir = path.resolve(import.meta.dirname, "../../rules");

const ruleFiles = readdirSync(rulesDir, { recursive: true, encoding: "utf8" })
  // secrets/ holds secret detectors, folders starting with "_" hold data (rules/_sources: taint sources)
  .filter((f) => /\.ya?ml$/.test(f) && !f.split(path.sep).some((d) => d === "secrets" || d.startsWith("_")))
  .sort();

let scanner: Scanner;
let notes: string[];
beforeAll(async () => {
  ({ scanner, notes } = await createScanner({ rulesDir }));
});

describe("built-in rules", () => {
  it("has rule files for every starter language", () => {
    const dirs = new Set(ruleFiles.map((f) => f.split(path.sep)[0]));
    for (const lang of ["javascript", "python", "go", "java"]) expect(dirs).toContain(lang);
  });

  it("load without notes", () => {
    expect(notes).toEqual([]);
  });
});

for (const file of ruleFiles) {
  const text = readFileSync(path.join(rulesDir, file), "utf8");
  const loaded = parseRuleFile(text, `rules/${file}`);

  describe(`rules/${file}`, () => {
    it("is valid", () => {
      expect(loaded.errors).toEqual([]);
      expect(loaded.rules.length).toBeGreaterThan(0);
    });

    for (const { spec } of loaded.rules) {
      describe(spec.id, () => {
        it("has bad and good examples", () => {
          expect(spec.examples?.bad.length ?? 0, `${spec.id} needs bad examples`).toBeGreaterThan(0);
          expect(spec.examples?.good.length ?? 0, `${spec.id} needs good examples`).toBeGreaterThan(0);
        });

        it("follows the id convention <lang>.<family>.<name>", () => {
          expect(spec.id).toMatch(/^[a-z]+\.[a-z0-9-]+\.[a-z0-9-]+$/);
          expect(spec.cwe.length).toBeGreaterThan(0);
        });

        it("fires on every bad example and on no good example", () => {
          const outcomes = runExamples(scanner, spec);
          const failed = outcomes
            .filter((o) => !o.ok)
            .map(
              (o) =>
                `${o.kind}[${o.index}] (${o.language}): ${o.kind === "bad" ? "no finding" : `fired on line(s) ${o.lines.join(", ")}`}\n${o.code}`,
            );
          expect(failed, failed.join("\n---\n")).toEqual([]);
        });
      });
    }
  });
}

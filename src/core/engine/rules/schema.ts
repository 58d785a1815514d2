// The rule file format (rules/<language>/<family>.yml), validated with zod.
// A file holds one rule (a mapping), a list of rules, or `{ rules: [...] }`.
import { z } from "zod";
import { ConfidenceSchema, SeveritySchema } from "../../levels.js";

const CweSchema = z
  .union([z.number().int().positive(), z.string().regex(/^(CWE-)?\d+$/i, "expected CWE-<number>")])
  .transform((v) => {
    const n = typeof v === "number" ? String(v) : v.replace(/^CWE-/i, "");
    return `CWE-${n}`;
  });

export const ExampleSchema = z.union([
  z.string(),
  z
    .object({
      code: z.string(),
      /** Restrict the example to some of the rule's languages (e.g. TypeScript-only syntax). */
      languages: z.array(z.string()).min(1).optional(),
      /** Path the example pretends to have (for rules that look at the file name). */
      path: z.string().optional(),
    })
    .strict(),
]);

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, "rule ids use letters, digits, '.', '_' and '-'"),
    name: z.string().optional(),
    languages: z.array(z.string().min(1)).min(1),
    cwe: z.array(CweSchema).default([]),
    severity: SeveritySchema,
    confidence: ConfidenceSchema,
    message: z.string().min(1),
    fix: z.string().optional(),
    references: z.array(z.string()).optional(),
    /** The file must contain at least one of these strings for the rule to run. */
    prefilter: z.array(z.string().min(1)).min(1).optional(),
    /**
     * A regular expression the file may match instead: with `prefilter`, the file passes when it
     * contains one of the strings or matches this (for what no fixed string tells, such as a
     * regular-expression literal's opening slash, which `//` comments also contain).
     */
    "prefilter-pattern": z.string().min(1).max(500).optional(),
    /** A tree-sitter query (S-expressions with captures and predicates). */
    query: z.string().min(1).max(20000),
    /** Declarative constraints on captures; all must hold (see engine/constraints/registry.ts). */
    where: z.array(z.unknown()).default([]),
    /** The capture whose node is the finding's location. Defaults to `report`. */
    report: z.string().min(1).default("report"),
    examples: z
      .object({
        bad: z.array(ExampleSchema).default([]),
        good: z.array(ExampleSchema).default([]),
      })
      .strict()
      .optional(),
  })
  .strict();

export type RuleSpec = z.output<typeof RuleSchema>;
export type RuleExample = z.output<typeof ExampleSchema>;

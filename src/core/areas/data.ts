// The built-in area signals: src/core/areas/signals.yml (copied to dist/ by the build), read and
// validated once when this module loads. The format is described at the top of that file.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";
import { errorText } from "../text.js";

const weight = z.number().min(0).max(100);
const langs = z.array(z.string()).optional();

const pathSignal = z
  .strictObject({
    glob: z.string().optional(),
    word: z.string().optional(),
    weight: weight.optional(),
    reason: z.string().optional(),
  })
  .refine((p) => (p.glob === undefined) !== (p.word === undefined), "a path signal has either `glob` or `word`");

const importSignal = z.strictObject({
  module: z.string().min(1),
  weight,
  lang: langs,
  members: z.record(z.string(), weight).optional(),
  /** Without the file's imports (a bare diff), assume the module's usual local name is bound to it. */
  implicit: z.boolean().optional(),
});

const callSignal = z.strictObject({ call: z.string().min(1), weight, lang: langs });

const patternSignal = z.strictObject({
  regex: z.string().min(1),
  flags: z
    .string()
    .regex(/^[imsu]*$/)
    .optional(),
  weight,
  reason: z.string().min(1),
  lang: langs,
});

const areaData = z.strictObject({
  threshold: z.number().positive().optional(),
  /** Identifier words of the area add at most this much per hunk. */
  identifierCap: z.number().min(0).optional(),
  always: z.boolean().optional(),
  paths: z.array(pathSignal).default([]),
  imports: z.array(importSignal).default([]),
  calls: z.array(callSignal).default([]),
  identifiers: z.record(z.string(), weight).default({}),
  patterns: z.array(patternSignal).default([]),
});

export const signalsSchema = z.strictObject({
  version: z.literal(1),
  defaults: z.strictObject({
    threshold: z.number().positive(),
    weights: z.strictObject({ paths: weight, imports: weight, calls: weight, identifiers: weight }),
  }),
  files: z.strictObject({
    skip: z.array(z.string()).default([]),
    tests: z.strictObject({ factor: z.number().min(0).max(1), globs: z.array(z.string()) }),
    ui: z.strictObject({ factor: z.number().min(0).max(1), globs: z.array(z.string()) }),
    contextFactor: z.number().min(0).max(1),
  }),
  ignoreIdentifiers: z.array(z.string()).default([]),
  areas: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), areaData),
});

export type SignalsData = z.output<typeof signalsSchema>;
export type AreaData = z.output<typeof areaData>;

export const SIGNALS_URL = new URL("./signals.yml", import.meta.url);

/** Validate a signals document (the bundled one, or another for tests and experiments). */
export function parseSignals(text: string): SignalsData {
  const data = signalsSchema.parse(parse(text));
  for (const [name, area] of Object.entries(data.areas)) {
    for (const p of area.patterns) {
      try {
        new RegExp(p.regex, p.flags);
      } catch (err) {
        throw new Error(`signals: area ${name}: bad regex ${p.regex}: ${errorText(err)}`);
      }
    }
  }
  return data;
}

export const BUILTIN_SIGNALS: SignalsData = parseSignals(readFileSync(SIGNALS_URL, "utf8"));

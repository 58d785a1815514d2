// The `.aiguard.yml` schema. zod is the single source of truth: the TypeScript
// type, the runtime validation and schema/aiguard.schema.json all come from here.
import { z } from "zod";

const severity = z.enum(["critical", "high", "medium", "low", "info"]);
const conclusion = z.enum(["success", "neutral", "action_required", "failure"]);

export const configSchema = z
  .strictObject({
    _extends: z
      .string()
      .min(1)
      .optional()
      .describe("Inherit from another repository's config: `repo`, `owner/repo` or `owner/repo:path/to/file.yml`. The org `.github` repository is used when this repo has no file."),
    enabled: z.boolean().default(true).describe("Set to false to report every PR as success without analysis."),
    drafts: z
      .enum(["neutral", "review"])
      .default("neutral")
      .describe("`neutral`: draft PRs are reviewed but never get more than a neutral conclusion. `review`: drafts are judged like any PR."),
    paths: z
      .strictObject({
        ignore: z.array(z.string()).default([]).describe("Glob patterns of files that are never analysed (e.g. `vendor/**`)."),
      })
      .prefault({})
      .describe("Which files are analysed."),
    rules: z
      .strictObject({
        paths: z.array(z.string()).default([]).describe("Directories in this repository (read at the PR's base commit) that hold extra rule files."),
        disable: z.array(z.string()).default([]).describe("Rule ids (or prefixes ending in `*`) that are switched off."),
        severity: z.record(z.string(), severity).default({}).describe("Override the severity of a rule id."),
      })
      .prefault({})
      .describe("Detection rules."),
    limits: z
      .strictObject({
        maxFileBytes: z.number().int().positive().default(1_048_576).describe("Files larger than this are skipped with a note."),
        maxFiles: z.number().int().positive().max(3000).default(3000).describe("At most this many changed files are analysed."),
      })
      .prefault({})
      .describe("Resource limits."),
    conclusions: z
      .strictObject({
        blocking: conclusion.default("failure").describe("Conclusion when a finding at or above `blockAt` is present."),
        blockAt: severity.default("high").describe("The lowest severity that blocks."),
        findings: conclusion.default("neutral").describe("Conclusion when only findings below `blockAt` are present."),
        clean: conclusion.default("success").describe("Conclusion when there are no findings."),
      })
      .prefault({})
      .describe("How findings map to the check-run conclusion (until risk tiers are configured)."),
  })
  .describe("aiguard configuration (.aiguard.yml)");

export type AiguardConfig = z.output<typeof configSchema>;
export type AiguardConfigInput = z.input<typeof configSchema>;

/** The configuration used when a repository has no `.aiguard.yml`. */
export function defaultConfig(): AiguardConfig {
  return configSchema.parse({});
}

export function configJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(configSchema, { io: "input" }) as Record<string, unknown>;
}

// The review's JSON (schemaVersion 1) as a zod schema: the checkable form of docs/review-json.md.
// `npm run schema` exports it to schema/review.schema.json; the tests validate every review they
// produce against it. Objects are strict: a field the contract does not describe fails validation,
// so a new field must be added here (and to the docs) first. The Review type and this schema are
// checked against each other at compile time (the end of this file).
import { z } from "zod";
import { ConfidenceSchema, SeveritySchema } from "../core/levels.js";
import type { Review } from "../core/types.js";

const line = z.number().int().min(1);
const count = z.number().int().min(0);

const evidenceSchema = z
  .object({
    area: z.string().describe("The sensitive area (auth, crypto, payment, policy, or one the config defines)."),
    path: z.string(),
    line: line.describe("1-based line in the head version the evidence points at."),
    reason: z.string().describe("Why the area was assigned; never quotes a string literal of the code."),
  })
  .strict();

const suppressionSchema = z
  .object({
    reason: z.string().describe("Why the finding is accepted, as written by whoever suppressed it."),
    by: z.enum(["inline", "override"]).describe("An `aiguard-ignore` comment in the code, or the config."),
    author: z.string().optional(),
    approvedBy: z
      .array(z.string())
      .optional()
      .describe("Reviewers whose approval let a suppression the change added apply above `suppressions.maxSeverity`."),
  })
  .strict();

const traceStepSchema = z
  .object({
    path: z.string(),
    line: line.describe("1-based line in the head version."),
    column: line.optional(),
    role: z
      .enum(["source", "step", "call", "parameter", "sink"])
      .describe(
        "source: where outside input enters; step: an assignment or a value built or passed on; call: a call of a function whose parameter reaches the sink; parameter: that parameter; sink: the dangerous call.",
      ),
    code: z.string().describe("The code of the step on one line, at most 120 characters, secrets masked."),
  })
  .strict();

const introducedBySchema = z
  .object({
    kind: z
      .enum(["changed-line", "changed-flow", "removed-guard"])
      .describe(
        "changed-line: the change added a line of the finding; changed-flow: added lines are on the path of an unchanged sink; removed-guard: the change removed a guard, escape or check.",
      ),
    lines: z
      .array(line)
      .describe("Head lines the change added on the finding's path (empty when it only removed lines)."),
    baseLine: line.optional().describe("removed-guard: the base line that held the guard."),
    detail: z.string().describe("In words; secrets masked."),
  })
  .strict();

const findingSchema = z
  .object({
    id: z.string().describe("Stable fingerprint: rule, path and normalized code; survives line shifts."),
    ruleId: z.string(),
    cwe: z.array(z.string()),
    severity: SeveritySchema,
    confidence: ConfidenceSchema,
    path: z.string(),
    line: line,
    endLine: line,
    column: line.optional().describe("1-based column where the finding starts, when known."),
    endColumn: line.optional().describe("1-based column just past the finding's end, when known."),
    message: z.string(),
    fix: z.string().optional(),
    suppressed: suppressionSchema.nullable().describe("null while the finding is active."),
    snippet: z.string().optional().describe("The source line, secrets masked; for display, not part of the id."),
    introducedBy: introducedBySchema
      .optional()
      .describe("Why the finding belongs to this change: it is present at the head and absent at the base."),
    trace: z
      .array(traceStepSchema)
      .optional()
      .describe("Data-flow findings: how outside input gets from its source to the sink, source first."),
  })
  .strict();

const riskSchema = z
  .object({
    kind: z.string().describe("typosquat, vulnerability, nonexistent, new-package, license, … (see the README)."),
    severity: SeveritySchema,
    detail: z.string(),
    url: z.string().optional().describe("Where to read more: the advisory or the registry page."),
  })
  .strict();

const dependencySchema = z
  .object({
    ecosystem: z.string(),
    name: z.string(),
    version: z.string().describe("The version or range the manifest now declares (the old one when removed)."),
    change: z.enum(["added", "updated", "removed"]),
    manifest: z.string().describe("The manifest or lockfile path the change was read from."),
    direct: z.boolean().describe("Declared by the project itself, not pulled in by another package."),
    risks: z.array(riskSchema),
    previousVersion: z.string().optional(),
    line: line.optional(),
    resolvedVersion: z.string().optional().describe("The concrete version checked for a declared range."),
    license: z.string().nullable().optional().describe("SPDX expression; null: the registry gives none."),
    url: z.string().optional().describe("The package's page on its registry."),
    ignored: z
      .array(riskSchema.extend({ reason: z.string() }).strict())
      .optional()
      .describe("Risks accepted by `dependencies.ignore`, with the reason."),
    fromPatch: z.boolean().optional().describe("Read from a bare diff's hunks alone (`--diff`), not from whole files."),
  })
  .strict();

const statsSchema = z
  .object({
    filesChanged: count,
    linesAdded: count,
    linesRemoved: count,
    durationMs: count,
    filesAnalyzed: count.optional(),
  })
  .strict();

const approvalSchema = z
  .object({
    required: count.describe("Approvals the tier requires per area."),
    areas: z.array(z.object({ area: z.string(), approvedBy: z.array(z.string()), missing: count }).strict()),
    ignored: z
      .array(z.object({ user: z.string(), reason: z.string() }).strict())
      .describe("Approvals that do not count, and why."),
    satisfied: z.boolean(),
  })
  .strict();

const incompleteSchema = z
  .object({ path: z.string(), reason: z.string() })
  .strict()
  .describe("A file that could not be fully analysed, and why.");

const suppressionEntrySchema = z
  .object({
    path: z.string(),
    line: line,
    rules: z.array(z.string()).describe("The rule ids (or prefixes ending in *) the comment names."),
    reason: z.string(),
    author: z
      .string()
      .optional()
      .describe("Who wrote the change: the PR's author (App) or the head commit's author (CLI)."),
    status: z.enum(["applied", "needs-approval", "refused"]),
    findings: z.array(z.string()).describe("Ids of the findings it suppresses."),
    detail: z.string().optional(),
  })
  .strict();

export const reviewJsonSchema = z
  .object({
    schemaVersion: z.literal(1),
    tool: z.object({ name: z.literal("aiguard"), version: z.string() }).strict(),
    base: z.string().describe("The resolved base commit (the merge base)."),
    head: z.string().describe("The resolved head commit."),
    conclusion: z.enum(["success", "neutral", "action_required", "failure"]),
    tier: z.string().describe("The policy tier that matched (`error` when the review could not run)."),
    areas: z.array(z.string()).describe("Sensitive areas the change touches, sorted."),
    areaEvidence: z.array(evidenceSchema),
    labels: z.array(z.string()),
    reviewers: z.object({ teams: z.array(z.string()), users: z.array(z.string()) }).strict(),
    findings: z.array(findingSchema).describe("Findings of this change, worst first."),
    dependencies: z.array(dependencySchema),
    blastRadius: z.record(z.string(), z.unknown()).describe("Reserved for what the change reaches; {} today."),
    stats: statsSchema,
    notes: z.array(z.string()).describe("What the review could not look at, and why."),
    approval: approvalSchema.nullable().optional().describe("Present when the tier requires approvals."),
    incomplete: z
      .array(incompleteSchema)
      .describe("Files that could not be fully analysed, and why; empty when the review was complete."),
    suppressions: z
      .array(suppressionEntrySchema)
      .describe("Every inline suppression the change adds (its comment is on an added line), and its fate."),
  })
  .strict();

export type ReviewJson = z.infer<typeof reviewJsonSchema>;

/** The JSON Schema (draft 2020-12) of the review, for schema/review.schema.json. */
export function reviewJsonSchemaDocument(): Record<string, unknown> {
  return z.toJSONSchema(reviewJsonSchema, { io: "output" }) as Record<string, unknown>;
}

// The Review type and the schema describe the same object: each must be assignable to the other,
// and both must name the same keys at every level (optional ones too).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Keys<T> = T extends readonly (infer U)[]
  ? Keys<U>[]
  : T extends object
    ? { [K in keyof T]-?: Keys<NonNullable<T[K]>> }
    : T;
const reviewMatchesSchema: [Same<Review, ReviewJson>, Same<Keys<Review>, Keys<ReviewJson>>] = [true, true];
void reviewMatchesSchema;

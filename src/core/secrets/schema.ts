// Secret detectors as data (rules/secrets/*.yml), validated with zod.
import { z } from "zod";
import { ConfidenceSchema, SeveritySchema } from "../levels.js";

const CweSchema = z.string().regex(/^CWE-\d+$/, "expected CWE-<number>");

const Common = {
  id: z.string().regex(/^secrets\.[a-z0-9][a-z0-9_.-]*$/, "secret detector ids start with 'secrets.'"),
  name: z.string().min(1),
  severity: SeveritySchema,
  confidence: ConfidenceSchema,
  /** Must not contain the value: findings are shown to everyone who can read the PR. */
  message: z.string().min(1),
  fix: z.string().optional(),
  references: z.array(z.string()).optional(),
  /** Stay quiet in test, fixture and documentation paths (for detectors prone to sample data). */
  ignoreInFixturePaths: z.boolean().default(false),
  /** CWE ids of the findings (default CWE-798). */
  cwe: z.array(CweSchema).min(1).default(["CWE-798"]),
  /** Only files whose path matches this regex (e.g. '\.py$', '\.(properties|ya?ml)$'). */
  paths: z.string().min(1).optional(),
  /** Values matching this regex are known public ones (emulator keys, documented samples): never reported. */
  ignore: z.string().min(1).optional(),
};

/** A provider token with a recognisable shape. The regex's `value` group (or the whole match) is the secret. */
export const PatternDetectorSchema = z
  .object({
    ...Common,
    kind: z.literal("pattern").default("pattern"),
    /** Cheap prefilter: the line must contain one of these (case-sensitive). */
    keywords: z.array(z.string().min(1)).min(1),
    pattern: z.string().min(1),
    minEntropy: z.number().min(0).max(8).optional(),
    /**
     * Context the match needs: this regex must match the line before the value, or one of the
     * `lines` lines above (`session({` above `secret: "..."`, `"type": "service_account"`).
     */
    near: z
      .object({ pattern: z.string().min(1), lines: z.number().int().min(0).max(50).default(0) })
      .strict()
      .optional(),
  })
  .strict();

/** `password = "..."`-style assignments, weighed by the value's entropy. */
export const AssignmentDetectorSchema = z
  .object({
    ...Common,
    kind: z.literal("assignment"),
    /** Regex for the name being assigned; it must end the name (`dbPassword`, not `passwordField`). */
    keys: z.string().min(1),
    minLength: z.number().int().min(1).default(8),
    maxLength: z.number().int().min(1).default(200),
    minEntropy: z.number().min(0).max(8).default(3),
  })
  .strict();

/** `-----BEGIN ... PRIVATE KEY-----` followed by key material. */
export const PemDetectorSchema = z
  .object({
    ...Common,
    kind: z.literal("pem-block"),
    begin: z.string().min(1),
  })
  .strict();

export const SecretDetectorSchema = z.union([AssignmentDetectorSchema, PemDetectorSchema, PatternDetectorSchema]);

export type PatternDetectorSpec = z.output<typeof PatternDetectorSchema>;
export type AssignmentDetectorSpec = z.output<typeof AssignmentDetectorSchema>;
export type PemDetectorSpec = z.output<typeof PemDetectorSchema>;
export type SecretDetectorSpec = z.output<typeof SecretDetectorSchema>;

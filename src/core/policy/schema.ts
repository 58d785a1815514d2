// The `.aiguard.yml` schema. zod is the single source of truth: the TypeScript
// type, the runtime validation and schema/aiguard.schema.json all come from here.
import { z } from "zod";
import { ECOSYSTEM_IDS, ecosystemByAlias } from "../dependencies/ecosystems/index.js";
import { unsupportedGlob } from "../glob.js";

/** Caps that keep a hostile policy cheap to validate and to match: globs per list, and glob length. */
export const MAX_GLOBS = 1000;
export const MAX_GLOB_LENGTH = 1000;
const glob = () =>
  z
    .string()
    .max(MAX_GLOB_LENGTH)
    .superRefine((g, ctx) => {
      const why = g.length > 0 ? unsupportedGlob(g) : null;
      if (why) ctx.addIssue({ code: "custom", message: `glob ${JSON.stringify(g)} cannot be used: ${why}` });
    });
const globs = () => z.array(glob()).max(MAX_GLOBS);

const severity = z.enum(["critical", "high", "medium", "low", "info"]);
const conclusion = z.enum(["success", "neutral", "action_required", "failure"]);

const areaSchema = z
  .strictObject({
    paths: globs().default([]).describe("Glob patterns of files that belong to the area."),
    imports: z
      .array(z.string())
      .default([])
      .describe("Modules whose import or use marks the area (e.g. `stripe`, `cryptography`, `golang.org/x/crypto`)."),
    calls: z
      .array(z.string())
      .default([])
      .describe("Calls that mark the area, as written in code (e.g. `stripe.refunds.create`, `createCipheriv`)."),
    identifiers: z
      .array(z.string())
      .default([])
      .describe(
        "Words in identifiers that hint at the area (e.g. `iban`, `ssn`); weak signals that count only together with others.",
      ),
    replace: z
      .boolean()
      .default(false)
      .describe("Replace the built-in signals of this area instead of adding to them."),
  })
  .describe("Signals that place a change in a sensitive area.");

const reviewersSchema = z
  .strictObject({
    teams: z.array(z.string()).default([]).describe("Team slugs of the organisation (without the org prefix)."),
    users: z.array(z.string()).default([]).describe("GitHub logins."),
  })
  .prefault({});

/** Ecosystems as the review names them; each module's config aliases are accepted. */
const ecosystemName = z
  .string()
  .transform((v, ctx) => {
    const e = ecosystemByAlias("config", v)?.id;
    if (!e) {
      ctx.addIssue({ code: "custom", message: `unknown ecosystem "${v}"; use one of ${ECOSYSTEM_IDS.join(", ")}` });
      return z.NEVER;
    }
    return e;
  })
  .describe("Ecosystem: npm, PyPI, Go, Maven or crates.io (pypi, pip, go, cargo are accepted too).");

export const DEPENDENCY_RISK_KINDS = [
  "typosquat",
  "nonexistent",
  "new-package",
  "new-version",
  "install-script",
  "vulnerability",
  "license",
  "denied",
  "not-approved",
  "deprecated",
  "malicious",
  "unknown-version",
  "unverified",
] as const;
const riskKind = z.enum(DEPENDENCY_RISK_KINDS);

const packageMatcher = z.union([
  glob().min(1).describe("A package name, or a glob over names (`@acme/*`, `org.apache.*:*`), in any ecosystem."),
  z.strictObject({
    name: glob().min(1).describe("Package name or glob."),
    ecosystem: ecosystemName.optional(),
    reason: z.string().optional().describe("Why (shown in the report)."),
  }),
]);

const dependenciesSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe("Report dependency changes and their risks."),
    lookups: z
      .boolean()
      .default(true)
      .describe(
        "Ask registries and advisory databases about new and updated dependencies. false keeps only the offline checks (typosquats, install scripts, allow and deny lists).",
      ),
    allow: z
      .array(packageMatcher)
      .max(MAX_GLOBS)
      .default([])
      .describe(
        "Approved-library mode: when set, a direct dependency that is added and not on this list is reported as `not-approved`.",
      ),
    deny: z
      .array(packageMatcher)
      .max(MAX_GLOBS)
      .default([])
      .describe("Packages that must not be added or updated to (reported as `denied`)."),
    private: z
      .array(packageMatcher)
      .max(MAX_GLOBS)
      .default([])
      .describe(
        "Packages published to your own registry (e.g. `@acme/*`): never looked up on public registries and never checked as typosquats.",
      ),
    licenses: z
      .strictObject({
        allow: z
          .array(z.string())
          .default([])
          .describe("SPDX licence ids allowed; when set, anything else is reported as `license`."),
        deny: z
          .array(z.string())
          .default([])
          .describe("SPDX licence ids never allowed (an `OR` expression passes if one choice is allowed)."),
        "fail-on-unknown": z
          .boolean()
          .default(false)
          .describe(
            "Report a licence the registry does not give (or that is not SPDX) as a `license` risk at the licence severity; otherwise it is reported at `info`.",
          ),
      })
      .prefault({})
      .describe("Licence policy, matched as SPDX expressions."),
    "min-age-days": z
      .number()
      .int()
      .nonnegative()
      .default(30)
      .describe("A package first published fewer than this many days ago is `new-package`."),
    "min-version-age-days": z
      .number()
      .int()
      .nonnegative()
      .default(3)
      .describe("A chosen version published fewer than this many days ago is `new-version`."),
    severity: z
      .partialRecord(riskKind, severity)
      .default({})
      .describe(
        "The severity of each risk kind (advisories keep their own severity unless `vulnerability` is set here).",
      ),
    ignore: z
      .array(
        z.strictObject({
          name: glob().min(1).describe("Package name or glob."),
          ecosystem: ecosystemName.optional(),
          risks: z.array(riskKind).optional().describe("Only these risk kinds (all when omitted)."),
          reason: z.string().min(1).describe("Why this is accepted: kept with the review as evidence."),
          until: z.iso.date().optional().describe("Expiry date (YYYY-MM-DD); after it the risk is reported again."),
        }),
      )
      .max(MAX_GLOBS)
      .default([])
      .describe("Accepted dependency risks. Each needs a reason; the review still lists them as ignored."),
    unverified: z
      .enum(["neutral", "failure"])
      .default("neutral")
      .describe(
        "The least conclusion of a change adding a package no registry could vouch for (unreachable, timed out, over the look-up limit; offline too when `failure`): each is reported as `unverified`.",
      ),
  })
  .prefault({})
  .describe("Dependency governance.");

export type DependenciesConfig = z.output<typeof dependenciesSchema>;
export type DependencyRiskKind = (typeof DEPENDENCY_RISK_KINDS)[number];

export const whenSchema = z
  .strictObject({
    areas: z.array(z.string()).optional().describe("The change touches any of these areas."),
    paths: globs().optional().describe("Any changed file matches one of these globs."),
    severity: severity.optional().describe("An unsuppressed finding of this severity or above."),
    findings: z
      .boolean()
      .optional()
      .describe("true: there is at least one unsuppressed finding; false: there is none."),
    dependencyRisk: severity.optional().describe("A dependency risk of this severity or above."),
    dependencies: z
      .enum(["added", "changed"])
      .optional()
      .describe("added: the change adds a dependency; changed: it adds, updates or removes one."),
    linesChanged: z
      .strictObject({ min: z.number().int().nonnegative().optional(), max: z.number().int().nonnegative().optional() })
      .optional()
      .describe("Lines added plus removed fall in this range."),
    aiAssisted: z.boolean().optional().describe("The change is marked as AI-assisted."),
    docsOnly: z.boolean().optional().describe("Every changed file is documentation."),
    get any() {
      return z.array(whenSchema).optional().describe("Matches when any of these conditions matches.");
    },
    get all() {
      return z.array(whenSchema).optional().describe("Matches when all of these conditions match.");
    },
  })
  .describe("Conditions; all keys given must hold. An empty `when` always matches.");

export type When = z.output<typeof whenSchema>;

export const tierSchema = z
  .strictObject({
    name: z.string().min(1).describe("The tier's name, reported as `tier`."),
    when: whenSchema.prefault({}),
    conclusion: conclusion.describe("The check-run conclusion for this tier."),
    labels: z.array(z.string()).default([]).describe("Labels to add; `{area}` expands to each matched area."),
    reviewers: reviewersSchema.describe("Who is asked to review."),
    approvals: z
      .number()
      .int()
      .nonnegative()
      .default(0)
      .describe("Approvals from the tier's reviewers required, per area, before the check turns green."),
    dismissOnPush: z
      .boolean()
      .default(true)
      .describe("New commits that change code in an approved area cancel that area's approvals."),
    comment: z.boolean().default(false).describe("Post (and keep up to date) one summary comment on the PR."),
  })
  .describe("A risk tier.");

export type Tier = z.output<typeof tierSchema>;

const overrideSchema = z
  .strictObject({
    paths: globs().min(1).describe("Globs of the directories this override governs."),
    tiers: z.array(tierSchema).optional().describe("Tiers tried first for changes under these paths."),
    areas: z.record(z.string(), areaSchema).optional().describe("Area signals that apply under these paths only."),
  })
  .describe("Policy for part of a monorepo.");

export const configSchema = z
  .strictObject({
    _extends: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Inherit from another repository's config: `repo`, `owner/repo` or `owner/repo:path/to/file.yml`. The org `.github` repository is used when this repo has no file.",
      ),
    enabled: z.boolean().default(true).describe("Set to false to report every PR as success without analysis."),
    drafts: z
      .enum(["neutral", "review"])
      .default("neutral")
      .describe(
        "`neutral`: draft PRs are reviewed but never get more than a neutral conclusion. `review`: drafts are judged like any PR.",
      ),
    paths: z
      .strictObject({
        ignore: globs().default([]).describe("Glob patterns of files that are never analysed (e.g. `vendor/**`)."),
      })
      .prefault({})
      .describe("Which files are analysed."),
    rules: z
      .strictObject({
        paths: z
          .array(z.string())
          .default([])
          .describe("Directories in this repository (read at the PR's base commit) that hold extra rule files."),
        disable: z
          .array(z.string())
          .default([])
          .describe("Rule ids (or prefixes ending in `*`) that are switched off."),
        severity: z.record(z.string(), severity).default({}).describe("Override the severity of a rule id."),
      })
      .prefault({})
      .describe("Detection rules."),
    limits: z
      .strictObject({
        maxFileBytes: z
          .number()
          .int()
          .positive()
          .default(1_048_576)
          .describe(
            "Files larger than this get only the secrets scan (of their changed lines) and are reported incomplete.",
          ),
        maxFiles: z
          .number()
          .int()
          .positive()
          .max(3000)
          .default(3000)
          .describe("At most this many changed files are analysed."),
      })
      .prefault({})
      .describe("Resource limits."),
    areas: z
      .record(z.string().regex(/^[a-z][a-z0-9_-]*$/, "area names are lower-case words, e.g. pii"), areaSchema)
      .default({})
      .describe(
        "Extend the built-in sensitive areas (auth, crypto, payment, policy) with more paths, imports, calls or identifiers, or define new ones such as `pii`.",
      ),
    tiers: z
      .array(tierSchema)
      .min(1)
      .optional()
      .describe(
        "Risk tiers, in order: the first whose `when` matches decides the conclusion, labels and reviewers. Without this key the default policy's tiers apply.",
      ),
    overrides: z
      .array(overrideSchema)
      .default([])
      .describe(
        "Per-directory policy for monorepos: tiers and areas that apply to changes under the given paths. Their tiers are tried before the top-level ones.",
      ),
    dependencies: dependenciesSchema,
    analysis: z
      .strictObject({
        library: z
          .union([z.literal("auto"), z.boolean()])
          .default("auto")
          .describe(
            "Library mode: the parameters of exported functions (the package's public API) are treated as outside input. `auto` turns it on when the repository root's manifest publishes a package (package.json that is not private, pyproject.toml with [project], setup.py, go.mod, pom.xml with jar packaging).",
          ),
        libraryConfidence: z
          .enum(["lower", "rule"])
          .default("lower")
          .describe(
            "The confidence of a finding whose input is an exported function's parameter in library mode: `lower` (one level below the rule's, the default: on real packages most such parameters are configuration, not attacker input) or `rule` (the rule's own).",
          ),
      })
      .prefault({})
      .describe("How the code is analysed."),
    review: z
      .strictObject({
        commands: z.boolean().default(true).describe("Answer `/aiguard review` comments from users with write access."),
      })
      .prefault({})
      .describe("How reviews can be requested again."),
    suppressions: z
      .strictObject({
        allowed: z
          .boolean()
          .default(true)
          .describe(
            "Whether inline `aiguard-ignore` comments suppress findings at all. `false` switches every one off, those already in the base included.",
          ),
        maxSeverity: severity
          .default("medium")
          .describe(
            "The highest severity an inline suppression added by the change itself may silence on its own; a finding above it stays reported until a reviewer of the tier approves the pull request.",
          ),
        wildcards: z
          .boolean()
          .default(false)
          .describe(
            "Whether a suppression added by the change may name rules with a wildcard (`*`, or a prefix such as `js.*`).",
          ),
      })
      .prefault({})
      .describe(
        "Inline suppressions (`// aiguard-ignore <rule-id>: <reason>`): whether, and how far, a change may suppress its own findings.",
      ),
    incomplete: z
      .enum(["neutral", "failure"], {
        error: "must be neutral or failure: a review that could not analyse every file never reports success",
      })
      .default("neutral")
      .describe(
        "The conclusion when a file could not be fully analysed (too large, or its parse or a rule ran out of time) and the review would otherwise pass: `neutral`, or `failure` to fail closed. Never `success`; a worse conclusion stays.",
      ),
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

// The webhook payloads the App acts on, as zod schemas: only the fields the handlers read
// (src/handlers/), checked at the edge before any handler runs, so a signed but odd payload
// (`pull_request: null`, a bare `null`, a string) is refused with a 400 instead of crashing a
// handler. Unknown keys are allowed and kept: GitHub adds fields all the time.
import { z } from "zod";

/** A GitHub database id (repositories, installations, comments). */
export const githubId = z.number().int().positive();
/** A commit id: 40 hex digits (SHA-1 repositories) or 64 (SHA-256). */
export const commitSha = z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i);
const login = z.string().min(1).max(256);

export const repositorySchema = z.looseObject({
  id: githubId,
  name: z.string().min(1).max(256),
  owner: z.looseObject({ login }),
});

/** Absent on events delivered outside an installation; the handlers then do nothing. */
export const installationSchema = z.looseObject({ id: githubId }).nullish();

/** A pull request as webhook payloads carry it: what `toPullRef` and the handlers read. */
export const pullRequestObjectSchema = z.looseObject({
  number: githubId,
  state: z.string(),
  head: z.looseObject({ sha: commitSha }),
  base: z.looseObject({ sha: commitSha }),
  draft: z.boolean().nullish(),
  changed_files: z.number().int().nonnegative().optional(),
  comments: z.number().int().nonnegative().optional(),
  user: z.looseObject({ login: z.string() }).nullish(),
  labels: z.array(z.union([z.string(), z.looseObject({ name: z.string().nullish() })])).nullish(),
  requested_reviewers: z
    .array(z.looseObject({ login: z.string().nullish(), slug: z.string().nullish() }).nullable())
    .nullish(),
  requested_teams: z.array(z.looseObject({ slug: z.string().nullish() }).nullable()).nullish(),
});

/** The pull requests a check run or suite lists (empty for fork PRs). */
const eventPullsSchema = z.array(
  z.looseObject({ number: githubId, base: z.looseObject({ repo: z.looseObject({ id: githubId }) }) }),
);

const envelope = { action: z.string(), repository: repositorySchema, installation: installationSchema };

export const pullRequestEventSchema = z.looseObject({ ...envelope, pull_request: pullRequestObjectSchema });

export const pullRequestReviewEventSchema = z.looseObject({
  ...envelope,
  pull_request: pullRequestObjectSchema,
  review: z.looseObject({ state: z.string() }),
});

export const checkRunEventSchema = z.looseObject({
  ...envelope,
  check_run: z.looseObject({ name: z.string(), head_sha: commitSha, pull_requests: eventPullsSchema }),
  requested_action: z.looseObject({ identifier: z.string() }).nullish(),
});

export const checkSuiteEventSchema = z.looseObject({
  ...envelope,
  check_suite: z.looseObject({ head_sha: commitSha, pull_requests: eventPullsSchema }),
});

export const issueCommentEventSchema = z.looseObject({
  ...envelope,
  issue: z.looseObject({ number: githubId, state: z.string(), pull_request: z.looseObject({}).nullish() }),
  comment: z.looseObject({
    id: githubId,
    body: z.string().nullish(),
    user: z.looseObject({ login: z.string(), type: z.string() }).nullish(),
  }),
});

/** Any other event (or an action no handler listens to): a JSON object, with a usable installation if any. */
export const otherEventSchema = z.looseObject({ action: z.string().optional(), installation: installationSchema });

/** The events and actions the handlers are registered for, each with its schema. */
export const HANDLED_EVENTS: Readonly<Record<string, { actions: readonly string[]; schema: z.ZodType }>> = {
  pull_request: {
    actions: ["opened", "synchronize", "reopened", "ready_for_review"],
    schema: pullRequestEventSchema,
  },
  pull_request_review: { actions: ["submitted", "dismissed"], schema: pullRequestReviewEventSchema },
  check_run: { actions: ["rerequested", "requested_action"], schema: checkRunEventSchema },
  check_suite: { actions: ["rerequested"], schema: checkSuiteEventSchema },
  issue_comment: { actions: ["created"], schema: issueCommentEventSchema },
};

export type EventCheck = { ok: true } | { ok: false; problem: string };

/** The schema a delivery of event `name` is checked against (its action read from the payload). */
export function schemaFor(name: string, payload: unknown): z.ZodType {
  const handled = Object.hasOwn(HANDLED_EVENTS, name) ? HANDLED_EVENTS[name] : undefined;
  const action =
    typeof payload === "object" && payload !== null && !Array.isArray(payload)
      ? (payload as { action?: unknown }).action
      : undefined;
  return handled && typeof action === "string" && handled.actions.includes(action) ? handled.schema : otherEventSchema;
}

/**
 * Whether a parsed, signature-checked payload of event `name` is one the handlers can read.
 * The problem names the first offending field and what was wrong with it, never its value.
 */
export function checkWebhookEvent(name: string, payload: unknown): EventCheck {
  const result = schemaFor(name, payload).safeParse(payload);
  if (result.success) return { ok: true };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : "payload";
  return { ok: false, problem: `${where}: ${(issue?.message ?? "invalid").slice(0, 120)}` };
}

// Properties of the webhook payload validation (src/github/events.ts): whatever a signed delivery
// holds (mutated JSON text, arbitrary JSON values, documented payloads with one field broken),
// the check answers without a throw, in bounded time, and a refusal names a field, never a value.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkWebhookEvent, HANDLED_EVENTS } from "../../src/github/events.js";
import { fuzzTargets, property } from "./harness.js";

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown>>;
}

// GitHub's documented examples (github.com only) of the events the App handles, with the handled actions.
const dir = createRequire(import.meta.url)
  .resolve("@octokit/webhooks-examples/package.json")
  .replace(/package\.json$/, "");
const groups = JSON.parse(readFileSync(`${dir}api.github.com/index.json`, "utf8")) as ExampleGroup[];
const EXAMPLES: Array<{ name: string; payload: Record<string, unknown> }> = groups
  .filter((g) => Object.hasOwn(HANDLED_EVENTS, g.name))
  .flatMap((g) =>
    g.examples
      .filter((p) => HANDLED_EVENTS[g.name]!.actions.includes(String(p.action)))
      .map((payload) => ({ name: g.name, payload })),
  );

/** What the door does after the signature: JSON.parse, then the schema. */
function door(name: string, body: string): { ok: boolean; problem?: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return { ok: false, problem: "not JSON" };
  }
  return checkWebhookEvent(name, payload);
}

/** A refusal names the offending field and never echoes a string value of the payload. */
function expectQuietProblem(out: { ok: boolean; problem?: string }, body: string): void {
  if (out.ok) return;
  expect(typeof out.problem).toBe("string");
  expect(out.problem!.length).toBeLessThanOrEqual(400);
  expect(out.problem).not.toContain("\n");
  // A long string of the payload never shows up in the problem.
  for (const m of body.matchAll(/"([^"\\]{24,})"/g)) expect(out.problem).not.toContain(m[1]!);
}

describe("webhook payload seeds", () => {
  it("has documented examples of every handled event", () => {
    for (const name of Object.keys(HANDLED_EVENTS)) expect(EXAMPLES.some((e) => e.name === name)).toBe(true);
  });
});

fuzzTargets(
  "webhook payloads",
  Object.keys(HANDLED_EVENTS).map((name) => {
    const seeds = EXAMPLES.filter((e) => e.name === name).map((e) => JSON.stringify(e.payload, null, 1));
    return {
      name: `${name} delivery body`,
      seeds,
      run: (body: string) => door(name, body),
      check: (out: unknown, body: string) => expectQuietProblem(out as { ok: boolean; problem?: string }, body),
      weight: 0.5,
    };
  }),
);

/** Every path (as key lists) to a value inside a JSON value, up to a depth. */
function paths(v: unknown, depth = 4, prefix: string[] = []): string[][] {
  if (depth === 0 || typeof v !== "object" || v === null) return [prefix];
  const keys = Object.keys(v as object);
  return [prefix, ...keys.flatMap((k) => paths((v as Record<string, unknown>)[k], depth - 1, [...prefix, k]))];
}

function setAt(root: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[path[path.length - 1]!] = value;
  return copy;
}

const odd = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 2 }),
);

describe("fuzz: webhook payloads, one field broken", () => {
  property(
    "a documented payload with any field replaced by an odd value is accepted or refused with the field named",
    [fc.integer({ min: 0, max: EXAMPLES.length - 1 }), fc.nat(), odd],
    (i, pick, value) => {
      const { name, payload } = EXAMPLES[i]!;
      const all = paths(payload).filter((p) => p.length > 0);
      const path = all[pick % all.length]!;
      const out = checkWebhookEvent(name, setAt(payload, path, value));
      if (!out.ok) {
        expect(out.problem).toMatch(/^[\w.-]+: /);
        expectQuietProblem(out, JSON.stringify(value));
      }
    },
  );

  property(
    "any JSON value as a handled event's payload is answered without a throw",
    [fc.constantFrom(...Object.keys(HANDLED_EVENTS)), fc.jsonValue({ maxDepth: 4 })],
    (name, value) => {
      const out = checkWebhookEvent(name, value);
      expect(typeof out.ok).toBe("boolean");
    },
  );
});

// The schemas of the webhook events the App handles (src/github/events.ts): every example
// payload GitHub documents passes, and payloads a handler could not read are refused with a
// problem that names the field, never its value.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { checkWebhookEvent, HANDLED_EVENTS, schemaFor } from "../../src/github/events.js";
import { fixture, pullRequestPayload } from "../helpers/github.js";

interface ExampleGroup {
  name: string;
  examples: Array<Record<string, unknown>>;
}

// The documented examples for github.com and each GitHub Enterprise Server release.
const examplesDir = createRequire(import.meta.url)
  .resolve("@octokit/webhooks-examples/package.json")
  .replace(/package\.json$/, "");
const examples: Array<[string, string, Record<string, unknown>]> = readdirSync(examplesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const groups = JSON.parse(readFileSync(`${examplesDir}${d.name}/index.json`, "utf8")) as ExampleGroup[];
    return groups
      .filter((g) => Object.hasOwn(HANDLED_EVENTS, g.name))
      .flatMap((g) =>
        g.examples.map(
          (p, i) =>
            [`${d.name} ${g.name}.${String(p.action)} #${i}`, g.name, p] as [string, string, Record<string, unknown>],
        ),
      );
  });

describe("the webhook event schemas", () => {
  it("cover GitHub's documented examples of every handled event and action", () => {
    const handled = examples.filter(([, name, p]) => HANDLED_EVENTS[name]!.actions.includes(String(p.action)));
    // Every handled event and action has at least one documented example checked against its own schema.
    for (const [name, { actions }] of Object.entries(HANDLED_EVENTS))
      for (const action of actions)
        expect(
          handled.some(([, n, p]) => n === name && p.action === action),
          `${name}.${action}`,
        ).toBe(true);
    const refused = examples.flatMap(([label, name, p]) => {
      const check = checkWebhookEvent(name, p);
      return check.ok ? [] : [`${label}: ${check.problem}`];
    });
    expect(refused).toEqual([]);
  });

  it.each([
    "pull_request.opened",
    "pull_request.synchronize",
    "pull_request.reopened",
    "pull_request.ready_for_review",
    "pull_request_review.submitted",
    "pull_request_review.dismissed",
    "issue_comment.created",
    "check_run.rerequested",
    "check_run.requested_action",
    "check_suite.rerequested",
  ])("accept the test fixture %s with its event's own schema", (file) => {
    const name = file.split(".")[0]!;
    const payload = fixture(file);
    expect(schemaFor(name, payload)).toBe(HANDLED_EVENTS[name]!.schema);
    expect(checkWebhookEvent(name, payload)).toEqual({ ok: true });
  });

  it.each<[string, string, unknown, string]>([
    ["pull_request: null", "pull_request", { ...pullRequestPayload("opened"), pull_request: null }, "pull_request"],
    ["a bare null", "pull_request", null, "payload"],
    ["a string", "issue_comment", "created", "payload"],
    ["an array", "ping", [], "payload"],
    [
      "a head sha that is no commit id",
      "pull_request",
      (() => {
        const p = pullRequestPayload("synchronize");
        p.pull_request.head.sha = "../../etc/passwd";
        return p;
      })(),
      "pull_request.head.sha",
    ],
    [
      "a negative installation id",
      "check_suite",
      { ...fixture("check_suite.rerequested"), installation: { id: -1 } },
      "installation.id",
    ],
    [
      "repository.owner missing",
      "pull_request_review",
      { ...fixture("pull_request_review.submitted"), repository: { id: 1, name: "r" } },
      "repository.owner",
    ],
  ])("refuse %s, naming the field", (_what, name, payload, where) => {
    const check = checkWebhookEvent(name, payload);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem.startsWith(`${where}: `)).toBe(true);
  });

  it("never put a field's value in the problem", () => {
    const p = pullRequestPayload("opened");
    p.pull_request.head.sha = "SECRET-LOOKING-VALUE";
    const check = checkWebhookEvent("pull_request", p);
    expect(check.ok).toBe(false);
    expect(JSON.stringify(check)).not.toContain("SECRET-LOOKING-VALUE");
  });

  it("check actions no handler listens to only for being a JSON object", () => {
    const closed = { ...pullRequestPayload("opened"), action: "closed", pull_request: { anything: true } };
    expect(checkWebhookEvent("pull_request", closed)).toEqual({ ok: true });
    expect(checkWebhookEvent("installation", { action: "created", installation: { id: 5 } })).toEqual({ ok: true });
    expect(checkWebhookEvent("installation", { action: "created", installation: { id: "5" } }).ok).toBe(false);
  });
});

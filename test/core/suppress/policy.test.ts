// Inline suppressions as policy (issue 10, item 2): a change cannot silence its own serious
// findings. Real rules, the one pipeline, no network.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createScanner } from "../../../src/core/engine/index.js";
import type { Scanner } from "../../../src/core/engine/scanner.js";
import { configSchema, type AiguardConfigInput } from "../../../src/core/policy/schema.js";
import type { ApprovalInput, ChangedFile, Decision } from "../../../src/core/types.js";
import { renderJson } from "../../../src/report/json.js";
import { renderMarkdown } from "../../../src/report/markdown.js";
import { renderText } from "../../../src/report/text.js";
import { changeOf, reviewOffline } from "../../helpers/review.js";

const KEY_ID = "AKIAQYLPMN5HHHFPZAM2";
const SECRET = "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";

/** The pull request of the issue: an AWS key under a wildcard, a command injection under a named rule. */
const ISSUE_JS = `const { exec } = require("child_process");
// aiguard-ignore *: fixture
const s3 = new AWS.S3({ accessKeyId: "${KEY_ID}", secretAccessKey: "${SECRET}" });
app.get("/ls", (req, res) => {
  // aiguard-ignore js.command.exec-dynamic: any text
  exec("ls " + req.query.dir, (err, out) => res.send(out));
});
`;

const INJECTION = `  exec("ls " + req.query.dir, (err, out) => res.send(out));`;

/** The command injection alone, under its suppression (line 3). */
const INJECTION_JS = `const { exec } = require("child_process");
app.get("/ls", (req, res) => {
  // aiguard-ignore js.command.exec-dynamic: any text
${INJECTION}
});
`;

function added(path: string, content: string): ChangedFile {
  const lines = content.replace(/\n$/, "").split("\n");
  return {
    path,
    status: "added",
    additions: lines.length,
    deletions: 0,
    headContent: content,
    patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`,
  };
}

/** A file whose suppression comment (line 3) was already in the base; the line under it is rewritten. */
function modifiedUnderBaseComment(path: string, comment: string): ChangedFile {
  const head = [
    `const { exec } = require("child_process");`,
    `app.get("/ls", (req, res) => {`,
    comment,
    INJECTION,
    `});`,
  ];
  return {
    path,
    status: "modified",
    additions: 1,
    deletions: 1,
    headContent: `${head.join("\n")}\n`,
    patch: [
      "@@ -1,5 +1,5 @@",
      ` ${head[0]}`,
      ` ${head[1]}`,
      ` ${comment}`,
      `-  exec("ls");`,
      `+${INJECTION}`,
      ` ${head[4]}`,
    ].join("\n"),
  };
}

let scanner: Scanner & { dispose(): void };
beforeAll(async () => {
  scanner = (await createScanner()).scanner;
});
afterAll(() => scanner.dispose());

function review(
  files: ChangedFile[],
  policy: AiguardConfigInput = {},
  extra: Parameters<typeof reviewOffline>[2] = {},
) {
  return reviewOffline(changeOf(files, configSchema.parse(policy), { author: "mallory" }), scanner, extra);
}

describe("suppressions a change adds (issue 10, item 2)", () => {
  it("no longer lets the issue's PR silence an AWS key with `*` and a command injection with any text", async () => {
    const { review: r, decision } = await review([added("src/ls.js", ISSUE_JS)]);
    expect(r.conclusion).not.toBe("success");
    const active = r.findings.filter((f) => f.suppressed === null).map((f) => f.ruleId);
    expect(active).toContain("secrets.aws-access-key-id");
    expect(active).toContain("js.command.exec-dynamic");
    // Both comments are listed, with the PR's author and what became of them.
    expect(r.suppressions).toMatchObject([
      { path: "src/ls.js", line: 2, rules: ["*"], reason: "fixture", author: "mallory", status: "refused" },
      {
        path: "src/ls.js",
        line: 5,
        rules: ["js.command.exec-dynamic"],
        reason: "any text",
        author: "mallory",
        status: "needs-approval",
      },
    ]);
    const injection = r.findings.find((f) => f.ruleId === "js.command.exec-dynamic")!;
    expect(r.suppressions?.[1]?.findings).toEqual([injection.id]);
    expect(r.suppressions?.[0]?.detail).toMatch(/wildcard \(\*\).*suppressions\.wildcards: false/);
    expect(r.notes.join("\n")).toMatch(/src\/ls\.js:2: "aiguard-ignore \*" is refused: names rules with a wildcard/);
    // The critical finding waits for the tier's reviewers (the default policy: the security team).
    expect(decision.conclusion).toBe("action_required");
    expect(decision.reviewers.teams).toEqual(["security"]);
    // Every output lists them with the author; the secret is masked everywhere.
    const outputs = [
      renderJson({ review: r, decision, rules: [] }),
      renderMarkdown({ review: r, decision, rules: [] }),
    ];
    outputs.push(renderText({ review: r, decision, rules: [] }));
    expect(outputs[1]).toContain("#### Suppressions added by this change (2)");
    expect(outputs[1]).toMatch(
      /\| `src\/ls\.js:5` \| `js\.command\.exec-dynamic` \| ⏳ needs approval.*\| @mallory \| any text \|/,
    );
    expect(outputs[2]).toMatch(/src\/ls\.js:2 \* refused.* · mallory/);
    expect(JSON.parse(outputs[0]!).suppressions).toHaveLength(2);
    for (const o of outputs) expect(o).not.toContain(KEY_ID);
  });

  it("a comment already in the base keeps suppressing the rewritten line under it, and is not listed", async () => {
    const comment = "  // aiguard-ignore js.command.exec-dynamic: the directory comes from our own allow-list";
    const { review: r } = await review([modifiedUnderBaseComment("src/ls.js", comment)]);
    const f = r.findings.find((x) => x.ruleId === "js.command.exec-dynamic");
    expect(f?.suppressed).toEqual({ reason: "the directory comes from our own allow-list", by: "inline" });
    expect(r.suppressions).toEqual([]);
    expect(r.conclusion).toBe("success");
  });

  it("lets an added comment silence what is at or below maxSeverity, with its author", async () => {
    const js = INJECTION_JS;
    const medium = { rules: { severity: { "js.command.exec-dynamic": "medium" as const } } };
    const { review: r } = await review([added("src/ls.js", js)], medium);
    expect(r.findings[0]?.suppressed).toEqual({ reason: "any text", by: "inline", author: "mallory" });
    expect(r.suppressions).toMatchObject([{ line: 3, status: "applied", findings: [r.findings[0]?.id] }]);
    expect(r.conclusion).toBe("success");
    // A critical finding needs `maxSeverity: critical` to be silenced by the change itself.
    const strict = await review([added("src/ls.js", js)]);
    expect(strict.review.findings[0]?.suppressed).toBeNull();
    const lax = await review([added("src/ls.js", js)], { suppressions: { maxSeverity: "critical" } });
    expect(lax.review.findings[0]?.suppressed).toMatchObject({ reason: "any text", author: "mallory" });
    expect(lax.review.conclusion).toBe("success");
  });

  it("accepts a wildcard only when the policy allows it", async () => {
    const policy = { suppressions: { wildcards: true, maxSeverity: "critical" as const } };
    const { review: r } = await review([added("src/ls.js", ISSUE_JS)], policy);
    const key = r.findings.find((f) => f.ruleId === "secrets.aws-access-key-id");
    expect(key?.suppressed).toMatchObject({ reason: "fixture", by: "inline" });
    expect(r.suppressions?.[0]).toMatchObject({ line: 2, status: "applied" });
  });

  it("refuses an added comment without a reason, and says how to write it", async () => {
    const js = INJECTION_JS.replace("  // aiguard-ignore js.command.exec-dynamic: any text\n", "").replace(
      INJECTION,
      `${INJECTION} // aiguard-ignore js.command.exec-dynamic`,
    );
    const { review: r } = await review([added("src/ls.js", js)], { suppressions: { maxSeverity: "critical" } });
    expect(r.findings[0]?.suppressed).toBeNull();
    expect(r.suppressions).toMatchObject([{ line: 3, status: "refused", detail: /gives no reason/ }]);
    expect(r.notes.join("\n")).toMatch(/gives no reason, so it does not suppress the finding on line 3/);
  });

  it("with `allowed: false`, no inline comment suppresses, those in the base included", async () => {
    const comment = "  // aiguard-ignore js.command.exec-dynamic: the directory comes from our own allow-list";
    const policy = { suppressions: { allowed: false } };
    const base = await review([modifiedUnderBaseComment("src/ls.js", comment)], policy);
    expect(base.review.findings[0]?.suppressed).toBeNull();
    expect(base.review.notes.join("\n")).toMatch(
      /src\/ls\.js:3: "aiguard-ignore" does not suppress the finding on line 4: inline suppressions are switched off/,
    );
    const js = INJECTION_JS;
    const mine = await review([added("src/ls.js", js)], {
      ...policy,
      rules: { severity: { "js.command.exec-dynamic": "low" } },
    });
    expect(mine.review.findings[0]?.suppressed).toBeNull();
    expect(mine.review.suppressions).toMatchObject([{ status: "refused", detail: /suppressions\.allowed: false/ }]);
  });
});

describe("approving a suppression the change adds", () => {
  const approval = (user: string, teams: string[], commitSha = "h"): ApprovalInput => ({
    user,
    commitSha,
    teams,
    staleAreas: [],
  });

  it("applies once a reviewer of the tier approves, and the change is decided again", async () => {
    const approvals = vi.fn(async (d: Decision) => ({
      approvals: [approval("alice", d.reviewers.teams)],
      notes: [],
    }));
    const { review: r, decision } = await review(
      [added("src/ls.js", ISSUE_JS)],
      {
        suppressions: { wildcards: true },
      },
      { approvals },
    );
    // Asked once, for the suppressions: the security team, one approval of the whole change.
    expect(approvals).toHaveBeenCalledTimes(1);
    expect(approvals.mock.calls[0]?.[0]).toMatchObject({
      conclusion: "action_required",
      reviewers: { teams: ["security"] },
      approvals: { required: 1, areas: ["*"] },
    });
    expect(r.findings.every((f) => f.suppressed !== null)).toBe(true);
    const injection = r.findings.find((f) => f.ruleId === "js.command.exec-dynamic");
    expect(injection?.suppressed).toEqual({
      reason: "any text",
      by: "inline",
      author: "mallory",
      approvedBy: ["alice"],
    });
    expect(r.suppressions?.map((s) => s.status)).toEqual(["applied", "applied"]);
    expect(r.suppressions?.[1]?.detail).toBe("approved by @alice");
    expect(decision.conclusion).toBe("success");
    expect(r.conclusion).toBe("success");
  });

  it("keeps waiting while only people outside the tier's reviewers approved", async () => {
    const approvals = vi.fn(async () => ({ approvals: [approval("bob", [])], notes: [] }));
    const { review: r } = await review(
      [added("src/ls.js", ISSUE_JS)],
      { suppressions: { wildcards: true } },
      {
        approvals,
      },
    );
    expect(r.conclusion).toBe("action_required");
    expect(r.approval).toMatchObject({ satisfied: false, ignored: [{ user: "bob" }] });
    expect(r.findings.filter((f) => f.suppressed === null).length).toBeGreaterThan(0);
    expect(r.suppressions?.every((s) => s.status === "needs-approval")).toBe(true);
  });

  it("in the CLI (no approvals) the finding stays reported and the change waits", async () => {
    const { review: r } = await review([added("src/ls.js", ISSUE_JS)], { suppressions: { wildcards: true } });
    expect(r.conclusion).toBe("action_required");
    expect(r.findings.some((f) => f.suppressed === null)).toBe(true);
  });
});

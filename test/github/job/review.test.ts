// A whole review through Probot: webhook -> queue -> GitHub reads -> real scanner -> check run.
import { LIBRARY_MANIFESTS } from "../../../src/core/library.js";
import { describe, expect, it } from "vitest";
import {
  addedFile,
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  strictNock,
} from "../../helpers/github.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";

const sqlLine = (t: string) => `  return db.query("SELECT * FROM ${t} WHERE id = " + req.query.id);`;

strictNock();

describe("a pull request review", () => {
  it("annotates only the lines the PR changed and creates the check run completed in one write", async () => {
    const head = [
      'const db = require("./db");',
      "export async function a(req) {",
      sqlLine("a"),
      "}",
      "export async function b(req) {",
      sqlLine("b"),
      "}",
      "",
    ].join("\n");
    const patch = [
      "@@ -1,4 +1,7 @@",
      ' const db = require("./db");',
      " export async function a(req) {",
      ` ${sqlLine("a")}`,
      " }",
      "+export async function b(req) {",
      `+${sqlLine("b")}`,
      "+}",
    ].join("\n");
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, [
        { filename: "src/db.js", status: "modified", additions: 3, deletions: 0, patch },
        addedFile("README.md", "# Hello\n"),
      ])
      .noConfig(BASE)
      .contents({ "src/db.js": { text: head }, "README.md": { text: "# Hello\n" } })
      .createCheck(7);
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    expect(gh.checkCreates).toHaveLength(1);
    const body = gh.checkCreates[0]!;
    expect(body).toEqual({
      name: "aiguard",
      head_sha: HEAD,
      external_id: `aiguard:2:${HEAD}`,
      status: "completed",
      conclusion: "failure",
      output: { title: expect.stringMatching(/finding/), summary: expect.any(String), annotations: expect.any(Array) },
      actions: [{ label: "Re-run", description: "Run the aiguard review again", identifier: "rerun" }],
    });
    const output = body.output as { summary: string; annotations: Array<Record<string, unknown>> };
    // Line 3 has the same injection but is unchanged context: only line 6 is annotated.
    expect(output.annotations.length).toBeGreaterThan(0);
    for (const a of output.annotations) expect(a).toMatchObject({ path: "src/db.js", start_line: 6, end_line: 6 });
    expect(output.annotations.find((a) => String(a.title).includes("js.sql.string-built-query"))).toEqual({
      path: "src/db.js",
      start_line: 6,
      end_line: 6,
      annotation_level: "failure",
      title: "[high] js.sql.string-built-query (CWE-89)",
      message: expect.stringMatching(/Rule: js\.sql\.string-built-query\nCWE: CWE-89\n[\s\S]*Fix: /),
      // the data-flow trace, folded under the annotation
      raw_details: expect.stringMatching(/^source +6 +req\.query\.id\nsink +6 +db\.query\(/),
    });
    expect(output.summary).toContain("js.sql.string-built-query");
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
    // Both files were read in one GraphQL query with the head SHA in the expressions.
    expect(gh.graphql).toHaveLength(1);
    expect(
      Object.values(gh.graphql[0]!.variables)
        .filter((v) => v.includes(":"))
        .sort(),
    ).toEqual([`${HEAD}:README.md`, `${HEAD}:src/db.js`, ...LIBRARY_MANIFESTS.map((m) => `${HEAD}:${m}`)].sort());
    expect(gh.graphql[0]!.query).toMatch(
      /f0: object\(expression: \$e0\) \{ __typename \.\.\. on Blob \{ text isBinary byteSize isTruncated \} \}/,
    );
    expect(app.done[0]!.outcome).toMatchObject({
      status: "reviewed",
      conclusion: "failure",
      findings: output.annotations.length,
      labels: [],
    });
    expect(gh.labels).toEqual([]); // the decision asked for no labels: no labels call
  });

  it("costs exactly 5 API calls for a 20-file PR without a config file", async () => {
    const files = Array.from({ length: 20 }, (_, i) => addedFile(`src/m${i}.js`, `export const v${i} = ${i};\n`));
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, files)
      .noConfig(BASE)
      .contents(Object.fromEntries(files.map((f) => [f.filename, { text: f.text }])))
      .createCheck();
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened", { changedFiles: 20 }));
    await app.idle();

    const { stats, outcome } = app.done[0]!;
    expect(outcome).toMatchObject({ status: "reviewed", conclusion: "success" });
    expect([...stats.routes].sort()).toEqual(
      [
        "GET /repos/Codertocat/Hello-World/pulls/2/files",
        "GET /repos/{owner}/{repo}/contents/{path}",
        "GET /repos/{owner}/{repo}/contents/{path}",
        "POST /graphql",
        "POST /repos/{owner}/{repo}/check-runs",
      ].sort(),
    );
    expect(stats.apiCalls).toBe(5);
    expect(stats.apiCalls).toBeLessThanOrEqual(6);
    expect(stats.tokenRequests).toBe(1); // Probot's token exchange, cached for the next reviews
    expect(gh.checkCreates[0]).toMatchObject({ status: "completed", conclusion: "success" });
  });

  it("sends 120 annotations as a create with 50 and two updates with 50 and 20", async () => {
    const lines = ['const db = require("./db");', "export async function f(req) {"];
    for (let i = 0; i < 120; i++) lines.push(sqlLine(`t${i}`));
    lines.push("}");
    const file = addedFile("src/many.js", `${lines.join("\n")}\n`);
    mockInstallationToken();
    // One finding per line: only the SQL rule is left on (the config is read at the base commit).
    const config = 'rules:\n  disable: ["js.eval.*", "secrets.*", "js.command.*"]\n';
    const gh = new RepoMock()
      .listFiles(2, [file])
      .config(BASE, config)
      .contents({ "src/many.js": { text: file.text } })
      .createCheck(99)
      .updateCheck(99, 2);
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    const create = gh.checkCreates[0] as {
      status: string;
      conclusion: string;
      output: { title: string; summary: string; annotations: Array<{ start_line: number }> };
    };
    expect(create.status).toBe("completed");
    expect(create.conclusion).toBe("failure");
    expect(create.output.annotations).toHaveLength(50);
    expect(gh.checkUpdates.map((u) => (u.body.output as { annotations: unknown[] }).annotations.length)).toEqual([
      50, 20,
    ]);
    for (const u of gh.checkUpdates) {
      // Appending updates carry the output (title and summary are required) and nothing else.
      expect(Object.keys(u.body).sort()).toEqual(["output"]);
      expect(u.body.output).toMatchObject({ title: create.output.title, summary: create.output.summary });
    }
    const all = [
      create.output.annotations,
      ...gh.checkUpdates.map((u) => (u.body.output as { annotations: Array<{ start_line: number }> }).annotations),
    ].flat();
    expect(all.map((a) => a.start_line).sort((a, b) => a - b)).toEqual(Array.from({ length: 120 }, (_, i) => i + 3));
    expect(app.done[0]!.stats.apiCalls).toBe(6); // files, config, GraphQL, create, 2 updates
  });

  it("creates the check run in_progress when the review outlasts the threshold, then completes it with an update", async () => {
    const file = addedFile(
      "src/a.js",
      `${['const db = require("./db");', "export async function f(req) {", sqlLine("a"), "}"].join("\n")}\n`,
    );
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, [file], { delayMs: 300 })
      .noConfig(BASE)
      .contents({ "src/a.js": { text: file.text } })
      .createCheck(5)
      .updateCheck(5);
    const app = await createTestApp({ inProgressAfterMs: 20 });
    await app.receive("pull_request", pullRequestPayload("opened"));
    await app.idle();

    expect(gh.checkCreates).toEqual([
      { name: "aiguard", head_sha: HEAD, external_id: `aiguard:2:${HEAD}`, status: "in_progress" },
    ]);
    expect(gh.checkUpdates).toHaveLength(1);
    expect(gh.checkUpdates[0]!.body).toMatchObject({ status: "completed", conclusion: "failure" });
    const annotations = (
      gh.checkUpdates[0]!.body.output as { annotations: Array<{ path: string; start_line: number; title: string }> }
    ).annotations;
    expect(annotations.find((a) => a.title.includes("js.sql.string-built-query"))).toMatchObject({
      path: "src/a.js",
      start_line: 3,
    });
  });

  it("gives a draft PR a neutral conclusion", async () => {
    const file = addedFile(
      "src/a.js",
      `${['const db = require("./db");', "export async function f(req) {", sqlLine("a"), "}"].join("\n")}\n`,
    );
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, [file])
      .noConfig(BASE)
      .contents({ "src/a.js": { text: file.text } })
      .createCheck();
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened", { draft: true }));
    await app.idle();
    expect(gh.checkCreates[0]).toMatchObject({ status: "completed", conclusion: "neutral" });
    const annotations = (gh.checkCreates[0]!.output as { annotations: Array<{ annotation_level: string }> })
      .annotations;
    expect(annotations.length).toBeGreaterThan(0);
    expect(annotations.every((a) => a.annotation_level === "failure")).toBe(true); // high findings, yet only neutral
    expect(app.done[0]!.job.draft).toBe(true);
  });
});

// Which files are read and how: binary, huge, deleted, renamed, patchless, truncated, >3,000.
import { beforeAll, describe, expect, it } from "vitest";
import { LIBRARY_MANIFESTS } from "../../../src/core/library.js";
import {
  addedFile,
  type ApiFile,
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  sharedScanner,
  strictNock,
} from "../../helpers/github.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const SQL_LINE = '  return db.query("SELECT * FROM t WHERE id = " + req.query.id);';

beforeAll(async () => {
  await sharedScanner([]);
});
strictNock();

describe("changed files", () => {
  it("skips binary and oversized files, ignores deleted ones, reviews renamed ones under their new path, and notes the rest", async () => {
    const renamedText = `const db = require("./db");\nexport async function f(req) {\n${SQL_LINE}\n}\n`;
    const files: ApiFile[] = [
      { filename: "img/logo.png", status: "added", additions: 0, deletions: 0 },
      addedFile("data/big.js", "x\n"),
      { filename: "old.js", status: "removed", additions: 0, deletions: 12, patch: "@@ -1,1 +0,0 @@\n-const a = 1;" },
      {
        filename: "src/new-name.js",
        previous_filename: "src/old-name.js",
        status: "renamed",
        additions: 1,
        deletions: 1,
        patch: `@@ -1,4 +1,4 @@\n const db = require("./db");\n export async function f(req) {\n-  return db.query("SELECT 1");\n+${SQL_LINE}\n }`,
      },
      { filename: "gen/huge.js", status: "modified", additions: 5000, deletions: 10 },
      addedFile("src/trunc.js", "const a = 1;\n"),
    ];
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, files)
      .noConfig(BASE)
      .contents({
        "img/logo.png": { isBinary: true, byteSize: 5000 },
        "data/big.js": { text: "x\n", byteSize: 2_000_000 },
        "src/new-name.js": { text: renamedText },
        "gen/huge.js": { byteSize: 900_000 },
        "src/trunc.js": { text: "const a", isTruncated: true, byteSize: 600_000 },
      })
      .createCheck();
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened", { changedFiles: files.length }));
    await app.idle();

    // One query; the deleted file is not asked for; files without a patch are asked only whether they are binary.
    expect(gh.graphql).toHaveLength(1);
    const q = gh.graphql[0]!;
    const asked = Object.entries(q.variables).filter(([k]) => /^e\d+$/.test(k));
    expect(asked.map(([, v]) => v)).toEqual([
      `${HEAD}:img/logo.png`,
      `${HEAD}:data/big.js`,
      `${HEAD}:src/new-name.js`,
      `${HEAD}:gen/huge.js`,
      `${HEAD}:src/trunc.js`,
      // library mode's auto: the root manifests, in the same query
      ...LIBRARY_MANIFESTS.map((m) => `${HEAD}:${m}`),
    ]);
    expect(q.query).toContain("f0: object(expression: $e0) { __typename ... on Blob { isBinary byteSize } }");
    expect(q.query).toContain(
      "f2: object(expression: $e2) { __typename ... on Blob { text isBinary byteSize isTruncated } }",
    );

    const body = gh.checkCreates[0] as {
      output: { summary: string; annotations: Array<{ path: string; start_line: number }> };
    };
    expect(body.output.annotations.length).toBeGreaterThan(0);
    for (const a of body.output.annotations) expect(a).toMatchObject({ path: "src/new-name.js", start_line: 3 });
    const notes = (app.done[0]!.outcome as { result: { review: { notes: string[] } } }).result.review.notes;
    expect(notes).toEqual(
      expect.arrayContaining([
        "1 file skipped (binary): img/logo.png",
        "1 file skipped (over 1024 KB: secrets scan only): data/big.js",
        "1 file skipped (no patch available (GitHub omits patches of very large diffs)): gen/huge.js",
        expect.stringMatching(
          /^GitHub returned truncated contents for 1 file \(only the diff was analysed\): src\/trunc\.js$/,
        ),
      ]),
    );
    expect(notes.join("\n")).not.toContain("old.js");
    // The over-size file and the one without a patch were not fully analysed: named, with why.
    const review = (app.done[0]!.outcome as { result: { review: { incomplete: unknown[]; conclusion: string } } })
      .result.review;
    expect(review.incomplete).toEqual([
      { path: "data/big.js", reason: "over 1024 KB: secrets scan only" },
      { path: "gen/huge.js", reason: "no patch available (GitHub omits patches of very large diffs)" },
    ]);
    expect(body.output.summary).toContain("img/logo.png");
  });

  it("scans files over maxFileBytes for secrets (read whole through REST), names them incomplete and never passes", async () => {
    const key = "AKIAQYLPMN5HHHFPZAM2";
    const padding = "// padding\n".repeat(200_000); // 2.2 MB: over the 1 MB limit
    const bigText = `const s3 = { accessKeyId: "${key}" };\n${padding}`;
    const hugeLine = `const region = "us-east-1"; const id = "${key.replace("AKIAQ", "AKIAZ")}";`;
    const files: ApiFile[] = [
      addedFile("src/big.js", bigText),
      // Over the secrets scan's own cap: only the lines its patch adds are scanned.
      { ...addedFile("src/huge.js", `${hugeLine}\n`), additions: 1 },
    ];
    mockInstallationToken();
    const gh = new RepoMock()
      .listFiles(2, files)
      // A policy that would pass anything: an incomplete review still does not.
      .config(BASE, "tiers:\n  - name: lenient\n    conclusion: success\n")
      .contents({
        "src/big.js": { text: bigText.slice(0, 100), isTruncated: true, byteSize: Buffer.byteLength(bigText) },
        "src/huge.js": { text: hugeLine.slice(0, 10), isTruncated: true, byteSize: 30 * 1024 * 1024 },
      })
      .createCheck();
    gh.scope
      .get((uri) => decodeURIComponent(uri.split("?")[0]!) === "/repos/Codertocat/Hello-World/contents/src/big.js")
      .query({ ref: HEAD })
      .reply(200, bigText, { "content-type": "text/plain; charset=utf-8" });
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened", { changedFiles: files.length }));
    await app.idle();

    const review = (
      app.done[0]!.outcome as {
        result: {
          review: {
            incomplete: Array<{ path: string; reason: string }>;
            findings: Array<{ path: string; ruleId: string; line: number; snippet?: string }>;
            conclusion: string;
          };
        };
      }
    ).result.review;
    const secrets = review.findings.filter((f) => f.ruleId.startsWith("secrets."));
    expect(secrets.map((f) => [f.path, f.line])).toEqual(
      expect.arrayContaining([
        ["src/big.js", 1],
        ["src/huge.js", 1],
      ]),
    );
    expect(review.incomplete).toEqual([
      { path: "src/big.js", reason: "over 1024 KB: secrets scan only" },
      { path: "src/huge.js", reason: "over 20 MB: only the added lines were scanned for secrets" },
    ]);
    expect(review.conclusion).toBe("neutral");
    const body = gh.checkCreates[0] as { conclusion: string; output: { title: string; summary: string } };
    expect(body.conclusion).toBe("neutral");
    expect(body.output.title).toContain("2 files not fully analysed");
    expect(body.output.summary).toContain("not fully analysed");
    expect(JSON.stringify(gh.checkCreates)).not.toContain(key);
  });

  it("notes that files beyond GitHub's 3,000 were not reviewed", async () => {
    const files = Array.from({ length: 3000 }, (_, i) => addedFile(`f/${i}.txt`, "x\n"));
    mockInstallationToken();
    // paths.ignore keeps this test from fetching 3,000 blobs; the listing is what matters here.
    const gh = new RepoMock().listFiles(2, files).config(BASE, 'paths:\n  ignore: ["f/**"]\n').createCheck();
    const app = await createTestApp();
    await app.receive("pull_request", pullRequestPayload("opened", { changedFiles: 3456 }));
    await app.idle();

    expect(gh.graphql).toHaveLength(0);
    const { stats, outcome } = app.done[0]!;
    expect(stats.routes.filter((r) => r.includes("/files"))).toHaveLength(30); // 30 pages of 100
    const notes = (outcome as { result: { review: { notes: string[]; stats: { filesChanged: number } } } }).result
      .review;
    expect(notes.stats.filesChanged).toBe(3000);
    expect(notes.notes).toContain(
      "This pull request changes 3456 files; GitHub lists only the first 3000, so 456 files were not reviewed",
    );
    expect((gh.checkCreates[0] as { output: { summary: string } }).output.summary).toContain(
      "GitHub lists only the first 3000",
    );
    // The files GitHub did not list make the review incomplete: never a pass.
    const review = (outcome as { result: { review: { incomplete: unknown[]; conclusion: string } } }).result.review;
    expect(review.incomplete).toEqual([
      {
        path: "*",
        reason: "456 files GitHub does not list (it lists only the first 3000 of 3456) were not reviewed",
      },
    ]);
    expect(review.conclusion).toBe("neutral");
    expect((gh.checkCreates[0] as { output: { title: string } }).output.title).toContain("1 file not fully analysed");
  });
});

// `.aiguard.yml` from GitHub: base commit, org `.github` fallback, `_extends`, validation.
import { beforeAll, describe, expect, it } from "vitest";
import {
  addedFile,
  createTestApp,
  mockInstallationToken,
  pullRequestPayload,
  RepoMock,
  sharedScanner,
  strictNock,
} from "../../helpers/github.js";

const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const SQL = `const db = require("./db");\nexport async function f(req) {\n  return db.query("SELECT * FROM t WHERE id = " + req.query.id);\n}\n`;

type Output = {
  title: string;
  summary: string;
  annotations?: Array<{ title: string; annotation_level: string; start_line: number }>;
};

beforeAll(async () => {
  await sharedScanner([]);
});
strictNock();

async function review(gh: RepoMock) {
  mockInstallationToken();
  const app = await createTestApp();
  await app.receive("pull_request", pullRequestPayload("opened"));
  await app.idle();
  expect(gh.checkCreates).toHaveLength(1);
  return { app, body: gh.checkCreates[0] as { conclusion: string; status: string; output: Output } };
}

describe("configuration", () => {
  it("fails the check with each error and its line:column when the config is invalid, without analysing", async () => {
    const config = "limits:\n  maxFiles: lots\ntiers:\n  - name: x\n    conclusion: severe\n";
    const file = addedFile("src/a.js", SQL);
    const gh = new RepoMock().listFiles(2, [file]).config(BASE, config).createCheck();
    const { app, body } = await review(gh);

    expect(body.status).toBe("completed");
    expect(body.conclusion).toBe("failure");
    expect(body.output.title).toMatch(/Invalid aiguard configuration: 2 problems/);
    expect(body.output.summary).toContain("Codertocat/Hello-World:.aiguard.yml@f95f852:2:13 (limits.maxFiles)");
    expect(body.output.summary).toContain("Codertocat/Hello-World:.aiguard.yml@f95f852:5:17 (tiers.0.conclusion)");
    expect(body.output.annotations).toBeUndefined();
    expect(gh.graphql).toHaveLength(0); // nothing was fetched for analysis
    expect(app.done[0]!.outcome).toMatchObject({ status: "invalid-config", errors: 2 });
  });

  it("shows unknown keys as warnings in the summary and reviews anyway", async () => {
    const file = addedFile("src/a.js", SQL);
    const gh = new RepoMock()
      .listFiles(2, [file])
      .config(BASE, "enabled: true\ncolour: blue\n")
      .contents({ "src/a.js": { text: file.text } })
      .createCheck();
    const { body } = await review(gh);
    expect(body.conclusion).toBe("failure");
    expect(body.output.summary).toContain(
      'Codertocat/Hello-World:.aiguard.yml@f95f852:2:1 (colour): unknown key "colour" is ignored',
    );
    expect(body.output.summary).toContain("Configuration warnings");
  });

  it("falls back to the org's .github repository (default branch) when the repo has no file", async () => {
    const file = addedFile("src/a.js", SQL);
    const gh = new RepoMock()
      .listFiles(2, [file])
      .config(BASE)
      .defaultBranchFile(
        ".github",
        ".aiguard.yml",
        "tiers:\n  - name: strict\n    when: { findings: true }\n    conclusion: action_required\n  - name: ok\n    conclusion: success\n",
      )
      .contents({ "src/a.js": { text: file.text } })
      .createCheck();
    const { body } = await review(gh);
    expect(body.conclusion).toBe("action_required");
  });

  it("follows _extends (repo, then owner/repo:path) with the most specific file winning", async () => {
    const file = addedFile("src/a.js", SQL);
    const gh = new RepoMock()
      .listFiles(2, [file])
      .config(BASE, "_extends: security-policy\ndrafts: review\n")
      .defaultBranchFile(
        "security-policy",
        ".aiguard.yml",
        "_extends: acme/base:policies/aiguard.yml\ntiers:\n  - name: medium\n    when: { findings: true }\n    conclusion: neutral\n  - name: low\n    conclusion: success\n",
      )
      .defaultBranchFile("base", "policies/aiguard.yml", "tiers:\n  - name: blocked\n    conclusion: failure\n", "acme")
      .contents({ "src/a.js": { text: file.text } })
      .createCheck();
    const { app, body } = await review(gh);
    // security-policy's tiers replace the ones it extends: findings are neutral there.
    expect(body.conclusion).toBe("neutral");
    const result = (app.done[0]!.outcome as { result: { review: { tier: string } } }).result;
    expect(result.review.tier).toBe("medium");
  });

  it("fails on an _extends cycle, pointing at the _extends line", async () => {
    const gh = new RepoMock()
      .listFiles(2, [addedFile("src/a.js", SQL)])
      .config(BASE, "_extends: policy\n")
      .defaultBranchFile("policy", ".aiguard.yml", "enabled: true\n_extends: Codertocat/Hello-World\n")
      .createCheck();
    const { body } = await review(gh);
    expect(body.conclusion).toBe("failure");
    expect(body.output.summary).toContain("Codertocat/policy:.aiguard.yml:2:1 (_extends): _extends cycle");
  });

  it("fails when an _extends target does not exist", async () => {
    const gh = new RepoMock()
      .listFiles(2, [addedFile("src/a.js", SQL)])
      .config(BASE, "_extends: missing\n")
      .defaultBranchFile("missing", ".aiguard.yml")
      .createCheck();
    const { body } = await review(gh);
    expect(body.conclusion).toBe("failure");
    expect(body.output.summary).toContain("_extends target Codertocat/missing:.aiguard.yml was not found");
  });

  it("loads custom rules from rules.paths at the base commit in the same GraphQL round as the head contents", async () => {
    const rule = [
      "id: acme.no-marker",
      "languages: [javascript]",
      "cwe: [693]",
      "severity: medium",
      "confidence: high",
      "message: acme markers are not allowed",
      "fix: Remove the marker",
      "query: |",
      '  ((call_expression function: (identifier) @fn) @report (#eq? @fn "acmeMarker"))',
    ].join("\n");
    const file = addedFile("src/m.js", "export function f() {\n  acmeMarker();\n}\n");
    const gh = new RepoMock()
      .listFiles(2, [file])
      .config(BASE, 'rules:\n  paths: [".aiguard/rules"]\n')
      .contents(
        {
          "src/m.js": { text: file.text },
          ".aiguard/rules": {
            entries: [
              { name: "no-marker.yml", type: "blob", object: { text: rule, isBinary: false, byteSize: rule.length } },
              { name: "README.md", type: "blob", object: { text: "x" } },
            ],
          },
        },
        { times: 2 },
      )
      .createCheck();
    const { body } = await review(gh);
    const rulesQuery = gh.graphql.find((q) => q.query.includes("aiguardRules"))!;
    expect(rulesQuery.variables).toMatchObject({ d0: `${BASE}:.aiguard/rules` });
    expect(body.output.annotations).toEqual([
      expect.objectContaining({
        title: "[medium] acme.no-marker (CWE-693)",
        annotation_level: "warning",
        start_line: 2,
      }),
    ]);
    expect(body.conclusion).toBe("neutral");
  });
});

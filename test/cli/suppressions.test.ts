// `aiguard review` on a change that suppresses its own findings (issue 10, item 2): the CLI has no
// approvals, so a suppression above maxSeverity stays unapplied; the head commit's git author is
// the suppressions' author; a comment already in the base keeps working.
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, reviewJson, runCli, TestRepo } from "./helpers.js";
import { AWS_KEY_ID, SQL_LINE, VULN_JS } from "./fixtures.js";

afterAll(cleanup);

describe("aiguard review and inline suppressions", () => {
  it("does not let a change silence its own SQL injection or AWS key, and names the head commit's author", async () => {
    const repo = new TestRepo();
    repo.write("README.md", "# demo\n");
    const base = repo.commit("base");
    repo
      .write(
        "src/users.js",
        VULN_JS.replace(SQL_LINE, `  // aiguard-ignore js.sql.string-built-query: any text\n${SQL_LINE}`),
      )
      .write("src/keys.js", `// aiguard-ignore *: fixture\nexport const key = "${AWS_KEY_ID}";\n`);
    repo.git("add", "-A");
    repo.git("commit", "-q", "--author", "Mallory Doe <mallory@example.com>", "-m", "change");

    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(1);
    expect(r.review.conclusion).not.toBe("success");
    const active = r.review.findings.filter((f: { suppressed: unknown }) => f.suppressed === null);
    expect(active.map((f: { ruleId: string }) => f.ruleId)).toEqual(
      expect.arrayContaining(["secrets.aws-access-key-id", "js.sql.string-built-query"]),
    );
    expect(r.review.suppressions).toEqual([
      expect.objectContaining({
        path: "src/keys.js",
        line: 1,
        rules: ["*"],
        author: "Mallory Doe <mallory@example.com>",
        status: "refused",
      }),
      expect.objectContaining({
        path: "src/users.js",
        line: 4,
        rules: ["js.sql.string-built-query"],
        reason: "any text",
        author: "Mallory Doe <mallory@example.com>",
        status: "needs-approval",
      }),
    ]);
    const text = await runCli(["review", "--repo", repo.dir, "--base", base]);
    expect(text.stdout).toMatch(/2 suppressions added by this change/);
    expect(text.stdout).toMatch(/src\/users\.js:4 js\.sql\.string-built-query needs-approval, 1 finding · Mallory Doe/);
  });

  it("keeps a suppression that was already in the base working, and lists none", async () => {
    const repo = new TestRepo();
    const suppressed = VULN_JS.replace(
      SQL_LINE,
      `  // aiguard-ignore js.sql.string-built-query: ids are integers\n${SQL_LINE}`,
    );
    // the base ran a constant query under the comment; the change builds it from the request
    repo.write("src/users.js", suppressed.replace(SQL_LINE, `  return db.query("SELECT * FROM users");`));
    const base = repo.commit("base");
    repo.write("src/users.js", suppressed.replace("req.query.id);", "req.query.id + req.query.page);"));
    repo.commit("change");

    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.review.findings).toHaveLength(1);
    expect(r.review.findings[0].suppressed).toEqual({ reason: "ids are integers", by: "inline" });
    expect(r.review.suppressions).toEqual([]);
    expect(r.code).toBe(0);
  });
});

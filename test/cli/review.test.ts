// `aiguard review` against real temporary git repositories, in process (main() with injected IO).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createScanner } from "../../src/core/engine/index.js";
import { parseUnifiedDiff } from "../../src/core/diff/patch.js";
import { defaultConfig } from "../../src/core/policy/schema.js";
import { renderJson } from "../../src/report/json.js";
import { reviewOffline } from "../helpers/review.js";
import { checkSarif } from "../report/sarif-check.js";
import { AWS_KEY_ID, AWS_SECRET, SAFE_JS, SECRET_JS, VULN_JS } from "./fixtures.js";
import { cleanup, GIT_ENV, reviewJson, runCli, tempDir, TestRepo } from "./helpers.js";

afterAll(cleanup);

const CONTRACT_KEYS = [
  "schemaVersion",
  "tool",
  "base",
  "head",
  "conclusion",
  "tier",
  "areas",
  "areaEvidence",
  "labels",
  "reviewers",
  "findings",
  "dependencies",
  "blastRadius",
  "incomplete",
  "stats",
  "notes",
];
const FINDING_KEYS = [
  "id",
  "ruleId",
  "cwe",
  "severity",
  "confidence",
  "path",
  "line",
  "endLine",
  "column",
  "endColumn",
  "message",
  "fix",
  "suppressed",
];

function customRule(id: string, fn: string): string {
  return [
    `- id: ${id}`,
    "  languages: [javascript]",
    "  cwe: [CWE-676]",
    "  severity: high",
    "  confidence: high",
    `  message: ${fn}() must not be called`,
    "  query: |",
    `    (call_expression function: (identifier) @fn (#eq? @fn "${fn}")) @report`,
    "",
  ].join("\n");
}

/** A repo whose base commit has a safe file, and a head commit that adds SQL injection and AWS keys. */
function vulnerableRepo(): { repo: TestRepo; base: string; head: string } {
  const repo = new TestRepo();
  repo.write("README.md", "# demo\n").write("src/users.js", SAFE_JS);
  const base = repo.commit("base");
  repo.write("src/users.js", VULN_JS).write("src/s3.js", SECRET_JS);
  const head = repo.commit("change");
  return { repo, base, head };
}

describe("aiguard review on a git repository", () => {
  it("reports success and exits 0 for a clean change", async () => {
    const repo = new TestRepo();
    repo.write("src/users.js", SAFE_JS);
    const base = repo.commit("base");
    repo
      .write("src/users.js", SAFE_JS.replace("findUser(req)", "findUser(req, res)"))
      .write("docs/notes.md", "hello\n");
    const head = repo.commit("change");

    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.review.conclusion).toBe("success");
    expect(r.review.base).toBe(base);
    expect(r.review.head).toBe(head);
    expect(r.review.findings).toEqual([]);
    expect(r.review.stats).toMatchObject({ filesChanged: 2, linesAdded: 2, linesRemoved: 1 });
  });

  it("finds string-built SQL and a hardcoded AWS key, exits 1 and never prints the raw key", async () => {
    const { repo, base, head } = vulnerableRepo();
    const r = await reviewJson(["--repo", repo.dir, "--base", base, "--head", head]);
    expect(r.code).toBe(1);
    expect(["failure", "action_required"]).toContain(r.review.conclusion);
    const findings = r.review.findings as Array<Record<string, any>>;
    const sql = findings.find((f) => f.cwe.includes("CWE-89"));
    expect(sql, JSON.stringify(findings, null, 2)).toBeDefined();
    expect(sql!.path).toBe("src/users.js");
    expect(sql!.line).toBe(4);
    const secret = findings.find((f) => f.path === "src/s3.js");
    expect(secret, JSON.stringify(findings, null, 2)).toBeDefined();
    expect(secret!.snippet ?? "").toMatch(/\*{4}/);

    for (const format of ["json", "text", "sarif", "markdown"]) {
      const out = await runCli(["review", "--repo", repo.dir, "--base", base, "--format", format]);
      expect(out.code, `${format}: ${out.stderr}`).toBe(1);
      expect(out.stdout.length).toBeGreaterThan(0);
      for (const raw of [AWS_KEY_ID, AWS_SECRET]) {
        expect(out.stdout.includes(raw), `${format} prints ${raw}`).toBe(false);
        expect(out.stderr.includes(raw), `${format} prints ${raw} on stderr`).toBe(false);
      }
    }
  });

  it("prints the Review with the contract's keys in the contract's order", async () => {
    const { repo, base } = vulnerableRepo();
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(Object.keys(r.review).slice(0, CONTRACT_KEYS.length)).toEqual(CONTRACT_KEYS);
    expect(r.review.schemaVersion).toBe(1);
    expect(r.review.tool).toEqual({ name: "aiguard", version: expect.any(String) });
    expect(Object.keys(r.review.reviewers)).toEqual(["teams", "users"]);
    expect(Object.keys(r.review.stats).slice(0, 4)).toEqual([
      "filesChanged",
      "linesAdded",
      "linesRemoved",
      "durationMs",
    ]);
    for (const f of r.review.findings as Array<Record<string, unknown>>) {
      const keys = Object.keys(f).filter((k) => FINDING_KEYS.includes(k));
      expect(keys).toEqual(FINDING_KEYS.filter((k) => k in f));
      for (const k of [
        "id",
        "ruleId",
        "cwe",
        "severity",
        "confidence",
        "path",
        "line",
        "endLine",
        "message",
        "suppressed",
      ])
        expect(f).toHaveProperty(k);
      expect(f.suppressed).toBeNull();
      expect(f.id).toMatch(/^[0-9a-f]{16,}$/);
    }
    expect(r.stdout).toBe(`${JSON.stringify(JSON.parse(r.stdout), null, 2)}\n`);
  });

  it("prints valid SARIF whose results match the JSON findings", async () => {
    const { repo, base } = vulnerableRepo();
    const json = await reviewJson(["--repo", repo.dir, "--base", base]);
    const out = await runCli(["review", "--repo", repo.dir, "--base", base, "--format", "sarif"]);
    expect(out.code).toBe(1);
    const log = JSON.parse(out.stdout);
    expect(checkSarif(log)).toEqual([]);
    const run = log.runs[0];
    const findings = json.review.findings as Array<Record<string, any>>;
    expect(run.results).toHaveLength(findings.length);
    expect(run.results.map((r: any) => r.partialFingerprints["aiguardFindingId/v1"])).toEqual(
      findings.map((f) => f.id),
    );
    expect(run.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual(
      findings.map((f) => f.path),
    );
    const sqlRule = run.tool.driver.rules.find(
      (r: any) => r.id === findings.find((f) => f.cwe.includes("CWE-89"))!.ruleId,
    );
    expect(sqlRule.properties.tags).toContain("external/cwe/cwe-89");
    expect(Number(sqlRule.properties["security-severity"])).toBeGreaterThanOrEqual(7);
    expect(run.tool.driver.rules.some((r: any) => r.properties.tags.includes("external/cwe/cwe-798"))).toBe(true);
  });

  it("prints the same review as the pipeline on the same change (what the App produces)", async () => {
    const { repo, base, head } = vulnerableRepo();
    const cli = await reviewJson(["--repo", repo.dir, "--base", base]);

    // Gather the change independently, the way the App sees it: file list + patches + head contents.
    const files = parseUnifiedDiff(repo.git("diff", `${base}...${head}`)).map((f) => ({
      ...f,
      headContent: f.status === "removed" ? undefined : repo.git("show", `${head}:${f.path}`),
    }));
    const { scanner, notes: scannerNotes } = await createScanner();
    const change = {
      base,
      head,
      files,
      config: defaultConfig(),
      customRules: [],
      fullContext: true,
      draft: false,
      notes: [],
    };
    const app = await reviewOffline(change, scanner, { timer: () => 0 });
    const expected = JSON.parse(renderJson(app));
    const strip = (r: any) => ({
      ...r,
      stats: { ...r.stats, durationMs: 0 },
      notes: r.notes.filter((n: string) => !scannerNotes.includes(n)),
    });
    expect(strip(cli.review)).toEqual(strip(expected));
  });

  it("does not report a vulnerable line the change left alone, next to a changed safe line", async () => {
    const repo = new TestRepo();
    repo.write("src/users.js", VULN_JS);
    const base = repo.commit("base with an old problem");
    repo.write(
      "src/users.js",
      VULN_JS.replace("module.exports = { findUser };", "module.exports = { findUser, version: 2 };"),
    );
    repo.commit("safe edit");

    // The base commit on its own (a root commit: reviewed whole) does have the finding.
    const whole = await reviewJson(["--repo", repo.dir, "--head", base]);
    expect(whole.review.findings.some((f: any) => f.cwe.includes("CWE-89"))).toBe(true);
    expect(whole.review.notes.join("\n")).toMatch(/no parent/);

    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(0);
    expect(r.review.findings).toEqual([]);
    expect(r.review.stats).toMatchObject({ filesChanged: 1, linesAdded: 1, linesRemoved: 1 });
  });

  it("follows a renamed file and reports only its new line, at the new path", async () => {
    const repo = new TestRepo();
    const body = VULN_JS + Array.from({ length: 12 }, (_, i) => `// line ${i}\n`).join("");
    repo.write("src/old-name.js", body);
    const base = repo.commit("base");
    repo.git("mv", "src/old-name.js", "src/new-name.js");
    repo.write(
      "src/new-name.js",
      `${body}exports.run = (db, req) => db.query("DELETE FROM t WHERE id = " + req.body.id);\n`,
    );
    repo.commit("rename and add");

    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(1);
    expect(r.review.stats.filesChanged).toBe(1);
    const findings = r.review.findings as Array<Record<string, any>>;
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.path).toBe("src/new-name.js");
      expect(f.line).toBe(body.split("\n").length); // the appended line, not the old line 4
    }
  });

  it("reviews a deleted file as a removal with no findings", async () => {
    const repo = new TestRepo();
    repo.write("src/users.js", VULN_JS).write("keep.txt", "keep\n");
    const base = repo.commit("base");
    repo.remove("src/users.js");
    repo.commit("delete");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(0);
    expect(r.review.findings).toEqual([]);
    expect(r.review.stats).toMatchObject({
      filesChanged: 1,
      linesAdded: 0,
      linesRemoved: VULN_JS.split("\n").length - 1,
    });
  });

  it("keeps exact paths for names git quotes (quotes, backslashes, spaces, non-ASCII)", async () => {
    const repo = new TestRepo();
    repo.write("README.md", "x\n");
    const base = repo.commit("base");
    const names = ['src/we"ird name.js', "src/back\\slash.js", "src/ünïcode.js"];
    for (const n of names) repo.write(n, VULN_JS);
    repo.commit("odd names");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    const paths = new Set(
      (r.review.findings as Array<{ path: string; cwe: string[] }>)
        .filter((f) => f.cwe.includes("CWE-89"))
        .map((f) => f.path),
    );
    expect([...paths].sort()).toEqual([...names].sort());
  });

  it("skips a binary file with a note", async () => {
    const repo = new TestRepo();
    repo.write("README.md", "x\n");
    const base = repo.commit("base");
    repo.write(
      "assets/logo.png",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 1, 2, 3]),
    );
    repo.commit("add binary");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(0);
    expect(r.review.stats.filesChanged).toBe(1);
    expect(r.review.notes.join("\n")).toMatch(/binary.*assets\/logo\.png/);
  });

  it("skips files over limits.maxFileBytes with a note", async () => {
    const repo = new TestRepo();
    repo.write(".aiguard.yml", "limits:\n  maxFileBytes: 2048\n");
    const base = repo.commit("base");
    repo.write("src/big.js", `${VULN_JS}${"// padding\n".repeat(400)}`);
    repo.commit("big file");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(0);
    expect(r.review.findings).toEqual([]);
    expect(r.review.notes.join("\n")).toMatch(/over 2 KB.*src\/big\.js/);
  });

  it("uses .aiguard.yml from the base commit and ignores the change's edit of it", async () => {
    const repo = new TestRepo();
    repo.write(".aiguard.yml", 'paths:\n  ignore: ["vendor/**"]\n');
    const base = repo.commit("base policy");
    repo.write(".aiguard.yml", "paths:\n  ignore: []\n").write("vendor/lib.js", VULN_JS);
    repo.commit("vendor code and a policy edit");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.review.findings).toEqual([]);
    expect(r.review.notes.join("\n")).toMatch(/ignored by paths\.ignore.*vendor\/lib\.js/);
    // Editing the policy file is itself the `policy` area: the change waits for a human.
    expect(r.review.areas).toEqual(["policy"]);
    expect(r.review.tier).toBe("critical");
    expect(r.code).toBe(1);
  });

  it("keeps two findings of one rule on one line apart by their columns, in JSON and in SARIF", async () => {
    const repo = new TestRepo();
    repo.write("src/run.js", "export function run(req) {\n  return 1;\n}\n");
    const base = repo.commit("base");
    const line = "  const é = 1; eval(req.query.a); eval(req.query.b);";
    repo.write("src/run.js", `export function run(req) {\n${line}\n  return 1;\n}\n`);
    repo.commit("two evals on one line");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    const evals = (r.review.findings as Array<Record<string, unknown>>).filter((f) => f.line === 2);
    expect(evals.map((f) => [f.ruleId, f.column, f.endColumn])).toEqual([
      [evals[0]?.ruleId, line.indexOf("eval(") + 1, line.indexOf("eval(") + "eval(req.query.a)".length + 1],
      [evals[0]?.ruleId, line.lastIndexOf("eval(") + 1, line.lastIndexOf("eval(") + "eval(req.query.b)".length + 1],
    ]);
    expect(evals[0]?.id).not.toBe(evals[1]?.id);
    const sarif = JSON.parse(
      (await runCli(["review", "--repo", repo.dir, "--base", base, "--format", "sarif"])).stdout,
    );
    const regions = sarif.runs[0].results
      .map((x: any) => x.locations[0].physicalLocation.region)
      .filter((g: any) => g.startLine === 2);
    expect(regions.map((g: any) => g.startColumn)).toEqual([line.indexOf("eval(") + 1, line.lastIndexOf("eval(") + 1]);
  });

  it("does not analyse at all when the base policy says enabled: false", async () => {
    const repo = new TestRepo();
    repo.write(".aiguard.yml", "enabled: false\n").write("src/users.js", SAFE_JS);
    const base = repo.commit("base");
    repo.write("src/users.js", VULN_JS);
    repo.commit("vulnerable");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(0);
    expect(r.review.conclusion).toBe("success");
    expect(r.review.findings).toEqual([]);
    expect(r.review.notes).toContain(
      "aiguard is disabled by this repository's configuration (enabled: false): nothing was analysed",
    );
    const text = await runCli(["review", "--repo", repo.dir, "--base", base]);
    expect(text.stdout).not.toMatch(/sql/i);
  });

  it("does not let a change switch aiguard off by adding its own .aiguard.yml", async () => {
    const repo = new TestRepo();
    repo.write("src/users.js", SAFE_JS);
    const base = repo.commit("base");
    repo.write(".aiguard.yml", "enabled: false\nrules:\n  disable: ['*']\n").write("src/users.js", VULN_JS);
    repo.commit("weaken policy");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(1);
    expect(r.review.findings.length).toBeGreaterThan(0);
  });

  it("honours --config FILE over the base commit's file", async () => {
    const { repo, base } = vulnerableRepo();
    const dir = tempDir();
    writeFileSync(join(dir, "policy.yml"), "tiers:\n  - name: lenient\n    conclusion: neutral\n");
    const r = await reviewJson(["--repo", repo.dir, "--base", base, "--config", "policy.yml"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.review.conclusion).toBe("neutral");
    expect(r.review.findings.length).toBeGreaterThan(0);
  });

  it("loads custom rules from rules.paths as they are at the base commit", async () => {
    const repo = new TestRepo();
    repo
      .write(".aiguard.yml", "rules:\n  paths: [./.aiguard/rules/]\n")
      .write(".aiguard/rules/dangerous.yml", customRule("acme.no-dangerous-thing", "dangerousThing"));
    const base = repo.commit("base with a custom rule");
    repo.write(".aiguard/rules/other.yml", customRule("acme.no-other-thing", "otherThing"));
    repo.write("src/a.js", "const x = 1;\ndangerousThing(x);\notherThing(x);\n");
    repo.commit("use both");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(1);
    expect(r.review.findings.map((f: any) => `${f.ruleId}@${f.path}:${f.line}`)).toEqual([
      "acme.no-dangerous-thing@src/a.js:2",
    ]);

    // With --diff the rule directories are found next to the --config file.
    const dir = tempDir();
    writeFileSync(join(dir, "change.diff"), repo.git("diff", `${base}...HEAD`));
    writeFileSync(join(dir, "policy.yml"), "rules:\n  paths: [rules]\n");
    mkdirSync(join(dir, "rules"));
    writeFileSync(join(dir, "rules/other.yml"), customRule("acme.no-other-thing", "otherThing"));
    const d = await reviewJson(["--diff", "change.diff", "--config", "policy.yml"], { cwd: dir });
    expect(d.review.findings.map((f: any) => f.ruleId)).toEqual(["acme.no-other-thing"]);
  });

  it("exits 2 with file:line:column for an invalid .aiguard.yml at the base commit", async () => {
    const repo = new TestRepo();
    repo.write(".aiguard.yml", "enabled: true\nlimits:\n  maxFiles: lots\n");
    const base = repo.commit("bad policy");
    repo.write("a.js", "x = 1\n");
    repo.commit("change");
    const r = await runCli(["review", "--repo", repo.dir, "--base", base, "--format", "json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/invalid config \.aiguard\.yml at /);
    expect(r.stderr).toMatch(/\.aiguard\.yml:3:13 \(limits\.maxFiles\): /);
  });

  it("exits 2 with file:line:column for an invalid --config file, and warns about unknown keys", async () => {
    const { repo, base } = vulnerableRepo();
    const dir = tempDir();
    writeFileSync(join(dir, "bad.yml"), "tiers:\n  - name: x\n    conclusion: severe\n");
    const bad = await runCli(["review", "--repo", repo.dir, "--base", base, "--config", "bad.yml"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^aiguard: invalid config bad\.yml:\n {2}bad\.yml:3:17 \(tiers\.0\.conclusion\): /);

    writeFileSync(join(dir, "odd.yml"), "tiers:\n  - name: strict\n    conclusion: failure\nfrobnicate: 3\n");
    const odd = await reviewJson(["--repo", repo.dir, "--base", base, "--config", join(dir, "odd.yml")]);
    expect(odd.code).toBe(1);
    expect(odd.stderr).toMatch(/aiguard: warning: .*odd\.yml:4:1 \(frobnicate\): unknown key "frobnicate" is ignored/);
    expect(odd.review.notes.join("\n")).toMatch(/unknown key "frobnicate"/);
  });

  it("exits 2 at once for a policy file of megabytes, naming its size", async () => {
    const { repo, base } = vulnerableRepo();
    const dir = tempDir();
    writeFileSync(join(dir, "huge.yml"), `paths:\n  ignore:\n${"    - 'vendor/**'\n".repeat(400_000)}`);
    const started = performance.now();
    const r = await runCli(["review", "--repo", repo.dir, "--base", base, "--config", "huge.yml"], { cwd: dir });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/huge\.yml:1:1: the file is \d+ KB; a policy file may be at most 256 KB/);
  });

  it("exits 2 naming the ref and repository for an unknown ref", async () => {
    const { repo } = vulnerableRepo();
    const r = await runCli(["review", "--repo", repo.dir, "--base", "nope"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`aiguard: unknown revision 'nope' in ${repo.dir}\n`);
    // A ref that looks like an option is still only a ref.
    const h = await runCli(["review", "--repo", repo.dir, "--head=--output=/tmp/aiguard-evil"]);
    expect(h.code).toBe(2);
    expect(h.stderr).toBe(`aiguard: unknown revision '--output=/tmp/aiguard-evil' in ${repo.dir}\n`);
  });

  it("exits 2 for a directory that isn't a repository or doesn't exist", async () => {
    const dir = tempDir();
    const r = await runCli(["review", "--repo", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(`not a git repository: ${dir}`);
    const missing = await runCli(["review", "--repo", join(dir, "missing")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no such directory/);
  });

  it("picks the default branch as the base when --base is not given, and says so", async () => {
    const repo = new TestRepo();
    repo.write("src/users.js", SAFE_JS);
    const mainSha = repo.commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("src/users.js", VULN_JS);
    repo.commit("feature 1");
    repo.write("docs.md", "more\n");
    repo.commit("feature 2");
    const r = await reviewJson(["--repo", repo.dir]);
    expect(r.review.base).toBe(mainSha);
    expect(r.review.notes.join("\n")).toMatch(/--base not given: compared with main/);
    expect(r.review.stats.filesChanged).toBe(2);
    expect(r.code).toBe(1);
  });

  it("falls back to HEAD~1 when there is no default branch to compare with", async () => {
    const repo = new TestRepo();
    repo.write("a.txt", "1\n");
    const first = repo.commit("one");
    repo.write("a.txt", "2\n");
    repo.commit("two");
    const r = await reviewJson(["--repo", repo.dir]);
    expect(r.code).toBe(0);
    expect(r.review.base).toBe(first);
    expect(r.review.notes.join("\n")).toMatch(/HEAD~1/);
  });

  it("works from a subdirectory of the repository without --repo", async () => {
    const { repo, base } = vulnerableRepo();
    const r = await reviewJson(["--base", base], { cwd: join(repo.dir, "src") });
    expect(r.code).toBe(1);
    expect(r.review.findings.some((f: any) => f.path === "src/users.js")).toBe(true);
  });
});

describe("aiguard review --diff", () => {
  it("reviews a diff file without a repository", async () => {
    const { repo, base, head } = vulnerableRepo();
    const dir = tempDir();
    writeFileSync(join(dir, "change.diff"), repo.git("diff", `${base}...${head}`));
    const r = await reviewJson(["--diff", "change.diff"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.review.base).toBe("");
    expect(r.review.head).toBe("");
    expect(r.review.findings.some((f: any) => f.cwe.includes("CWE-89") && f.path === "src/users.js")).toBe(true);
    expect(r.review.notes.join("\n")).toMatch(/no full-file context/);
    expect(r.stdout).not.toContain(AWS_SECRET);
    expect(r.stdout).not.toContain(AWS_KEY_ID);

    const labelled = await reviewJson(["--diff", join(dir, "change.diff"), "--base", "main", "--head", "feature"]);
    expect(labelled.review.base).toBe("main");
    expect(labelled.review.head).toBe("feature");
  });

  it("reads the diff from stdin with '-', and takes the head from a format-patch header", async () => {
    const { repo, head } = vulnerableRepo();
    const patch = repo.git("format-patch", "-1", "--stdout", head);
    const r = await reviewJson(["--diff", "-"], { stdin: patch });
    expect(r.code).toBe(1);
    expect(r.review.head).toBe(head);
    expect(r.review.findings.length).toBeGreaterThan(0);
    expect(r.review.stats.filesChanged).toBe(2);
  });

  it("refuses an empty diff unless --allow-empty says it is expected, and garbage is an error", async () => {
    const refused = await runCli(["review", "--diff", "-"], { stdin: "" });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/the diff in stdin is empty: nothing to review \(pass --allow-empty/);
    const blank = await runCli(["review", "--diff", "-"], { stdin: "\n\n" });
    expect(blank.code).toBe(2);
    const empty = await reviewJson(["--diff", "-", "--allow-empty"], { stdin: "" });
    expect(empty.code).toBe(0);
    expect(empty.review.conclusion).toBe("success");
    const misplaced = await runCli(["review", "--allow-empty"]);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toMatch(/--allow-empty applies to --diff only/);
    const junk = await runCli(["review", "--diff", "-"], { stdin: "hello, this is not a diff\n" });
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/no unified diff found in stdin/);
    const missing = await runCli(["review", "--diff", "/nonexistent/x.diff"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read diff \/nonexistent\/x\.diff/);
  });
});

describe("aiguard arguments", () => {
  it("prints usage for --help and -h, and the version for --version", async () => {
    for (const args of [["--help"], ["-h"], ["review", "--help"]]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: aiguard review \[options\]/);
      expect(r.stdout).toContain("--diff FILE|-");
    }
    const v = await runCli(["--version"]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("exits 2 with a clear message for unknown flags, bad values and unknown commands", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["review", "--frobnicate"], /unknown option '--frobnicate'/],
      [["review", "--format", "xml"], /unknown format 'xml'/],
      [["review", "--base"], /option --base needs a value/],
      [["review", "--offline=yes"], /--offline does not take a value/],
      [["review", "extra"], /unexpected argument 'extra'/],
      [["scan"], /unknown command 'scan'/],
      [[], /missing command/],
      [["review", "--diff", "-", "--repo", "."], /can't be combined with --repo/],
    ];
    for (const [args, re] of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/^aiguard: /);
      expect(r.stderr, args.join(" ")).toMatch(re);
      expect(r.stdout).toBe("");
    }
  });

  it("accepts --offline", async () => {
    const { repo, base } = vulnerableRepo();
    const r = await reviewJson(["--repo", repo.dir, "--base", base, "--offline"]);
    expect(r.code).toBe(1);
  });
});

describe("text output", () => {
  it("is plain when stdout is not a TTY, coloured on a TTY, and follows NO_COLOR / FORCE_COLOR", async () => {
    const { repo, base } = vulnerableRepo();
    const args = ["review", "--repo", repo.dir, "--base", base];
    const plain = await runCli(args);
    expect(plain.code).toBe(1);
    expect(plain.stdout).not.toContain("\u001b[");
    expect(plain.stdout).toMatch(/FAILURE|ACTION REQUIRED/);
    expect(plain.stdout).toContain("src/users.js");
    expect(plain.stdout).toContain("CWE-89");
    expect(plain.stdout).toContain('db.query("SELECT * FROM users WHERE id = " + req.query.id);');

    expect((await runCli(args, { isTTY: true })).stdout).toContain("\u001b[");
    expect((await runCli(args, { isTTY: true, env: { ...GIT_ENV, NO_COLOR: "1" } })).stdout).not.toContain("\u001b[");
    expect((await runCli(args, { isTTY: false, env: { ...GIT_ENV, FORCE_COLOR: "1" } })).stdout).toContain("\u001b[");
    expect((await runCli(args, { isTTY: true, env: { ...GIT_ENV, FORCE_COLOR: "0" } })).stdout).not.toContain(
      "\u001b[",
    );
  });
});

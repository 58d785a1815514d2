#!/usr/bin/env node
// Before/after check for refactors that must not change behaviour: reviews the same git repos
// and diffs with two builds of aiguard and compares every output format byte for byte, except
// `durationMs` (JSON) and the timing text derived from it.
//
//   node scripts/review-parity.mjs --before /path/to/old/checkout [--after .]
//
// Both checkouts need a built dist/ (npm ci, or npm run build). Exit 0: identical; 1: a difference
// (the first lines of each differing output are printed); 2: could not run.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const root = resolve(new URL("..", import.meta.url).pathname);
const before = opt("--before", undefined);
const after = resolve(opt("--after", root));
if (!before) {
  console.error("usage: node scripts/review-parity.mjs --before DIR [--after DIR]");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "aiguard-parity-"));
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "parity",
  GIT_AUTHOR_EMAIL: "parity@example.test",
  GIT_COMMITTER_NAME: "parity",
  GIT_COMMITTER_EMAIL: "parity@example.test",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
  AIGUARD_OFFLINE: "1",
  NO_COLOR: "1",
};

function git(cwd, ...a) {
  const r = spawnSync("git", a, { cwd, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${a.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

function copyTree(from, to) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    const p = join(from, name);
    if (statSync(p).isDirectory()) copyTree(p, join(to, name));
    else cpSync(p, join(to, name));
  }
}

function newRepo(name) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  git(dir, "init", "-q", "-b", "main");
  writeFileSync(join(dir, "README.md"), "# parity\n");
  return dir;
}

function commitAll(dir, msg) {
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "--allow-empty", "-m", msg);
}

// Scenario 1: the labeled corpora and every dependency fixture's head side, added in one PR.
const added = newRepo("added");
commitAll(added, "base");
copyTree(join(root, "test/corpus/dev"), join(added, "dev"));
copyTree(join(root, "test/corpus/holdout"), join(added, "holdout"));
commitAll(added, "head");

// Scenario 2: manifests and lockfiles updated from their base to their head fixtures, a policy
// with tiers, areas and a repo rule read at the base, and code that changes lines in place.
const updated = newRepo("updated");
const fx = join(root, "test/core/dependencies/fixtures");
const sides = [
  ["npm/package.base.json", "npm/package.head.json", "package.json"],
  ["npm/package-lock.base.json", "npm/package-lock.head.json", "package-lock.json"],
  ["go/go.base.mod", "go/go.head.mod", "svc/go.mod"],
  ["maven/pom.base.xml", "maven/pom.head.xml", "java/pom.xml"],
  ["cargo/Cargo.base.toml", "cargo/Cargo.head.toml", "rust/Cargo.toml"],
  ["pypi/requirements-base.txt", "pypi/requirements-base.head.txt", "py/requirements.txt"],
];
for (const [base, , to] of sides) {
  mkdirSync(join(updated, to, ".."), { recursive: true });
  cpSync(join(fx, base), join(updated, to));
}
writeFileSync(
  join(updated, ".aiguard.yml"),
  `rules:
  paths: [".aiguard/rules"]
  severity: { "py.requests.verify-disabled": medium }
areas:
  payment: { paths: ["billing/**"], imports: ["@acme/payments"] }
  pii: { identifiers: [ssn, date_of_birth], paths: ["profile/**"] }
dependencies:
  deny: ["left-pad"]
  licenses: { deny: ["GPL-3.0-only"] }
tiers:
  - name: critical
    when: { any: [{ areas: [payment, auth, crypto, policy] }, { severity: critical }] }
    conclusion: action_required
    labels: ["security-review:{area}"]
    reviewers: { teams: [security] }
    approvals: 1
  - name: high
    when: { any: [{ severity: high }, { dependencyRisk: high }] }
    conclusion: failure
  - name: medium
    when: { any: [{ findings: true }, { dependencies: added }] }
    conclusion: neutral
  - name: low
    conclusion: success
`,
);
mkdirSync(join(updated, ".aiguard/rules"), { recursive: true });
writeFileSync(
  join(updated, ".aiguard/rules/no-debugger.yml"),
  `id: repo.js.debugger
languages: [javascript, typescript]
severity: low
confidence: high
cwe: [CWE-489]
message: debugger statement left in
query: "(debugger_statement) @match"
examples:
  bad: ["function f() { debugger; }"]
  good: ["function f() { return 1; }"]
`,
);
copyTree(join(root, "test/corpus/dev/python"), join(updated, "billing"));
commitAll(updated, "base");
for (const [, head, to] of sides) cpSync(join(fx, head), join(updated, to));
for (const f of readdirSync(join(updated, "billing"))) {
  const p = join(updated, "billing", f);
  if (statSync(p).isFile()) writeFileSync(p, `${spawnSync("sed", ["s/= /=  /", p], { encoding: "utf8" }).stdout}`);
}
mkdirSync(join(updated, "web"), { recursive: true });
writeFileSync(
  join(updated, "web/app.js"),
  `const express = require("express");\nconst app = express();\napp.get("/x", (req, res) => {\n  debugger;\n  res.send(eval(req.query.code));\n});\n// aiguard-ignore js.eval.user-input: parity fixture\neval(req.body.y);\n`,
);
commitAll(updated, "head");

const diffFile = join(work, "added.diff");
writeFileSync(diffFile, git(added, "diff", "HEAD~1", "HEAD"));

const runs = [];
for (const format of ["json", "sarif", "markdown", "text"]) {
  runs.push({ name: `added ${format}`, cwd: added, argv: ["review", "--base", "HEAD~1", "--format", format] });
  runs.push({ name: `updated ${format}`, cwd: updated, argv: ["review", "--base", "HEAD~1", "--format", format] });
  runs.push({ name: `diff ${format}`, cwd: work, argv: ["review", "--diff", diffFile, "--format", format] });
}
runs.push({ name: "help", cwd: work, argv: ["--help"] });
runs.push({ name: "bad flag", cwd: work, argv: ["review", "--nope"] });

function normalize(text) {
  return text
    .replace(/"durationMs":\s*\d+/g, '"durationMs": 0')
    .replace(/\b\d+(\.\d+)? ?(ms|s)\b/g, "<time>")
    .replaceAll(work, "<work>");
}

function run(build, r) {
  const p = spawnSync(process.execPath, [join(build, "bin/aiguard.js"), ...r.argv], {
    cwd: r.cwd,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  return { code: p.status, out: normalize(p.stdout), err: normalize(p.stderr) };
}

let differences = 0;
for (const r of runs) {
  const a = run(resolve(before), r);
  const b = run(after, r);
  const same = a.code === b.code && a.out === b.out && a.err === b.err;
  console.log(`${same ? "same" : "DIFF"}  ${r.name}  (exit ${a.code}, ${a.out.length} bytes)`);
  if (!same) {
    differences++;
    const al = a.out.split("\n");
    const bl = b.out.split("\n");
    const i = al.findIndex((l, k) => l !== bl[k]);
    console.log(`  exit ${a.code} -> ${b.code}; first differing line ${i + 1}:\n  - ${al[i]}\n  + ${bl[i]}`);
    if (a.err !== b.err) console.log(`  stderr:\n  - ${a.err.slice(0, 300)}\n  + ${b.err.slice(0, 300)}`);
  }
}
if (!args.includes("--keep")) rmSync(work, { recursive: true, force: true });
console.log(
  differences === 0
    ? `parity: ${runs.length} outputs identical`
    : `parity: ${differences} of ${runs.length} outputs differ`,
);
process.exit(differences === 0 ? 0 : 1);

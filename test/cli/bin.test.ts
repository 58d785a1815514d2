// The installed entry point, `node bin/aiguard.js`, as a child process from another directory.
// It runs dist/ (built by `npm test`'s pretest); the build is refreshed here if it's missing or stale.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AWS_KEY_ID, AWS_SECRET, SAFE_JS, SECRET_JS, VULN_JS } from "./fixtures.js";
import { cleanup, GIT_ENV, tempDir, TestRepo } from "./helpers.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin/aiguard.js");
const DIST_MAIN = join(ROOT, "dist/cli/main.js");

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

beforeAll(() => {
  if (!existsSync(DIST_MAIN) || statSync(DIST_MAIN).mtimeMs < newestSource(join(ROOT, "src"))) {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    // tsc emits even when some other module has a type error; `npm run typecheck` reports those.
    spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "pipe" });
  }
  if (!existsSync(DIST_MAIN)) throw new Error("dist/cli/main.js is missing: run `npm run build`");
}, 120_000);
afterAll(cleanup);

function aiguard(args: string[], cwd: string, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: GIT_ENV, encoding: "utf8", input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("node bin/aiguard.js", () => {
  it("reviews a repository given by --repo from an unrelated directory, with the exit code of the conclusion", () => {
    const repo = new TestRepo();
    repo.write("src/users.js", SAFE_JS);
    const base = repo.commit("base");
    repo.write("src/users.js", VULN_JS).write("src/s3.js", SECRET_JS);
    const head = repo.commit("change");
    const elsewhere = tempDir();

    const r = aiguard(["review", "--repo", repo.dir, "--base", base, "--format", "json"], elsewhere);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    const review = JSON.parse(r.stdout);
    expect(review.head).toBe(head);
    expect(review.findings.some((f: any) => f.cwe.includes("CWE-89"))).toBe(true);
    expect(r.stdout).not.toContain(AWS_KEY_ID);
    expect(r.stdout).not.toContain(AWS_SECRET);

    const sarif = aiguard(["review", "--repo", repo.dir, "--base", base, "--format", "sarif"], elsewhere);
    expect(sarif.code).toBe(1);
    expect(JSON.parse(sarif.stdout).version).toBe("2.1.0");

    const text = aiguard(["review", "--base", base], join(repo.dir, "src"));
    expect(text.code).toBe(1);
    expect(text.stdout).not.toContain("\u001b[");
    expect(text.stdout).toContain("src/users.js");
  });

  it("exits 0 for a clean change, 2 for a bad ref, and reads a diff from stdin", () => {
    const repo = new TestRepo();
    repo.write("a.txt", "1\n");
    const base = repo.commit("one");
    repo.write("a.txt", "2\n");
    repo.commit("two");
    const elsewhere = tempDir();
    expect(aiguard(["review", "--repo", repo.dir, "--base", base], elsewhere).code).toBe(0);

    const bad = aiguard(["review", "--repo", repo.dir, "--base", "nope"], elsewhere);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`aiguard: unknown revision 'nope' in ${repo.dir}\n`);

    const diff = repo.git("diff", `${base}...HEAD`);
    const piped = aiguard(["review", "--diff", "-", "--format", "json"], elsewhere, diff);
    expect(piped.code).toBe(0);
    expect(JSON.parse(piped.stdout).conclusion).toBe("success");

    const help = aiguard(["--help"], elsewhere);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: aiguard review");
  });
});

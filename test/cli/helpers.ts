// Real temporary git repositories and an in-process runner for the CLI.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, unlinkSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { main } from "../../src/cli/main.js";

/** An environment where the user's own git config can't change the outcome. */
export const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.com",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.com",
  NO_COLOR: undefined,
  FORCE_COLOR: undefined,
};

const created: string[] = [];

export function tempDir(prefix = "aiguard-cli-"): string {
  const d = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  created.push(d);
  return d;
}

export function cleanup(): void {
  for (const d of created.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, env: GIT_ENV, encoding: "utf8" });
}

export class TestRepo {
  readonly dir: string;
  constructor() {
    this.dir = tempDir("aiguard-repo-");
    git(this.dir, "init", "-q", "-b", "main");
  }
  write(path: string, content: string | Buffer): this {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
    return this;
  }
  remove(path: string): this {
    unlinkSync(join(this.dir, path));
    return this;
  }
  git(...args: string[]): string {
    return git(this.dir, ...args);
  }
  commit(message: string): string {
    git(this.dir, "add", "-A");
    git(this.dir, "commit", "-q", "--allow-empty", "-m", message);
    return git(this.dir, "rev-parse", "HEAD").trim();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(
  argv: string[],
  opts: { cwd?: string; stdin?: string; env?: NodeJS.ProcessEnv; isTTY?: boolean } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.isTTY ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    stdin: Readable.from([Buffer.from(opts.stdin ?? "")]),
    env: opts.env ?? GIT_ENV,
    cwd: opts.cwd ?? tmpdir(),
  });
  return { code, stdout, stderr };
}

/** Run `aiguard review --format json` and parse the review. */
export async function reviewJson(
  argv: string[],
  opts: Parameters<typeof runCli>[1] = {},
): Promise<CliRun & { review: Record<string, any> }> {
  const r = await runCli(["review", "--format", "json", ...argv], opts);
  let review: Record<string, any> = {};
  try {
    review = JSON.parse(r.stdout) as Record<string, any>;
  } catch {
    throw new Error(`not JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { ...r, review };
}

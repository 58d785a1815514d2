// A small, read-only git client for the CLI: every call is `execFile("git", [...args])`, never a
// shell string, and refs are passed after `--end-of-options` so a ref can't be read as a flag.
import { execFile } from "node:child_process";

/** Something the user gave us (repo, ref, file) can't be used. Maps to exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface GitResult {
  stdout: Buffer;
  stderr: string;
}

/** Options that make git's output independent of the user's own git config. */
const GIT_CONFIG = [
  "-c",
  "core.quotePath=false",
  "-c",
  "diff.noprefix=false",
  "-c",
  "diff.mnemonicPrefix=false",
  "-c",
  "diff.suppressBlankEmpty=false",
  "-c",
  "color.ui=false",
];

const MAX_BUFFER = 1024 * 1024 * 1024;

export class Git {
  constructor(
    /** Directory git runs in (the repo or any folder inside it). */
    readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Run git; resolves even when git exits non-zero (the caller decides what that means). */
  raw(args: string[], input?: Buffer | string): Promise<GitResult & { code: number }> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        "git",
        [...GIT_CONFIG, ...args],
        {
          cwd: this.cwd,
          encoding: "buffer",
          maxBuffer: MAX_BUFFER,
          env: { ...this.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", GIT_PAGER: "cat" },
          windowsHide: true,
        },
        (err, stdout, stderr) => {
          const errText = stderr.toString("utf8");
          if (err && typeof (err as NodeJS.ErrnoException).code === "string") {
            const code = (err as NodeJS.ErrnoException).code;
            if (code === "ENOENT") {
              reject(
                new UsageError(
                  `cannot run git in ${this.cwd}: git is not installed or not on PATH, or the directory does not exist`,
                ),
              );
              return;
            }
            if (code === "ENOTDIR") {
              reject(new UsageError(`cannot read repository ${this.cwd}: not a directory`));
              return;
            }
            if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
              reject(new UsageError(`git output is larger than ${MAX_BUFFER} bytes: git ${args.join(" ")}`));
              return;
            }
            reject(err);
            return;
          }
          const exit = err
            ? typeof (err as { code?: unknown }).code === "number"
              ? (err as { code: number }).code
              : 1
            : 0;
          resolve({ stdout, stderr: errText, code: exit });
        },
      );
      if (input !== undefined) {
        child.stdin?.on("error", () => {
          /* git exited early; the callback reports it */
        });
        child.stdin?.end(input);
      }
    });
  }

  /** Run git and return stdout as text; throws with git's own message when it fails. */
  async run(args: string[], input?: Buffer | string): Promise<string> {
    const r = await this.raw(args, input);
    if (r.code !== 0) throw new Error(`git ${args[0] ?? ""} failed: ${firstLine(r.stderr) || `exit code ${r.code}`}`);
    return r.stdout.toString("utf8");
  }

  /** Resolve a ref to a commit id, or null when it doesn't name a commit. */
  async resolveCommit(ref: string): Promise<string | null> {
    const r = await this.raw(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
    if (r.code !== 0) return null;
    const sha = r.stdout.toString("utf8").trim();
    return sha || null;
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    const r = await this.raw(["merge-base", "--end-of-options", a, b]);
    if (r.code !== 0) return null;
    return r.stdout.toString("utf8").trim() || null;
  }

  /** Read one blob as `rev:path`; null when the path doesn't exist at that revision. */
  async show(rev: string, path: string): Promise<Buffer | null> {
    const r = await this.raw(["cat-file", "blob", `${rev}:${path}`]);
    if (r.code !== 0) return null;
    return r.stdout;
  }

  /** `git ls-tree -r -l` for the given paths (or everything under them) at a revision. */
  async lsTree(rev: string, paths: string[]): Promise<TreeEntry[]> {
    const out: TreeEntry[] = [];
    // Keep each command line well under the OS argument limit.
    for (let i = 0; i < paths.length; i += 500) {
      const chunk = paths.slice(i, i + 500);
      const r = await this.raw([
        "--literal-pathspecs",
        "ls-tree",
        "-r",
        "-l",
        "-z",
        "--full-tree",
        "--end-of-options",
        rev,
        "--",
        ...chunk,
      ]);
      if (r.code !== 0) throw new Error(`git ls-tree failed: ${firstLine(r.stderr)}`);
      out.push(...parseLsTree(r.stdout.toString("utf8")));
    }
    return out;
  }

  /**
   * Read many objects with a single `git cat-file --batch` process.
   * Returns the contents by object id; ids git doesn't know are absent from the map.
   */
  async readBlobs(oids: string[]): Promise<Map<string, Buffer>> {
    const unique = [...new Set(oids)];
    const out = new Map<string, Buffer>();
    if (unique.length === 0) return out;
    const r = await this.raw(["cat-file", "--batch"], unique.join("\n") + "\n");
    if (r.code !== 0) throw new Error(`git cat-file failed: ${firstLine(r.stderr)}`);
    const buf = r.stdout;
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      if (nl < 0) break;
      const header = buf.toString("utf8", pos, nl);
      pos = nl + 1;
      const m = /^(\S+) (\S+) (\d+)$/.exec(header);
      if (!m) continue; // "<oid> missing"
      const size = Number(m[3]);
      out.set(m[1]!, buf.subarray(pos, pos + size));
      pos += size + 1; // content, then a newline
    }
    return out;
  }
}

export interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  /** Size in bytes; null for trees and submodules. */
  size: number | null;
  path: string;
}

export function parseLsTree(text: string): TreeEntry[] {
  const out: TreeEntry[] = [];
  for (const rec of text.split("\0")) {
    if (!rec) continue;
    const tab = rec.indexOf("\t");
    if (tab < 0) continue;
    const [mode, type, oid, size] = rec.slice(0, tab).split(/\s+/);
    if (!mode || !type || !oid) continue;
    out.push({ mode, type, oid, size: size && size !== "-" ? Number(size) : null, path: rec.slice(tab + 1) });
  }
  return out;
}

export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? ""
  );
}

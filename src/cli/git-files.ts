// git, read-only: a local repository and two refs -> the changed files, their patches and their
// full head contents (and both sides of dependency manifests). Nothing here touches the work tree.
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { parseUnifiedDiff } from "../core/diff/patch.js";
import { MAX_MANIFEST_BYTES, touchesDependencies } from "../core/dependencies/index.js";
import { LIBRARY_MANIFESTS } from "../core/library.js";
import { secretScanOmits } from "../core/secrets/scan.js";
import type { ChangedFile } from "../core/types.js";
import { firstLine, Git, UsageError } from "./git.js";

export interface Repo {
  git: Git;
  /** The work tree's top level (or the git dir of a bare repository), for messages. */
  root: string;
}

export interface Revisions {
  /** What the user asked for (or what we picked), for messages. */
  baseRef: string;
  headRef: string;
  /** Resolved commit ids. `base` is the empty tree's id when the head is a root commit. */
  base: string;
  head: string;
  /** The head has no parent and no base was given: the whole head commit is reviewed. */
  baseIsEmptyTree: boolean;
  notes: string[];
}

/** Candidates for the default base, in order of preference. */
export const DEFAULT_BASE_CANDIDATES = ["origin/HEAD", "origin/main", "origin/master", "main", "master"];

export async function openRepo(dir: string, env?: NodeJS.ProcessEnv): Promise<Repo> {
  const abs = resolve(dir);
  let isDir = false;
  try {
    isDir = (await stat(abs)).isDirectory();
  } catch {
    throw new UsageError(`cannot read repository ${abs}: no such directory`);
  }
  if (!isDir) throw new UsageError(`cannot read repository ${abs}: not a directory`);
  const git = new Git(abs, env);
  const r = await git.raw(["rev-parse", "--is-bare-repository"]);
  if (r.code !== 0) {
    const why = firstLine(r.stderr).replace(/^fatal:\s*/, "");
    throw new UsageError(`not a git repository: ${abs}${why && !/not a git repository/i.test(why) ? ` (${why})` : ""}`);
  }
  let root = abs;
  if (r.stdout.toString("utf8").trim() !== "true") {
    const top = await git.raw(["rev-parse", "--show-toplevel"]);
    const dir = top.stdout.toString("utf8").trim();
    if (top.code === 0 && dir) root = dir;
  }
  return { git: new Git(root, env), root };
}

export async function resolveRevisions(
  repo: Repo,
  baseArg: string | undefined,
  headArg: string | undefined,
): Promise<Revisions> {
  const { git, root } = repo;
  const notes: string[] = [];
  const headRef = headArg ?? "HEAD";
  const head = await git.resolveCommit(headRef);
  if (!head) {
    if (headRef === "HEAD")
      throw new UsageError(`the repository ${root} has no commits yet (HEAD does not name a commit)`);
    throw new UsageError(`unknown revision '${headRef}' in ${root}`);
  }

  if (baseArg !== undefined) {
    const base = await git.resolveCommit(baseArg);
    if (!base) throw new UsageError(`unknown revision '${baseArg}' in ${root}`);
    if (!(await git.mergeBase(base, head))) {
      throw new UsageError(
        `'${baseArg}' and '${headRef}' have no common ancestor in ${root}, so there is no change to review`,
      );
    }
    return { baseRef: baseArg, headRef, base, head, baseIsEmptyTree: false, notes };
  }

  for (const candidate of DEFAULT_BASE_CANDIDATES) {
    const sha = await git.resolveCommit(candidate);
    if (!sha || sha === head) continue;
    const mb = await git.mergeBase(sha, head);
    if (!mb || mb === head) continue; // head is the candidate or behind it: nothing of its own
    notes.push(`--base not given: compared with ${candidate} (merge-base ${mb.slice(0, 12)})`);
    return { baseRef: candidate, headRef, base: sha, head, baseIsEmptyTree: false, notes };
  }

  const parent = await git.resolveCommit(`${head}~1`);
  if (parent) {
    notes.push(
      `--base not given and ${headRef} has no commits of its own on top of ${DEFAULT_BASE_CANDIDATES.join(", ")}: reviewed the last commit (${headRef}~1...${headRef})`,
    );
    return { baseRef: `${headRef}~1`, headRef, base: parent, head, baseIsEmptyTree: false, notes };
  }
  const emptyTree = (await git.run(["hash-object", "-t", "tree", "--stdin"], "")).trim();
  notes.push(`--base not given and ${headRef} has no parent: reviewed the whole commit ${head.slice(0, 12)}`);
  return { baseRef: "(empty tree)", headRef, base: emptyTree, head, baseIsEmptyTree: true, notes };
}

/** Undo git's C-style quoting that parse-diff leaves in a path (`q\"t.js`, `tab\there`, `\303\274`). */
export function unquoteGitPath(p: string): string {
  if (!p.includes("\\")) return p;
  const bytes: number[] = [];
  const simple: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, "\\": 92 };
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch === "\\" && i + 1 < p.length) {
      const next = p[i + 1]!;
      const oct = /^[0-3][0-7]{2}/.exec(p.slice(i + 1, i + 4));
      if (oct) {
        bytes.push(parseInt(oct[0], 8));
        i += 3;
        continue;
      }
      if (next in simple) {
        bytes.push(simple[next]!);
        i += 1;
        continue;
      }
    }
    bytes.push(...Buffer.from(ch, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

/** The diff of the change, from the merge-base of base and head (three dots), as changed files. */
export async function diffFiles(repo: Repo, rev: Revisions): Promise<ChangedFile[]> {
  const range = rev.baseIsEmptyTree ? [rev.base, rev.head] : [`${rev.base}...${rev.head}`];
  const text = await repo.git.run([
    "diff",
    "-M",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "-U3",
    "--src-prefix=a/",
    "--dst-prefix=b/",
    ...range,
    "--",
  ]);
  return parseUnifiedDiff(text).map((f) => ({
    ...f,
    path: unquoteGitPath(f.path),
    previousPath: f.previousPath === undefined ? undefined : unquoteGitPath(f.previousPath),
  }));
}

function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).includes(0);
}

/**
 * Fill in the full head contents of the changed files: one `git ls-tree` for modes and sizes,
 * one `git cat-file --batch` for all the contents. Large, binary, symlink and submodule
 * entries are marked `skipped` with the reason (the core turns those into notes).
 */
export async function readHeadContents(
  repo: Repo,
  head: string,
  files: ChangedFile[],
  maxFileBytes: number,
): Promise<ChangedFile[]> {
  // Files without a patch (pure renames, mode changes) have no added lines to analyse.
  const wanted = files.filter((f) => f.status !== "removed" && !f.skipped && f.patch);
  if (wanted.length === 0) return files;
  const entries = new Map(
    (
      await repo.git.lsTree(
        head,
        wanted.map((f) => f.path),
      )
    ).map((e) => [e.path, e]),
  );
  const toRead: string[] = [];
  const verdict = new Map<string, { skipped?: string; omitted?: string; oid?: string; size?: number | null }>();
  // Files over maxFileBytes are still read for the secrets scan, within bounds (the core scans
  // only their changed lines and reports them incomplete); beyond, the patch is all there is.
  let largeBytes = 0;
  for (const f of wanted) {
    const e = entries.get(f.path);
    if (!e) continue;
    if (e.type === "commit") verdict.set(f.path, { skipped: "submodule" });
    else if (e.mode === "120000") verdict.set(f.path, { skipped: "symlink" });
    else if (e.type !== "blob") verdict.set(f.path, { skipped: e.type });
    else {
      const large = e.size !== null && e.size > maxFileBytes;
      const omitted = large ? secretScanOmits(e.size ?? 0, largeBytes) : null;
      if (omitted !== null) {
        verdict.set(f.path, { omitted, size: e.size });
        continue;
      }
      if (large) largeBytes += e.size ?? 0;
      verdict.set(f.path, { oid: e.oid, size: e.size });
      toRead.push(e.oid);
    }
  }
  const blobs = await repo.git.readBlobs(toRead);
  return files.map((f) => {
    const v = verdict.get(f.path);
    if (!v) return f;
    if (v.skipped) return { ...f, skipped: v.skipped };
    if (v.omitted) return { ...f, headOmitted: v.omitted, ...(v.size !== null ? { headBytes: v.size } : {}) };
    const buf = v.oid ? blobs.get(v.oid) : undefined;
    if (!buf) return f;
    if (looksBinary(buf)) return { ...f, skipped: "binary" };
    return { ...f, headContent: buf.toString("utf8"), ...(typeof v.size === "number" ? { headBytes: v.size } : {}) };
  });
}

/**
 * Both sides of every changed dependency manifest and lockfile, for the dependency diff:
 * head at `rev.head`, base at the merge-base (what a three-dot diff compares against).
 * Read whole up to MAX_MANIFEST_BYTES, whatever `limits.maxFileBytes` says.
 */
export async function readManifestContents(
  repo: Repo,
  rev: Revisions,
  files: ChangedFile[],
): Promise<{ files: ChangedFile[]; notes: string[] }> {
  const notes: string[] = [];
  const deps = files.filter((f) => touchesDependencies(f));
  if (deps.length === 0) return { files, notes };
  const base = rev.baseIsEmptyTree ? null : ((await repo.git.mergeBase(rev.base, rev.head)) ?? rev.base);
  const headSide = deps.filter((f) => f.status !== "removed" && f.headContent === undefined);
  const baseSide = base ? deps.filter((f) => f.status !== "added") : [];
  const read = async (rev: string, paths: string[]): Promise<Map<string, string>> => {
    const out = new Map<string, string>();
    if (paths.length === 0) return out;
    const entries = (await repo.git.lsTree(rev, paths)).filter((e) => e.type === "blob" && paths.includes(e.path));
    const tooBig = entries.filter((e) => e.size !== null && e.size > MAX_MANIFEST_BYTES);
    for (const e of tooBig)
      notes.push(`${e.path}: over ${MAX_MANIFEST_BYTES / 1024 / 1024} MB, its dependencies were not read`);
    const ok = entries.filter((e) => !tooBig.includes(e));
    const blobs = await repo.git.readBlobs(ok.map((e) => e.oid));
    for (const e of ok) {
      const buf = blobs.get(e.oid);
      if (buf && !looksBinary(buf)) out.set(e.path, buf.toString("utf8"));
    }
    return out;
  };
  const [heads, bases] = await Promise.all([
    read(
      rev.head,
      headSide.map((f) => f.path),
    ),
    read(
      base ?? rev.head,
      baseSide.map((f) => f.previousPath ?? f.path),
    ),
  ]);
  return {
    notes,
    files: files.map((f) => {
      if (!deps.includes(f)) return f;
      const headContent = f.headContent ?? heads.get(f.path);
      const baseContent = bases.get(f.previousPath ?? f.path);
      return {
        ...f,
        ...(headContent !== undefined ? { headContent } : {}),
        ...(baseContent !== undefined ? { baseContent } : {}),
      };
    }),
  };
}

/** The repository root's package manifests at `rev` (for library mode's `auto`), by file name. */
export async function readRootManifests(repo: Repo, rev: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const names: string[] = [...LIBRARY_MANIFESTS];
  const entries = (await repo.git.lsTree(rev, names)).filter(
    (e) => e.type === "blob" && names.includes(e.path) && (e.size === null || e.size <= MAX_MANIFEST_BYTES),
  );
  if (entries.length === 0) return out;
  const blobs = await repo.git.readBlobs(entries.map((e) => e.oid));
  for (const e of entries) {
    const buf = blobs.get(e.oid);
    if (buf && !looksBinary(buf)) out.set(e.path, buf.toString("utf8"));
  }
  return out;
}

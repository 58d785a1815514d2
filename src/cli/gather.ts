// gather (CLI): a local git repository and two refs, or a bare unified diff -> an immutable
// Change, plus the config warnings to print. The same Change type the App gathers from GitHub.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Change } from "../core/change.js";
import { parseUnifiedDiff } from "../core/diff/patch.js";
import { defaultConfig } from "../core/policy/schema.js";
import type { ChangedFile } from "../core/types.js";
import type { ReviewOptions } from "./args.js";
import {
  configDir,
  type LoadedConfig,
  type LoadedRules,
  loadConfigAtBase,
  loadConfigFile,
  loadRulesAtBase,
  loadRulesFromDir,
} from "./config.js";
import { UsageError } from "./git.js";
import {
  diffFiles,
  openRepo,
  readHeadContents,
  readManifestContents,
  readRootManifests,
  type Repo,
  resolveRevisions,
  unquoteGitPath,
} from "./git-files.js";
import { errorText } from "../core/text.js";
import { resolveLibrary } from "../core/library.js";

export interface Gathered {
  change: Change;
  /** Config warnings, for stderr (they are in the change's notes too). */
  warnings: readonly string[];
}

/** Where the CLI reads from: its working directory and standard input. */
export interface GatherIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: AsyncIterable<Buffer | string>;
}

/** A repository: the diff between the base and head refs, the head contents, and the config and rules at the base. */
export async function gatherRepo(opts: ReviewOptions, io: GatherIO): Promise<Gathered> {
  const repo = await openRepo(resolve(io.cwd, opts.repo ?? "."), io.env);
  const rev = await resolveRevisions(repo, opts.base, opts.head);
  const loaded =
    opts.config !== undefined
      ? await loadConfigFile(opts.config, io.cwd)
      : await loadConfigAtBase(repo, rev.base, rev.baseRef);
  const config = loaded.config;

  let files = await diffFiles(repo, rev);
  // Only the files the core will analyse (limits.maxFiles) need their contents.
  const inLimit = files.slice(0, config.limits.maxFiles);
  files = [
    ...(await readHeadContents(repo, rev.head, inLimit, config.limits.maxFileBytes)),
    ...files.slice(config.limits.maxFiles),
  ];
  const manifests = await readManifestContents(repo, rev, files);
  // library mode: the policy says, or (auto) the root manifest at the head
  const setting = config.analysis.library;
  const library = setting === "auto" ? resolveLibrary(setting, await readRootManifests(repo, rev.head)) : setting;

  const rules: LoadedRules =
    config.rules.paths.length > 0 && !rev.baseIsEmptyTree
      ? await loadRulesAtBase(repo, rev.base, config.rules.paths)
      : { rules: [], notes: [] };
  const change: Change = {
    base: rev.base,
    head: rev.head,
    files: manifests.files,
    config,
    customRules: rules.rules,
    fullContext: true,
    draft: false,
    notes: [...rev.notes, ...manifests.notes, ...loaded.warnings, ...rules.notes],
    library,
  };
  const author = await suppressionAuthor(repo, rev.head, change.files);
  return { change: author ? { ...change, author } : change, warnings: loaded.warnings };
}

/** A bare unified diff (a file, or `-` for stdin): only the lines it shows; the config only when given. */
export async function gatherDiff(opts: ReviewOptions, source: string, io: GatherIO): Promise<Gathered> {
  const text = await readDiffText(source, io);
  const name = source === "-" ? "stdin" : source;
  const files: ChangedFile[] = parseUnifiedDiff(text.replace(/\r\n/g, "\n")).map((f) => ({
    ...f,
    path: unquoteGitPath(f.path),
    previousPath: f.previousPath === undefined ? undefined : unquoteGitPath(f.previousPath),
  }));
  if (files.length === 0 && text.trim().length > 0) throw new UsageError(`no unified diff found in ${name}`);
  // A broken CI step that produced no diff must not pass as a clean review.
  if (files.length === 0 && !opts.allowEmpty)
    throw new UsageError(`the diff in ${name} is empty: nothing to review (pass --allow-empty if that is expected)`);

  const loaded: LoadedConfig =
    opts.config !== undefined
      ? await loadConfigFile(opts.config, io.cwd)
      : { config: defaultConfig(), source: "defaults", warnings: [] };
  const rules: LoadedRules =
    opts.config !== undefined && loaded.config.rules.paths.length > 0
      ? await loadRulesFromDir(configDir(opts.config, io.cwd), loaded.config.rules.paths)
      : { rules: [], notes: [] };
  // git ends every diff with a newline: one that stops mid-line was cut short (a size limit, a
  // broken pipe), and whatever files came after the cut are missing
  const cut = text.length > 0 && !text.endsWith("\n");
  const change: Change = {
    base: opts.base ?? "",
    head: opts.head ?? diffHeaderHead(text),
    ...(cut
      ? {
          unlisted: `the diff in ${name} stops in the middle of a line: it was cut short, and any files after the cut were not reviewed`,
        }
      : {}),
    files,
    config: loaded.config,
    customRules: rules.rules,
    fullContext: false,
    draft: false,
    notes: [...loaded.warnings, ...rules.notes],
    // a bare diff has no manifest to read: only the policy can turn library mode on
    library: loaded.config.analysis.library === true,
  };
  const author = diffHeaderAuthor(text);
  return { change: author ? { ...change, author } : change, warnings: loaded.warnings };
}

/**
 * Who wrote the change, for the inline suppressions it adds: the head commit's author (`Name <email>`).
 * Asked only when a changed file has an `aiguard-ignore` comment; unknown (undefined) when git cannot say.
 */
async function suppressionAuthor(repo: Repo, head: string, files: readonly ChangedFile[]): Promise<string | undefined> {
  if (!files.some((f) => f.headContent?.includes("aiguard-ignore"))) return undefined;
  const r = await repo.git.raw(["log", "-1", "--format=%an <%ae>", "--end-of-options", head]);
  const author = r.code === 0 ? r.stdout.toString("utf8").trim() : "";
  return author.length > 0 ? author.slice(0, 200) : undefined;
}

async function readDiffText(source: string, io: GatherIO): Promise<string> {
  if (source === "-") {
    const chunks: Buffer[] = [];
    for await (const c of io.stdin) chunks.push(typeof c === "string" ? Buffer.from(c, "utf8") : c);
    return Buffer.concat(chunks).toString("utf8");
  }
  try {
    return await readFile(resolve(io.cwd, source), "utf8");
  } catch (e) {
    throw new UsageError(`cannot read diff ${source}: ${(e as NodeJS.ErrnoException).code ?? errorText(e)}`);
  }
}

/** The head commit of a `git format-patch` mail ("From <sha> Mon Sep 17 00:00:00 2001"). */
export function diffHeaderHead(text: string): string {
  return /^From ([0-9a-f]{40}|[0-9a-f]{64}) /m.exec(text.slice(0, 4096))?.[1] ?? "";
}

/** The author of a `git format-patch` mail ("From: Name <email>"), if the diff is one. */
export function diffHeaderAuthor(text: string): string | undefined {
  const head = text.slice(0, 4096);
  if (!/^From [0-9a-f]{40,64} /m.test(head)) return undefined;
  return /^From: (.+)$/m.exec(head)?.[1]?.trim().slice(0, 200) || undefined;
}

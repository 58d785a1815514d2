// `aiguard` command line: parse arguments, gather the change from git (or a diff), run the same
// review as the App, print it, and return the exit code. Never calls process.exit.
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { createScanner } from "../core/engine/index.js";
import { defaultConfig } from "../core/policy/schema.js";
import { parseUnifiedDiff } from "../core/diff/patch.js";
import type { ChangedFile, ReviewInput } from "../core/types.js";
import { runReview } from "../pipeline.js";
import { VERSION } from "../version.js";
import { parseCommand, USAGE, type ReviewOptions } from "./args.js";
import {
  configDir,
  loadConfigAtBase,
  loadConfigFile,
  loadRulesAtBase,
  loadRulesFromDir,
  type LoadedConfig,
  type LoadedRules,
} from "./config.js";
import { lookupDependencies } from "../lookup/index.js";
import { lookupSettingsFromEnv } from "../lookup/settings.js";
import {
  diffFiles,
  openRepo,
  readHeadContents,
  readManifestContents,
  resolveRevisions,
  unquoteGitPath,
} from "./gather.js";
import { UsageError } from "./git.js";
import { exitCodeFor, render, useColor } from "./output.js";
import { errorText } from "../core/text.js";

export interface OutStream {
  write(chunk: string): unknown;
  isTTY?: boolean | undefined;
}

/** Everything the CLI touches outside itself; tests hand in their own. */
export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  stdin: AsyncIterable<Buffer | string>;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

let epipeGuarded = false;

function defaultIO(): CliIO {
  if (!epipeGuarded) {
    // `aiguard review | head` closes the pipe early; that is not an error worth a stack trace.
    epipeGuarded = true;
    process.stdout.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "EPIPE") throw err;
    });
  }
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}

export async function main(argv: string[], io: Partial<CliIO> = {}): Promise<number> {
  const ctx: CliIO = { ...defaultIO(), ...io };
  try {
    const cmd = parseCommand(argv);
    if (cmd.kind === "help") {
      ctx.stdout.write(USAGE);
      return 0;
    }
    if (cmd.kind === "version") {
      ctx.stdout.write(`${VERSION}\n`);
      return 0;
    }
    return await review(cmd.options, ctx);
  } catch (e) {
    const msg = errorText(e);
    ctx.stderr.write(`aiguard: ${msg}\n`);
    if (!(e instanceof UsageError) && e instanceof Error && e.stack && ctx.env.AIGUARD_DEBUG)
      ctx.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

interface Prepared {
  input: ReviewInput;
  loaded: LoadedConfig;
  rules: LoadedRules;
}

async function review(opts: ReviewOptions, io: CliIO): Promise<number> {
  const prepared = opts.diff !== undefined ? await prepareDiff(opts, opts.diff, io) : await prepareRepo(opts, io);
  const { input, loaded, rules } = prepared;
  for (const w of loaded.warnings) io.stderr.write(`aiguard: warning: ${w}\n`);

  const { scanner, notes: scannerNotes } = await createScanner({ customRules: rules.rules });
  input.customRules = rules.rules;
  input.notes.push(...loaded.warnings, ...rules.notes, ...scannerNotes);

  // Registries and advisories (network; --offline skips it): answers go to the core as plain facts.
  let settings;
  try {
    settings = lookupSettingsFromEnv(io.env);
  } catch (e) {
    throw new UsageError(errorText(e));
  }
  const looked = await lookupDependencies(input.files, input.config, {
    ...settings,
    offline: opts.offline || settings.offline,
    baseUrls: { ...settings.baseUrls, ...opts.registries },
  });
  input.dependencyFacts = looked.facts;
  input.now = new Date().toISOString();

  let result;
  try {
    result = runReview(input, scanner);
  } finally {
    (scanner as { dispose?: () => void }).dispose?.();
  }
  const format = opts.format ?? "text";
  io.stdout.write(
    render(result, format, { color: useColor(io.stdout.isTTY, io.env), configWarnings: loaded.warnings }),
  );
  return exitCodeFor(result.review.conclusion);
}

async function prepareRepo(opts: ReviewOptions, io: CliIO): Promise<Prepared> {
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
  files = manifests.files;

  const rules =
    config.rules.paths.length > 0 && !rev.baseIsEmptyTree
      ? await loadRulesAtBase(repo, rev.base, config.rules.paths)
      : { rules: [], notes: [] };
  const input: ReviewInput = {
    base: rev.base,
    head: rev.head,
    files,
    config,
    fullContext: true,
    notes: [...rev.notes, ...manifests.notes],
  };
  return { input, loaded, rules };
}

async function readDiffText(source: string, io: CliIO): Promise<string> {
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

async function prepareDiff(opts: ReviewOptions, source: string, io: CliIO): Promise<Prepared> {
  const text = await readDiffText(source, io);
  const name = source === "-" ? "stdin" : source;
  const files: ChangedFile[] = parseUnifiedDiff(text.replace(/\r\n/g, "\n")).map((f) => ({
    ...f,
    path: unquoteGitPath(f.path),
    previousPath: f.previousPath === undefined ? undefined : unquoteGitPath(f.previousPath),
  }));
  if (files.length === 0 && text.trim().length > 0) throw new UsageError(`no unified diff found in ${name}`);

  const loaded: LoadedConfig =
    opts.config !== undefined
      ? await loadConfigFile(opts.config, io.cwd)
      : { config: defaultConfig(), source: "defaults", warnings: [] };
  const rules =
    opts.config !== undefined && loaded.config.rules.paths.length > 0
      ? await loadRulesFromDir(configDir(opts.config, io.cwd), loaded.config.rules.paths)
      : { rules: [], notes: [] };
  const input: ReviewInput = {
    base: opts.base ?? "",
    head: opts.head ?? diffHeaderHead(text),
    files,
    config: loaded.config,
    fullContext: false,
    notes: [],
  };
  return { input, loaded, rules };
}

// `aiguard` command line: parse arguments, gather the change from git (or a diff), run the same
// review as the App, print it, and return the exit code. Never calls process.exit.
import { createScanner } from "../core/engine/index.js";
import type { Scanner } from "../core/engine/scanner.js";
import { type LookupOptions, lookupDependencies } from "../lookup/index.js";
import { type LookupSettings, lookupSettingsFromEnv } from "../lookup/settings.js";
import { type ReviewResult, reviewChange } from "../pipeline.js";
import { VERSION } from "../version.js";
import { parseCommand, type ReviewOptions, USAGE } from "./args.js";
import { gatherDiff, gatherRepo } from "./gather.js";
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

async function review(opts: ReviewOptions, io: CliIO): Promise<number> {
  // 1. Gather the change (git, or a bare diff) and say what is wrong with the config.
  const { change, warnings } =
    opts.diff !== undefined ? await gatherDiff(opts, opts.diff, io) : await gatherRepo(opts, io);
  for (const w of warnings) io.stderr.write(`aiguard: warning: ${w}\n`);
  // 2. The pipeline, with the CLI's enrichment: a fresh scanner, registry look-ups unless --offline, the clock.
  const lookup = lookupOptions(opts, io.env);
  let scanner: Scanner | undefined;
  let result: ReviewResult;
  try {
    result = await reviewChange(change, {
      scanner: async (customRules) => {
        const made = await createScanner({ customRules });
        scanner = made.scanner;
        return made;
      },
      lookup: async (c) => (await lookupDependencies(c.files, c.config, lookup)).facts,
      clock: () => new Date(),
    });
  } finally {
    (scanner as { dispose?: () => void } | undefined)?.dispose?.();
  }
  // 3. Publish: the chosen format on stdout, and the exit code from the conclusion.
  const format = opts.format ?? "text";
  io.stdout.write(render(result, format, { color: useColor(io.stdout.isTTY, io.env), configWarnings: [...warnings] }));
  return exitCodeFor(result.review.conclusion);
}

/** Registries and advisories (network; --offline skips it): from the environment, then the flags. */
function lookupOptions(opts: ReviewOptions, env: NodeJS.ProcessEnv): LookupOptions {
  let settings: LookupSettings;
  try {
    settings = lookupSettingsFromEnv(env);
  } catch (e) {
    throw new UsageError(errorText(e));
  }
  return {
    ...settings,
    offline: opts.offline || settings.offline,
    baseUrls: { ...settings.baseUrls, ...opts.registries },
  };
}

// Command-line arguments: `node:util` parseArgs in strict mode, and the usage text.
import { parseArgs } from "node:util";
import { parseRegistryFlag } from "../lookup/settings.js";
import { UsageError } from "./git.js";
import { errorText } from "../core/text.js";

export const FORMATS = ["text", "json", "sarif", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

export const USAGE = `Usage: aiguard review [options]
       aiguard --help | --version

Security review of a change, as for a pull request: only what the change introduced is
reported (on the lines it wrote, or where a guard, escape or check it removed stood).

Options:
  --repo DIR         git repository to review (default: the current directory)
  --base REF         base of the change. The diff is taken from the merge-base of
                     BASE and HEAD (BASE...HEAD), as GitHub does for a pull request.
                     Default: the first of origin/HEAD, origin/main, origin/master,
                     main, master that HEAD has commits on top of, else HEAD~1
  --head REF         head of the change (default: HEAD)
  --format FORMAT    text (default), json, sarif or markdown
  --config FILE      policy file (default: .aiguard.yml as it is at the BASE commit,
                     so a change can't weaken its own policy; defaults if absent)
  --diff FILE|-      review a unified diff from FILE, or from stdin with "-",
                     instead of a repository. Only the diff's lines are analysed;
                     a manifest's new packages are read from its added lines.
                     JSON "base"/"head" are then --base/--head taken verbatim, else
                     the commit of a "From <sha>" (git format-patch) header for
                     "head", else "". Custom rules (rules.paths) are read relative
                     to the --config file's directory. An empty diff is an error
                     (a CI step that produced nothing must not pass)
  --allow-empty      with --diff: accept an empty diff as a change with nothing
                     to review
  --offline          never contact package registries or advisory databases; the
                     offline dependency checks (typosquats, install scripts, allow
                     and deny lists) still run. Also AIGUARD_OFFLINE=1
  --registry NAME=URL
                     ask a mirror or private registry instead of the public one;
                     NAME is npm, pypi, go, maven, crates or osv (repeatable). Also
                     AIGUARD_REGISTRY_NPM, ..._PYPI, ..._GO, ..._MAVEN, ..._CRATES,
                     AIGUARD_OSV_URL
  -h, --help         show this help
  --version          print the version

Exit codes:
  0  the conclusion is success or neutral
  1  the conclusion is failure or action_required
  2  the review could not run (bad arguments, unreadable repo or ref, invalid config)
`;

export interface ReviewOptions {
  repo?: string | undefined;
  base?: string | undefined;
  head?: string | undefined;
  format?: Format | undefined;
  config?: string | undefined;
  diff?: string | undefined;
  offline: boolean;
  /** With --diff: an empty diff is a review of nothing, not an error. */
  allowEmpty: boolean;
  /** --registry NAME=URL, by ecosystem (and `osv`). */
  registries: Record<string, string>;
}

export type Command = { kind: "help" } | { kind: "version" } | { kind: "review"; options: ReviewOptions };

const OPTIONS = {
  repo: { type: "string" },
  base: { type: "string" },
  head: { type: "string" },
  format: { type: "string" },
  config: { type: "string" },
  diff: { type: "string" },
  offline: { type: "boolean" },
  "allow-empty": { type: "boolean" },
  registry: { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

function friendly(e: unknown): string {
  const err = e as { code?: string; message?: string };
  const msg = err.message ?? String(e);
  if (err.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const m = /Unknown option '([^']+)'/.exec(msg);
    return `unknown option '${m?.[1] ?? "?"}'`;
  }
  if (err.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const missing = /Option '(--[\w-]+)[^']*' argument missing/.exec(msg);
    if (missing) return `option ${missing[1]} needs a value`;
    const ambiguous = /Option '(--[\w-]+)' argument is ambiguous/.exec(msg);
    if (ambiguous)
      return `option ${ambiguous[1]} needs a value (to pass a value starting with "-", write ${ambiguous[1]}=VALUE)`;
    const noArg = /Option '(--[\w-]+)[^']*' does not take an argument/.exec(msg);
    if (noArg) return `option ${noArg[1]} does not take a value`;
  }
  return msg.split("\n")[0] ?? msg;
}

/** Parse argv (without node and the script). Throws UsageError for anything it can't accept. */
export function parseCommand(argv: string[]): Command {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: typeof OPTIONS; strict: true; allowPositionals: true }>
  >;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(`${friendly(e)}\nRun 'aiguard --help' for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const [command, ...rest] = positionals;
  if (command === undefined) throw new UsageError(`missing command\n\n${USAGE}`);
  if (command === "help") return { kind: "help" };
  if (command !== "review")
    throw new UsageError(`unknown command '${command}' (the command is 'review')\nRun 'aiguard --help' for usage.`);
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'\nRun 'aiguard --help' for usage.`);

  let format: Format | undefined;
  if (values.format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(values.format)) {
      throw new UsageError(`unknown format '${values.format}' (choose one of ${FORMATS.join(", ")})`);
    }
    format = values.format as Format;
  }
  for (const k of ["repo", "base", "head", "config", "diff"] as const) {
    if (values[k] !== undefined && values[k].length === 0)
      throw new UsageError(`option --${k} needs a non-empty value`);
  }
  if (values["allow-empty"] && values.diff === undefined) {
    throw new UsageError("--allow-empty applies to --diff only");
  }
  if (values.diff !== undefined && values.repo !== undefined) {
    throw new UsageError("--diff reviews a diff without a repository: it can't be combined with --repo");
  }
  const registries: Record<string, string> = {};
  for (const r of values.registry ?? []) {
    try {
      const [k, url] = parseRegistryFlag(r);
      registries[k] = url;
    } catch (e) {
      throw new UsageError(errorText(e));
    }
  }
  return {
    kind: "review",
    options: {
      registries,
      repo: values.repo,
      base: values.base,
      head: values.head,
      format,
      config: values.config,
      diff: values.diff,
      offline: values.offline ?? false,
      allowEmpty: values["allow-empty"] ?? false,
    },
  };
}

// Policy for the CLI: `--config FILE`, else `.aiguard.yml` at the BASE commit (the change under
// review can't weaken its own policy, the same rule the App follows), else the defaults.
// Custom rules come from `rules.paths`, also read at the base commit.
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { formatProblem, resolveConfig } from "../core/policy/config.js";
import { defaultConfig, type AiguardConfig } from "../core/policy/schema.js";
import type { RuleSource } from "../core/types.js";
import type { Repo } from "./git-files.js";
import { UsageError } from "./git.js";
import { errorText } from "../core/text.js";

export const CONFIG_FILE = ".aiguard.yml";
const RULE_FILE = /\.ya?ml$/i;
const MAX_RULE_FILES = 500;
const MAX_RULE_BYTES = 512 * 1024;

export interface LoadedConfig {
  config: AiguardConfig;
  /** Human description of where the policy came from, for notes. */
  source: string;
  /** Formatted warnings (unknown keys, ignored settings), each with file:line:column. */
  warnings: string[];
}

/** The config is invalid: `message` then one line per problem. Maps to exit code 2. */
export class ConfigError extends UsageError {
  override name = "ConfigError";
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super([message, ...problems.map((p) => `  ${p}`)].join("\n"));
  }
}

function validate(source: string, text: string, where: string): LoadedConfig {
  const result = resolveConfig([{ source, text }]);
  const warnings = result.warnings.map(formatProblem);
  if (!result.ok) throw new ConfigError(`invalid config ${where}:`, result.errors.map(formatProblem));
  if (/^_extends\s*:/m.test(text)) {
    warnings.push(`${source}: _extends is not followed by the CLI; only this file's own settings are used`);
  }
  return { config: result.config, source: where, warnings };
}

/** Read `--config FILE` from the file system (relative to `cwd`). */
export async function loadConfigFile(file: string, cwd: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), "utf8");
  } catch (e) {
    throw new UsageError(`cannot read config file ${file}: ${(e as NodeJS.ErrnoException).code ?? errorText(e)}`);
  }
  return validate(file, text, file);
}

/** Read `.aiguard.yml` as it is at the base commit; the defaults when it has none. */
export async function loadConfigAtBase(repo: Repo, base: string, baseLabel: string): Promise<LoadedConfig> {
  const buf = await repo.git.show(base, CONFIG_FILE);
  if (!buf) return { config: defaultConfig(), source: "defaults (no .aiguard.yml at the base commit)", warnings: [] };
  return validate(CONFIG_FILE, buf.toString("utf8"), `${CONFIG_FILE} at ${baseLabel} (${base.slice(0, 12)})`);
}

/** `rules.paths` entries as repository-relative directories ("./rules/" -> "rules"). */
function normalizeRulePath(p: string): string | null {
  const n = p
    .replace(/\\/g, "/")
    .replace(/^(\.\/)+/, "")
    .replace(/\/+$/, "");
  if (n.startsWith("/") || n.split("/").includes("..")) return null;
  return n;
}

export interface LoadedRules {
  rules: RuleSource[];
  notes: string[];
}

/** Custom rule files under `rules.paths`, read at the base commit (`git ls-tree` + one `cat-file --batch`). */
export async function loadRulesAtBase(repo: Repo, base: string, paths: readonly string[]): Promise<LoadedRules> {
  const notes: string[] = [];
  const dirs: string[] = [];
  for (const p of paths) {
    const n = normalizeRulePath(p);
    if (n === null) notes.push(`rules.paths: "${p}" is outside the repository and was ignored`);
    else dirs.push(n);
  }
  if (dirs.length === 0) return { rules: [], notes };
  const entries = (
    await repo.git.lsTree(
      base,
      dirs.map((d) => (d === "" ? "." : d)),
    )
  ).filter((e) => e.type === "blob" && e.mode !== "120000");
  for (const d of dirs) {
    if (d !== "" && !entries.some((e) => e.path === d || e.path.startsWith(`${d}/`)))
      notes.push(`rules.paths: "${d}" has no files at the base commit`);
  }
  const files = entries.filter((e) => RULE_FILE.test(e.path));
  const tooBig = files.filter((e) => (e.size ?? 0) > MAX_RULE_BYTES);
  for (const e of tooBig) notes.push(`custom rule ${e.path} skipped: over ${MAX_RULE_BYTES / 1024} KB`);
  let wanted = files.filter((e) => (e.size ?? 0) <= MAX_RULE_BYTES);
  if (wanted.length > MAX_RULE_FILES) {
    notes.push(`${wanted.length - MAX_RULE_FILES} custom rule files not loaded: the limit is ${MAX_RULE_FILES}`);
    wanted = wanted.slice(0, MAX_RULE_FILES);
  }
  const blobs = await repo.git.readBlobs(wanted.map((e) => e.oid));
  const rules: RuleSource[] = [];
  for (const e of wanted) {
    const buf = blobs.get(e.oid);
    if (buf) rules.push({ origin: e.path, text: buf.toString("utf8") });
  }
  return { rules, notes };
}

async function walk(dir: string, out: string[]): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const full = join(dir, name);
    const s = await stat(full).catch(() => null);
    if (!s) continue;
    if (s.isDirectory()) await walk(full, out);
    else if (s.isFile() && RULE_FILE.test(name)) out.push(full);
    if (out.length > MAX_RULE_FILES) return;
  }
}

/**
 * For `--diff` (no repository): `rules.paths` are read from the file system, relative to the
 * directory of the `--config` file.
 */
export async function loadRulesFromDir(root: string, paths: readonly string[]): Promise<LoadedRules> {
  const notes: string[] = [];
  const files: string[] = [];
  for (const p of paths) {
    const n = normalizeRulePath(p);
    if (n === null) {
      notes.push(`rules.paths: "${p}" is outside the repository and was ignored`);
      continue;
    }
    const dir = resolve(root, n);
    const s = await stat(dir).catch(() => null);
    if (!s?.isDirectory()) {
      notes.push(`rules.paths: "${n}" is not a directory next to the config file`);
      continue;
    }
    await walk(dir, files);
  }
  const rules: RuleSource[] = [];
  for (const f of files.slice(0, MAX_RULE_FILES)) {
    const s = await stat(f);
    const origin = relative(root, f).split(sep).join("/");
    if (s.size > MAX_RULE_BYTES) {
      notes.push(`custom rule ${origin} skipped: over ${MAX_RULE_BYTES / 1024} KB`);
      continue;
    }
    rules.push({ origin, text: await readFile(f, "utf8") });
  }
  return { rules, notes };
}

export function configDir(file: string, cwd: string): string {
  return dirname(resolve(cwd, file));
}

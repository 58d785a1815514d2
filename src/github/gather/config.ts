// `.aiguard.yml` from GitHub: the repository's file at the PR's base commit, else the org's
// `.github` repository, then its `_extends` chain (Probot style), as layers for resolveConfig.
import {
  resolveConfig,
  readExtends,
  parseExtends,
  type ConfigLayer,
  type ConfigProblem,
  type ConfigResult,
} from "../../core/policy/config.js";
import { readRawFile } from "./raw-file.js";
import type { CallOptions, GitHub } from "../client/octokit.js";

export const CONFIG_PATH = ".aiguard.yml";
export const ORG_CONFIG_REPO = ".github";
/** How many `_extends` hops are followed. */
export const MAX_EXTENDS_DEPTH = 5;

export interface ConfigLayers {
  /** Most general first (the end of the `_extends` chain), the repository's own file last. */
  layers: ConfigLayer[];
  /** Problems following `_extends` (missing target, cycle, too deep): they make the config invalid. */
  problems: ConfigProblem[];
  /** Where the first file was found. */
  origin: "repo" | "org" | "none";
}

function extendsPosition(text: string): { line?: number; column?: number } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => /^_extends\s*:/.test(l));
  return i >= 0 ? { line: i + 1, column: 1 } : {};
}

function key(owner: string, repo: string, path: string): string {
  return `${owner}/${repo}:${path}`.toLowerCase();
}

export async function loadConfigLayers(
  octokit: GitHub,
  target: { owner: string; repo: string; baseSha: string },
  opts: CallOptions = {},
): Promise<ConfigLayers> {
  const { owner, repo, baseSha } = target;
  let origin: ConfigLayers["origin"] = "repo";
  let text = await readRawFile(octokit, { owner, repo, path: CONFIG_PATH, ref: baseSha }, opts);
  let source = `${owner}/${repo}:${CONFIG_PATH}@${baseSha.slice(0, 7)}`;
  let current = { owner, repo };
  if (text === null && repo.toLowerCase() !== ORG_CONFIG_REPO) {
    origin = "org";
    current = { owner, repo: ORG_CONFIG_REPO };
    text = await readRawFile(octokit, { owner, repo: ORG_CONFIG_REPO, path: CONFIG_PATH }, opts);
    source = `${owner}/${ORG_CONFIG_REPO}:${CONFIG_PATH}`;
  }
  if (text === null) return { layers: [], problems: [], origin: "none" };

  const layers: ConfigLayer[] = [{ source, text }];
  const problems: ConfigProblem[] = [];
  const visited = new Set([key(current.owner, current.repo, CONFIG_PATH)]);
  let layer: ConfigLayer = layers[0]!;
  for (let depth = 0; ; depth++) {
    const value = readExtends(layer.text);
    if (!value) break;
    const problem = (message: string): ConfigProblem => ({
      source: layer.source,
      path: "_extends",
      message,
      ...extendsPosition(layer.text),
    });
    const t = parseExtends(value, current.owner, CONFIG_PATH);
    if (!t) {
      problems.push(problem(`"${value}" is not a valid _extends value (use repo, owner/repo or owner/repo:path)`));
      break;
    }
    const k = key(t.owner, t.repo, t.path);
    if (visited.has(k)) {
      problems.push(problem(`_extends cycle: ${t.owner}/${t.repo}:${t.path} is already part of the chain`));
      break;
    }
    if (depth >= MAX_EXTENDS_DEPTH) {
      problems.push(problem(`_extends chain is longer than ${MAX_EXTENDS_DEPTH} files`));
      break;
    }
    visited.add(k);
    const next = await readRawFile(octokit, { owner: t.owner, repo: t.repo, path: t.path }, opts);
    if (next === null) {
      problems.push(
        problem(`_extends target ${t.owner}/${t.repo}:${t.path} was not found (or the app cannot read it)`),
      );
      break;
    }
    layer = { source: `${t.owner}/${t.repo}:${t.path}`, text: next };
    layers.unshift(layer);
    current = { owner: t.owner, repo: t.repo };
  }
  return { layers, problems, origin };
}

/** Load and validate: the layers' problems and resolveConfig's errors together. */
export async function loadConfig(
  octokit: GitHub,
  target: { owner: string; repo: string; baseSha: string },
  opts: CallOptions = {},
): Promise<ConfigResult & { origin: ConfigLayers["origin"] }> {
  const { layers, problems, origin } = await loadConfigLayers(octokit, target, opts);
  const result = resolveConfig(layers);
  if (problems.length === 0) return { ...result, origin };
  const errors = [...problems, ...(result.ok ? [] : result.errors)];
  return { ok: false, errors, warnings: result.warnings, sources: result.sources, origin };
}

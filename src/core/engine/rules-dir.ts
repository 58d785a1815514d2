// Where the package's rules/ directory is: next to the package.json above this module,
// so it works from src/ (vitest, tsx) and from compiled dist/.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
}

export function defaultRulesDir(): string {
  return path.join(packageRoot(), "rules");
}

export interface RuleFileText {
  /** Path relative to the rules directory, with forward slashes (e.g. "python/sql.yml"). */
  rel: string;
  text: string;
}

/** Every .yml/.yaml file under `dir`, sorted by path. */
export async function readRuleFiles(dir: string): Promise<RuleFileText[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.ya?ml$/i.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  return Promise.all(
    files.map(async (f) => ({ rel: path.relative(dir, f).split(path.sep).join("/"), text: await readFile(f, "utf8") })),
  );
}

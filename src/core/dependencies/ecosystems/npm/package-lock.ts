// package-lock.json / npm-shrinkwrap.json, lockfileVersion 2 and 3 (the `packages` map).
import type { ExtractedDep } from "../../types.js";
import { findText, isRecord } from "../../util.js";
import { rootNames } from "./package-json.js";

export function extractPackageLock(content: string): ExtractedDep[] {
  const json: unknown = JSON.parse(content);
  if (!isRecord(json)) throw new Error("not a JSON object");
  const packages = json["packages"];
  if (!isRecord(packages)) {
    throw new Error(
      `lockfileVersion ${String(json["lockfileVersion"] ?? "?")} has no "packages" map (v2/v3 supported)`,
    );
  }
  const roots = rootNames(packages[""]);
  const out: ExtractedDep[] = [];
  // Keys appear in file order: each search starts where the previous one was found.
  let from = 1;
  for (const [key, entry] of Object.entries(packages)) {
    if (key === "" || !isRecord(entry)) continue;
    const at = key.lastIndexOf("node_modules/");
    if (at < 0) continue; // a workspace folder, not an installed package
    if (entry["link"] === true) continue; // symlink to a workspace
    // The folder name (an alias keeps the name package.json uses); nested installs are never direct.
    const name = key.slice(at + "node_modules/".length);
    const topLevel = at === 0;
    const line = findText(content, `"${key}": {`, from) ?? findText(content, `"${key}": {`);
    if (line !== undefined) from = line;
    out.push({
      name,
      version: typeof entry["version"] === "string" ? entry["version"] : "",
      direct: topLevel && roots.has(name),
      dev: entry["dev"] === true,
      installScript: entry["hasInstallScript"] === true,
      line,
    });
  }
  return out;
}

// npm ecosystem: its names, page and typosquat hooks; package.json, package-lock.json (v2/v3), yarn.lock (v1 and berry), pnpm-lock.yaml.
import type { EcosystemModule } from "../../types.js";
import { basename } from "../../util.js";
import { extractPackageJson } from "./package-json.js";
import { packageJsonFromPatch } from "./package-json-patch.js";
import { extractPackageLock } from "./package-lock.js";
import { extractPnpmLock } from "./pnpm-lock.js";
import { npmTyposquat } from "./typosquat.js";
import { extractYarnLock } from "./yarn-lock.js";

const extractors: Record<string, (content: string) => ReturnType<typeof extractPackageJson>> = {
  "package.json": extractPackageJson,
  "package-lock.json": extractPackageLock,
  "npm-shrinkwrap.json": extractPackageLock,
  "yarn.lock": extractYarnLock,
  "pnpm-lock.yaml": extractPnpmLock,
};

export const npm: EcosystemModule = {
  id: "npm",
  aliases: { config: ["npm"], registry: ["npm"], env: "NPM", github: ["npm"], purl: "npm" },
  matches: (path) => basename(path) in extractors && !path.split("/").includes("node_modules"),
  isLockfile: (path) => basename(path) !== "package.json",
  extract(path, content) {
    const fn = extractors[basename(path)];
    return fn ? fn(content) : [];
  },
  // Lockfiles are not read from a patch: their entries span many lines.
  fromPatch: (path, fragment) => (basename(path) === "package.json" ? packageJsonFromPatch(fragment) : undefined),
  // npm compares names exactly (legacy packages keep their capitals).
  canonicalName: (name) => name,
  caseInsensitive: false,
  isLocalSpec: (version) => /^(file:|link:|workspace:|portal:)/.test(version),
  packagePage: (name) => `https://www.npmjs.com/package/${name}`,
  osv: { ecosystem: "npm" },
  imports: { languages: ["javascript", "typescript", "tsx"] },
  typosquat: npmTyposquat,
};

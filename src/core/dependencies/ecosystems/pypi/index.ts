// PyPI ecosystem: its names (PEP 503), page and typosquat hooks; requirements*.txt, pyproject.toml, poetry.lock, uv.lock.
import type { EcosystemModule } from "../../types.js";
import { basename } from "../../util.js";
import { extractPoetryLock, extractUvLock } from "./locks.js";
import { normalizePypiName } from "./pep508.js";
import { extractPyproject } from "./pyproject.js";
import { pyprojectFromPatch } from "./pyproject-patch.js";
import { extractRequirements } from "./requirements.js";

const isRequirements = (name: string) =>
  /^requirements.*\.(txt|in)$/i.test(name) || /\/requirements\/[^/]+\.txt$/.test(name);

export const pypi: EcosystemModule = {
  id: "PyPI",
  aliases: {
    config: ["pypi", "pip", "python"],
    registry: ["pypi"],
    env: "PYPI",
    github: ["pypi", "pip"],
    purl: "pypi",
  },
  matches(path) {
    const name = basename(path);
    return (
      isRequirements(name) ||
      /(^|\/)requirements\/[^/]+\.(txt|in)$/.test(path) ||
      ["pyproject.toml", "poetry.lock", "uv.lock"].includes(name)
    );
  },
  isLockfile: (path) => ["poetry.lock", "uv.lock"].includes(basename(path)),
  lineBased: (path) => !["pyproject.toml", "poetry.lock", "uv.lock"].includes(basename(path)),
  extract(path, content, ctx) {
    const name = basename(path);
    if (name === "pyproject.toml") return extractPyproject(content);
    if (name === "poetry.lock") return extractPoetryLock(content);
    if (name === "uv.lock") return extractUvLock(content);
    return extractRequirements(path, content, ctx);
  },
  // requirements files are line-based (read whole from the patch); lockfiles are not read from one.
  fromPatch: (path, fragment) => (basename(path) === "pyproject.toml" ? pyprojectFromPatch(fragment) : undefined),
  // PEP 503: runs of -, _ and . are equivalent, names are case-insensitive.
  canonicalName: normalizePypiName,
  caseInsensitive: true,
  packagePage: (name) => `https://pypi.org/project/${encodeURIComponent(name)}/`,
  osv: { ecosystem: "PyPI" },
  imports: { languages: ["python"] },
  typosquat: {
    list: "pypi",
    popular: new URL("./popular.json", import.meta.url),
    affixes: { prefixes: ["python3-", "python-", "py3-", "py-"], suffixes: ["-python3", "-python", "-py3", "-py"] },
  },
};

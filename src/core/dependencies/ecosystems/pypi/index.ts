// PyPI ecosystem: requirements*.txt, pyproject.toml, poetry.lock, uv.lock.
import type { EcosystemModule } from "../../types.js";
import { basename } from "../../util.js";
import { extractPoetryLock, extractUvLock } from "./locks.js";
import { extractPyproject } from "./pyproject.js";
import { extractRequirements } from "./requirements.js";

const isRequirements = (name: string) =>
  /^requirements.*\.(txt|in)$/i.test(name) || /\/requirements\/[^/]+\.txt$/.test(name);

export const pypi: EcosystemModule = {
  id: "PyPI",
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
};

// How each ecosystem names its packages: the name registries compare, and the id of its typosquat list.
import type { TyposquatEcosystem } from "./typosquat/index.js";

export const TYPOSQUAT_ECOSYSTEM: Record<string, TyposquatEcosystem> = {
  npm: "npm",
  PyPI: "pypi",
  Go: "go",
  Maven: "maven",
  "crates.io": "cargo",
};

/** Names as each registry compares them (PyPI: PEP 503; crates.io: - and _ alike). */
export function comparableName(ecosystem: string, name: string): string {
  if (ecosystem === "PyPI") return name.toLowerCase().replace(/[-_.]+/g, "-");
  if (ecosystem === "crates.io") return name.toLowerCase().replace(/_/g, "-");
  return name;
}

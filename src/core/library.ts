// Library mode (issue 11): is the analysed code a package's public API? Then its callers are
// outside the package, and the parameters of its exported functions are outside input.
//
// The policy decides (`analysis.library: true | false`), or, with `auto` (the default), the
// repository root's manifest at the head: a package that can be published and imported.
//   package.json    not `"private": true`, with a name, and `main` / `exports` / `module` (or,
//                   without those, neither a `bin` nor a `start` script: an application has them)
//   pyproject.toml  a `[project]` table (PEP 621) or `[tool.poetry]` with a name
//   setup.py        calls setup(); setup.cfg with a `[metadata]` name
//   go.mod          a module (its `package main` files are never API: see dataflow/exported.ts)
//   pom.xml         packaging jar (Maven's default), not war or ear; packaging pom only for a
//                   multi-module root that publishes (distributionManagement, oss-parent / apache parent)
//   build.gradle    the `java-library` or `maven-publish` plugin
// The front ends read the manifests (the CLI with git, the App from the pull request's files).

/** Root manifests that `auto` reads. */
export const LIBRARY_MANIFESTS = [
  "package.json",
  "pyproject.toml",
  "setup.py",
  "setup.cfg",
  "go.mod",
  "pom.xml",
  "build.gradle",
  "build.gradle.kts",
] as const;

function packageJson(text: string): boolean {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return false;
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return false;
  const p = doc as Record<string, unknown>;
  if (p.private === true || typeof p.name !== "string" || p.name.length === 0) return false;
  if (p.main !== undefined || p.exports !== undefined || p.module !== undefined) return true;
  const scripts = p.scripts && typeof p.scripts === "object" ? (p.scripts as Record<string, unknown>) : {};
  return p.bin === undefined && scripts.start === undefined;
}

/**
 * A Maven aggregator that deploys what it builds: a `<distributionManagement>` section, or a parent
 * made for publishing (Sonatype's oss-parent, the Apache parent POM).
 */
function publishesModules(pom: string): boolean {
  if (/<distributionManagement>/.test(pom)) return true;
  const parent = /<parent>([\s\S]*?)<\/parent>/.exec(pom)?.[1] ?? "";
  return /<artifactId>\s*(?:oss-parent|apache)\s*<\/artifactId>/.test(parent);
}

/** Whether one root manifest (by its file name) describes a library. */
export function manifestIsLibrary(name: string, text: string): boolean {
  switch (name) {
    case "package.json":
      return packageJson(text);
    case "pyproject.toml":
      return /^\[project\]\s*$/m.test(text) || (/^\[tool\.poetry\]\s*$/m.test(text) && /^name\s*=/m.test(text));
    case "setup.py":
      return /\bsetup\s*\(/.test(text);
    case "setup.cfg":
      return /^\[metadata\]\s*$/m.test(text) && /^name\s*=/m.test(text);
    case "go.mod":
      return /^module\s+\S/m.test(text);
    case "pom.xml": {
      const packaging = /<packaging>\s*([\w-]+)\s*<\/packaging>/.exec(text)?.[1];
      if (!/<artifactId>/.test(text)) return false;
      if (packaging === undefined || packaging === "jar" || packaging === "bundle") return true;
      // a multi-module build's root (packaging pom) that publishes its modules
      return packaging === "pom" && /<modules>/.test(text) && publishesModules(text);
    }
    case "build.gradle":
    case "build.gradle.kts":
      return /\b(?:java-library|maven-publish)\b/.test(text);
    default:
      return false;
  }
}

/** `auto`: any root manifest that describes a library (the contents by file name). */
export function detectLibrary(manifests: ReadonlyMap<string, string>): boolean {
  for (const [name, text] of manifests) if (manifestIsLibrary(name, text)) return true;
  return false;
}

/** The policy's `analysis.library` and, for `auto`, the root manifests: the Change's `library`. */
export function resolveLibrary(setting: "auto" | boolean, manifests: ReadonlyMap<string, string>): boolean {
  return setting === "auto" ? detectLibrary(manifests) : setting;
}

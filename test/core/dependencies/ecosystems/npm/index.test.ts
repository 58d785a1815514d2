import { describe, expect, it } from "vitest";
import { diffDependencies, INSTALL_SCRIPT_RISK, isDependencyFile } from "../../../../../src/core/dependencies/index.js";
import { extractPackageLock } from "../../../../../src/core/dependencies/ecosystems/npm/package-lock.js";
import { extractPnpmLock } from "../../../../../src/core/dependencies/ecosystems/npm/pnpm-lock.js";
import { extractYarnLock } from "../../../../../src/core/dependencies/ecosystems/npm/yarn-lock.js";
import { find, fixture } from "../../helpers.js";

describe("npm: package.json + package-lock.json v3", () => {
  const { dependencies, notes } = diffDependencies([
    {
      path: "package.json",
      baseContent: fixture("npm/package.base.json"),
      headContent: fixture("npm/package.head.json"),
    },
    {
      path: "package-lock.json",
      baseContent: fixture("npm/package-lock.base.json"),
      headContent: fixture("npm/package-lock.head.json"),
    },
  ]);

  it("reports each package once", () => {
    expect(notes).toEqual([]);
    const keys = dependencies.map((d) => `${d.name}:${d.direct}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(dependencies.map((d) => d.name).sort()).toEqual([
      "body-parser",
      "esbuild",
      "express",
      "lodash",
      "rollup",
      "vite",
    ]);
  });

  it("prefers the manifest for direct deps, with the lockfile's resolved version", () => {
    expect(find(dependencies, "express")).toMatchObject({
      ecosystem: "npm",
      change: "updated",
      version: "^4.19.2",
      previousVersion: "^4.18.2",
      manifest: "package.json",
      direct: true,
      line: 9,
      resolvedVersion: "4.19.2",
      risks: [],
    });
    expect(find(dependencies, "vite")).toMatchObject({
      change: "added",
      version: "^5.1.0",
      manifest: "package.json",
      line: 13,
      resolvedVersion: "5.1.4",
    });
    expect(find(dependencies, "lodash")).toMatchObject({ change: "removed", manifest: "package.json", direct: true });
  });

  it("marks the added transitive package with hasInstallScript", () => {
    const esbuild = find(dependencies, "esbuild");
    expect(esbuild).toMatchObject({
      change: "added",
      direct: false,
      version: "0.19.12",
      manifest: "package-lock.json",
    });
    expect(esbuild?.risks).toEqual([INSTALL_SCRIPT_RISK]);
    expect(fixture("npm/package-lock.head.json").split("\n")[(esbuild?.line ?? 0) - 1]).toContain(
      '"node_modules/esbuild"',
    );
    expect(find(dependencies, "rollup")).toMatchObject({ change: "added", direct: false, risks: [] });
  });

  it("reports transitive updates from the lockfile and ignores unchanged nested copies", () => {
    expect(find(dependencies, "body-parser")).toMatchObject({
      change: "updated",
      direct: false,
      version: "1.20.2",
      previousVersion: "1.20.1",
    });
    expect(find(dependencies, "debug")).toBeUndefined();
  });

  it("reports a lockfile-only bump of a direct dependency against the manifest", () => {
    const pkg = fixture("npm/package.head.json");
    const lock = fixture("npm/package-lock.head.json");
    const bumped = lock.replace('"version": "4.19.2"', '"version": "4.19.3"');
    const out = diffDependencies([
      { path: "package.json", baseContent: pkg, headContent: pkg },
      { path: "package-lock.json", baseContent: lock, headContent: bumped },
    ]);
    expect(out.dependencies).toEqual([
      expect.objectContaining({
        name: "express",
        change: "updated",
        version: "4.19.3",
        previousVersion: "4.19.2",
        manifest: "package.json",
        line: 9,
        direct: true,
      }),
    ]);
  });

  it("lockfile alone: direct = root dependency, nested = transitive", () => {
    const deps = extractPackageLock(fixture("npm/package-lock.base.json"));
    expect(deps.filter((d) => d.name === "debug").map((d) => d.direct)).toEqual([false, false]);
    expect(deps.find((d) => d.name === "express")?.direct).toBe(true);
    expect(deps.find((d) => d.name === "body-parser")?.direct).toBe(false);
  });

  it("reads lockfile v2 and refuses v1 with a note", () => {
    expect(extractPackageLock(fixture("npm/package-lock.v2.json"))).toEqual([
      expect.objectContaining({ name: "ms", version: "2.1.3", direct: true }),
    ]);
    const out = diffDependencies([
      { path: "package-lock.json", headContent: JSON.stringify({ lockfileVersion: 1, dependencies: {} }) },
    ]);
    expect(out.notes[0]).toMatch(/^package-lock\.json: could not parse: lockfileVersion 1/);
  });
});

describe("npm: yarn.lock", () => {
  it("parses classic v1 (scoped names, multi-descriptor headers)", () => {
    const deps = extractYarnLock(fixture("npm/yarn-v1.lock"));
    expect(deps.map((d) => [d.name, d.version, d.direct])).toEqual([
      ["@babel/code-frame", "7.23.5", true],
      ["@babel/highlight", "7.23.4", false],
      ["chalk", "2.4.2", false],
      ["left-pad", "1.3.0", true],
    ]);
    expect(deps[3]?.line).toBe(23);
  });

  it("parses berry with yaml, skipping the workspace entry", () => {
    const deps = extractYarnLock(fixture("npm/yarn-berry.lock"));
    expect(deps.map((d) => [d.name, d.version, d.direct])).toEqual([
      ["js-tokens", "4.0.0", false],
      ["loose-envify", "1.4.0", false],
      ["react", "18.2.0", true],
    ]);
  });
});

describe("npm: pnpm-lock.yaml", () => {
  it("v9: importers for direct, packages/snapshots for all", () => {
    const deps = extractPnpmLock(fixture("npm/pnpm-lock.v9.yaml"));
    expect(
      deps
        .filter((d) => d.direct)
        .map((d) => d.name)
        .sort(),
    ).toEqual(["react", "react-dom"]);
    expect(deps).toHaveLength(5);
  });

  it("v6: requiresBuild → install-script risk on an added package", () => {
    const out = diffDependencies([{ path: "pnpm-lock.yaml", headContent: fixture("npm/pnpm-lock.v6.yaml") }]);
    expect(find(out.dependencies, "bcrypt")).toMatchObject({
      direct: true,
      version: "5.1.1",
      risks: [INSTALL_SCRIPT_RISK],
    });
    expect(find(out.dependencies, "@mapbox/node-pre-gyp")).toMatchObject({ direct: false, risks: [] });
  });
});

describe("npm: pnpm v5 keys and monorepos", () => {
  it("reads /name/version keys and top-level sections", () => {
    const v5 = [
      "lockfileVersion: 5.4",
      "specifiers:",
      "  '@types/node': ^20.0.0",
      "dependencies:",
      "  '@types/node': 20.11.5",
      "packages:",
      "  /@types/node/20.11.5:",
      "    resolution: {integrity: sha512-g7vpGz3e8zqDgS1cUYdOuGA8bmqrV5H5Rl6RpwVGF4ebidmMFQjNw8/yCNGpOyb0rzvsYGt4Qy3bqxm0tiIvrQ==}",
      "    dependencies:",
      "      undici-types: 5.26.5",
      "  /undici-types/5.26.5:",
      "    resolution: {integrity: sha512-JlCMO+ehdEIKqlFxk6IfVoAUVmgz7cU7zD/h9XZ0qzeosSHmUJVOzSQvvYSYWXkFXC+IfLKSIffhv0sVZup6pA==}",
      "",
    ].join("\n");
    expect(extractPnpmLock(v5).map((d) => [d.name, d.version, d.direct])).toEqual([
      ["@types/node", "20.11.5", true],
      ["undici-types", "5.26.5", false],
    ]);
  });

  it("keeps the same package in two projects apart", () => {
    const pkg = (v: string) => JSON.stringify({ dependencies: { lodash: v } }, null, 2);
    const out = diffDependencies([
      { path: "apps/web/package.json", baseContent: pkg("^4.17.20"), headContent: pkg("^4.17.21") },
      { path: "apps/api/package.json", headContent: pkg("^4.17.21") },
    ]);
    expect(out.dependencies.map((d) => [d.manifest, d.change])).toEqual([
      ["apps/web/package.json", "updated"],
      ["apps/api/package.json", "added"],
    ]);
  });
});

describe("isDependencyFile", () => {
  it("recognises manifests and lockfiles of every ecosystem", () => {
    for (const p of [
      "package.json",
      "web/package-lock.json",
      "yarn.lock",
      "pnpm-lock.yaml",
      "requirements.txt",
      "requirements-dev.txt",
      "pyproject.toml",
      "poetry.lock",
      "uv.lock",
      "go.mod",
      "svc/pom.xml",
      "Cargo.toml",
    ])
      expect(isDependencyFile(p), p).toBe(true);
    for (const p of ["src/index.ts", "node_modules/x/package.json", "go.sum", "README.md"])
      expect(isDependencyFile(p), p).toBe(false);
  });
});

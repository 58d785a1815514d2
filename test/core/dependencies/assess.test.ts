// Dependency governance core: changed manifests -> dependency changes with their risks.
// All fixtures are written inline: small package.json / package-lock.json v3 / requirements.txt
// texts, and hand-made registry facts measured against a fixed `facts.now`.
import { describe, expect, it } from "vitest";
import { assessDependencies, collectDependencies } from "../../../src/core/dependencies/assess.js";
import { DEFAULT_RISK_SEVERITY } from "../../../src/core/dependencies/risks/index.js";
import {
  factKey,
  type Advisory,
  type DependencyFacts,
  type PackageFacts,
} from "../../../src/core/dependencies/facts.js";
import { configSchema } from "../../../src/core/policy/schema.js";
import type { ChangedFile, DependencyChange } from "../../../src/core/types.js";

// ---------------------------------------------------------------------------------------
// Fixture builders

const NOW = "2025-06-15T12:00:00.000Z";
const DAY = 86_400_000;
const daysBefore = (n: number): string => new Date(Date.parse(NOW) - n * DAY).toISOString();

/** A validated `dependencies` config, as `.aiguard.yml` would give it. */
function depsConfig(input: Record<string, unknown> = {}) {
  return configSchema.parse({ dependencies: input }).dependencies;
}

function packageJson(dependencies: Record<string, string>, devDependencies?: Record<string, string>): string {
  const pkg: Record<string, unknown> = { name: "shop", version: "1.0.0", private: true, dependencies };
  if (devDependencies) pkg["devDependencies"] = devDependencies;
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

interface LockEntry {
  version: string;
  hasInstallScript?: boolean;
  dev?: boolean;
}

/** package-lock.json, lockfileVersion 3: root entry + `node_modules/<name>` entries. */
function packageLock(root: Record<string, string>, packages: Record<string, LockEntry>): string {
  const entries: Record<string, unknown> = { "": { name: "shop", version: "1.0.0", dependencies: root } };
  for (const [name, e] of Object.entries(packages)) {
    entries[`node_modules/${name}`] = {
      version: e.version,
      resolved: `https://registry.npmjs.org/${name}/-/${name.replace(/^@[^/]+\//, "")}-${e.version}.tgz`,
      integrity: `sha512-${Buffer.from(`${name}@${e.version}`).toString("base64")}`,
      ...(e.dev ? { dev: true } : {}),
      ...(e.hasInstallScript ? { hasInstallScript: true } : {}),
    };
  }
  return `${JSON.stringify({ name: "shop", version: "1.0.0", lockfileVersion: 3, requires: true, packages: entries }, null, 2)}\n`;
}

const lineCount = (s: string | undefined) => (s ? s.split("\n").length : 0);

function added(path: string, headContent: string): ChangedFile {
  return { path, status: "added", headContent, additions: lineCount(headContent), deletions: 0 };
}

function modified(path: string, baseContent: string | undefined, headContent: string | undefined): ChangedFile {
  return { path, status: "modified", baseContent, headContent, additions: 1, deletions: 1 };
}

function removed(path: string, baseContent: string): ChangedFile {
  return { path, status: "removed", baseContent, additions: 0, deletions: lineCount(baseContent) };
}

/** A package.json change from `base` deps to `head` deps. */
function npmChange(base: Record<string, string>, head: Record<string, string>): ChangedFile {
  return modified("package.json", packageJson(base), packageJson(head));
}

type FactEntry = [ecosystem: string, name: string, version: string, facts: PackageFacts];

function facts(
  packages: FactEntry[],
  advisories: [ecosystem: string, name: string, version: string, list: Advisory[]][] = [],
  notes: string[] = [],
): DependencyFacts {
  const out: DependencyFacts = { now: NOW, packages: {}, advisories: {}, notes };
  for (const [eco, name, version, f] of packages) out.packages[factKey(eco, name, version)] = f;
  for (const [eco, name, version, list] of advisories) out.advisories[factKey(eco, name, version)] = list;
  return out;
}

/** An established, harmless package as the registry would describe it. */
function established(extra: Partial<PackageFacts> = {}): PackageFacts {
  return { exists: true, created: daysBefore(3000), versionPublished: daysBefore(200), license: "MIT", ...extra };
}

function dep(deps: DependencyChange[], name: string, direct?: boolean): DependencyChange {
  const d = deps.find((x) => x.name === name && (direct === undefined || x.direct === direct));
  if (!d) throw new Error(`no dependency change for ${name}; got ${deps.map((x) => x.name).join(", ")}`);
  return d;
}

const kinds = (d: DependencyChange) => d.risks.map((r) => r.kind);

// ---------------------------------------------------------------------------------------

describe("typosquats in lockfiles (transitive)", () => {
  // A lockfile adds `just-diff`-style look-alikes as transitive dependencies of something else.
  const lock = (names: string[]) =>
    packageLock(
      { express: "^4.19.2" },
      Object.fromEntries([["express", { version: "4.19.2" }], ...names.map((n) => [n, { version: "1.0.0" }] as const)]),
    );
  const files = [modified("package-lock.json", lock([]), lock(["loadsh"]))];
  const severityOf = (f?: DependencyFacts) =>
    dep(assessDependencies(files, { config: depsConfig(), facts: f }).dependencies, "loadsh", false).risks.find(
      (r) => r.kind === "typosquat",
    )?.severity;

  it("is medium at most when nothing is known of its age", () => {
    expect(severityOf()).toBe("medium");
  });

  it("is high when the registry says it is new, low when it is years old", () => {
    expect(severityOf(facts([["npm", "loadsh", "1.0.0", established({ created: daysBefore(4) })]]))).toBe("high");
    expect(severityOf(facts([["npm", "loadsh", "1.0.0", established({ created: daysBefore(3000) })]]))).toBe("low");
    expect(severityOf(facts([["npm", "loadsh", "1.0.0", established({ created: daysBefore(400) })]]))).toBe("medium");
  });

  it("a look-alike the PR declares itself keeps the check's own severity", () => {
    const direct = assessDependencies([npmChange({}, { loadsh: "^4.17.21" })], {
      config: depsConfig(),
      facts: facts([["npm", "loadsh", "^4.17.21", established()]]),
    });
    expect(dep(direct.dependencies, "loadsh").risks).toEqual([
      expect.objectContaining({ kind: "typosquat", severity: "high" }),
    ]);
  });
});

describe("typosquats (offline)", () => {
  const files = [
    npmChange(
      { express: "^4.19.2" },
      { express: "^4.19.2", loadsh: "^4.17.21", expresss: "^5.0.0", zod: "^3.23.8", "react-dom": "^18.3.1" },
    ),
    added("requirements.txt", "# service deps\nreqeusts==2.31.0\npython-dateutils>=2.9\nfastapi==0.111.0\n"),
  ];
  const { dependencies } = assessDependencies(files, { config: depsConfig() });

  it.each([
    ["loadsh", "npm", "lodash"],
    ["expresss", "npm", "express"],
    ["reqeusts", "PyPI", "requests"],
    ["python-dateutils", "PyPI", "python-dateutil"],
  ])("flags %s (%s) as a typosquat of %s", (name, ecosystem, target) => {
    const d = dep(dependencies, name);
    expect(d).toMatchObject({ ecosystem, change: "added", direct: true });
    expect(d.risks).toHaveLength(1);
    expect(d.risks[0]).toMatchObject({ kind: "typosquat", severity: "high" });
    expect(d.risks[0]!.detail).toContain(`'${target}'`);
  });

  it.each([
    ["zod", "npm"],
    ["react-dom", "npm"],
    ["fastapi", "PyPI"],
  ])("does not flag the real package %s (%s) at all", (name, ecosystem) => {
    const d = dep(dependencies, name);
    expect(d).toMatchObject({ ecosystem, change: "added" });
    expect(d.risks).toEqual([]);
    expect(d.ignored).toBeUndefined();
  });

  it("reports unchanged dependencies not at all, and keeps manifest lines", () => {
    expect(dependencies.find((d) => d.name === "express")).toBeUndefined();
    expect(dep(dependencies, "reqeusts")).toMatchObject({ manifest: "requirements.txt", line: 2, version: "2.31.0" });
    expect(dep(dependencies, "loadsh").manifest).toBe("package.json");
  });

  it("does not typosquat-check an updated dependency (its name was already accepted)", () => {
    const { dependencies: deps } = assessDependencies([npmChange({ loadsh: "^4.17.20" }, { loadsh: "^4.17.21" })], {
      config: depsConfig(),
    });
    expect(deps).toHaveLength(1);
    expect(deps[0]).toMatchObject({
      name: "loadsh",
      change: "updated",
      version: "^4.17.21",
      previousVersion: "^4.17.20",
      risks: [],
    });
  });

  it("gives removed dependencies no risks, whatever the policy and facts say", () => {
    const f = facts(
      [["npm", "expresss", "^1.0.0", { exists: false, url: "https://www.npmjs.com/package/expresss" }]],
      [
        [
          "npm",
          "expresss",
          "^1.0.0",
          [
            {
              id: "GHSA-aaaa-bbbb-cccc",
              summary: "bad",
              severity: "critical",
              url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc",
            },
          ],
        ],
      ],
    );
    const { dependencies: deps } = assessDependencies(
      [npmChange({ expresss: "^1.0.0", zod: "^3.0.0" }, { zod: "^3.0.0" })],
      {
        config: depsConfig({ deny: ["expresss"], allow: ["zod"] }),
        facts: f,
      },
    );
    expect(deps).toEqual([expect.objectContaining({ name: "expresss", change: "removed", risks: [] })]);
    expect(deps[0]!.ignored).toBeUndefined();
  });
});

describe("install scripts from package-lock.json v3", () => {
  const base = {
    pkg: packageJson({ express: "^4.19.2" }),
    lock: packageLock({ express: "^4.19.2" }, { express: { version: "4.19.2" } }),
  };
  const head = {
    pkg: packageJson({ express: "^4.19.2", vite: "^5.1.0" }),
    lock: packageLock(
      { express: "^4.19.2", vite: "^5.1.0" },
      {
        express: { version: "4.19.2" },
        vite: { version: "5.1.4", dev: true },
        esbuild: { version: "0.19.12", dev: true, hasInstallScript: true },
        rollup: { version: "4.12.0", dev: true },
      },
    ),
  };
  const files = [modified("package.json", base.pkg, head.pkg), modified("package-lock.json", base.lock, head.lock)];

  it("flags an added transitive package whose lock entry has hasInstallScript", () => {
    const { dependencies } = assessDependencies(files, { config: depsConfig() });
    const esbuild = dep(dependencies, "esbuild");
    expect(esbuild).toMatchObject({
      change: "added",
      direct: false,
      version: "0.19.12",
      manifest: "package-lock.json",
    });
    expect(esbuild.risks).toEqual([expect.objectContaining({ kind: "install-script", severity: "medium" })]);
    expect(head.lock.split("\n")[esbuild.line! - 1]).toContain('"node_modules/esbuild"');
  });

  it("does not flag transitive packages without an install script, nor typosquat-flag them", () => {
    const { dependencies } = assessDependencies(files, { config: depsConfig() });
    expect(dep(dependencies, "rollup")).toMatchObject({ change: "added", direct: false, risks: [] });
    expect(dep(dependencies, "vite")).toMatchObject({
      change: "added",
      direct: true,
      manifest: "package.json",
      resolvedVersion: "5.1.4",
      risks: [],
    });
    expect(dependencies.map((d) => d.name).sort()).toEqual(["esbuild", "rollup", "vite"]);
  });

  it("applies a configured severity to the lockfile's install-script risk", () => {
    const { dependencies } = assessDependencies(files, {
      config: depsConfig({ severity: { "install-script": "high" } }),
    });
    expect(dep(dependencies, "esbuild").risks).toEqual([
      expect.objectContaining({ kind: "install-script", severity: "high" }),
    ]);
  });

  it("does not add a second install-script risk when the registry says so too", () => {
    const f = facts([
      ["npm", "esbuild", "0.19.12", established({ installScript: true, url: "https://www.npmjs.com/package/esbuild" })],
    ]);
    const { dependencies } = assessDependencies(files, { config: depsConfig(), facts: f });
    expect(kinds(dep(dependencies, "esbuild"))).toEqual(["install-script"]);
  });
});

describe("reading the changed manifests", () => {
  it("notes a modified manifest whose base could not be read, instead of reporting every entry as added", () => {
    const file = modified(
      "package.json",
      undefined,
      packageJson({ express: "^4.19.2", lodash: "^4.17.21", loadsh: "^1.0.0" }),
    );
    const { dependencies, notes } = assessDependencies([file], { config: depsConfig() });
    expect(dependencies).toEqual([]);
    expect(notes).toEqual([
      "package.json: could not read the file at the base commit, its dependency changes were not checked",
    ]);
  });

  it("notes a modified manifest whose head could not be read", () => {
    const { dependencies, notes } = assessDependencies([modified("requirements.txt", "flask==3.0.0\n", undefined)], {
      config: depsConfig(),
    });
    expect(dependencies).toEqual([]);
    expect(notes).toEqual([
      "requirements.txt: could not read the file at the head commit, its dependency changes were not checked",
    ]);
  });

  it("reads an added manifest from its head alone", () => {
    const { dependencies, notes } = assessDependencies(
      [added("services/api/requirements.txt", "flask==3.0.2\nrequests>=2.31\n")],
      { config: depsConfig() },
    );
    expect(dependencies.map((d) => [d.name, d.change, d.version, d.manifest])).toEqual([
      ["flask", "added", "3.0.2", "services/api/requirements.txt"],
      ["requests", "added", ">=2.31", "services/api/requirements.txt"],
    ]);
    expect(notes).toHaveLength(1); // only the offline-only note
  });

  it("notes an added manifest without head content", () => {
    const file: ChangedFile = { path: "package.json", status: "added", additions: 10, deletions: 0 };
    const { dependencies, notes } = assessDependencies([file], { config: depsConfig() });
    expect(dependencies).toEqual([]);
    expect(notes).toEqual(["package.json: could not read the new file, its dependencies were not checked"]);
  });

  it("lists every entry of a removed manifest as removed, with no risks", () => {
    const { dependencies } = assessDependencies([removed("requirements.txt", "reqeusts==2.31.0\nflask==3.0.0\n")], {
      config: depsConfig(),
    });
    expect(dependencies.map((d) => [d.name, d.change, d.risks.length])).toEqual([
      ["flask", "removed", 0],
      ["reqeusts", "removed", 0],
    ]);
  });

  it("does not read files under ignored paths", () => {
    let reads = 0;
    const watched = (f: ChangedFile): ChangedFile => {
      const { headContent, baseContent, ...rest } = f;
      const out = { ...rest } as ChangedFile;
      Object.defineProperty(out, "headContent", { enumerable: true, get: () => (reads++, headContent) });
      Object.defineProperty(out, "baseContent", { enumerable: true, get: () => (reads++, baseContent) });
      return out;
    };
    const vendored = watched(added("vendor/lib/package.json", packageJson({ loadsh: "^1.0.0" })));
    const unreadable = watched(modified("third_party/requirements.txt", undefined, "reqeusts==1.0\n"));
    const ignored = (p: string) => p.startsWith("vendor/") || p.startsWith("third_party/");
    const { dependencies, notes } = assessDependencies(
      [vendored, unreadable, added("requirements.txt", "flask==3.0.0\n")],
      { config: depsConfig(), ignored },
    );
    expect(reads).toBe(0);
    expect(dependencies.map((d) => d.name)).toEqual(["flask"]);
    expect(notes.join("\n")).not.toContain("third_party");

    // The same files, not ignored, are read and reported.
    const all = assessDependencies([vendored], { config: depsConfig() });
    expect(reads).toBeGreaterThan(0);
    expect(kinds(dep(all.dependencies, "loadsh"))).toEqual(["typosquat"]);
  });

  it("skips files that are not manifests or lockfiles", () => {
    const src = added("src/package.ts", 'import express from "expresss";\n');
    const readme = added("docs/requirements.md", "reqeusts==1.0\n");
    const { dependencies, notes } = assessDependencies([src, readme], { config: depsConfig() });
    expect(dependencies).toEqual([]);
    expect(notes).toEqual([]);
  });

  it("does nothing when dependency governance is disabled", () => {
    const files = [npmChange({}, { loadsh: "^1.0.0" }), modified("requirements.txt", undefined, "x==1\n")];
    expect(assessDependencies(files, { config: depsConfig({ enabled: false }) })).toEqual({
      dependencies: [],
      notes: [],
    });
    expect(collectDependencies(files, { config: depsConfig({ enabled: false }) })).toEqual({
      dependencies: [],
      notes: [],
    });
  });

  it("collectDependencies lists the changes before any risk is judged", () => {
    const files = [
      npmChange({ chalk: "^5.0.0" }, { loadsh: "^1.0.0" }),
      modified("pyproject.toml", undefined, "[project]\nname='x'\n"),
    ];
    const { dependencies, notes } = collectDependencies(files, { config: depsConfig({ deny: ["loadsh"] }) });
    expect(dependencies.map((d) => [d.name, d.change, d.risks])).toEqual([
      ["loadsh", "added", []],
      ["chalk", "removed", []],
    ]);
    expect(notes).toEqual([
      "pyproject.toml: could not read the file at the base commit, its dependency changes were not checked",
    ]);
  });
});

describe("registry facts", () => {
  const config = depsConfig();

  it("reports an added package the registry does not know as nonexistent (critical)", () => {
    const url = "https://www.npmjs.com/package/express-jwt-auth-helper-pro";
    const f = facts([["npm", "express-jwt-auth-helper-pro", "^2.1.0", { exists: false, url }]]);
    const { dependencies } = assessDependencies([npmChange({}, { "express-jwt-auth-helper-pro": "^2.1.0" })], {
      config,
      facts: f,
    });
    const d = dep(dependencies, "express-jwt-auth-helper-pro");
    expect(d.risks).toEqual([
      { kind: "nonexistent", severity: "critical", detail: expect.stringContaining("hallucinated"), url },
    ]);
    expect(d.url).toBe(url);
    expect(d.license).toBeUndefined();
  });

  it("does not call an updated dependency nonexistent", () => {
    const f = facts([["npm", "internal-tool", "^1.1.0", { exists: false }]]);
    const { dependencies } = assessDependencies(
      [npmChange({ "internal-tool": "^1.0.0" }, { "internal-tool": "^1.1.0" })],
      { config, facts: f },
    );
    expect(dep(dependencies, "internal-tool")).toMatchObject({ change: "updated", risks: [] });
  });

  it("flags a package first published 5 days ago as new-package (default 30 days)", () => {
    const f = facts([["npm", "fresh-pkg", "^1.0.0", established({ created: daysBefore(5) })]]);
    const files = [npmChange({}, { "fresh-pkg": "^1.0.0" })];
    const d = dep(assessDependencies(files, { config, facts: f }).dependencies, "fresh-pkg");
    expect(d.risks).toEqual([
      expect.objectContaining({
        kind: "new-package",
        severity: "medium",
        detail: "first published 5 days ago (policy: at least 30)",
      }),
    ]);

    const relaxed = dep(
      assessDependencies(files, { config: depsConfig({ "min-age-days": 3 }), facts: f }).dependencies,
      "fresh-pkg",
    );
    expect(relaxed.risks).toEqual([]);
  });

  it("does not call an updated package new", () => {
    const f = facts([["npm", "fresh-pkg", "^1.1.0", established({ created: daysBefore(5) })]]);
    const { dependencies } = assessDependencies([npmChange({ "fresh-pkg": "^1.0.0" }, { "fresh-pkg": "^1.1.0" })], {
      config,
      facts: f,
    });
    expect(dep(dependencies, "fresh-pkg").risks).toEqual([]);
  });

  it("flags a version published 1 day ago as new-version, for added and updated dependencies", () => {
    const f = facts([
      ["npm", "axios", "^1.7.0", established({ version: "1.7.2", versionPublished: daysBefore(1) })],
      ["npm", "zod", "^3.23.8", established({ version: "3.23.8", versionPublished: daysBefore(1) })],
      ["npm", "react", "^18.3.1", established({ version: "18.3.1", versionPublished: daysBefore(10) })],
    ]);
    const { dependencies } = assessDependencies(
      [npmChange({ zod: "^3.22.0" }, { zod: "^3.23.8", axios: "^1.7.0", react: "^18.3.1" })],
      { config, facts: f },
    );
    expect(dep(dependencies, "axios").risks).toEqual([
      expect.objectContaining({
        kind: "new-version",
        severity: "low",
        detail: "version 1.7.2 was published 1 days ago (policy: at least 3)",
      }),
    ]);
    expect(kinds(dep(dependencies, "zod"))).toEqual(["new-version"]);
    expect(dep(dependencies, "react").risks).toEqual([]);
  });

  it("takes install scripts from the registry", () => {
    const url = "https://www.npmjs.com/package/sharp";
    const f = facts([["npm", "sharp", "^0.33.0", established({ installScript: true, url })]]);
    const { dependencies } = assessDependencies([npmChange({}, { sharp: "^0.33.0" })], { config, facts: f });
    expect(dep(dependencies, "sharp").risks).toEqual([
      { kind: "install-script", severity: "medium", detail: expect.stringContaining("install script"), url },
    ]);
  });

  it("reports deprecation, and a malicious / security placeholder notice as malicious (critical)", () => {
    const f = facts([
      [
        "npm",
        "request",
        "^2.88.2",
        established({ deprecated: "request has been deprecated, see https://github.com/request/request/issues/3142" }),
      ],
      [
        "npm",
        "colors-helper",
        "^1.0.0",
        established({ deprecated: "Malicious code was found in this package and it was removed" }),
      ],
      ["npm", "flatmap-stream2", "^0.1.0", established({ deprecated: "This is a Security Placeholder package" })],
    ]);
    const { dependencies } = assessDependencies(
      [npmChange({}, { request: "^2.88.2", "colors-helper": "^1.0.0", "flatmap-stream2": "^0.1.0" })],
      { config, facts: f },
    );
    expect(dep(dependencies, "request").risks).toEqual([
      expect.objectContaining({
        kind: "deprecated",
        severity: "low",
        detail: expect.stringContaining("request has been deprecated"),
      }),
    ]);
    expect(dep(dependencies, "colors-helper").risks).toEqual([
      expect.objectContaining({ kind: "malicious", severity: "critical" }),
    ]);
    expect(dep(dependencies, "flatmap-stream2").risks.filter((r) => r.kind === "malicious")).toEqual([
      expect.objectContaining({ severity: "critical" }),
    ]);
    expect(dep(dependencies, "flatmap-stream2").risks.some((r) => r.kind === "deprecated")).toBe(false);
  });

  it("reads a missing version and a take-down from their own fields, not from the deprecation text", () => {
    const f = facts([
      ["npm", "zod", "^9.1.0", established({ missingVersion: "^9.1.0" })],
      [
        "npm",
        "evil-colors",
        "^1.4.0",
        established({ malicious: "the registry replaced this package with a security placeholder (it was malicious)" }),
      ],
      ["npm", "request", "^2.88.2", established({ deprecated: "no version found on the proxy is just words here" })],
    ]);
    const { dependencies } = assessDependencies(
      [npmChange({}, { zod: "^9.1.0", "evil-colors": "^1.4.0", request: "^2.88.2" })],
      { config, facts: f },
    );
    expect(dep(dependencies, "zod").risks).toEqual([
      expect.objectContaining({
        kind: "unknown-version",
        severity: "medium",
        detail: expect.stringMatching(/^no published version matches \^9\.1\.0: /),
      }),
    ]);
    expect(kinds(dep(dependencies, "evil-colors"))).toEqual(["malicious"]);
    expect(kinds(dep(dependencies, "request"))).toEqual(["deprecated"]);
  });

  describe("advisories", () => {
    const advisories: Advisory[] = [
      {
        id: "GHSA-jf85-cpcp-j695",
        summary: "Prototype Pollution in lodash",
        severity: "critical",
        url: "https://github.com/advisories/GHSA-jf85-cpcp-j695",
      },
      {
        id: "GHSA-29mw-wpgm-hmr9",
        summary: "ReDoS in lodash",
        severity: "medium",
        url: "https://github.com/advisories/GHSA-29mw-wpgm-hmr9",
      },
      { id: "PYSEC-0000-1", summary: "", url: "https://osv.dev/vulnerability/PYSEC-0000-1" },
    ];
    const f = facts([["npm", "lodash", "4.17.4", established()]], [["npm", "lodash", "4.17.4", advisories]]);
    const files = [npmChange({ lodash: "4.17.21" }, { lodash: "4.17.4" })];

    it("gives one vulnerability risk per advisory, with its url and severity (riskiest first)", () => {
      const d = dep(assessDependencies(files, { config, facts: f }).dependencies, "lodash");
      expect(d.change).toBe("updated");
      expect(d.risks).toEqual([
        {
          kind: "vulnerability",
          severity: "critical",
          detail: "GHSA-jf85-cpcp-j695: Prototype Pollution in lodash",
          url: advisories[0]!.url,
        },
        // no severity of its own: the default for vulnerabilities (high)
        {
          kind: "vulnerability",
          severity: DEFAULT_RISK_SEVERITY.vulnerability,
          detail: "PYSEC-0000-1",
          url: advisories[2]!.url,
        },
        {
          kind: "vulnerability",
          severity: "medium",
          detail: "GHSA-29mw-wpgm-hmr9: ReDoS in lodash",
          url: advisories[1]!.url,
        },
      ]);
    });

    it("lets severity.vulnerability override the advisories' own severity", () => {
      const d = dep(
        assessDependencies(files, { config: depsConfig({ severity: { vulnerability: "critical" } }), facts: f })
          .dependencies,
        "lodash",
      );
      expect(d.risks.map((r) => [r.kind, r.severity])).toEqual([
        ["vulnerability", "critical"],
        ["vulnerability", "critical"],
        ["vulnerability", "critical"],
      ]);
    });
  });

  it("copies the resolved version, registry url and licence onto the dependency", () => {
    const f = facts([
      [
        "npm",
        "lodash-es",
        "^4.17.0",
        established({ version: "4.17.21", url: "https://www.npmjs.com/package/lodash-es", license: "MIT" }),
      ],
      ["npm", "left-pad", "1.3.0", established({ version: "1.3.0", license: null })],
    ]);
    const { dependencies } = assessDependencies([npmChange({}, { "lodash-es": "^4.17.0", "left-pad": "1.3.0" })], {
      config,
      facts: f,
    });
    expect(dep(dependencies, "lodash-es")).toMatchObject({
      resolvedVersion: "4.17.21",
      url: "https://www.npmjs.com/package/lodash-es",
      license: "MIT",
      risks: [],
    });
    const pad = dep(dependencies, "left-pad");
    expect(pad.license).toBeNull();
    expect(pad.resolvedVersion).toBeUndefined(); // same as declared: nothing to add
  });

  it("keeps the lockfile's resolved version over the registry's", () => {
    const files = [
      modified("package.json", packageJson({}), packageJson({ vite: "^5.1.0" })),
      modified(
        "package-lock.json",
        packageLock({}, {}),
        packageLock({ vite: "^5.1.0" }, { vite: { version: "5.1.4" } }),
      ),
    ];
    const f = facts([["npm", "vite", "^5.1.0", established({ version: "5.4.0" })]]);
    expect(dep(assessDependencies(files, { config, facts: f }).dependencies, "vite").resolvedVersion).toBe("5.1.4");
  });

  it("leaves dependencies that were not looked up alone, and passes the look-up notes through", () => {
    const f = facts([], [], ["could not verify loadsh on npm: timeout"]);
    const { dependencies, notes } = assessDependencies([npmChange({}, { loadsh: "^1.0.0", zod: "^3.0.0" })], {
      config,
      facts: f,
    });
    expect(kinds(dep(dependencies, "loadsh"))).toEqual(["typosquat"]);
    expect(dep(dependencies, "zod")).toMatchObject({ risks: [] });
    expect(dep(dependencies, "zod").url).toBeUndefined();
    expect(notes).toEqual(["could not verify loadsh on npm: timeout"]);
  });
});

describe("licences", () => {
  const licensed = (pairs: Record<string, string | null>) => {
    const head: Record<string, string> = {};
    const entries: FactEntry[] = [];
    for (const [name, license] of Object.entries(pairs)) {
      head[name] = "^1.0.0";
      entries.push(["npm", name, "^1.0.0", established({ license })]);
    }
    return { files: [npmChange({}, head)], facts: facts(entries) };
  };
  const licenceRisks = (d: DependencyChange) => d.risks.filter((r) => r.kind === "license");

  it("deny: flags GPL-3.0-only, but not an OR expression with a permitted choice", () => {
    const { files, facts: f } = licensed({
      "gpl-only": "GPL-3.0-only",
      "dual-licensed": "MIT OR GPL-3.0-only",
      "and-licensed": "MIT AND GPL-3.0-only",
    });
    const { dependencies } = assessDependencies(files, {
      config: depsConfig({ licenses: { deny: ["GPL-3.0-only"] } }),
      facts: f,
    });
    expect(licenceRisks(dep(dependencies, "gpl-only"))).toEqual([
      {
        kind: "license",
        severity: "medium",
        detail: "licence GPL-3.0-only uses GPL-3.0-only, on dependencies.licenses.deny",
      },
    ]);
    expect(dep(dependencies, "dual-licensed").risks).toEqual([]);
    expect(licenceRisks(dep(dependencies, "and-licensed"))).toHaveLength(1);
  });

  it("allow: flags a licence not on the list and accepts free text for an allowed one", () => {
    const { files, facts: f } = licensed({
      "lgpl-lib": "LGPL-2.1-only",
      "apache-lib": "Apache License, Version 2.0",
      "mit-lib": "MIT License",
    });
    const { dependencies } = assessDependencies(files, {
      config: depsConfig({ licenses: { allow: ["MIT", "Apache-2.0"] } }),
      facts: f,
    });
    expect(licenceRisks(dep(dependencies, "lgpl-lib"))).toEqual([
      { kind: "license", severity: "medium", detail: "licence LGPL-2.1-only is not on dependencies.licenses.allow" },
    ]);
    expect(dep(dependencies, "apache-lib").risks).toEqual([]);
    expect(dep(dependencies, "apache-lib").license).toBe("Apache License, Version 2.0");
    expect(dep(dependencies, "mit-lib").risks).toEqual([]);
  });

  it("reports an unknown licence at info by default", () => {
    const { files, facts: f } = licensed({ "no-licence": null, "custom-text": "Acme Corp proprietary terms v7" });
    const { dependencies } = assessDependencies(files, {
      config: depsConfig({ licenses: { allow: ["MIT"] } }),
      facts: f,
    });
    expect(licenceRisks(dep(dependencies, "no-licence"))).toEqual([
      { kind: "license", severity: "info", detail: "the registry gives no licence" },
    ]);
    expect(licenceRisks(dep(dependencies, "custom-text"))).toEqual([
      {
        kind: "license",
        severity: "info",
        detail: 'licence "Acme Corp proprietary terms v7" is not an SPDX expression',
      },
    ]);
  });

  it("reports an unknown licence at the licence severity with fail-on-unknown", () => {
    const { files, facts: f } = licensed({ "no-licence": null });
    const strict = assessDependencies(files, {
      config: depsConfig({ licenses: { allow: ["MIT"], "fail-on-unknown": true } }),
      facts: f,
    });
    expect(licenceRisks(dep(strict.dependencies, "no-licence"))).toEqual([
      { kind: "license", severity: "medium", detail: "the registry gives no licence (fail-on-unknown)" },
    ]);
    const stricter = assessDependencies(files, {
      config: depsConfig({
        licenses: { deny: ["GPL-3.0-only"], "fail-on-unknown": true },
        severity: { license: "high" },
      }),
      facts: f,
    });
    expect(licenceRisks(dep(stricter.dependencies, "no-licence")).map((r) => r.severity)).toEqual(["high"]);
  });

  it("judges no licence without a licence policy (but still records it)", () => {
    const { files, facts: f } = licensed({ "gpl-only": "GPL-3.0-only", "no-licence": null });
    const { dependencies } = assessDependencies(files, {
      config: depsConfig({ licenses: { "fail-on-unknown": true } }),
      facts: f,
    });
    expect(dep(dependencies, "gpl-only")).toMatchObject({ risks: [], license: "GPL-3.0-only" });
    expect(dep(dependencies, "no-licence")).toMatchObject({ risks: [], license: null });
  });

  it("does not judge a licence that was not looked up", () => {
    const f = facts([["npm", "mystery", "^1.0.0", { exists: true, created: daysBefore(1000) }]]);
    const { dependencies } = assessDependencies([npmChange({}, { mystery: "^1.0.0" })], {
      config: depsConfig({ licenses: { allow: ["MIT"], "fail-on-unknown": true } }),
      facts: f,
    });
    expect(dep(dependencies, "mystery").risks).toEqual([]);
    expect("license" in dep(dependencies, "mystery")).toBe(false);
  });

  it("notes an invalid id in the policy and applies the valid rest", () => {
    const { files, facts: f } = licensed({ "gpl-only": "GPL-3.0-only", "mit-lib": "MIT" });
    const { dependencies, notes } = assessDependencies(files, {
      config: depsConfig({ licenses: { deny: ["GPL-3.0-only", "Totally-Not-A-Licence-9"] } }),
      facts: f,
    });
    expect(notes).toContain(
      'dependencies.licenses: "Totally-Not-A-Licence-9" is not an SPDX licence id; it is ignored',
    );
    expect(kinds(dep(dependencies, "gpl-only"))).toEqual(["license"]);
    expect(dep(dependencies, "mit-lib").risks).toEqual([]);
  });
});

describe("allow, deny and private lists", () => {
  it("deny: reports a denied package, added or updated", () => {
    const { dependencies } = assessDependencies(
      [npmChange({ "flatmap-stream": "0.1.0" }, { "flatmap-stream": "0.1.1", "event-stream": "3.3.6" })],
      {
        config: depsConfig({ deny: ["event-stream", "flatmap-stream"] }),
      },
    );
    expect(dep(dependencies, "event-stream").risks).toEqual([
      { kind: "denied", severity: "high", detail: "on dependencies.deny" },
    ]);
    expect(dep(dependencies, "flatmap-stream")).toMatchObject({
      change: "updated",
      risks: [{ kind: "denied", severity: "high", detail: "on dependencies.deny" }],
    });
  });

  it("deny matches names as each registry compares them (crates.io: - and _ and case alike; npm: exact)", () => {
    const cargo = (names: string[]) =>
      added("Cargo.toml", `[package]\nname = "app"\n\n[dependencies]\n${names.map((n) => `${n} = "1"`).join("\n")}\n`);
    const config = depsConfig({
      deny: [{ name: "Serde-JSON", ecosystem: "cargo" }, { name: "tokio_*", ecosystem: "crates.io" }, "JSONStream"],
    });
    const { dependencies } = assessDependencies(
      [cargo(["serde_json", "tokio-util", "tokio"]), added("package.json", packageJson({ jsonstream: "1.0.0" }))],
      { config },
    );
    expect(kinds(dep(dependencies, "serde_json"))).toContain("denied");
    expect(kinds(dep(dependencies, "tokio-util"))).toContain("denied");
    expect(kinds(dep(dependencies, "tokio"))).not.toContain("denied");
    expect(kinds(dep(dependencies, "jsonstream"))).not.toContain("denied");
  });

  it("deny: a glob limited to one ecosystem, with its reason", () => {
    const config = depsConfig({
      deny: [
        { name: "@evil/*", ecosystem: "npm", reason: "compromised scope, see SEC-123" },
        { name: "left-*", ecosystem: "pypi" },
      ],
    });
    const files = [
      npmChange({}, { "@evil/logger": "^1.0.0", "@evilcorp/logger": "^1.0.0", "left-pad": "^1.3.0" }),
      added("requirements.txt", "left-shift==0.1\n"),
    ];
    const { dependencies } = assessDependencies(files, { config });
    expect(dep(dependencies, "@evil/logger").risks).toEqual([
      { kind: "denied", severity: "high", detail: "on dependencies.deny: compromised scope, see SEC-123" },
    ]);
    expect(dep(dependencies, "@evilcorp/logger").risks).toEqual([]);
    expect(dep(dependencies, "left-pad").risks).toEqual([]); // the left-* entry is for PyPI only
    expect(kinds(dep(dependencies, "left-shift"))).toEqual(["denied"]);
  });

  it("allow: an added direct dependency off the list is not-approved; transitive and listed ones are not", () => {
    const files = [
      modified(
        "package.json",
        packageJson({ react: "^18.2.0" }),
        packageJson({ react: "^18.3.1", lodash: "^4.17.21", "@acme/ui": "^2.0.0" }),
      ),
      modified(
        "package-lock.json",
        packageLock({ react: "^18.2.0" }, { react: { version: "18.2.0" } }),
        packageLock(
          { react: "^18.3.1", lodash: "^4.17.21", "@acme/ui": "^2.0.0" },
          {
            react: { version: "18.3.1" },
            lodash: { version: "4.17.21" },
            "@acme/ui": { version: "2.0.0" },
            "loose-envify": { version: "1.4.0" },
          },
        ),
      ),
    ];
    const { dependencies } = assessDependencies(files, { config: depsConfig({ allow: ["react", "@acme/*"] }) });
    expect(dep(dependencies, "lodash").risks).toEqual([
      { kind: "not-approved", severity: "medium", detail: "not on dependencies.allow (approved libraries)" },
    ]);
    expect(dep(dependencies, "@acme/ui").risks).toEqual([]);
    expect(dep(dependencies, "react")).toMatchObject({ change: "updated", risks: [] });
    expect(dep(dependencies, "loose-envify")).toMatchObject({ direct: false, change: "added", risks: [] });
  });

  it("allow: a denied package is reported as denied only", () => {
    const { dependencies } = assessDependencies([npmChange({}, { "event-stream": "3.3.6" })], {
      config: depsConfig({ allow: ["react"], deny: ["event-stream"] }),
    });
    expect(kinds(dep(dependencies, "event-stream"))).toEqual(["denied"]);
  });

  it("private: names in a private namespace are never typosquat-flagged", () => {
    // `@bable` looks like the popular `@babel` scope, so it is flagged...
    const files = [npmChange({}, { "@bable/core": "^1.0.0", "@acme/utlis": "^1.0.0" })];
    expect(kinds(dep(assessDependencies(files, { config: depsConfig() }).dependencies, "@bable/core"))).toEqual([
      "typosquat",
    ]);
    // ...unless it is the company's own registry scope.
    const { dependencies } = assessDependencies(files, { config: depsConfig({ private: ["@bable/*", "@acme/*"] }) });
    expect(dep(dependencies, "@bable/core").risks).toEqual([]);
    expect(dep(dependencies, "@acme/utlis").risks).toEqual([]);
  });

  it("private: an unscoped private name that looks like a popular one is not flagged either", () => {
    const files = [added("requirements.txt", "reqeusts==1.0.0\n")];
    expect(kinds(dep(assessDependencies(files, { config: depsConfig() }).dependencies, "reqeusts"))).toEqual([
      "typosquat",
    ]);
    const { dependencies } = assessDependencies(files, {
      config: depsConfig({ private: [{ name: "Reqeusts", ecosystem: "PyPI" }] }),
    });
    expect(dep(dependencies, "reqeusts").risks).toEqual([]);
  });

  it("compares PyPI names PEP 503-style (case, -, _ and . alike)", () => {
    const files = [added("requirements.txt", "python-dateutil==2.9.0\nflask-sqlalchemy==3.1.1\nrequests==2.32.0\n")];
    const { dependencies } = assessDependencies(files, {
      config: depsConfig({ deny: ["Python_Dateutil"], allow: ["Flask.SQLAlchemy", "requests"] }),
    });
    expect(kinds(dep(dependencies, "python-dateutil"))).toEqual(["denied"]);
    expect(dep(dependencies, "flask-sqlalchemy").risks).toEqual([]);
    expect(dep(dependencies, "requests").risks).toEqual([]);
  });
});

describe("ignore", () => {
  const files = [npmChange({}, { loadsh: "^1.0.0", zod: "^3.0.0" })];

  it("moves a matching risk to `ignored`, with the reason", () => {
    const { dependencies } = assessDependencies(files, {
      config: depsConfig({ ignore: [{ name: "loadsh", reason: "our own fork, reviewed in SEC-42" }] }),
    });
    const d = dep(dependencies, "loadsh");
    expect(d.risks).toEqual([]);
    expect(d.ignored).toEqual([
      {
        kind: "typosquat",
        severity: "high",
        detail: expect.stringContaining("'lodash'"),
        reason: "our own fork, reviewed in SEC-42",
      },
    ]);
    expect(dep(dependencies, "zod").ignored).toBeUndefined();
  });

  it("with `risks`, ignores only those kinds", () => {
    const f = facts([["npm", "loadsh", "^1.0.0", established({ created: daysBefore(2) })]]);
    const config = depsConfig({ ignore: [{ name: "loads*", risks: ["typosquat"], reason: "known name" }] });
    const d = dep(assessDependencies(files, { config, facts: f }).dependencies, "loadsh");
    expect(kinds(d)).toEqual(["new-package"]);
    expect(d.ignored?.map((r) => [r.kind, r.reason])).toEqual([["typosquat", "known name"]]);
  });

  it("respects the ecosystem of an ignore entry", () => {
    const config = depsConfig({ ignore: [{ name: "loadsh", ecosystem: "PyPI", reason: "only the Python one" }] });
    const d = dep(assessDependencies(files, { config }).dependencies, "loadsh");
    expect(kinds(d)).toEqual(["typosquat"]);
    expect(d.ignored).toBeUndefined();
  });

  it("stops ignoring after `until` (relative to facts.now) and says so", () => {
    const config = depsConfig({
      ignore: [
        { name: "loadsh", reason: "temporary", until: "2025-06-01" },
        { name: "zod", reason: "still valid", until: "2025-06-15" },
      ],
    });
    const f = facts([
      ["npm", "loadsh", "^1.0.0", established()],
      ["npm", "zod", "^3.0.0", established({ deprecated: "use zod@4" })],
    ]);
    const { dependencies, notes } = assessDependencies(files, { config, facts: f });
    expect(kinds(dep(dependencies, "loadsh"))).toEqual(["typosquat"]);
    expect(dep(dependencies, "loadsh").ignored).toBeUndefined();
    expect(notes).toContain("dependencies.ignore for loadsh expired on 2025-06-01; its risks are reported again");
    // `until` is inclusive: on that very day the entry still applies.
    expect(dep(dependencies, "zod").risks).toEqual([]);
    expect(dep(dependencies, "zod").ignored?.map((r) => r.kind)).toEqual(["deprecated"]);
    expect(notes.some((n) => n.includes("zod"))).toBe(false);
  });

  it("expires `until` offline too, against the review's own time (no registry facts)", () => {
    const config = depsConfig({ ignore: [{ name: "loadsh", reason: "temporary", until: "2025-06-01" }] });
    const { dependencies, notes } = assessDependencies(files, { config, now: NOW });
    expect(kinds(dep(dependencies, "loadsh"))).toEqual(["typosquat"]);
    expect(notes).toContain("dependencies.ignore for loadsh expired on 2025-06-01; its risks are reported again");
  });

  it("keeps ignoring before `until`", () => {
    const config = depsConfig({ ignore: [{ name: "loadsh", reason: "temporary", until: "2025-07-01" }] });
    const { dependencies, notes } = assessDependencies(files, { config, facts: facts([]) });
    expect(dep(dependencies, "loadsh").ignored?.map((r) => r.kind)).toEqual(["typosquat"]);
    expect(notes.some((n) => n.includes("expired"))).toBe(false);
  });
});

describe("severity overrides", () => {
  it("applies the configured severity of each kind", () => {
    const f = facts([
      [
        "npm",
        "brand-new",
        "^0.1.0",
        established({ created: daysBefore(1), versionPublished: daysBefore(1), version: "0.1.0" }),
      ],
      ["npm", "ghost-pkg", "^1.0.0", { exists: false }],
    ]);
    const config = depsConfig({
      deny: ["event-stream"],
      severity: {
        typosquat: "medium",
        "new-package": "high",
        "new-version": "info",
        nonexistent: "high",
        denied: "critical",
      },
    });
    const { dependencies } = assessDependencies(
      [npmChange({}, { loadsh: "^1.0.0", "brand-new": "^0.1.0", "ghost-pkg": "^1.0.0", "event-stream": "3.3.6" })],
      { config, facts: f },
    );
    expect(dep(dependencies, "loadsh").risks.map((r) => [r.kind, r.severity])).toEqual([["typosquat", "medium"]]);
    expect(dep(dependencies, "brand-new").risks.map((r) => [r.kind, r.severity])).toEqual([
      ["new-package", "high"],
      ["new-version", "info"],
    ]);
    expect(dep(dependencies, "ghost-pkg").risks.map((r) => [r.kind, r.severity])).toEqual([["nonexistent", "high"]]);
    expect(dep(dependencies, "event-stream").risks.map((r) => [r.kind, r.severity])).toEqual([["denied", "critical"]]);
  });

  it("uses the documented defaults otherwise", () => {
    expect(DEFAULT_RISK_SEVERITY).toMatchObject({
      typosquat: "high",
      nonexistent: "critical",
      "new-package": "medium",
      malicious: "critical",
      license: "medium",
    });
  });
});

describe("ordering", () => {
  it("puts the riskiest dependency first, then by manifest and name", () => {
    const f = facts([
      ["npm", "ghost-pkg", "^1.0.0", { exists: false }],
      ["npm", "fresh-pkg", "^1.0.0", established({ created: daysBefore(3) })],
      ["npm", "zod", "^3.0.0", established()],
      ["npm", "no-licence", "^1.0.0", established({ license: null })],
    ]);
    const files = [
      npmChange(
        { chalk: "^5.0.0" },
        { zod: "^3.0.0", "fresh-pkg": "^1.0.0", "no-licence": "^1.0.0", "ghost-pkg": "^1.0.0", loadsh: "^1.0.0" },
      ),
      added("requirements.txt", "flask==3.0.0\nreqeusts==2.0.0\n"),
    ];
    const { dependencies } = assessDependencies(files, {
      config: depsConfig({ licenses: { allow: ["MIT"] } }),
      facts: f,
    });
    expect(dependencies.map((d) => d.name)).toEqual([
      "ghost-pkg", // critical
      "loadsh", // high, package.json
      "reqeusts", // high, requirements.txt
      "fresh-pkg", // medium
      "no-licence", // info
      "chalk", // none: package.json, by name
      "zod",
      "flask", // none: requirements.txt
    ]);
  });
});

describe("ordering of risks", () => {
  it("lists a dependency's risks riskiest first", () => {
    const f = facts([
      [
        "npm",
        "loadsh",
        "^1.0.0",
        established({ created: daysBefore(2), deprecated: "Malicious code, removed by npm security" }),
      ],
    ]);
    const { dependencies } = assessDependencies([npmChange({}, { loadsh: "^1.0.0" })], {
      config: depsConfig({ allow: ["react"] }),
      facts: f,
    });
    expect(dependencies[0]!.risks.map((r) => [r.kind, r.severity])).toEqual([
      ["malicious", "critical"],
      ["typosquat", "high"],
      ["not-approved", "medium"],
      ["new-package", "medium"],
    ]);
  });
});

describe("notes", () => {
  it("says the check was offline only when no facts are given", () => {
    const { notes } = assessDependencies([npmChange({}, { zod: "^3.0.0", loadsh: "^1.0.0" })], {
      config: depsConfig(),
    });
    expect(notes).toEqual([
      "2 dependency changes checked offline only (typosquats, install scripts, allow and deny lists): registries and advisory databases were not asked",
    ]);
    const single = assessDependencies([npmChange({}, { zod: "^3.0.0" })], { config: depsConfig() });
    expect(single.notes[0]).toMatch(/^1 dependency change checked offline only/);
  });

  it("adds no offline note when facts were looked up, nor when nothing changed", () => {
    expect(
      assessDependencies([npmChange({}, { zod: "^3.0.0" })], { config: depsConfig(), facts: facts([]) }).notes,
    ).toEqual([]);
    expect(assessDependencies([npmChange({ zod: "^3.0.0" }, { zod: "^3.0.0" })], { config: depsConfig() })).toEqual({
      dependencies: [],
      notes: [],
    });
  });
});

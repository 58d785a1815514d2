import { describe, expect, it } from "vitest";
import { assessDependencies } from "../../../../src/core/dependencies/assess.js";
import { diffDependencies, isLocalSpec } from "../../../../src/core/dependencies/index.js";
import { configSchema } from "../../../../src/core/policy/schema.js";
import type { ChangedFile } from "../../../../src/core/types.js";
import { find, fixture } from "../helpers.js";

describe("Go: go.mod", () => {
  const { dependencies, notes } = diffDependencies([
    { path: "go.mod", baseContent: fixture("go/go.base.mod"), headContent: fixture("go/go.head.mod") },
  ]);
  it("reads require blocks and single requires; // indirect is transitive", () => {
    expect(notes).toEqual([]);
    expect(dependencies.map((d) => [d.name, d.change, d.direct, d.version, d.line])).toEqual([
      ["github.com/gin-gonic/gin", "updated", true, "v1.10.0", 8],
      ["golang.org/x/crypto", "updated", false, "v0.22.0", 9],
      ["golang.org/x/net", "added", false, "v0.24.0", 10],
      ["github.com/golang-jwt/jwt/v5", "removed", true, "v5.2.0", undefined],
    ]);
    expect(find(dependencies, "github.com/google/uuid")).toBeUndefined();
  });
});

describe("Go: local replacements", () => {
  const goMod = (replace: string) =>
    [
      "module example.com/app",
      "",
      "go 1.22",
      "",
      "require (",
      "\tgithub.com/acme/ordrs v0.0.0-00010101000000-000000000000",
      "\tgithub.com/gin-gonic/gin v1.10.0",
      ")",
      "",
      replace,
      "",
    ].join("\n");

  it("marks a module replaced by a local directory in its version, and leaves other replacements alone", () => {
    const { dependencies } = diffDependencies([
      {
        path: "go.mod",
        headContent: goMod(
          "replace github.com/acme/ordrs => ../ordrs\nreplace github.com/gin-gonic/gin v1.10.0 => github.com/fork/gin v1.10.1",
        ),
      },
    ]);
    expect(dependencies.map((d) => [d.name, d.version])).toEqual([
      ["github.com/acme/ordrs", "v0.0.0-00010101000000-000000000000 => ../ordrs"],
      ["github.com/gin-gonic/gin", "v1.10.0"],
    ]);
    expect(isLocalSpec("Go", dependencies[0]!.version)).toBe(true);
    expect(isLocalSpec("Go", dependencies[1]!.version)).toBe(false);
  });

  it("reads replace blocks too", () => {
    const { dependencies } = diffDependencies([
      {
        path: "go.mod",
        headContent: goMod("replace (\n\tgithub.com/acme/ordrs => ./third_party/ordrs // vendored\n)"),
      },
    ]);
    expect(dependencies[0]!.version).toBe("v0.0.0-00010101000000-000000000000 => ./third_party/ordrs");
  });

  it("local packages are never typosquats (npm file: and Go local replacements)", () => {
    const config = configSchema.parse({}).dependencies;
    const files: ChangedFile[] = [
      {
        path: "go.mod",
        status: "added",
        additions: 10,
        deletions: 0,
        headContent: goMod("replace github.com/acme/ordrs => ../ordrs"),
      },
      {
        path: "web/package.json",
        status: "added",
        additions: 5,
        deletions: 0,
        headContent: '{\n  "dependencies": {\n    "loadsh": "file:../loadsh",\n    "expresss": "^1.0.0"\n  }\n}\n',
      },
    ];
    const { dependencies } = assessDependencies(files, { config });
    const risky = dependencies.filter((d) => d.risks.length > 0).map((d) => d.name);
    expect(risky).toEqual(["expresss"]);
    expect(dependencies.map((d) => d.name).sort()).toEqual([
      "expresss",
      "github.com/acme/ordrs",
      "github.com/gin-gonic/gin",
      "loadsh",
    ]);
  });
});

describe("a bare diff (no whole files)", () => {
  const config = configSchema.parse({}).dependencies;
  it("compares requirements.txt from the lines its patch shows, at their real line numbers", () => {
    const patch =
      "@@ -3,4 +3,4 @@\n django==4.2.11\n-requests==2.31.0\n+requests==2.32.3\n-six==1.16.0\n+reqeusts==2.31.0\n gunicorn==22.0.0";
    const { dependencies, notes } = assessDependencies(
      [{ path: "requirements.txt", status: "modified", additions: 2, deletions: 2, patch }],
      { config },
    );
    expect(notes).toEqual([expect.stringContaining("checked offline only")]);
    expect(dependencies.map((d) => [d.name, d.change, d.version, d.line ?? null, d.risks.map((r) => r.kind)])).toEqual([
      ["reqeusts", "added", "2.31.0", 5, ["typosquat"]],
      ["requests", "updated", "2.32.3", 4, []],
      ["six", "removed", "1.16.0", null, []],
    ]);
  });

  it("reads a new or removed manifest of any format from its patch alone", () => {
    const added = '@@ -0,0 +1,5 @@\n+{\n+  "dependencies": {\n+    "expresss": "^1.0.0"\n+  }\n+}';
    const removed = "@@ -1,2 +0,0 @@\n-flask==3.0.3\n-gunicorn==22.0.0";
    const { dependencies } = assessDependencies(
      [
        { path: "web/package.json", status: "added", additions: 5, deletions: 0, patch: added },
        { path: "api/requirements.txt", status: "removed", additions: 0, deletions: 2, patch: removed },
      ],
      { config },
    );
    expect(dependencies.map((d) => [d.name, d.change, d.line ?? null, d.risks.map((r) => r.kind)])).toEqual([
      ["expresss", "added", 3, ["typosquat"]],
      ["flask", "removed", null, []],
      ["gunicorn", "removed", null, []],
    ]);
  });

  it("still says so for formats that need the whole file (a lockfile)", () => {
    const patch =
      '@@ -8,3 +8,4 @@\n     "node_modules/express": {\n-      "version": "4.19.1"\n+      "version": "4.19.2",\n+      "license": "MIT"\n     }';
    const { dependencies, notes } = assessDependencies(
      [{ path: "package-lock.json", status: "modified", additions: 2, deletions: 1, patch }],
      { config },
    );
    expect(dependencies).toEqual([]);
    expect(notes).toEqual([
      "package-lock.json: could not read the file at the head commit, its dependency changes were not checked",
    ]);
  });

  it("reads a manifest from what each side of its hunks declares", () => {
    const patch =
      '@@ -2,3 +2,4 @@\n   "dependencies": {\n-    "express": "^4.19.2"\n+    "express": "^4.19.2",\n+    "loadsh": "^4.17.21"\n   }';
    const { dependencies, notes } = assessDependencies(
      [{ path: "package.json", status: "modified", additions: 2, deletions: 1, patch }],
      { config },
    );
    expect(dependencies.map((d) => [d.name, d.change, d.fromPatch])).toEqual([["loadsh", "added", true]]);
    expect(notes[0]).toMatch(/^package\.json: dependencies compared from the patch alone/);
  });
});

describe("Maven: pom.xml", () => {
  it("resolves ${property} versions from <properties> and project.*", () => {
    const { dependencies } = diffDependencies([
      { path: "pom.xml", baseContent: fixture("maven/pom.base.xml"), headContent: fixture("maven/pom.head.xml") },
    ]);
    expect(dependencies).toEqual([
      expect.objectContaining({
        ecosystem: "Maven",
        name: "com.fasterxml.jackson.core:jackson-databind",
        change: "updated",
        version: "2.17.0",
        previousVersion: "2.16.1",
        line: 18,
      }),
      expect.objectContaining({ name: "com.example:orders-common", change: "added", version: "2.1.0", line: 23 }),
    ]);
  });
});

describe("Cargo: Cargo.toml", () => {
  it("reads plain, inline-table, renamed and [dependencies.x] tables", () => {
    const { dependencies } = diffDependencies([
      {
        path: "Cargo.toml",
        baseContent: fixture("cargo/Cargo.base.toml"),
        headContent: fixture("cargo/Cargo.head.toml"),
      },
    ]);
    expect(dependencies.map((d) => [d.name, d.change, d.version, d.line])).toEqual([
      ["tokio", "updated", "1.37", 8],
      ["rustls", "added", "0.23", 9],
      ["http-body", "added", "1.0", 10],
      ["hyper", "added", "1.2", 12],
      ["criterion", "removed", "0.5", undefined],
    ]);
  });
});

describe("deleted and malformed files", () => {
  it("a deleted manifest removes everything it declared", () => {
    const { dependencies } = diffDependencies([{ path: "go.mod", baseContent: fixture("go/go.base.mod") }]);
    expect(dependencies.every((d) => d.change === "removed")).toBe(true);
    expect(dependencies).toHaveLength(4);
  });

  it("turns parse errors into notes and never throws", () => {
    const { dependencies, notes } = diffDependencies([
      { path: "package.json", baseContent: "{}", headContent: "{ oops" },
      { path: "pom.xml", headContent: "<project><dependencies></project>" },
      { path: "Cargo.toml", headContent: "[dependencies\nserde = 1" },
      { path: "pyproject.toml", headContent: "[project\n" },
      { path: "go.mod", headContent: "module x\nthis is not go.mod\n" },
      { path: "pnpm-lock.yaml", headContent: "importers: [\n" },
      { path: "yarn.lock", headContent: 'left-pad@^1.3.0\n  version "1.3.0"\n' },
      { path: "package-lock.json", baseContent: "not json", headContent: fixture("npm/package-lock.v2.json") },
      { path: "src/app.ts", headContent: "export {}" },
    ]);
    expect(dependencies).toEqual([]);
    expect(notes.map((n) => n.split(":")[0])).toEqual([
      "package.json",
      "pom.xml",
      "Cargo.toml",
      "pyproject.toml",
      "go.mod",
      "pnpm-lock.yaml",
      "yarn.lock",
      "package-lock.json",
    ]);
    expect(notes[0]).toMatch(/^package\.json: could not parse: /);
    expect(notes[7]).toMatch(/^package-lock\.json: could not parse \(base version\): /);
  });
});

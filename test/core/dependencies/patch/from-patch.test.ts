// Manifests seen only through a patch: each ecosystem's fromPatch hook reads what each side of a
// hunk declares, and the two sides compared give what the patch adds, updates and removes.
import { describe, expect, it } from "vitest";
import { dependenciesFromPatch, patchFragments } from "../../../../src/core/dependencies/from-patch.js";
import { moduleFor } from "../../../../src/core/dependencies/ecosystems/index.js";
import { diffDependencies } from "../../../../src/core/dependencies/index.js";
import { assessDependencies } from "../../../../src/core/dependencies/assess.js";
import { configSchema } from "../../../../src/core/policy/schema.js";

/** What a bare patch of `path` changes: [change, name, version, line?, dev?] rows. */
function changes(path: string, patch: string) {
  const mod = moduleFor(path)!;
  const patchDeps = dependenciesFromPatch(mod, path, patch);
  if (!patchDeps) return undefined;
  return diffDependencies([{ path, patchDeps }]).dependencies.map((d) => [d.change, d.name, d.version, d.line]);
}

function guessed(path: string, patch: string): string[] {
  // Context lines are on both sides: only what the patch adds.
  const deps = dependenciesFromPatch(moduleFor(path)!, path, patch)!;
  const before = new Set(deps.base.map((d) => d.name));
  return deps.head.filter((d) => d.guessed && !before.has(d.name)).map((d) => d.name);
}

describe("patchFragments", () => {
  it("splits each hunk into its base and head side, with line numbers and git's header", () => {
    const { base, head } = patchFragments("@@ -2,3 +2,3 @@ require (\n a\n-b\n+c\n d\n");
    expect(base).toEqual([
      {
        header: "require (",
        lines: [
          { text: "a", line: 2 },
          { text: "b", line: 3 },
          { text: "d", line: 4 },
        ],
      },
    ]);
    expect(head[0]!.lines).toEqual([
      { text: "a", line: 2 },
      { text: "c", line: 3 },
      { text: "d", line: 4 },
    ]);
  });
});

describe("package.json", () => {
  it("entries of a section the hunk shows: added, updated, removed; context unchanged", () => {
    const patch = `@@ -5,8 +5,8 @@
   "dependencies": {
-    "express": "^4.18.0",
-    "moment": "^2.29.0",
+    "express": "^4.19.2",
+    "loadsh": "^4.17.21",
     "zod": "^3.23.8"
   },
   "devDependencies": {
+    "vitest": "^2.0.0",
     "typescript": "^5.4.0"
`;
    expect(changes("package.json", patch)).toEqual([
      ["updated", "express", "^4.19.2", 6],
      ["added", "loadsh", "^4.17.21", 7],
      ["added", "vitest", "^2.0.0", 11],
      ["removed", "moment", "^2.29.0", undefined],
    ]);
    expect(guessed("package.json", patch)).toEqual([]);
  });

  it("a section opened above the hunk: name-and-range entries count, marked as guessed", () => {
    const patch = `@@ -20,3 +20,4 @@
     "lodash": "^4.17.21",
+    "reqeusts": "^1.0.0",
     "zod": "^3.23.8"
   },
`;
    expect(changes("package.json", patch)).toEqual([["added", "reqeusts", "^1.0.0", 21]]);
    expect(guessed("package.json", patch)).toEqual(["reqeusts"]);
  });

  it("never takes scripts, engines, the package's own version or overrides for dependencies", () => {
    const patch = `@@ -1,12 +1,16 @@
   "name": "app",
-  "version": "1.0.0",
+  "version": "1.1.0",
   "scripts": {
+    "lint": "biome check ."
   },
   "engines": {
+    "node": ">=20"
   },
   "overrides": {
+    "semver": "^7.5.2"
   },
+  "private": true,
   "main": "index.js"
`;
    expect(changes("package.json", patch)).toEqual([]);
  });

  it("after the block the hunk started in closes, entries are outside any section", () => {
    const patch = `@@ -8,4 +8,5 @@
     "zod": "^3.23.8"
   },
+  "packageManager": "pnpm@9.0.0",
+  "version": "2.0.0",
   "license": "MIT"
`;
    expect(changes("package.json", patch)).toEqual([]);
  });

  it("lockfiles are not read from a patch", () => {
    expect(
      dependenciesFromPatch(moduleFor("package-lock.json")!, "package-lock.json", "@@ -1 +1 @@\n-a\n+b\n"),
    ).toBeUndefined();
  });
});

describe("pyproject.toml", () => {
  it("[project] dependencies, optional dependencies, dependency groups and Poetry tables", () => {
    const patch = `@@ -1,20 +1,24 @@
 [project]
 name = "app"
 keywords = ["security", "lint"]
 dependencies = [
     "requests>=2.31",
+    "reqeusts",
+    "flask==3.0.3",
 ]
 [project.optional-dependencies]
+test = ["pytest>=8"]
 [dependency-groups]
 dev = [
+    "ruff",
 ]
 [tool.poetry.dependencies]
 python = "^3.11"
+numpyy = "^1.26"
+pandas = { version = "^2.2", optional = true }
 [tool.poetry.group.dev.dependencies]
+mypy = "^1.10"
`;
    expect(changes("pyproject.toml", patch)).toEqual([
      ["added", "reqeusts", "*", 6],
      ["added", "flask", "3.0.3", 7],
      ["added", "pytest", ">=8", 10],
      ["added", "ruff", "*", 13],
      ["added", "numpyy", "^1.26", 17],
      ["added", "pandas", "^2.2", 18],
      ["added", "mypy", "^1.10", 20],
    ]);
  });

  it("an array opened above the hunk: git's header names it, else only specified requirements count", () => {
    const inDeps = `@@ -10,3 +10,4 @@ dependencies = [
     "requests>=2.31",
+    "reqeusts",
 ]
`;
    expect(changes("pyproject.toml", inDeps)).toEqual([["added", "reqeusts", "*", 11]]);
    const unknown = `@@ -10,3 +10,5 @@
     "security",
+    "lint",
+    "djanga>=4.2",
 ]
`;
    expect(changes("pyproject.toml", unknown)).toEqual([["added", "djanga", ">=4.2", 12]]);
    expect(guessed("pyproject.toml", unknown)).toEqual(["djanga"]);
  });

  it("never takes classifiers, keywords or other tables' keys for requirements", () => {
    const patch = `@@ -1,6 +1,9 @@
 [project]
+version = "1.2.0"
+classifiers = ["License :: OSI Approved :: MIT License"]
 [tool.ruff]
+line-length = 100
+select = ["E", "F"]
 [build-system]
 requires = ["hatchling"]
`;
    expect(changes("pyproject.toml", patch)).toEqual([]);
  });

  it("requirements files stay line-based and poetry.lock is not read from a patch", () => {
    expect(moduleFor("requirements.txt")!.lineBased!("requirements.txt")).toBe(true);
    expect(dependenciesFromPatch(moduleFor("poetry.lock")!, "poetry.lock", "@@ -1 +1 @@\n-a\n+b\n")).toBeUndefined();
  });
});

describe("go.mod", () => {
  it("a require block named by git's header, single require lines, // indirect", () => {
    const patch = `@@ -5,5 +5,7 @@ require (
 \tgithub.com/google/uuid v1.6.0
-\tgolang.org/x/net v0.24.0
+\tgolang.org/x/net v0.25.0
+\tgithub.com/acme/jsonx v1.2.0
+\tgithub.com/pkg/errors v0.9.1 // indirect
 )
+require github.com/sirupsen/logrus v1.9.3
`;
    const mod = moduleFor("go.mod")!;
    const deps = dependenciesFromPatch(mod, "go.mod", patch)!;
    expect(deps.head.find((d) => d.name === "github.com/pkg/errors")).toMatchObject({ direct: false });
    expect(changes("go.mod", patch)).toEqual([
      ["updated", "golang.org/x/net", "v0.25.0", 6],
      ["added", "github.com/acme/jsonx", "v1.2.0", 7],
      ["added", "github.com/pkg/errors", "v0.9.1", 8],
      ["added", "github.com/sirupsen/logrus", "v1.9.3", 10],
    ]);
  });

  it("replace and exclude blocks are not requirements; without a header a path-version line is guessed", () => {
    const replace = `@@ -12,3 +12,4 @@ replace (
 \texample.com/a => ../a
+\texample.com/b v1.0.0 => example.com/c v1.1.0
 )
`;
    expect(changes("go.mod", replace)).toEqual([]);
    const bare = `@@ -12,2 +12,3 @@
 \tgithub.com/google/uuid v1.6.0
+\tgithub.com/acme/jsonx v1.2.0
`;
    expect(changes("go.mod", bare)).toEqual([["added", "github.com/acme/jsonx", "v1.2.0", 13]]);
    expect(guessed("go.mod", bare)).toEqual(["github.com/acme/jsonx"]);
  });
});

describe("pom.xml", () => {
  it("<dependency> elements: added, version updated (the hunk starts inside one), exclusions and plugins ignored", () => {
    const patch = `@@ -20,22 +20,33 @@
       <groupId>org.slf4j</groupId>
       <artifactId>slf4j-api</artifactId>
-      <version>2.0.12</version>
+      <version>2.0.13</version>
     </dependency>
+    <dependency>
+      <groupId>com.fasterxml.jackson.core</groupId>
+      <artifactId>jackson-databind</artifactId>
+      <version>\${jackson.version}</version>
+      <scope>test</scope>
+      <exclusions>
+        <exclusion>
+          <groupId>org.evil</groupId>
+          <artifactId>evil</artifactId>
+        </exclusion>
+      </exclusions>
+    </dependency>
   </dependencies>
   <build>
     <plugins>
       <plugin>
+        <groupId>org.apache.maven.plugins</groupId>
+        <artifactId>maven-shade-plugin</artifactId>
       </plugin>
`;
    expect(changes("pom.xml", patch)).toEqual([
      ["updated", "org.slf4j:slf4j-api", "2.0.13", 21],
      ["added", "com.fasterxml.jackson.core:jackson-databind", "${jackson.version}", 26],
    ]);
    const deps = dependenciesFromPatch(moduleFor("pom.xml")!, "pom.xml", patch)!;
    expect(deps.head.find((d) => d.name.includes("jackson"))).toMatchObject({ dev: true });
  });

  it("the parent's groupId and artifactId are not a dependency", () => {
    const patch = `@@ -3,4 +3,4 @@
   <parent>
     <groupId>org.springframework.boot</groupId>
-    <artifactId>spring-boot-starter-parent</artifactId>
+    <artifactId>spring-boot-starter-parnet</artifactId>
   </parent>
`;
    expect(changes("pom.xml", patch)).toEqual([]);
  });
});

describe("Cargo.toml", () => {
  it("dependency tables, inline tables, renames, [dependencies.<name>] tables and dev-dependencies", () => {
    const patch = `@@ -1,12 +1,20 @@
 [package]
 name = "app"
-version = "0.1.0"
+version = "0.2.0"
 edition = "2021"
 [dependencies]
-serde = "1.0.197"
+serde = "1.0.200"
+serde_jsonn = "1.0"
+tokio = { version = "1.37", features = ["full"] }
+rng = { package = "rand", version = "0.8" }
+local = { path = "../local" }
+[dependencies.reqwest]
+version = "0.12"
+features = ["json"]
 [dev-dependencies]
+criterion = "0.5"
 [profile.release]
+lto = "fat"
`;
    expect(changes("Cargo.toml", patch)).toEqual([
      ["updated", "serde", "1.0.200", 6],
      ["added", "serde_jsonn", "1.0", 7],
      ["added", "tokio", "1.37", 8],
      ["added", "rand", "0.8", 9],
      ["added", "local", "path:../local", 10],
      ["added", "reqwest", "0.12", 11],
      ["added", "criterion", "0.5", 15],
    ]);
    expect(guessed("Cargo.toml", patch)).toEqual([]);
  });

  it("keys above the hunk's first table: only crate-like ones, never [package] keys", () => {
    const patch = `@@ -8,3 +8,6 @@
 serde = "1"
+serde_jsonn = "1.0"
+edition = "2021"
+opt-level = 3
 anyhow = "1"
`;
    expect(changes("Cargo.toml", patch)).toEqual([["added", "serde_jsonn", "1.0", 9]]);
    expect(guessed("Cargo.toml", patch)).toEqual(["serde_jsonn"]);
  });
});

describe("assess (a bare diff)", () => {
  it("a modified manifest with no contents is read from its patch, checked and noted", () => {
    const patch = `@@ -1,4 +1,5 @@
 {
   "dependencies": {
+    "loadsh": "^4.17.21",
     "zod": "^3.23.8"
   }
`;
    const config = configSchema.parse({}).dependencies;
    const r = assessDependencies([{ path: "package.json", status: "modified", additions: 1, deletions: 0, patch }], {
      config,
    });
    expect(r.dependencies).toMatchObject([{ name: "loadsh", change: "added", fromPatch: true, line: 3 }]);
    expect(r.dependencies[0]!.risks.map((k) => k.kind)).toEqual(["typosquat"]);
    expect(r.notes[0]).toMatch(/^package\.json: dependencies compared from the patch alone/);
  });
});

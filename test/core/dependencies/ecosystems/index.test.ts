// The ecosystem list: every module complete, ids and aliases unique, and the lookups the rest of aiguard asks.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  allAliases,
  comparableName,
  ECOSYSTEM_IDS,
  ecosystemByAlias,
  ecosystemById,
  ecosystems,
  exactVersionOf,
  isLocalSpec,
  moduleFor,
  TYPOSQUAT_ECOSYSTEM,
} from "../../../../src/core/dependencies/ecosystems/index.js";

const nonEmpty = (s: unknown) => typeof s === "string" && s.trim() !== "";

describe("every ecosystem module", () => {
  it.each(ecosystems.map((m) => [m.id, m] as const))("%s has every field filled", (_id, m) => {
    expect(nonEmpty(m.id)).toBe(true);
    for (const kind of ["config", "registry", "github"] as const) {
      expect(m.aliases[kind].length, kind).toBeGreaterThan(0);
      for (const a of m.aliases[kind]) expect(a, kind).toBe(a.toLowerCase());
    }
    expect(m.aliases.env).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(m.aliases.purl).toMatch(/^[a-z0-9.+-]+$/);
    for (const fn of [m.matches, m.isLockfile, m.extract, m.canonicalName, m.packagePage])
      expect(fn).toBeTypeOf("function");
    expect(m.caseInsensitive).toBeTypeOf("boolean");
    expect(nonEmpty(m.osv.ecosystem)).toBe(true);
    // An empty list is allowed: no analyser reads Rust yet.
    expect(Array.isArray(m.imports.languages)).toBe(true);
    expect(nonEmpty(m.typosquat.list)).toBe(true);
    expect(Array.isArray(m.typosquat.affixes.prefixes) && Array.isArray(m.typosquat.affixes.suffixes)).toBe(true);
    const list = fileURLToPath(m.typosquat.popular);
    expect(existsSync(list), list).toBe(true);
    expect((JSON.parse(readFileSync(list, "utf8")) as unknown[]).length).toBeGreaterThan(100);
  });

  it("have unique ids, typosquat lists, env names and aliases of each kind", () => {
    const unique = (xs: readonly string[]) => expect(new Set(xs).size, xs.join(", ")).toBe(xs.length);
    unique(ECOSYSTEM_IDS);
    unique(ecosystems.map((m) => m.typosquat.list));
    unique(ecosystems.map((m) => m.aliases.env));
    unique(allAliases("config"));
    unique(allAliases("registry"));
    unique(allAliases("github"));
  });

  it("keep the ids the review prints, in order", () => {
    expect(ECOSYSTEM_IDS).toEqual(["npm", "PyPI", "Go", "Maven", "crates.io"]);
    expect(TYPOSQUAT_ECOSYSTEM).toEqual({ npm: "npm", PyPI: "pypi", Go: "go", Maven: "maven", "crates.io": "cargo" });
  });

  it("each give a canonical name that is stable (canonical of canonical is itself)", () => {
    const samples = ["Foo_Bar", "foo-bar.baz", "serde_json", "github.com/A/b/v2", "org.Example:Thing"];
    for (const m of ecosystems)
      for (const s of samples) expect(m.canonicalName(m.canonicalName(s))).toBe(m.canonicalName(s));
  });
});

describe("lookups", () => {
  it("by id", () => {
    expect(ecosystemById("crates.io")?.typosquat.list).toBe("cargo");
    expect(ecosystemById("cargo")).toBeUndefined();
    expect(ecosystemById("toString")).toBeUndefined();
  });

  it("by alias, case-insensitively, each kind on its own", () => {
    expect(ecosystemByAlias("config", "Python")?.id).toBe("PyPI");
    expect(ecosystemByAlias("config", "rust")?.id).toBe("crates.io");
    expect(ecosystemByAlias("registry", "goproxy")?.id).toBe("Go");
    expect(ecosystemByAlias("registry", "python")).toBeUndefined();
    expect(ecosystemByAlias("github", "golang")?.id).toBe("Go");
    expect(ecosystemByAlias("github", "pip")?.id).toBe("PyPI");
    expect(ecosystemByAlias("github", "nuget")).toBeUndefined();
    expect(allAliases("registry")).toEqual(["npm", "pypi", "go", "goproxy", "maven", "crates", "crates.io", "cargo"]);
  });

  it("by path", () => {
    expect(moduleFor("api/Cargo.toml")?.id).toBe("crates.io");
    expect(moduleFor("requirements/dev.txt")?.id).toBe("PyPI");
    expect(moduleFor("node_modules/x/package.json")).toBeUndefined();
    expect(moduleFor("README.md")).toBeUndefined();
  });
});

describe("what each ecosystem knows", () => {
  it("compares names as its registry does", () => {
    expect(comparableName("PyPI", "Python_Date.Util")).toBe("python-date-util");
    expect(comparableName("crates.io", "Serde-JSON")).toBe(comparableName("crates.io", "serde_json"));
    expect(comparableName("npm", "JSONStream")).toBe("JSONStream");
    expect(comparableName("Go", "github.com/A/b/v2")).toBe("github.com/A/b/v2");
    expect(comparableName("NuGet", "Foo_Bar")).toBe("Foo_Bar");
  });

  it("knows local specs", () => {
    expect(isLocalSpec("npm", "workspace:*")).toBe(true);
    expect(isLocalSpec("npm", "^1.0.0")).toBe(false);
    expect(isLocalSpec("Go", "v0.0.0 => ../lib")).toBe(true);
    expect(isLocalSpec("PyPI", "file:../lib")).toBe(false);
  });

  it("finds the exact version advisories are asked about", () => {
    expect(exactVersionOf("npm", "1.2.3")).toBe("1.2.3");
    expect(exactVersionOf("npm", "^1.2.3")).toBeNull();
    expect(exactVersionOf("PyPI", "==2.31.0")).toBe("2.31.0");
    expect(exactVersionOf("crates.io", "v1.0.0-beta.1")).toBe("1.0.0-beta.1");
    // go.mod pins versions as written; OSV's form without the v is made when asking it.
    expect(exactVersionOf("Go", "v1.6.0")).toBe("v1.6.0");
    expect(ecosystemById("Go")?.osv.version?.("v1.6.0")).toBe("1.6.0");
  });

  it("links the package page", () => {
    const page = (id: string, name: string) => ecosystemById(id)?.packagePage(name);
    expect(page("npm", "@acme/x")).toBe("https://www.npmjs.com/package/@acme/x");
    expect(page("PyPI", "a b")).toBe("https://pypi.org/project/a%20b/");
    expect(page("Go", "golang.org/x/net")).toBe("https://pkg.go.dev/golang.org/x/net");
    expect(page("Maven", "org.acme:thing")).toBe("https://central.sonatype.com/artifact/org.acme/thing");
    expect(page("Maven", "no-group")).toBeUndefined();
    expect(page("crates.io", "serde")).toBe("https://crates.io/crates/serde");
  });

  it("names the module an import names", () => {
    const maven = ecosystemById("Maven")!;
    expect(maven.imports.module?.("com.stripe:stripe-java")).toBe("com.stripe");
    expect(ecosystemById("npm")!.imports.languages).toContain("typescript");
  });
});

// Name patterns of the dependencies config.
import { describe, expect, it } from "vitest";
import { canonicalGlob, matcherFor, privateMatcher } from "../../../src/core/dependencies/matchers.js";
import { configSchema } from "../../../src/core/policy/schema.js";

describe("matcherFor", () => {
  it("matches globs on names as the registry compares them", () => {
    const m = matcherFor("Django_*");
    expect(m.test("PyPI", "django-rest")).toBe(true);
    expect(m.test("npm", "django-rest")).toBe(false);
    expect(matcherFor("@acme/*").test("npm", "@acme/ui")).toBe(true);
  });

  it("an entry with an ecosystem matches only there, and keeps its reason", () => {
    const m = matcherFor({ name: "requests", ecosystem: "PyPI", reason: "vetted" });
    expect(m.test("PyPI", "requests")).toBe(true);
    expect(m.test("npm", "requests")).toBe(false);
    expect(m.reason).toBe("vetted");
  });
});

describe("canonicalGlob", () => {
  it("puts a glob in the ecosystem's name form, keeping a bracket range a range", () => {
    expect(canonicalGlob("crates.io", "Serde-[a-z]*")).toBe("serde_[a-z]*");
    expect(canonicalGlob("crates.io", "tokio[-_]util")).toBe("tokio[__]util");
    expect(canonicalGlob("PyPI", "Zope.[A-C]*")).toBe("zope-[a-c]*");
    expect(canonicalGlob("npm", "@Acme/[a-z]*")).toBe("@Acme/[a-z]*");
  });

  it("matches crates.io names whatever their separator, with ranges intact", () => {
    const m = matcherFor({ name: "serde-[a-j]*", ecosystem: "crates.io" });
    expect(m.test("crates.io", "serde_json")).toBe(true);
    expect(m.test("crates.io", "Serde-Derive")).toBe(true);
    expect(m.test("crates.io", "serde-yaml")).toBe(false);
    expect(matcherFor("tokio[-_]util").test("crates.io", "tokio-util")).toBe(true);
  });
});

describe("privateMatcher", () => {
  it("matches any dependencies.private entry", () => {
    const isPrivate = privateMatcher(
      configSchema.parse({ dependencies: { private: ["@acme/*", "internal-*"] } }).dependencies,
    );
    expect(isPrivate("npm", "@acme/ui")).toBe(true);
    expect(isPrivate("PyPI", "internal-tools")).toBe(true);
    expect(isPrivate("npm", "react")).toBe(false);
  });
});

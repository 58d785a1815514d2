// Name patterns of the dependencies config.
import { describe, expect, it } from "vitest";
import { matcherFor, privateMatcher } from "../../../src/core/dependencies/matchers.js";
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

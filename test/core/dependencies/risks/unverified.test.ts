// unverified: a package the change adds that no registry vouched for.
import { describe, expect, it } from "vitest";
import { factKey } from "../../../../src/core/dependencies/facts.js";
import { riskContext } from "../../../../src/core/dependencies/risks/context.js";
import { unverified } from "../../../../src/core/dependencies/risks/unverified.js";
import { context, dep, depsConfig, NOW } from "./helpers.js";

function unanswered(why: string, config: Record<string, unknown> = {}) {
  const d = dep();
  const facts = {
    now: NOW,
    packages: {},
    advisories: {},
    notes: [],
    unverified: { [factKey(d.ecosystem, d.name, d.version)]: why },
  };
  return riskContext(depsConfig(config), facts, Date.parse(NOW)).context;
}

describe("unverified", () => {
  it("a new direct package the registry could not be asked about", () => {
    const [r] = unverified(dep(), unanswered("its registry could not be asked (ECONNREFUSED)"));
    expect(r).toMatchObject({ kind: "unverified", severity: "medium" });
    expect(r?.detail).toBe(
      "not verified: its registry could not be asked (ECONNREFUSED); whether the package exists (or is a hallucinated name) was not checked (dependencies.unverified: neutral)",
    );
    expect(unverified(dep(), unanswered("x", { severity: { unverified: "high" } }))[0]?.severity).toBe("high");
  });

  it("not for an answered, updated, transitive, private or local dependency", () => {
    const ctx = unanswered("down");
    expect(unverified(dep(), context({ pkg: { exists: true } }))).toEqual([]);
    expect(unverified(dep({ change: "updated" }), ctx)).toEqual([]);
    expect(unverified(dep({ direct: false }), ctx)).toEqual([]);
    expect(unverified(dep(), unanswered("down", { private: ["left-pad"] }))).toEqual([]);
    expect(unverified(dep({ version: "file:../left-pad" }), ctx)).toEqual([]);
    // Facts that do not list it as unverified: asked and nothing to say, or never meant to be asked.
    expect(unverified(dep(), context())).toEqual([]);
  });

  it("every look-up failing leaves every new package unverified", () => {
    const d = dep();
    const facts = { now: NOW, packages: {}, advisories: {}, notes: [], allUnverified: "the look-ups failed (boom)" };
    const ctx = riskContext(depsConfig(), facts, Date.parse(NOW)).context;
    expect(unverified(d, ctx)[0]?.detail).toContain("not verified: the look-ups failed (boom)");
  });

  it("offline by choice counts only when the policy says failure", () => {
    expect(unverified(dep(), context({ offline: true }))).toEqual([]);
    const strict = context({ offline: true, config: { unverified: "failure" } });
    expect(unverified(dep(), strict)[0]?.detail).toContain("not verified: registries were not asked (offline)");
    expect(unverified(dep({ version: "git+https://example.com/x.git" }), strict)).toEqual([]);
    const noLookups = context({ offline: true, config: { unverified: "failure", lookups: false } });
    expect(unverified(dep(), noLookups)[0]?.detail).toContain("(dependencies.lookups: false)");
  });
});

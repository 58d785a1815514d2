// The context every risk check reads: config notes, severities, ages and fact look-ups.
import { describe, expect, it } from "vitest";
import {
  advisoriesOf,
  ageDays,
  DEFAULT_RISK_SEVERITY,
  packageFacts,
  riskContext,
  severity,
} from "../../../../src/core/dependencies/risks/context.js";
import { context, daysBefore, dep, depsConfig, NOW } from "./helpers.js";

describe("risk context", () => {
  it("notes invalid licence ids first, then expired ignores", () => {
    const cfg = depsConfig({
      licenses: { allow: ["MIT", "Not A Licence"] },
      ignore: [{ name: "x", reason: "r", until: "2020-01-01" }],
    });
    const { context: ctx, notes } = riskContext(cfg, undefined, Date.parse(NOW));
    expect(notes).toEqual([
      'dependencies.licenses: "Not A Licence" is not an SPDX licence id; it is ignored',
      "dependencies.ignore for x expired on 2020-01-01; its risks are reported again",
    ]);
    expect(ctx.licenses).toEqual({ allow: ["MIT"], deny: [] });
    expect(ctx.ignores).toEqual([]);
  });

  it("severity: the configured one, else the default", () => {
    expect(severity(context(), "nonexistent")).toBe(DEFAULT_RISK_SEVERITY.nonexistent);
    expect(severity(context({ config: { severity: { nonexistent: "low" } } }), "nonexistent")).toBe("low");
  });

  it("ageDays measures against the review time, null when the time is missing or unreadable", () => {
    expect(ageDays(Date.parse(NOW), daysBefore(2))).toBe(2);
    expect(ageDays(Date.parse(NOW), undefined)).toBeNull();
    expect(ageDays(Date.parse(NOW), "not a date")).toBeNull();
  });

  it("finds the facts and advisories of a dependency by its declared version", () => {
    const ctx = context({ pkg: { exists: true }, advisories: [] });
    expect(packageFacts(dep(), ctx)).toEqual({ exists: true });
    expect(packageFacts(dep({ version: "2.0.0" }), ctx)).toBeUndefined();
    expect(advisoriesOf(dep({ version: "2.0.0" }), ctx)).toEqual([]);
  });
});

// dependencies.deny and dependencies.allow checks.
import { describe, expect, it } from "vitest";
import { denied, notApproved } from "../../../../src/core/dependencies/risks/allow-deny.js";
import { context, dep } from "./helpers.js";

describe("denied check", () => {
  it("flags a denied name with the entry's reason, added or updated", () => {
    const ctx = context({ config: { deny: [{ name: "left-*", reason: "use String.padStart" }] } });
    expect(denied(dep(), ctx)).toEqual([
      { kind: "denied", severity: "high", detail: "on dependencies.deny: use String.padStart" },
    ]);
    expect(denied(dep({ change: "updated", direct: false }), ctx)).toHaveLength(1);
  });

  it("names the list alone without a reason, and respects the entry's ecosystem", () => {
    expect(denied(dep(), context({ config: { deny: ["left-pad"] } }))[0]?.detail).toBe("on dependencies.deny");
    expect(denied(dep(), context({ config: { deny: [{ name: "left-pad", ecosystem: "PyPI" }] } }))).toEqual([]);
  });

  it("takes its severity from the config", () => {
    const ctx = context({ config: { deny: ["left-pad"], severity: { denied: "critical" } } });
    expect(denied(dep(), ctx)[0]?.severity).toBe("critical");
  });
});

describe("not-approved check", () => {
  it("flags a new direct dependency missing from the allow list", () => {
    expect(notApproved(dep(), context({ config: { allow: ["react"] } }))).toEqual([
      { kind: "not-approved", severity: "medium", detail: "not on dependencies.allow (approved libraries)" },
    ]);
  });

  it("is silent without an allow list, for allowed, transitive, updated or denied ones", () => {
    expect(notApproved(dep(), context())).toEqual([]);
    expect(notApproved(dep(), context({ config: { allow: ["left-*"] } }))).toEqual([]);
    expect(notApproved(dep({ direct: false }), context({ config: { allow: ["react"] } }))).toEqual([]);
    expect(notApproved(dep({ change: "updated" }), context({ config: { allow: ["react"] } }))).toEqual([]);
    expect(notApproved(dep(), context({ config: { allow: ["react"], deny: ["left-pad"] } }))).toEqual([]);
  });
});

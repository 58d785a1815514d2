// The table of risk checks: its order is the order of the risks before the worst-first sort.
import { describe, expect, it } from "vitest";
import { judgeRisks, RISK_CHECKS } from "../../../../src/core/dependencies/risks/index.js";
import { context, daysBefore, dep } from "./helpers.js";

describe("risk checks table", () => {
  it("lists each check once", () => {
    expect(new Set(RISK_CHECKS).size).toBe(RISK_CHECKS.length);
    expect(RISK_CHECKS.map((c) => c.name)).toEqual([
      "declared",
      "typosquat",
      "denied",
      "notApproved",
      "nonexistent",
      "unverified",
      "newPackage",
      "newVersion",
      "installScript",
      "unknownVersion",
      "malicious",
      "deprecated",
      "license",
      "vulnerability",
    ]);
  });

  it("judgeRisks sorts worst first, keeping the table order among equals, then applies ignores", () => {
    const d = dep({ name: "loadsh" });
    const ctx = context({
      d,
      config: {
        deny: ["loadsh"],
        severity: { "new-package": "high", deprecated: "high" },
        ignore: [{ name: "loadsh", reason: "known", risks: ["new-version"] }],
      },
      pkg: { exists: true, created: daysBefore(1), versionPublished: daysBefore(1), deprecated: "gone" },
      advisories: [{ id: "GHSA-1", summary: "bad", severity: "critical", url: "u" }],
    });
    const { risks, ignored } = judgeRisks(d, ctx);
    expect(risks.map((r) => `${r.kind}:${r.severity}`)).toEqual([
      "vulnerability:critical",
      "typosquat:high",
      "denied:high",
      "new-package:high",
      "deprecated:high",
    ]);
    expect(ignored.map((r) => r.kind)).toEqual(["new-version"]);
  });
});

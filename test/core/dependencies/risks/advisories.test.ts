// The vulnerability check: one risk per advisory, at its own severity unless configured.
import { describe, expect, it } from "vitest";
import { vulnerability } from "../../../../src/core/dependencies/risks/advisories.js";
import { context, dep } from "./helpers.js";

const GHSA = {
  id: "GHSA-aaaa-bbbb-cccc",
  summary: "Prototype pollution",
  severity: "critical" as const,
  url: "https://osv.dev/GHSA-aaaa-bbbb-cccc",
};

describe("vulnerability check", () => {
  it("lists each advisory in order, with its severity or the default", () => {
    const ctx = context({ advisories: [GHSA, { id: "CVE-2020-1", summary: "", url: "https://osv.dev/CVE-2020-1" }] });
    expect(vulnerability(dep(), ctx)).toEqual([
      {
        kind: "vulnerability",
        severity: "critical",
        detail: "GHSA-aaaa-bbbb-cccc: Prototype pollution",
        url: GHSA.url,
      },
      { kind: "vulnerability", severity: "high", detail: "CVE-2020-1", url: "https://osv.dev/CVE-2020-1" },
    ]);
  });

  it("a configured severity applies to every advisory; details are cut at 300 characters", () => {
    const long = { ...GHSA, summary: "x".repeat(400) };
    const [r] = vulnerability(dep(), context({ advisories: [long], config: { severity: { vulnerability: "low" } } }));
    expect(r?.severity).toBe("low");
    expect(r?.detail).toHaveLength(300);
  });

  it("nothing when advisories were not checked", () => {
    expect(vulnerability(dep(), context())).toEqual([]);
    expect(vulnerability(dep(), context({ offline: true }))).toEqual([]);
  });
});

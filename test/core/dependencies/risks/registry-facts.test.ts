// Checks over what a registry said: nonexistent, new package and version, install script,
// unknown version, malicious and deprecated.
import { describe, expect, it } from "vitest";
import {
  deprecated,
  installScript,
  malicious,
  newPackage,
  newVersion,
  nonexistent,
  unknownVersion,
} from "../../../../src/core/dependencies/risks/registry-facts.js";
import { context, daysBefore, dep } from "./helpers.js";

const URL = "https://www.npmjs.com/package/left-pad";

describe("registry fact checks", () => {
  it("judge nothing when the registry was not asked or did not answer", () => {
    for (const check of [nonexistent, newPackage, newVersion, installScript, unknownVersion, malicious, deprecated]) {
      expect(check(dep(), context({ offline: true }))).toEqual([]);
      expect(check(dep(), context())).toEqual([]);
    }
  });

  it("nonexistent: a new dependency the registry does not have", () => {
    const ctx = context({ pkg: { exists: false, url: URL } });
    const [r] = nonexistent(dep(), ctx);
    expect(r).toMatchObject({ kind: "nonexistent", severity: "critical", url: URL });
    expect(r?.detail).toContain("hallucinated name");
    expect(nonexistent(dep({ change: "updated" }), ctx)).toEqual([]);
    expect(newVersion(dep(), ctx)).toEqual([]);
  });

  it("new-package: first published within min-age-days, for new dependencies only", () => {
    const ctx = context({ pkg: { exists: true, created: daysBefore(3.5), url: URL } });
    expect(newPackage(dep(), ctx)).toEqual([
      {
        kind: "new-package",
        severity: "medium",
        detail: "first published 3 days ago (policy: at least 30)",
        url: URL,
      },
    ]);
    expect(newPackage(dep({ change: "updated" }), ctx)).toEqual([]);
    expect(newPackage(dep(), context({ pkg: { exists: true, created: daysBefore(31) } }))).toEqual([]);
  });

  it("new-version: the chosen version is younger than min-version-age-days", () => {
    const ctx = context({ pkg: { exists: true, version: "1.3.1", versionPublished: daysBefore(1) } });
    expect(newVersion(dep({ change: "updated" }), ctx)).toEqual([
      {
        kind: "new-version",
        severity: "low",
        detail: "version 1.3.1 was published 1 days ago (policy: at least 3)",
        url: undefined,
      },
    ]);
    expect(newVersion(dep(), context({ pkg: { exists: true, versionPublished: daysBefore(10) } }))).toEqual([]);
  });

  it("no age is judged without a review time", () => {
    const ctx = context({ now: "", pkg: { exists: true, created: daysBefore(1), versionPublished: daysBefore(1) } });
    expect(newPackage(dep(), ctx)).toEqual([]);
    expect(newVersion(dep(), ctx)).toEqual([]);
  });

  it("install-script: new packages only, and not twice when the lockfile said so", () => {
    const ctx = context({ pkg: { exists: true, installScript: true } });
    expect(installScript(dep(), ctx)).toMatchObject([{ kind: "install-script", severity: "medium" }]);
    expect(installScript(dep({ change: "updated" }), ctx)).toEqual([]);
    const fromLock = dep({ risks: [{ kind: "install-script", severity: "medium", detail: "lockfile" }] });
    expect(installScript(fromLock, ctx)).toEqual([]);
  });

  it("unknown-version: no release matches the declared version", () => {
    const [r] = unknownVersion(dep(), context({ pkg: { exists: true, missingVersion: "9.9.9" } }));
    expect(r).toMatchObject({ kind: "unknown-version", severity: "medium" });
    expect(r?.detail).toMatch(/^no published version matches 9\.9\.9/);
  });

  it("malicious wins over deprecated; a deprecation notice that says malicious counts as malicious", () => {
    const takenDown = context({ pkg: { exists: true, malicious: "removed for malware", deprecated: "old" } });
    expect(malicious(dep(), takenDown)).toEqual([
      { kind: "malicious", severity: "critical", detail: "removed for malware", url: undefined },
    ]);
    expect(deprecated(dep(), takenDown)).toEqual([]);
    const placeholder = context({ pkg: { exists: true, deprecated: "Security placeholder package" } });
    expect(malicious(dep(), placeholder)[0]?.detail).toBe("Security placeholder package");
    expect(deprecated(dep(), placeholder)).toEqual([]);
    const old = context({
      pkg: { exists: true, deprecated: "use right-pad" },
      config: { severity: { deprecated: "medium" } },
    });
    expect(malicious(dep(), old)).toEqual([]);
    expect(deprecated(dep(), old)).toEqual([
      { kind: "deprecated", severity: "medium", detail: "use right-pad", url: undefined },
    ]);
  });
});

// The licence check: deny and allow lists of SPDX ids, unknown licences as info unless fail-on-unknown.
import { describe, expect, it } from "vitest";
import { license } from "../../../../src/core/dependencies/risks/license.js";
import { context, dep } from "./helpers.js";

describe("license check", () => {
  it("is silent without a licence policy, or without a licence from the registry", () => {
    expect(license(dep(), context({ pkg: { exists: true, license: "GPL-3.0-only" } }))).toEqual([]);
    expect(
      license(dep(), context({ config: { licenses: { deny: ["GPL-3.0-only"] } }, pkg: { exists: true } })),
    ).toEqual([]);
    expect(
      license(
        dep(),
        context({ config: { licenses: { deny: ["GPL-3.0-only"] } }, pkg: { exists: false, license: "GPL-3.0-only" } }),
      ),
    ).toEqual([]);
  });

  it("flags a denied licence and one missing from the allow list", () => {
    const deny = context({
      config: { licenses: { deny: ["GPL-3.0-only"] } },
      pkg: { exists: true, license: "GPL-3.0-only" },
    });
    expect(license(dep(), deny)).toEqual([
      {
        kind: "license",
        severity: "medium",
        detail: "licence GPL-3.0-only uses GPL-3.0-only, on dependencies.licenses.deny",
      },
    ]);
    const allow = context({ config: { licenses: { allow: ["MIT"] } }, pkg: { exists: true, license: "ISC" } });
    expect(license(dep(), allow)).toEqual([
      { kind: "license", severity: "medium", detail: "licence ISC is not on dependencies.licenses.allow" },
    ]);
    const ok = context({ config: { licenses: { allow: ["MIT"] } }, pkg: { exists: true, license: "MIT" } });
    expect(license(dep(), ok)).toEqual([]);
  });

  it("an unreadable or missing licence is info, or the licence severity under fail-on-unknown", () => {
    const unknown = context({
      config: { licenses: { allow: ["MIT"] } },
      pkg: { exists: true, license: "see LICENSE file" },
    });
    expect(license(dep(), unknown)).toEqual([
      { kind: "license", severity: "info", detail: 'licence "see LICENSE file" is not an SPDX expression' },
    ]);
    const none = context({
      config: { licenses: { allow: ["MIT"], "fail-on-unknown": true }, severity: { license: "high" } },
      pkg: { exists: true, license: null },
    });
    expect(license(dep(), none)).toEqual([
      { kind: "license", severity: "high", detail: "the registry gives no licence (fail-on-unknown)" },
    ]);
  });
});

// Risks the extractors found are carried over at their configured severity.
import { describe, expect, it } from "vitest";
import { declared } from "../../../../src/core/dependencies/risks/declared.js";
import { context, dep } from "./helpers.js";

describe("declared check", () => {
  const fromLock = dep({
    risks: [{ kind: "install-script", severity: "medium", detail: "lockfile: hasInstallScript" }],
  });

  it("keeps the extractor's risks, a configured severity replacing theirs", () => {
    expect(declared(fromLock, context())).toEqual(fromLock.risks);
    expect(declared(fromLock, context({ config: { severity: { "install-script": "high" } } }))).toEqual([
      { kind: "install-script", severity: "high", detail: "lockfile: hasInstallScript" },
    ]);
  });

  it("does not change the dependency's own list", () => {
    declared(fromLock, context({ config: { severity: { "install-script": "high" } } }));
    expect(fromLock.risks[0]?.severity).toBe("medium");
  });
});

// The typosquat check: new, public, registry-named dependencies only; severity by how the PR declares it.
import { describe, expect, it } from "vitest";
import { typosquat, typosquatSeverity } from "../../../../src/core/dependencies/risks/typosquat.js";
import { context, daysBefore, dep } from "./helpers.js";

describe("typosquat check", () => {
  const loadsh = dep({ name: "loadsh" });

  it("flags a direct look-alike of a popular package at the check's severity", () => {
    const [r, ...rest] = typosquat(loadsh, context({ d: loadsh }));
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ kind: "typosquat", severity: "high" });
    expect(r?.detail).toContain("lodash");
  });

  it("skips updates, private names, local specs and ecosystems without a list", () => {
    expect(typosquat(dep({ name: "loadsh", change: "updated" }), context())).toEqual([]);
    expect(typosquat(loadsh, context({ d: loadsh, config: { private: ["loadsh"] } }))).toEqual([]);
    expect(typosquat(dep({ name: "loadsh", version: "file:../loadsh" }), context())).toEqual([]);
    expect(typosquat(dep({ ecosystem: "RubyGems", name: "loadsh" }), context())).toEqual([]);
    expect(typosquat(dep({ name: "lodash" }), context())).toEqual([]);
  });

  it("a configured severity wins over the computed one", () => {
    const t = dep({ name: "loadsh", direct: false });
    expect(typosquat(t, context({ d: t, config: { severity: { typosquat: "critical" } } }))[0]?.severity).toBe(
      "critical",
    );
  });

  it("a transitive look-alike is judged by the age the registry gives", () => {
    const t = dep({ name: "loadsh", direct: false });
    const severityAt = (created: string) =>
      typosquat(t, context({ d: t, pkg: { exists: true, created } }))[0]?.severity;
    expect(severityAt(daysBefore(3))).toBe("high");
    expect(severityAt(daysBefore(3 * 365))).toBe("low");
    expect(severityAt(daysBefore(200))).toBe("medium");
  });

  it("typosquatSeverity keeps a direct one's severity and caps an unknown transitive one at medium", () => {
    expect(typosquatSeverity("high", true, 1, 30)).toBe("high");
    expect(typosquatSeverity("high", false, null, 30)).toBe("medium");
    expect(typosquatSeverity("low", false, null, 30)).toBe("low");
    expect(typosquatSeverity("medium", false, 10, 30)).toBe("high");
    expect(typosquatSeverity("high", false, 800, 30)).toBe("low");
  });
});

// dependencies.ignore: expiry and matching.
import { describe, expect, it } from "vitest";
import { applyIgnores, compileIgnores } from "../../../../src/core/dependencies/risks/ignores.js";
import type { DependencyRisk } from "../../../../src/core/types.js";
import { depsConfig, NOW } from "./helpers.js";

const ignoreList = (ignore: unknown[]) => depsConfig({ ignore }).ignore;
const risk = (kind: string): DependencyRisk => ({ kind, severity: "medium", detail: kind });

describe("compileIgnores", () => {
  it("drops an entry past its until date with a note, and keeps one still in force", () => {
    const { active, notes } = compileIgnores(
      ignoreList([
        { name: "old", reason: "r", until: "2025-06-14" },
        { name: "today", reason: "r", until: "2025-06-15" },
      ]),
      Date.parse(NOW),
    );
    expect(active.map((i) => i.name)).toEqual(["today"]);
    expect(notes).toEqual(["dependencies.ignore for old expired on 2025-06-14; its risks are reported again"]);
  });

  it("without a review time nothing expires", () => {
    expect(
      compileIgnores(ignoreList([{ name: "old", reason: "r", until: "2000-01-01" }]), Number.NaN).active,
    ).toHaveLength(1);
  });
});

describe("applyIgnores", () => {
  const { active } = compileIgnores(
    ignoreList([{ name: "left-*", reason: "vetted", risks: ["new-package"] }]),
    Date.parse(NOW),
  );

  it("moves the matching kinds of a matching name aside, with the reason, keeping the order", () => {
    const r = applyIgnores(
      { ecosystem: "npm", name: "left-pad" },
      [risk("typosquat"), risk("new-package"), risk("denied")],
      active,
    );
    expect(r.kept.map((k) => k.kind)).toEqual(["typosquat", "denied"]);
    expect(r.ignored).toEqual([{ ...risk("new-package"), reason: "vetted" }]);
  });

  it("leaves other names alone; an entry without risks accepts every kind", () => {
    expect(applyIgnores({ ecosystem: "npm", name: "react" }, [risk("new-package")], active).ignored).toEqual([]);
    const all = compileIgnores(ignoreList([{ name: "react", reason: "ours" }]), Date.parse(NOW)).active;
    expect(applyIgnores({ ecosystem: "npm", name: "react" }, [risk("a"), risk("b")], all).kept).toEqual([]);
  });
});

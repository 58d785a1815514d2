import { describe, expect, it } from "vitest";
import {
  formatProblem,
  mergeConfig,
  parseExtends,
  readExtends,
  resolveConfig,
} from "../../../src/core/policy/config.js";
import { defaultConfig } from "../../../src/core/policy/schema.js";

describe("resolveConfig", () => {
  it("gives the defaults for an empty file", () => {
    const r = resolveConfig([{ source: "repo:.aiguard.yml", text: "" }]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config).toEqual(defaultConfig());
  });

  it("refuses a policy file over 256 KB quickly, with its size, instead of parsing it", () => {
    const huge = `paths:\n  ignore:\n${"    - 'vendor/some/really/long/path/**'\n".repeat(300_000)}`;
    const started = performance.now();
    const r = resolveConfig([{ source: "repo:.aiguard.yml", text: huge }]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(formatProblem(r.errors[0]!)).toMatch(
        /^repo:\.aiguard\.yml:1:1: the file is \d+ KB; a policy file may be at most 256 KB$/,
      );
    expect(readExtends(`_extends: other\n${"# pad\n".repeat(60_000)}`)).toBeUndefined();
    expect(readExtends("_extends: other\n")).toBe("other");
  });

  it("caps glob lists and glob length, with the key that went over", () => {
    const many = `paths:\n  ignore:\n${Array.from({ length: 1001 }, (_, i) => `    - "g${i}/**"\n`).join("")}`;
    const r = resolveConfig([{ source: ".aiguard.yml", text: many }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ path: "paths.ignore", line: 3 });
    const long = resolveConfig([{ source: ".aiguard.yml", text: `dependencies:\n  deny: ["${"a".repeat(1001)}*"]\n` }]);
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.errors[0]).toMatchObject({ path: "dependencies.deny.0" });
    const fine = resolveConfig([{ source: ".aiguard.yml", text: `paths:\n  ignore: ["vendor/**", "dist/**"]\n` }]);
    expect(fine.ok).toBe(true);
  });

  it("locates a type error at its line and column", () => {
    const r = resolveConfig([{ source: ".aiguard.yml", text: "drafts: review\nlimits:\n  maxFiles: lots\n" }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatchObject({ path: "limits.maxFiles", line: 3, column: 13 });
      expect(formatProblem(r.errors[0]!)).toMatch(/^\.aiguard\.yml:3:13 \(limits\.maxFiles\): .*number/);
    }
  });

  it("reports an invalid enum value with the allowed values", () => {
    const r = resolveConfig([{ source: ".aiguard.yml", text: "drafts: sometimes\n" }]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/neutral|review/);
  });

  it("locates YAML syntax errors", () => {
    const r = resolveConfig([{ source: ".aiguard.yml", text: "paths:\n  ignore: [a, b\n" }]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]?.message).toMatch(/YAML syntax error/);
      expect(r.errors[0]?.line).toBeGreaterThanOrEqual(2);
    }
  });

  it("treats unknown keys as warnings, not failures, and drops them", () => {
    const r = resolveConfig([
      { source: ".aiguard.yml", text: "drafts: review\nsevrity: high\nrules:\n  disabel: [x]\n" },
    ]);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.config.drafts).toBe("review");
      expect(r.warnings.map((w) => [w.path, w.line, w.column])).toEqual(
        expect.arrayContaining([
          ["sevrity", 2, 1],
          ["rules.disabel", 4, 3],
        ]),
      );
    }
  });

  it("rejects a file that is not a mapping", () => {
    const r = resolveConfig([{ source: ".aiguard.yml", text: "- a\n- b\n" }]);
    expect(r.ok).toBe(false);
  });

  it("merges layers from general to specific and blames the layer that set a bad value", () => {
    const r = resolveConfig([
      { source: "org/.github:.aiguard.yml", text: "limits:\n  maxFiles: 0\n" },
      { source: "org/repo:.aiguard.yml", text: "_extends: .github\ndrafts: review\n" },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]).toMatchObject({ source: "org/.github:.aiguard.yml", path: "limits.maxFiles", line: 2 });

    const ok = resolveConfig([
      { source: "org/.github:.aiguard.yml", text: "paths:\n  ignore: [vendor/**]\nlimits:\n  maxFiles: 100\n" },
      { source: "org/repo:.aiguard.yml", text: "limits:\n  maxFileBytes: 1000\n" },
    ]);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.config.paths.ignore).toEqual(["vendor/**"]);
      expect(ok.config.limits).toEqual({ maxFiles: 100, maxFileBytes: 1000 });
    }
  });

  it("mergeConfig replaces lists rather than concatenating them", () => {
    expect(mergeConfig({ a: [1, 2], b: { c: 1, d: 2 } }, { a: [3], b: { d: 4 } })).toEqual({
      a: [3],
      b: { c: 1, d: 4 },
    });
  });
});

describe("_extends", () => {
  it("reads and interprets the forms Probot accepts", () => {
    expect(readExtends("_extends: .github\n")).toBe(".github");
    expect(readExtends("drafts: review\n")).toBeUndefined();
    expect(readExtends(": : bad yaml [")).toBeUndefined();
    expect(parseExtends(".github", "octo", ".aiguard.yml")).toEqual({
      owner: "octo",
      repo: ".github",
      path: ".aiguard.yml",
    });
    expect(parseExtends("other/settings", "octo", ".aiguard.yml")).toEqual({
      owner: "other",
      repo: "settings",
      path: ".aiguard.yml",
    });
    expect(parseExtends("other/settings:policies/sec.yml", "octo", ".aiguard.yml")).toEqual({
      owner: "other",
      repo: "settings",
      path: "policies/sec.yml",
    });
    expect(parseExtends("not a repo!", "octo", ".aiguard.yml")).toBeNull();
  });
});

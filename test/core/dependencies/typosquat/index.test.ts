import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  canonicalName,
  checkTyposquat,
  isPopular,
  maxDistanceFor,
  popularPackages,
  TYPOSQUAT_ECOSYSTEMS,
  type TyposquatEcosystem,
} from "../../../../src/core/dependencies/typosquat/index.js";
import { damerauLevenshtein, describeEdits } from "../../../../src/core/dependencies/typosquat/distance.js";
import { scoreTyposquat, type LabeledName } from "../../../../bench/typosquat-score.js";

describe("damerauLevenshtein", () => {
  it("counts insertions, deletions, substitutions and adjacent transpositions as one edit", () => {
    expect(damerauLevenshtein("lodash", "lodash")).toBe(0);
    expect(damerauLevenshtein("loadsh", "lodash")).toBe(1);
    expect(damerauLevenshtein("expresss", "express")).toBe(1);
    expect(damerauLevenshtein("djanga", "django")).toBe(1);
    expect(damerauLevenshtein("mongose", "mongoose")).toBe(1);
    expect(damerauLevenshtein("abc", "")).toBe(3);
    expect(damerauLevenshtein("kitten", "sitting")).toBe(3);
  });
  it("stops early past the bound", () => {
    expect(damerauLevenshtein("completely", "different", 2)).toBe(3);
  });
  it("names the edits", () => {
    expect(describeEdits("loadsh", "lodash")).toEqual(["transposition"]);
    expect(describeEdits("expresss", "express")).toEqual(["insertion"]);
    expect(describeEdits("mongose", "mongoose")).toEqual(["deletion"]);
    expect(describeEdits("djanga", "django")).toEqual(["substitution"]);
  });
});

describe("popular lists", () => {
  it("are loaded for every ecosystem, with the expected sizes", () => {
    const min: Record<TyposquatEcosystem, number> = { npm: 1000, pypi: 700, go: 200, maven: 200, cargo: 300 };
    for (const eco of TYPOSQUAT_ECOSYSTEMS) expect(popularPackages(eco).length).toBeGreaterThanOrEqual(min[eco]);
  });
  it("never flags a popular name", () => {
    for (const eco of TYPOSQUAT_ECOSYSTEMS) {
      for (const name of popularPackages(eco)) expect(checkTyposquat(eco, name), `${eco}:${name}`).toBeNull();
    }
  });
  it("compares names the way the registry does", () => {
    expect(canonicalName("pypi", "Python_DateUtil")).toBe("python-dateutil");
    expect(isPopular("pypi", "python_dateutil")).toBe(true);
    expect(isPopular("cargo", "rust-decimal")).toBe(true);
    expect(isPopular("go", "github.com/go-chi/chi/v5")).toBe(true);
  });
});

describe("checkTyposquat", () => {
  it.each([
    ["npm", "loadsh", "lodash"],
    ["pypi", "reqeusts", "requests"],
    ["npm", "expresss", "express"],
    ["pypi", "python-dateutils", "python-dateutil"],
    ["npm", "crossenv", "cross-env"],
    ["pypi", "djanga", "django"],
    ["pypi", "colourama", "colorama"],
    ["pypi", "python3-dateutil", "python-dateutil"],
    ["pypi", "jeIlyfish", "jellyfish"],
    ["npm", "babelcli", "babel-cli"],
    ["npm", "mongose", "mongoose"],
    ["npm", "jquerry", "jquery"],
    ["npm", "rnocha", "mocha"],
    ["npm", "types-node", "@types/node"],
    ["npm", "@typess/node", "@types/node"],
    ["npm", "@lodahs/lodash", "lodash"],
    ["npm", "react-js", "react"],
    ["go", "github.com/boltdb-go/bolt", "github.com/boltdb/bolt"],
    ["go", "github.com/shopsprint/decimal", "github.com/shopspring/decimal"],
    ["maven", "org.fasterxml.jackson.core:jackson-databind", "com.fasterxml.jackson.core:jackson-databind"],
    ["cargo", "rustdecimal", "rust_decimal"],
  ] as const)("flags %s %s (target %s)", (eco, name, target) => {
    const r = checkTyposquat(eco, name);
    expect(r).not.toBeNull();
    expect(r!.kind).toBe("typosquat");
    expect(r!.target).toBe(target);
    expect(r!.detail).toContain(`'${target}'`);
  });

  it("describes the difference and grades severity", () => {
    expect(checkTyposquat("npm", "loadsh")).toEqual({
      kind: "typosquat",
      severity: "high",
      detail: "1 edit from 'lodash' (transposition)",
      target: "lodash",
    });
    expect(checkTyposquat("npm", "crossenv")!.detail).toMatch(/^separator variant of 'cross-env'/);
    expect(checkTyposquat("pypi", "python3-dateutil")!.detail).toMatch(/^affix variant of 'python-dateutil'/);
    expect(checkTyposquat("pypi", "jeIlyfish")!.detail).toMatch(/homoglyph/);
    // two edits from a long name: medium
    expect(checkTyposquat("npm", "expresss-validatr")?.severity).toBe("medium");
  });

  it.each([
    ["npm", "zod"],
    ["npm", "react-dom"],
    ["pypi", "fastapi"],
    ["npm", "lodash"],
    ["pypi", "requests"],
    ["npm", "express"],
    ["pypi", "pydantic"],
    ["npm", "left-pad"],
    ["npm", "is-odd"],
    ["npm", "pathe"],
    ["npm", "react"],
    ["npm", "preact"],
    ["npm", "ws"],
    ["npm", "vue"],
    ["npm", "vuex"],
    ["npm", "mocha"],
    ["npm", "mochawesome"],
    ["npm", "@aws-sdk/client-ssm"],
    ["npm", "@nestjs/cqrs"],
    ["npm", "@myorg/lodash"],
    ["go", "github.com/urfave/cli/v3"],
    ["go", "github.com/aws/aws-sdk-go-v2/service/s3"],
    ["maven", "org.springframework.boot:spring-boot-starter-mail"],
    ["cargo", "serde"],
    ["pypi", "Django"],
  ] as const)("does not flag %s %s", (eco, name) => {
    expect(checkTyposquat(eco, name)).toBeNull();
  });

  it("never flags names of 4 characters or fewer by edit distance", () => {
    for (const n of ["zodd", "vuee", "wss", "pg1", "axio"]) {
      const r = checkTyposquat("npm", n);
      if (r) expect(r.detail, n).not.toMatch(/edit/);
    }
    expect(maxDistanceFor(4)).toBe(0);
    expect(maxDistanceFor(5)).toBe(1);
    expect(maxDistanceFor(8)).toBe(1);
    expect(maxDistanceFor(9)).toBe(2);
  });

  it("costs microseconds per check", () => {
    const names = ["some-random-package-name", "lodahs", "@myorg/thing", "expresss-validator", "left-pad"];
    for (const n of names) checkTyposquat("npm", n);
    const t = performance.now();
    const rounds = 2000;
    for (let i = 0; i < rounds; i++) for (const n of names) checkTyposquat("npm", n);
    const perCheckUs = ((performance.now() - t) * 1000) / (rounds * names.length);
    expect(perCheckUs).toBeLessThan(200);
  });
});

describe("labeled list", () => {
  const list = JSON.parse(readFileSync(new URL("../typosquat-labeled.json", import.meta.url), "utf8")) as LabeledName[];

  it("has at least 200 well-formed entries of both labels", () => {
    expect(list.length).toBeGreaterThanOrEqual(200);
    for (const e of list) {
      expect(TYPOSQUAT_ECOSYSTEMS).toContain(e.ecosystem);
      expect(["typosquat", "legit"]).toContain(e.label);
    }
    expect(list.filter((e) => e.label === "typosquat").length).toBeGreaterThanOrEqual(50);
    expect(list.filter((e) => e.label === "legit").length).toBeGreaterThanOrEqual(50);
  });

  it("scores precision >= 0.9 and recall >= 0.8", () => {
    const s = scoreTyposquat(list);
    expect(s.tp + s.fn).toBe(list.filter((e) => e.label === "typosquat").length);
    expect(s.precision, `false positives: ${s.fpNames.join(", ")}`).toBeGreaterThanOrEqual(0.9);
    expect(s.recall, `missed: ${s.fnNames.join(", ")}`).toBeGreaterThanOrEqual(0.8);
  });

  it("reaches recall >= 0.8 on the real-world (advisory-sourced) typosquats alone", () => {
    const real = list.filter((e) => e.label === "legit" || !(e.source ?? "").startsWith("synthetic"));
    const s = scoreTyposquat(real);
    expect(s.recall, `missed: ${s.fnNames.join(", ")}`).toBeGreaterThanOrEqual(0.8);
  });
});

import { describe, expect, it } from "vitest";
import { checkFlat, editMatch, keyMatch, nearest } from "../../../../src/core/dependencies/typosquat/match.js";
import { buildIndex } from "../../../../src/core/dependencies/typosquat/popular-index.js";
import type { TyposquatHooks } from "../../../../src/core/dependencies/types.js";

const hooks: TyposquatHooks = {
  list: "pypi",
  popular: new URL("file:///unused.json"),
  affixes: { prefixes: ["python-"], suffixes: ["-py"] },
};
const idx = buildIndex(hooks, (n) => n, [
  "requests",
  "python-dateutil",
  "express-validator",
  "lodash.uniq",
  "colorama",
]);
const all = () => true;

describe("nearest", () => {
  it("finds the closest popular name within the budget", () => {
    expect(nearest(idx, "reqeusts", 1, all)).toMatchObject({ entry: { name: "requests" }, distance: 1 });
    expect(nearest(idx, "expresss-validatr", 2, all)).toMatchObject({
      entry: { name: "express-validator" },
      distance: 2,
    });
    expect(nearest(idx, "requests", 1, all)).toBeNull();
    expect(nearest(idx, "reqeusts", 0, all)).toBeNull();
  });
  it("keeps multi-word two-edit matches only when every differing word could be a typo", () => {
    expect(nearest(idx, "lodash.union", 2, all)).toBeNull();
  });
  it("takes only the entries accept takes", () => {
    expect(nearest(idx, "reqeusts", 1, (e) => e.name !== "requests")).toBeNull();
  });
});

describe("keyMatch and editMatch", () => {
  it("gives the most popular accepted entry with the key", () => {
    expect(keyMatch(idx, "dateutil", all)?.name).toBe("python-dateutil");
    expect(keyMatch(idx, "dateutil", () => false)).toBeNull();
    expect(keyMatch(idx, "nothing", all)).toBeNull();
  });
  it("names the edits", () => {
    const entry = idx.byCanon.get("requests")!;
    expect(editMatch(entry, 1, "reqests", "requests")).toEqual({
      entry,
      distance: 1,
      strong: false,
      detail: "1 edit from 'requests' (deletion)",
    });
  });
});

describe("checkFlat", () => {
  it("flags affix variants, strongly unless only the affix is missing", () => {
    expect(checkFlat(idx, "requests-py")).toMatchObject({
      entry: { name: "requests" },
      distance: null,
      strong: true,
      detail: "affix variant of 'requests' (added '-py' suffix)",
    });
    expect(checkFlat(idx, "dateutil")).toMatchObject({ entry: { name: "python-dateutil" }, strong: false });
  });
  it("flags names within edit distance, and affixed names one edit from a popular core", () => {
    expect(checkFlat(idx, "colorma")).toMatchObject({ entry: { name: "colorama" }, distance: 1 });
    expect(checkFlat(idx, "python-colorma")).toMatchObject({
      entry: { name: "colorama" },
      detail: "'python-' prefix plus 1 edit from 'colorama'",
    });
  });
  it("leaves unrelated names alone", () => {
    expect(checkFlat(idx, "flask")).toBeNull();
  });
});

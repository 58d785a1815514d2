import { describe, expect, it } from "vitest";
import {
  buildIndex,
  charMask,
  deletionNeighbourhood,
} from "../../../../src/core/dependencies/typosquat/popular-index.js";
import type { TyposquatHooks } from "../../../../src/core/dependencies/types.js";

const hooks: TyposquatHooks = {
  list: "npm",
  popular: new URL("file:///unused.json"),
  affixes: { prefixes: ["node-"], suffixes: [] },
  core: (canon) => canon.replace(/^@[^/]+\//, ""),
  namespace: (canon) => /^@([^/]+)\//.exec(canon)?.[1] ?? null,
};

describe("deletionNeighbourhood", () => {
  it("holds the string and every string up to max deletions shorter", () => {
    expect([...deletionNeighbourhood("abc", 1)].sort()).toEqual(["ab", "abc", "ac", "bc"]);
    expect(deletionNeighbourhood("abc", 2).has("a")).toBe(true);
    expect(deletionNeighbourhood("aa", 1).size).toBe(2);
  });
});

describe("charMask", () => {
  it("sets one bit per character class", () => {
    expect(charMask("a")).toBe(1);
    expect(charMask("ab")).toBe(3);
    expect(charMask("0-9")).toBe((1 << 26) | (1 << 27));
    expect(charMask("/")).toBe(1 << 30);
  });
});

describe("buildIndex", () => {
  const idx = buildIndex(hooks, (n) => n.toLowerCase(), ["Lodash", "lodash", "@babel/core", "node-fetch"]);
  it("keeps one entry per canonical name, most popular first, with its core and namespace", () => {
    expect(idx.entries.map((e) => [e.name, e.canon, e.core, e.namespace, e.rank])).toEqual([
      ["Lodash", "lodash", "lodash", null, 0],
      ["@babel/core", "@babel/core", "core", "babel", 1],
      ["node-fetch", "node-fetch", "node-fetch", null, 2],
    ]);
    expect(idx.byCanon.get("@babel/core")?.rank).toBe(1);
    expect(idx.veryPopular).toBe(2);
  });
  it("indexes deletions, lengths, look-alike keys and namespaces", () => {
    expect(idx.deletions.get("lodas")).toEqual([0]);
    expect(idx.byLength.get(4)).toEqual([1]);
    expect(idx.keys.get("fetch")).toEqual([2]);
    expect(idx.keys.get("nodefetch")).toEqual([2]);
    expect([...idx.namespaces]).toEqual(["babel"]);
    expect(idx.keysOf("@x/node-fetch")).toEqual(["fetch", "nodefetch"]);
  });
  it("uses the hooks' keys when given", () => {
    const own = buildIndex({ ...hooks, keys: (canon) => [canon.toUpperCase()] }, (n) => n, ["lodash"]);
    expect([...own.keys.keys()]).toEqual(["LODASH"]);
  });
});

describe("buildIndex with editIndexed", () => {
  it("leaves out of the edit-distance index the names the ecosystem compares another way", () => {
    const scopedOut = buildIndex({ ...hooks, editIndexed: (canon) => !canon.startsWith("@") }, (n) => n, [
      "lodash",
      "@babel/core",
    ]);
    const ids = (m: ReadonlyMap<unknown, readonly number[]>) => [...new Set([...m.values()].flat())].sort();
    expect(ids(scopedOut.byLength)).toEqual([0]);
    expect(ids(scopedOut.deletions)).toEqual([0]);
    // Still an entry, with its namespace and keys: only the edit-distance index skips it.
    expect(scopedOut.byCanon.get("@babel/core")?.namespace).toBe("babel");
    expect(scopedOut.namespaces.has("babel")).toBe(true);
    const all = buildIndex(hooks, (n) => n, ["lodash", "@babel/core"]);
    expect(ids(all.byLength)).toEqual([0, 1]);
  });
});

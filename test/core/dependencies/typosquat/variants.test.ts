import { describe, expect, it } from "vitest";
import {
  describeVariant,
  homoglyphFold,
  lookalikeKey,
  lookalikeKeys,
  stripAffix,
  stripSeparators,
} from "../../../../src/core/dependencies/typosquat/variants.js";

const affixes = { prefixes: ["node-", "js-"], suffixes: ["-js", "js"], glued: ["node"] };

describe("stripAffix", () => {
  it("strips one prefix or suffix when three or more characters remain", () => {
    expect(stripAffix(affixes, "node-fetch")).toEqual({ core: "fetch", affix: "'node-' prefix" });
    expect(stripAffix(affixes, "lodash-js")).toEqual({ core: "lodash", affix: "'-js' suffix" });
    expect(stripAffix(affixes, "a-js")).toEqual({ core: "a-js", affix: null });
  });
  it("strips a glued prefix only before a distinctive rest of five or more letters", () => {
    expect(stripAffix(affixes, "nodefabric")).toEqual({ core: "fabric", affix: "'node' prefix" });
    expect(stripAffix(affixes, "nodeabc")).toEqual({ core: "nodeabc", affix: null });
    expect(stripAffix(affixes, "node2fabric")).toEqual({ core: "node2fabric", affix: null });
  });
});

describe("keys", () => {
  it("folds separators and look-alike characters", () => {
    expect(stripSeparators("a-b_c.d")).toBe("abcd");
    expect(homoglyphFold("rnvv10")).toBe("mwlo");
    expect(lookalikeKey(affixes, "node-cross_env")).toBe("crossenv");
  });
  it("gives the key with and without the affix when they differ", () => {
    expect(lookalikeKeys(affixes, "cross-env")).toEqual(["crossenv"]);
    expect(lookalikeKeys(affixes, "node-fetch")).toEqual(["fetch", "nodefetch"]);
  });
});

describe("describeVariant", () => {
  it("names separator, homoglyph and affix differences", () => {
    expect(describeVariant(affixes, "crossenv", "cross-env")).toBe(
      "separator variant of 'cross-env' (separators differ)",
    );
    expect(describeVariant(affixes, "rnoment", "moment")).toBe("homoglyph of 'moment' (look-alike characters)");
    expect(describeVariant(affixes, "node-fetch", "fetch")).toBe("affix variant of 'fetch' (added 'node-' prefix)");
    expect(describeVariant(affixes, "js-fetch", "node-fetch")).toBe(
      "affix variant of 'node-fetch' ('js-' prefix instead of 'node-' prefix)",
    );
    expect(describeVariant(affixes, "fetch", "fetch-js")).toBe("affix variant of 'fetch-js' (missing '-js' suffix)");
  });
});

// Licence policy: registry licence text -> SPDX expression -> verdict against allow/deny lists.
import { describe, expect, it } from "vitest";
import { judgeLicense, normaliseList, toSpdx, type LicensePolicy } from "../../../src/core/dependencies/license.js";

const policy = (allow: string[] = [], deny: string[] = []): LicensePolicy => ({ allow, deny });

describe("toSpdx", () => {
  it.each([
    "MIT",
    "Apache-2.0",
    "BSD-3-Clause OR MIT",
    "Apache-2.0 AND MIT",
    "MIT AND (Apache-2.0 OR BSD-2-Clause)",
    "(MIT OR Apache-2.0) AND Unicode-3.0",
    "GPL-2.0-only WITH Classpath-exception-2.0",
    "GPL-2.0+",
    "Unlicense",
    "LicenseRef-Acme-EULA",
  ])("keeps the valid SPDX expression %s as it is", (expr) => {
    expect(toSpdx(expr)).toBe(expr);
  });

  it("trims whitespace and one pair of enclosing parentheses", () => {
    expect(toSpdx("  MIT  ")).toBe("MIT");
    expect(toSpdx("(MIT OR Apache-2.0)")).toBe("MIT OR Apache-2.0");
    expect(toSpdx("(MIT AND Zlib)")).toBe("MIT AND Zlib");
    expect(toSpdx("  (ISC)  ")).toBe("ISC");
  });

  it.each([
    ["MIT License", "MIT"],
    ["mit", "MIT"],
    ["Apache 2.0", "Apache-2.0"],
    ["Apache License, Version 2.0", "Apache-2.0"],
    ["BSD 3-Clause", "BSD-3-Clause"],
  ])("maps the free text %j to %s", (raw, spdx) => {
    expect(toSpdx(raw)).toBe(spdx);
  });

  it.each([
    ["MIT/Apache-2.0", "MIT OR Apache-2.0"],
    ["MIT or Apache-2.0", "MIT OR Apache-2.0"],
    ["MIT || ISC", "MIT OR ISC"],
    ["MIT/MIT License", "MIT"],
  ])("reads the dual licence %j as the choice %s", (raw, spdx) => {
    expect(toSpdx(raw)).toBe(spdx);
  });

  it.each([
    null,
    undefined,
    "",
    "   ",
    "UNKNOWN",
    "none",
    "UNLICENSED",
    "Proprietary",
    "see license",
    "SEE LICENSE IN LICENSE.md",
    "nonsense-license-xyz",
  ])("gives null for %j (no licence, or not readable as SPDX)", (raw) => {
    expect(toSpdx(raw)).toBeNull();
  });

  it("returns something that judges as a known licence whenever it returns anything", () => {
    for (const raw of [
      "MIT License",
      "MIT/Apache-2.0",
      "Apache License, Version 2.0",
      "(MIT OR Apache-2.0)",
      "GPL-2.0-only WITH Classpath-exception-2.0",
    ]) {
      const spdx = toSpdx(raw);
      expect(spdx).not.toBeNull();
      expect(judgeLicense(spdx, policy())).toEqual({ status: "ok", expression: spdx });
    }
  });

  // Bug: `raw.trim().replace(/^\((.*)\)$/, "$1")` (src/core/dependencies/license.ts:30) strips the first "(" and
  // the last ")" even when they close different groups; the broken text then falls to the free-text
  // path, which splits on OR and lets spdx-correct guess, so an AND of two groups becomes a plain OR.
  it("keeps an AND of two parenthesised groups (valid SPDX) intact", () => {
    expect(toSpdx("(MIT OR Apache-2.0) AND (GPL-3.0-only OR LGPL-3.0-only)")).toBe(
      "(MIT OR Apache-2.0) AND (GPL-3.0-only OR LGPL-3.0-only)",
    );
  });
});

describe("normaliseList", () => {
  it("normalises each id and keeps the unreadable ones apart", () => {
    expect(normaliseList(["MIT", "Apache 2.0", "GPL-3.0-only", "not-a-licence-zzz", "UNLICENSED"])).toEqual({
      ids: ["MIT", "Apache-2.0", "GPL-3.0-only"],
      invalid: ["not-a-licence-zzz", "UNLICENSED"],
    });
  });

  it("gives empty lists for an empty policy", () => {
    expect(normaliseList([])).toEqual({ ids: [], invalid: [] });
  });
});

describe("judgeLicense", () => {
  describe("unknown", () => {
    it("no licence at all", () => {
      expect(judgeLicense(null, policy(["MIT"]))).toEqual({ status: "unknown", raw: null });
      expect(judgeLicense(undefined, policy())).toEqual({ status: "unknown", raw: null });
    });

    it("text that is not SPDX keeps the raw text", () => {
      expect(judgeLicense("Proprietary", policy(["MIT"]))).toEqual({ status: "unknown", raw: "Proprietary" });
      expect(judgeLicense("Acme Corp terms v7", policy([], ["GPL-3.0-only"]))).toEqual({
        status: "unknown",
        raw: "Acme Corp terms v7",
      });
    });
  });

  it("accepts every known licence when no policy is set", () => {
    expect(judgeLicense("GPL-3.0-only", policy())).toEqual({ status: "ok", expression: "GPL-3.0-only" });
    expect(judgeLicense("MIT License", policy())).toEqual({ status: "ok", expression: "MIT" });
  });

  describe("deny", () => {
    const deny = policy([], ["GPL-3.0-only"]);

    it("denies a denied licence", () => {
      expect(judgeLicense("GPL-3.0-only", deny)).toEqual({
        status: "denied",
        expression: "GPL-3.0-only",
        licenses: ["GPL-3.0-only"],
      });
    });

    it("accepts an OR expression that can be met without the denied licence", () => {
      expect(judgeLicense("MIT OR GPL-3.0-only", deny)).toEqual({ status: "ok", expression: "MIT OR GPL-3.0-only" });
      expect(judgeLicense("(GPL-3.0-only OR Apache-2.0)", deny)).toEqual({
        status: "ok",
        expression: "GPL-3.0-only OR Apache-2.0",
      });
    });

    it("denies an AND expression that needs the denied licence", () => {
      expect(judgeLicense("MIT AND GPL-3.0-only", deny)).toEqual({
        status: "denied",
        expression: "MIT AND GPL-3.0-only",
        licenses: ["GPL-3.0-only"],
      });
    });

    it("names every denied licence the expression uses", () => {
      const v = judgeLicense("GPL-3.0-only AND AGPL-3.0-only", policy([], ["GPL-3.0-only", "AGPL-3.0-only"]));
      expect(v).toEqual({
        status: "denied",
        expression: "GPL-3.0-only AND AGPL-3.0-only",
        licenses: ["GPL-3.0-only", "AGPL-3.0-only"],
      });
    });

    it("does not deny unrelated licences", () => {
      expect(judgeLicense("LGPL-2.1-only", deny).status).toBe("ok");
      expect(judgeLicense("MIT AND ISC", deny).status).toBe("ok");
    });
  });

  describe("allow", () => {
    const allow = policy(["MIT", "Apache-2.0"]);

    it("rejects a licence not on the list", () => {
      expect(judgeLicense("LGPL-2.1-only", allow)).toEqual({ status: "not-allowed", expression: "LGPL-2.1-only" });
    });

    it("maps free text before judging", () => {
      expect(judgeLicense("Apache License, Version 2.0", allow)).toEqual({ status: "ok", expression: "Apache-2.0" });
      expect(judgeLicense("MIT/Apache-2.0", policy(["Apache-2.0"]))).toEqual({
        status: "ok",
        expression: "MIT OR Apache-2.0",
      });
    });

    it("OR passes when one choice is allowed, AND needs every part", () => {
      expect(judgeLicense("MIT OR GPL-3.0-only", policy(["MIT"])).status).toBe("ok");
      expect(judgeLicense("MIT AND ISC", policy(["MIT"])).status).toBe("not-allowed");
      expect(judgeLicense("MIT AND ISC", policy(["MIT", "ISC"])).status).toBe("ok");
      expect(judgeLicense("MIT AND (Apache-2.0 OR BSD-2-Clause)", policy(["MIT", "BSD-2-Clause"])).status).toBe("ok");
      expect(judgeLicense("MIT AND (Apache-2.0 OR BSD-2-Clause)", policy(["Apache-2.0", "BSD-2-Clause"])).status).toBe(
        "not-allowed",
      );
    });

    it("does not treat a licence exception as the plain licence", () => {
      expect(judgeLicense("GPL-2.0-only WITH Classpath-exception-2.0", policy(["GPL-2.0-only"])).status).toBe(
        "not-allowed",
      );
    });
  });

  describe("deny wins over allow", () => {
    const both = policy(["MIT", "GPL-3.0-only"], ["GPL-3.0-only"]);

    it("denies a licence on both lists", () => {
      expect(judgeLicense("GPL-3.0-only", both)).toEqual({
        status: "denied",
        expression: "GPL-3.0-only",
        licenses: ["GPL-3.0-only"],
      });
    });

    it("does not let the denied id count as allowed for an OR choice", () => {
      expect(judgeLicense("GPL-3.0-only OR LGPL-2.1-only", both)).toEqual({
        status: "not-allowed",
        expression: "GPL-3.0-only OR LGPL-2.1-only",
      });
      expect(judgeLicense("MIT OR GPL-3.0-only", both)).toEqual({ status: "ok", expression: "MIT OR GPL-3.0-only" });
    });
  });

  // Bug (same cause as in toSpdx above): valid expressions of the form "(A OR B) AND (C ...)" are
  // rewritten to a plain OR, so a licence the package requires is dropped before judging.
  it("denies '(MIT OR Apache-2.0) AND (GPL-3.0-only OR LGPL-3.0-only)' when both GPL variants are denied", () => {
    const v = judgeLicense(
      "(MIT OR Apache-2.0) AND (GPL-3.0-only OR LGPL-3.0-only)",
      policy([], ["GPL-3.0-only", "LGPL-3.0-only"]),
    );
    expect(v.status).toBe("denied");
  });

  it("rejects '(Apache-2.0 OR MIT) AND (Unicode-DFS-2016)' when Unicode-DFS-2016 is not allowed", () => {
    expect(judgeLicense("(Apache-2.0 OR MIT) AND (Unicode-DFS-2016)", policy(["MIT", "Apache-2.0"])).status).toBe(
      "not-allowed",
    );
  });
});

// plural() and errorText(): the shared text helpers.
import { describe, expect, it } from "vitest";
import { errorText, plural } from "../../src/core/text.js";

describe("plural", () => {
  it("adds an s unless the count is one", () => {
    expect(plural(0, "finding")).toBe("0 findings");
    expect(plural(1, "finding")).toBe("1 finding");
    expect(plural(2, "file")).toBe("2 files");
    expect(plural(-1, "edit")).toBe("-1 edits");
  });
});

describe("errorText", () => {
  it("is the message of an Error, whatever its class", () => {
    expect(errorText(new Error("boom"))).toBe("boom");
    expect(errorText(new TypeError("bad type\nsecond line"))).toBe("bad type\nsecond line");
    class RuleError extends Error {}
    expect(errorText(new RuleError("rule broke"))).toBe("rule broke");
    expect(errorText(new Error(""))).toBe("");
  });

  it("is the value as a string for anything else", () => {
    expect(errorText("plain string")).toBe("plain string");
    expect(errorText(42)).toBe("42");
    expect(errorText(undefined)).toBe("undefined");
    expect(errorText(null)).toBe("null");
  });
});

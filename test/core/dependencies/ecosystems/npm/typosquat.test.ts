import { describe, expect, it } from "vitest";
import { npmScope, npmTyposquat, withoutScope } from "../../../../../src/core/dependencies/ecosystems/npm/typosquat.js";
import { buildIndex } from "../../../../../src/core/dependencies/typosquat/popular-index.js";

const index = buildIndex(npmTyposquat, (n) => n.toLowerCase(), [
  "lodash",
  "express",
  "@types/node",
  "@testing-library/react",
  "@typescript-eslint/parser",
  "@babel/core",
]);
const check = npmTyposquat.check!(index);

describe("npm scopes", () => {
  it("are the namespace; the name without scope is the core", () => {
    expect(npmScope("@babel/core")).toBe("babel");
    expect(npmScope("lodash")).toBeNull();
    expect(withoutScope("@babel/core")).toBe("core");
    expect(withoutScope("lodash")).toBe("lodash");
    expect(npmTyposquat.namespace).toBe(npmScope);
    expect(npmTyposquat.core).toBe(withoutScope);
  });
});

describe("npm check", () => {
  it("flags unscoped @types and flattened scoped look-alikes", () => {
    expect(check("types-node")).toMatchObject({ entry: { name: "@types/node" }, strong: true });
    expect(check("testing-library-react")).toMatchObject({
      entry: { name: "@testing-library/react" },
      strong: false,
      detail: "unscoped look-alike of '@testing-library/react'",
    });
  });
  it("compares unscoped names with unscoped popular names only", () => {
    expect(check("lodahs")).toMatchObject({ entry: { name: "lodash" }, distance: 1 });
    expect(check("cores")).toBeNull();
  });
  it("trusts a popular scope and flags look-alike scopes", () => {
    expect(check("@babel/anything")).toBeNull();
    expect(check("@typess/node")).toMatchObject({
      entry: { name: "@types/node" },
      detail: "look-alike scope '@typess' of '@types/node'",
    });
    expect(check("@babel-core/core")).toMatchObject({ entry: { name: "@babel/core" }, strong: true });
    expect(check("@typescript_eslinter/eslint")).toMatchObject({
      entry: { name: "@typescript-eslint/parser" },
      strong: false,
    });
  });
  it("flags a popular unscoped name re-published under a look-alike scope", () => {
    expect(check("@lodahs/lodash")).toMatchObject({
      entry: { name: "lodash" },
      detail: "'lodash' re-published under look-alike scope '@lodahs'",
    });
    expect(check("@acme/widget")).toBeNull();
  });
});

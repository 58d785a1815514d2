// One registry per ecosystem, found by the review's ecosystem id.
import { describe, expect, it } from "vitest";
import { ECOSYSTEM_IDS } from "../../../src/core/dependencies/ecosystems/index.js";
import { registries, registryFor } from "../../../src/lookup/registries/index.js";

describe("registries", () => {
  it("has exactly one registry per ecosystem", () => {
    expect(Object.keys(registries).sort()).toEqual([...ECOSYSTEM_IDS].sort());
    for (const id of ECOSYSTEM_IDS) expect(registryFor(id)).toBe(registries[id]);
  });

  it("gives each a public default base URL", () => {
    for (const r of Object.values(registries)) expect(r.defaultBaseUrl).toMatch(/^https:\/\//);
    expect(registryFor("crates.io")?.defaultBaseUrl).toBe("https://crates.io");
  });

  it("knows no registry for an unknown ecosystem", () => {
    expect(registryFor("NuGet")).toBeUndefined();
    expect(registryFor("toString")).toBeUndefined();
    expect(registryFor("cargo")).toBeUndefined();
  });
});

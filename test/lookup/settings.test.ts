// Deployment settings of the dependency look-ups: environment variables and --registry flags.
import { describe, expect, it } from "vitest";
import { SettingsError, lookupSettingsFromEnv, parseRegistryFlag } from "../../src/lookup/settings.js";

/** The SettingsError `fn` throws (failing the test if it throws nothing or something else). */
function settingsError(fn: () => unknown): SettingsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return e as SettingsError;
  }
  throw new Error("expected a SettingsError");
}

describe("lookupSettingsFromEnv", () => {
  it("an empty environment: online, public registries, defaults left to the caller", () => {
    expect(lookupSettingsFromEnv({})).toEqual({
      offline: false,
      baseUrls: {},
      timeoutMs: undefined,
      budgetMs: undefined,
      concurrency: undefined,
    });
  });

  it.each(["1", "true", "TRUE", "yes", "Yes"])("AIGUARD_OFFLINE=%s is offline", (v) => {
    expect(lookupSettingsFromEnv({ AIGUARD_OFFLINE: v }).offline).toBe(true);
  });

  it.each(["0", "false", "no", "", "offline"])("AIGUARD_OFFLINE=%s is online", (v) => {
    expect(lookupSettingsFromEnv({ AIGUARD_OFFLINE: v }).offline).toBe(false);
  });

  it("AIGUARD_REGISTRY_* and AIGUARD_OSV_URL map to each ecosystem's base URL", () => {
    const s = lookupSettingsFromEnv({
      AIGUARD_REGISTRY_NPM: "https://npm.mirror.example/",
      AIGUARD_REGISTRY_PYPI: "https://pypi.mirror.example",
      AIGUARD_REGISTRY_GO: "http://athens.internal:3000",
      AIGUARD_REGISTRY_MAVEN: "https://nexus.example/repository/maven-central",
      AIGUARD_REGISTRY_CRATES: "https://crates.mirror.example",
      AIGUARD_OSV_URL: "https://osv.mirror.example",
      AIGUARD_UNRELATED: "https://ignored.example",
    });
    expect(s.baseUrls).toEqual({
      npm: "https://npm.mirror.example/",
      PyPI: "https://pypi.mirror.example",
      Go: "http://athens.internal:3000",
      Maven: "https://nexus.example/repository/maven-central",
      "crates.io": "https://crates.mirror.example",
      osv: "https://osv.mirror.example",
    });
  });

  it("an empty variable is unset", () => {
    expect(
      lookupSettingsFromEnv({ AIGUARD_REGISTRY_NPM: "", AIGUARD_OSV_URL: "", AIGUARD_LOOKUP_TIMEOUT_MS: "" }),
    ).toMatchObject({ baseUrls: {}, timeoutMs: undefined });
  });

  it("reads the numbers", () => {
    expect(
      lookupSettingsFromEnv({
        AIGUARD_LOOKUP_TIMEOUT_MS: "4000",
        AIGUARD_LOOKUP_BUDGET_MS: "20000",
        AIGUARD_LOOKUP_CONCURRENCY: "4",
      }),
    ).toMatchObject({
      timeoutMs: 4000,
      budgetMs: 20000,
      concurrency: 4,
    });
  });

  it.each([
    ["AIGUARD_REGISTRY_NPM", "not a url"],
    ["AIGUARD_REGISTRY_PYPI", "pypi.mirror.example"],
    ["AIGUARD_REGISTRY_MAVEN", "ftp://maven.example/"],
    ["AIGUARD_REGISTRY_GO", "file:///srv/goproxy"],
    ["AIGUARD_OSV_URL", "javascript:alert(1)"],
  ])("%s=%s is a SettingsError naming the variable", (name, value) => {
    const e = settingsError(() => lookupSettingsFromEnv({ [name]: value }));
    expect(e.message).toContain(name);
    expect(e.message).toContain(value);
  });

  it.each([
    ["AIGUARD_LOOKUP_TIMEOUT_MS", "ten"],
    ["AIGUARD_LOOKUP_TIMEOUT_MS", "0"],
    ["AIGUARD_LOOKUP_BUDGET_MS", "-5"],
    ["AIGUARD_LOOKUP_BUDGET_MS", "1.5"],
    ["AIGUARD_LOOKUP_CONCURRENCY", "many"],
  ])("%s=%s is a SettingsError naming the variable", (name, value) => {
    const e = settingsError(() => lookupSettingsFromEnv({ [name]: value }));
    expect(e.message).toContain(name);
    expect(e.message).toContain(`"${value}"`);
  });
});

describe("parseRegistryFlag", () => {
  it.each([
    ["npm=https://npm.mirror.example/", ["npm", "https://npm.mirror.example/"]],
    ["pypi=https://pypi.mirror.example/simple-json", ["PyPI", "https://pypi.mirror.example/simple-json"]],
    ["PyPI=https://pypi.mirror.example", ["PyPI", "https://pypi.mirror.example"]],
    ["go=https://goproxy.example", ["Go", "https://goproxy.example"]],
    ["goproxy=https://goproxy.example", ["Go", "https://goproxy.example"]],
    ["maven=https://nexus.example/repository/central", ["Maven", "https://nexus.example/repository/central"]],
    ["crates=https://crates.mirror.example", ["crates.io", "https://crates.mirror.example"]],
    ["crates.io=https://crates.mirror.example", ["crates.io", "https://crates.mirror.example"]],
    ["cargo=https://crates.mirror.example", ["crates.io", "https://crates.mirror.example"]],
    ["osv=https://osv.mirror.example", ["osv", "https://osv.mirror.example"]],
    [" npm = https://npm.mirror.example ", ["npm", "https://npm.mirror.example"]],
    ["npm=https://user:token@npm.mirror.example/?a=b", ["npm", "https://user:token@npm.mirror.example/?a=b"]],
  ])("%s", (flag, expected) => {
    expect(parseRegistryFlag(flag)).toEqual(expected);
  });

  it.each(["rubygems=https://gems.example", "nuget=https://nuget.example", "=https://npm.mirror.example"])(
    "an unknown name is an error: %s",
    (flag) => {
      const e = settingsError(() => parseRegistryFlag(flag));
      expect(e.message).toContain("--registry takes NAME=URL");
      expect(e.message).toContain(flag);
    },
  );

  it.each(["npm", "https://npm.mirror.example", ""])('a value without "=" is an error: "%s"', (flag) => {
    const e = settingsError(() => parseRegistryFlag(flag));
    expect(e.message).toContain("NAME=URL");
  });

  it("a known name with a bad URL is an error naming the registry", () => {
    expect(settingsError(() => parseRegistryFlag("npm=not a url")).message).toMatch(
      /--registry npm: "not a url" is not a URL/,
    );
    expect(settingsError(() => parseRegistryFlag("maven=ftp://maven.example")).message).toMatch(
      /--registry Maven: .* must be an http\(s\) URL/,
    );
  });
});

// A registry that cannot be reached must not leave a brand-new package passing quietly:
// the review lists it as `unverified`, its title says so, and `dependencies.unverified`
// sets the least conclusion (issue 10, item 3).
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { factKey } from "../../src/core/dependencies/facts.js";
import { configSchema, type AiguardConfig } from "../../src/core/policy/schema.js";
import type { ChangedFile } from "../../src/core/types.js";
import { createHttpClient } from "../../src/lookup/http.js";
import { lookupDependencies, type LookupOptions } from "../../src/lookup/index.js";
import { reviewChange } from "../../src/pipeline.js";
import { checkTitle } from "../../src/report/markdown.js";
import { changeOf } from "../helpers/review.js";

const NPM = "https://registry.npmjs.org";
const OSV = "https://api.osv.dev";
const NOW = "2026-11-20T00:00:00.000Z";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const options = (over: Partial<LookupOptions> = {}): LookupOptions => ({
  http: createHttpClient({ timeoutMs: 2000 }),
  now: () => new Date(NOW),
  ...over,
});

function packageJson(head: Record<string, string>): ChangedFile {
  const doc = (deps: Record<string, string>) => `${JSON.stringify({ name: "app", dependencies: deps }, null, 2)}\n`;
  return {
    path: "package.json",
    status: "modified",
    additions: 1,
    deletions: 0,
    baseContent: doc({}),
    headContent: doc(head),
    patch: `@@ -1,4 +1,6 @@\n {\n   "name": "app",\n-  "dependencies": {}\n+  "dependencies": {\n+    "zorblatt-client": "1.0.0"\n+  }\n }`,
  };
}

const emptyScanner = {
  scan: () => ({ language: "json", findings: [], notes: [] }),
  rules: () => [],
};

async function review(config: AiguardConfig, opts: LookupOptions = options()) {
  const change = changeOf([packageJson({ "zorblatt-client": "1.0.0" })], config);
  return reviewChange(change, {
    scanner: async () => ({ scanner: emptyScanner, notes: [] }),
    lookup: async (c) => (await lookupDependencies(c.files, c.config, opts)).facts,
    clock: () => new Date(NOW),
  });
}

function unreachable() {
  nock(NPM).get("/zorblatt-client").replyWithError({ code: "ECONNREFUSED", message: "connect ECONNREFUSED" });
  nock(OSV)
    .post("/v1/querybatch")
    .reply(200, { results: [{}] });
}

describe("a registry that cannot be reached", () => {
  it("the look-up says which package it could not verify, and why", async () => {
    unreachable();
    const { facts } = await lookupDependencies(
      [packageJson({ "zorblatt-client": "1.0.0" })],
      configSchema.parse({}),
      options(),
    );
    expect(facts!.unverified![factKey("npm", "zorblatt-client", "1.0.0")]).toMatch(
      /^its registry could not be asked \(/,
    );
  });

  it("default policy: neutral, with the unverified package in the title and the review", async () => {
    unreachable();
    const result = await review(configSchema.parse({}));
    expect(result.review.conclusion).toBe("neutral");
    const dep = result.review.dependencies.find((d) => d.name === "zorblatt-client")!;
    expect(dep.risks.map((r) => r.kind)).toEqual(["unverified"]);
    expect(checkTitle(result)).toBe("No security findings introduced by this change · 1 new package not verified");
  });

  it("dependencies.unverified: failure fails the check", async () => {
    unreachable();
    const result = await review(configSchema.parse({ dependencies: { unverified: "failure" } }));
    expect(result.review.conclusion).toBe("failure");
    expect(result.decision.reason).toContain("1 new package not verified (dependencies.unverified: failure)");
  });

  it("a policy that would pass everything still gets at least neutral", async () => {
    unreachable();
    const result = await review(configSchema.parse({ tiers: [{ name: "all", conclusion: "success" }] }));
    expect(result.review.conclusion).toBe("neutral");
  });

  it("(control) a registry that answers verifies the package: no unverified risk, nothing added to the title", async () => {
    const old = "2020-01-01T00:00:00.000Z";
    nock(NPM)
      .get("/zorblatt-client")
      .reply(200, {
        name: "zorblatt-client",
        "dist-tags": { latest: "1.0.0" },
        time: { created: old, "1.0.0": old },
        versions: { "1.0.0": { license: "MIT" } },
      });
    nock(OSV)
      .post("/v1/querybatch")
      .reply(200, { results: [{}] });
    const result = await review(configSchema.parse({ dependencies: { unverified: "failure" } }));
    expect(result.review.dependencies[0]!.risks).toEqual([]);
    expect(result.review.conclusion).toBe("neutral");
    expect(checkTitle(result)).toBe("No security findings introduced by this change");
  });

  it("offline with unverified: failure: registries not asked by choice fail closed, and say why", async () => {
    const result = await review(
      configSchema.parse({ dependencies: { unverified: "failure" } }),
      options({ offline: true }),
    );
    expect(result.review.conclusion).toBe("failure");
    expect(result.review.dependencies[0]!.risks[0]!.detail).toContain("registries were not asked (offline)");
  });
});

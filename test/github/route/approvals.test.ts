// Stale areas: the required areas a push since an approved commit touched.
import nock from "nock";
import { describe, expect, it } from "vitest";
import { StaleAreas } from "../../../src/github/route/approvals.js";
import { classifyAreas as appClassifyAreas } from "../../../src/github/route/changed-areas.js";
import type { ClassifyAreas } from "../../../src/github/route/changed-areas.js";
import { configSchema } from "../../../src/core/policy/schema.js";
import { API, quietOctokit as octokit, strictNock } from "../../helpers/github.js";

strictNock();

describe("stale areas", () => {
  const config = configSchema.parse({});
  const target = { owner: "o", repo: "r", headSha: "h".repeat(40) };
  const classify: ClassifyAreas = (files) => ({
    areas: files.some((f) => f.patch?.includes("stripe")) ? ["payment"] : [],
    evidence: [],
  });

  it("one comparison per approved commit; none for the head itself", async () => {
    nock(API)
      .get(`/repos/o/r/compare/${"a".repeat(40)}...${target.headSha}`)
      .query({ per_page: "1" })
      .once()
      .reply(200, {
        files: [
          { filename: "x.js", status: "modified", changes: 1, patch: "@@ -1 +1 @@\n-a\n+stripe.refunds.create()" },
        ],
      });
    const stale = new StaleAreas({
      octokit: octokit(),
      target,
      config,
      requiredAreas: ["payment"],
      classifyAreas: classify,
    });
    expect(
      await Promise.all([stale.since("a".repeat(40)), stale.since("a".repeat(40)), stale.since(target.headSha)]),
    ).toEqual([["payment"], ["payment"], []]);
  });

  it("commits that cannot be compared make every required area stale, with a note", async () => {
    nock(API)
      .get(`/repos/o/r/compare/${"b".repeat(40)}...${target.headSha}`)
      .query({ per_page: "1" })
      .reply(404, { message: "Not Found" });
    const stale = new StaleAreas({
      octokit: octokit(),
      target,
      config,
      requiredAreas: ["payment", "auth"],
      classifyAreas: classify,
    });
    expect(await stale.since("b".repeat(40))).toEqual(["payment", "auth"]);
    expect(stale.notes).toEqual([expect.stringContaining("could not be compared")]);
  });

  it("a push that only adds a payment SDK to package.json makes payment approvals stale (the App's own classifier)", async () => {
    const head = '{\n  "dependencies": {\n    "express": "^4.19.2",\n    "stripe": "^16.0.0"\n  }\n}\n';
    const patch =
      '@@ -1,5 +1,6 @@\n {\n   "dependencies": {\n-    "express": "^4.19.2"\n+    "express": "^4.19.2",\n+    "stripe": "^16.0.0"\n   }\n }';
    nock(API)
      .get(`/repos/o/r/compare/${"d".repeat(40)}...${target.headSha}`)
      .query({ per_page: "1" })
      .twice()
      .reply(200, { files: [{ filename: "package.json", status: "modified", changes: 3, patch }] });
    const withHead = new StaleAreas({
      octokit: octokit(),
      target,
      config,
      requiredAreas: ["payment"],
      classifyAreas: appClassifyAreas,
      headContents: new Map([["package.json", head]]),
    });
    expect(await withHead.since("d".repeat(40))).toEqual(["payment"]);
    // Without the head text the manifest cannot be compared: nothing is read into it.
    const withoutHead = new StaleAreas({
      octokit: octokit(),
      target,
      config,
      requiredAreas: ["payment"],
      classifyAreas: appClassifyAreas,
    });
    expect(await withoutHead.since("d".repeat(40))).toEqual([]);
  });

  it("for a whole-change (*) requirement, any changed file is stale", async () => {
    nock(API)
      .get(`/repos/o/r/compare/${"c".repeat(40)}...${target.headSha}`)
      .query({ per_page: "1" })
      .reply(200, { files: [{ filename: "README.md", status: "modified", changes: 1, patch: "@@ -1 +1 @@\n-a\n+b" }] });
    const stale = new StaleAreas({ octokit: octokit(), target, config, requiredAreas: ["*"], classifyAreas: classify });
    expect(await stale.since("c".repeat(40))).toEqual(["code"]);
  });
});

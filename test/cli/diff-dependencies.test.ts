// `aiguard review --diff`: a bare patch that modifies a manifest names new packages on its added
// lines; they are checked from the patch alone (typosquat, deny/allow, registries), and the
// review says what could not be compared (issue 10, item 3).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, reviewJson, tempDir } from "./helpers.js";

afterAll(cleanup);
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const PACKAGE_JSON_PATCH = `diff --git a/package.json b/package.json
index 1111111..2222222 100644
--- a/package.json
+++ b/package.json
@@ -10,7 +10,8 @@
     "test": "vitest"
   },
   "dependencies": {
-    "express": "^4.18.0",
+    "express": "^4.19.2",
+    "loadsh": "^4.17.21",
     "zod": "^3.23.8"
   },
   "devDependencies": {
`;

function write(name: string, text: string): string {
  const dir = tempDir();
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

type Dep = {
  name: string;
  change: string;
  version: string;
  line?: number;
  fromPatch?: boolean;
  risks: { kind: string }[];
};

describe("aiguard review --diff with a modified manifest", () => {
  it("flags a typosquat added to package.json, from the patch alone (--offline)", async () => {
    const diff = write("change.diff", PACKAGE_JSON_PATCH);
    const r = await reviewJson(["--diff", diff, "--offline"]);
    const deps = r.review.dependencies as Dep[];
    const loadsh = deps.find((d) => d.name === "loadsh");
    expect(loadsh).toMatchObject({ change: "added", version: "^4.17.21", line: 14, fromPatch: true });
    expect(loadsh!.risks.map((k) => k.kind)).toEqual(["typosquat"]);
    expect(deps.find((d) => d.name === "express")).toMatchObject({ change: "updated", version: "^4.19.2" });
    expect(deps.find((d) => d.name === "zod")).toBeUndefined(); // context: unchanged
    expect(r.review.conclusion).toBe("failure");
    expect(r.code).toBe(1);
    expect(r.review.notes).toContainEqual(
      expect.stringMatching(
        /^package\.json: dependencies compared from the patch alone .*not the versions a lockfile resolves/,
      ),
    );
    expect(r.review.notes).not.toContainEqual(expect.stringContaining("could not read the file at the head commit"));
  });

  it("applies dependencies.deny to the names of a patch", async () => {
    const diff = write("change.diff", PACKAGE_JSON_PATCH.replaceAll("loadsh", "left-pad"));
    const config = write(".aiguard.yml", "dependencies:\n  deny: [left-pad]\n");
    const r = await reviewJson(["--diff", diff, "--offline", "--config", config]);
    const leftPad = (r.review.dependencies as Dep[]).find((d) => d.name === "left-pad");
    expect(leftPad!.risks.map((k) => k.kind)).toContain("denied");
  });

  it("asks the registry about a package a go.mod patch requires, and reports a hallucinated one", async () => {
    const diff = write(
      "change.diff",
      `--- a/go.mod
+++ b/go.mod
@@ -3,6 +3,7 @@ go 1.22
 require (
 \tgithub.com/google/uuid v1.6.0
+\tgithub.com/acme-halluc/jsonx v1.2.0
 \tgolang.org/x/net v0.25.0
 )
`,
    );
    const proxy = nock("https://proxy.golang.org")
      .get(/acme-halluc/)
      .reply(404, "not found")
      .persist();
    nock("https://api.osv.dev").post("/v1/querybatch").reply(200, { results: [] }).persist();
    const r = await reviewJson(["--diff", diff]);
    expect(proxy.isDone()).toBe(true);
    const dep = (r.review.dependencies as Dep[]).find((d) => d.name === "github.com/acme-halluc/jsonx");
    expect(dep).toMatchObject({ change: "added", line: 5, fromPatch: true });
    expect(dep!.risks.map((k) => k.kind)).toContain("nonexistent");
  });
});

// `aiguard review` on a git repository whose change adds dependencies: manifests and lockfiles
// read at the merge base and the head, registries asked through real HTTP (nock), --offline,
// --registry mirrors, and every dependency risk in the JSON, SARIF and Markdown outputs.
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cleanup, reviewJson, runCli, TestRepo } from "./helpers.js";

afterAll(cleanup);
beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const oldDate = new Date(Date.now() - 2000 * 86_400_000).toISOString();

function pkg(deps: Record<string, string>): string {
  return `${JSON.stringify({ name: "app", version: "1.0.0", dependencies: deps }, null, 2)}\n`;
}

function lock(deps: Record<string, string>, extra: Record<string, unknown> = {}): string {
  const packages: Record<string, unknown> = { "": { name: "app", version: "1.0.0", dependencies: deps } };
  for (const [name, range] of Object.entries(deps))
    packages[`node_modules/${name}`] = { version: range.replace(/^[\^~]/, ""), license: "MIT" };
  return `${JSON.stringify({ name: "app", version: "1.0.0", lockfileVersion: 3, requires: true, packages: { ...packages, ...extra } }, null, 2)}\n`;
}

/** Base: express. Head: adds `expresss` (typosquat), zod, a transitive package with an install script, and a Python typosquat. */
function dependencyRepo(): { repo: TestRepo; base: string } {
  const repo = new TestRepo();
  repo
    .write("package.json", pkg({ express: "^4.19.2" }))
    .write("package-lock.json", lock({ express: "^4.19.2" }))
    .write("requirements.txt", "flask==3.0.3\n");
  const base = repo.commit("base");
  const deps = { express: "^4.19.2", expresss: "^1.0.0", zod: "^3.23.8" };
  repo
    .write("package.json", pkg(deps))
    .write(
      "package-lock.json",
      lock(deps, { "node_modules/fsevents-helper": { version: "2.3.3", hasInstallScript: true, license: "MIT" } }),
    )
    .write("requirements.txt", "flask==3.0.3\npython-dateutils==2.9.0\n");
  repo.commit("add dependencies");
  return { repo, base };
}

type Dep = {
  ecosystem: string;
  name: string;
  version: string;
  change: string;
  direct: boolean;
  manifest: string;
  line?: number;
  risks: Array<{ kind: string; severity: string }>;
};

describe("aiguard review: dependencies", () => {
  it("--offline reports added packages with the offline checks and asks no registry", async () => {
    const { repo, base } = dependencyRepo();
    const r = await reviewJson(["--repo", repo.dir, "--base", base, "--offline"]);
    expect(r.code).toBe(1);
    const deps = r.review.dependencies as Dep[];
    const by = (name: string) => deps.find((d) => d.name === name);
    expect(by("expresss")).toMatchObject({
      ecosystem: "npm",
      version: "^1.0.0",
      change: "added",
      direct: true,
      manifest: "package.json",
      line: 6,
      resolvedVersion: "1.0.0",
    });
    expect(by("expresss")!.risks).toEqual([expect.objectContaining({ kind: "typosquat", severity: "high" })]);
    expect(by("python-dateutils")).toMatchObject({ ecosystem: "PyPI", manifest: "requirements.txt", line: 2 });
    expect(by("python-dateutils")!.risks.map((k) => k.kind)).toEqual(["typosquat"]);
    expect(by("fsevents-helper")).toMatchObject({
      direct: false,
      manifest: "package-lock.json",
      risks: [expect.objectContaining({ kind: "install-script" })],
    });
    expect(by("zod")!.risks).toEqual([]);
    expect(by("express")).toBeUndefined();
    expect(r.review.notes).toContainEqual(expect.stringMatching(/checked offline only/));
  });

  it("asks the registries and OSV (one batch) and reports a hallucinated package as nonexistent", async () => {
    const { repo, base } = dependencyRepo();
    const npm = nock("https://registry.npmjs.org")
      .get("/expresss")
      .reply(404, { error: "Not found" })
      .get("/zod")
      .reply(200, {
        name: "zod",
        "dist-tags": { latest: "3.23.8" },
        time: { created: oldDate, "3.23.8": oldDate },
        versions: { "3.23.8": { license: "MIT" } },
      })
      .get("/fsevents-helper")
      .reply(200, {
        name: "fsevents-helper",
        "dist-tags": { latest: "2.3.3" },
        time: { created: oldDate, "2.3.3": oldDate },
        versions: { "2.3.3": { license: "MIT", scripts: { install: "node-gyp rebuild" } } },
      });
    const pypi = nock("https://pypi.org")
      .get("/pypi/python-dateutils/json")
      .reply(200, {
        info: { name: "python-dateutils", version: "2.9.0", license: "MIT" },
        releases: {
          "2.9.0": [{ upload_time_iso_8601: new Date(Date.now() - 4 * 86_400_000).toISOString(), yanked: false }],
        },
      });
    const osvBodies: Array<{ queries: unknown[] }> = [];
    const osv = nock("https://api.osv.dev")
      .post("/v1/querybatch", (b) => (osvBodies.push(b), true))
      .reply(200, (_u, b) => ({ results: (b as { queries: unknown[] }).queries.map(() => ({ vulns: [] })) }));
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(npm.isDone() && pypi.isDone() && osv.isDone()).toBe(true);
    expect(osvBodies).toHaveLength(1);
    expect(osvBodies[0]!.queries).toHaveLength(3); // zod, fsevents-helper, python-dateutils; not the nonexistent one
    const deps = r.review.dependencies as Dep[];
    const by = (name: string) => deps.find((d) => d.name === name)!;
    expect(by("expresss").risks.map((k) => [k.kind, k.severity])).toEqual([
      ["nonexistent", "critical"],
      ["typosquat", "high"],
    ]);
    expect(deps[0]!.name).toBe("expresss"); // riskiest first
    expect(
      by("python-dateutils")
        .risks.map((k) => k.kind)
        .sort(),
    ).toEqual(["new-package", "typosquat"]);
    expect(by("zod").risks).toEqual([]);
  });

  it("uses --registry mirrors instead of the public hosts", async () => {
    const { repo, base } = dependencyRepo();
    const mirror = nock("https://npm.mirror.example")
      .get(/^\/npm\/.*/)
      .times(3)
      .reply(404, { error: "Not found" });
    const pypi = nock("https://pypi.mirror.example").get("/pypi/python-dateutils/json").reply(404, "Not Found");
    const osv = nock("https://osv.mirror.example").post("/v1/querybatch").reply(200, { results: [] });
    const r = await reviewJson([
      "--repo",
      repo.dir,
      "--base",
      base,
      "--registry",
      "npm=https://npm.mirror.example/npm/",
      "--registry",
      "pypi=https://pypi.mirror.example",
      "--registry",
      "osv=https://osv.mirror.example",
    ]);
    expect(mirror.isDone() && pypi.isDone()).toBe(true);
    expect(osv.isDone()).toBe(false); // every package answered 404: nothing to ask OSV about
    expect(
      (r.review.dependencies as Dep[])
        .filter((d) => d.risks.some((k) => k.kind === "nonexistent"))
        .map((d) => d.name)
        .sort(),
    ).toEqual(["expresss", "fsevents-helper", "python-dateutils", "zod"]);
  });

  it("rejects a bad --registry value with exit code 2", async () => {
    for (const [arg, re] of [
      ["npm", /NAME=URL/],
      ["rubygems=https://x.example", /NAME=URL/],
      ["npm=ftp://x.example", /http\(s\) URL/],
      ["npm=not a url", /not a URL/],
    ] as const) {
      const r = await runCli(["review", "--registry", arg]);
      expect(r.code, arg).toBe(2);
      expect(r.stderr, arg).toMatch(re);
    }
  });

  it("puts dependency risks in SARIF (on the manifest line) and in the Markdown table", async () => {
    const { repo, base } = dependencyRepo();
    const sarif = await runCli(["review", "--repo", repo.dir, "--base", base, "--offline", "--format", "sarif"]);
    const run = JSON.parse(sarif.stdout).runs[0];
    const typo = run.results.find(
      (x: { ruleId: string; message: { text: string } }) =>
        x.ruleId === "dependency/typosquat" && x.message.text.includes("expresss"),
    );
    expect(typo.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "package.json", uriBaseId: "%SRCROOT%" },
      region: { startLine: 6 },
    });
    expect(run.tool.driver.rules[typo.ruleIndex].id).toBe("dependency/typosquat");
    const md = await runCli(["review", "--repo", repo.dir, "--base", base, "--offline", "--format", "markdown"]);
    expect(md.stdout).toContain(
      "| [`expresss`](https://www.npmjs.com/package/expresss) ^1.0.0 (1.0.0) | npm | added | `package.json:6` |",
    );
    expect(md.stdout).toContain("<summary>1 dependency change without risks (1 added)</summary>");
  });

  it("follows dependencies.ignore and deny from the base commit's .aiguard.yml", async () => {
    const repo = new TestRepo();
    repo
      .write("package.json", pkg({}))
      .write(
        ".aiguard.yml",
        [
          "dependencies:",
          "  deny:",
          "    - name: event-stream",
          "      reason: compromised in 2018",
          "  ignore:",
          "    - name: expresss",
          "      risks: [typosquat]",
          "      reason: internal fork, reviewed by AppSec (SEC-123)",
          "",
        ].join("\n"),
      );
    const base = repo.commit("base");
    repo.write("package.json", pkg({ expresss: "1.0.0", "event-stream": "3.3.6" }));
    repo.commit("head");
    const r = await reviewJson(["--repo", repo.dir, "--base", base, "--offline"]);
    const deps = r.review.dependencies as Array<Dep & { ignored?: Array<{ kind: string; reason: string }> }>;
    const ex = deps.find((d) => d.name === "expresss")!;
    expect(ex.risks).toEqual([]);
    expect(ex.ignored).toEqual([
      expect.objectContaining({ kind: "typosquat", reason: "internal fork, reviewed by AppSec (SEC-123)" }),
    ]);
    expect(deps.find((d) => d.name === "event-stream")!.risks).toEqual([
      { kind: "denied", severity: "high", detail: "on dependencies.deny: compromised in 2018" },
    ]);
    expect(r.code).toBe(1);
  });
});

// Library mode's `auto` in the CLI gather: the root manifest at the head decides.
import { afterAll, describe, expect, it } from "vitest";
import { gatherRepo } from "../../src/cli/gather.js";
import { cleanup, GIT_ENV, TestRepo } from "./helpers.js";
import { Readable } from "node:stream";

afterAll(cleanup);

const opts = (dir: string, base: string, head: string) => ({
  repo: dir,
  base,
  head,
  offline: true,
  allowEmpty: false,
  registries: {},
});
const io = (cwd: string) => ({ cwd, env: GIT_ENV, stdin: Readable.from([]) });

async function libraryFor(files: Record<string, string>, config?: string): Promise<boolean | undefined> {
  const repo = new TestRepo();
  if (config) repo.write(".aiguard.yml", config);
  const base = repo.write("README.md", "x\n").commit("base");
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.write("src/index.js", "module.exports = (a) => a;\n");
  const head = repo.commit("head");
  const g = await gatherRepo(opts(repo.dir, base, head), io(repo.dir));
  return g.change.library;
}

describe("CLI gather: analysis.library auto", () => {
  it("a published npm package is a library", async () => {
    expect(
      await libraryFor({ "package.json": JSON.stringify({ name: "left-pad", version: "1.0.0", main: "index.js" }) }),
    ).toBe(true);
  });

  it("a private package, an application and a repository without a manifest are not", async () => {
    expect(
      await libraryFor({ "package.json": JSON.stringify({ name: "site", private: true, main: "index.js" }) }),
    ).toBe(false);
    expect(
      await libraryFor({
        "package.json": JSON.stringify({ name: "api", version: "1.0.0", scripts: { start: "node ." } }),
      }),
    ).toBe(false);
    expect(await libraryFor({})).toBe(false);
  });

  it("Python, Go and Maven manifests", async () => {
    expect(await libraryFor({ "pyproject.toml": '[project]\nname = "tool"\nversion = "1.0"\n' })).toBe(true);
    expect(await libraryFor({ "pyproject.toml": "[tool.black]\nline-length = 100\n" })).toBe(false);
    expect(await libraryFor({ "go.mod": "module example.com/lib\n\ngo 1.22\n" })).toBe(true);
    expect(
      await libraryFor({ "pom.xml": "<project><artifactId>app</artifactId><packaging>war</packaging></project>" }),
    ).toBe(false);
  });

  it("the policy decides when it says true or false", async () => {
    const pkg = { "package.json": JSON.stringify({ name: "left-pad", version: "1.0.0", main: "index.js" }) };
    expect(await libraryFor(pkg, "analysis:\n  library: false\n")).toBe(false);
    expect(await libraryFor({}, "analysis:\n  library: true\n")).toBe(true);
  });
});

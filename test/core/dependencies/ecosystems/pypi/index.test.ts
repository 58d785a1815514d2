import { describe, expect, it } from "vitest";
import { diffDependencies } from "../../../../../src/core/dependencies/index.js";
import { extractPoetryLock, extractUvLock } from "../../../../../src/core/dependencies/ecosystems/pypi/locks.js";
import { normalizePypiName } from "../../../../../src/core/dependencies/ecosystems/pypi/pep508.js";
import { extractPyproject } from "../../../../../src/core/dependencies/ecosystems/pypi/pyproject.js";
import { find, fixture } from "../../helpers.js";

describe("PyPI: requirements files", () => {
  const req = fixture("pypi/requirements.txt");
  const reqBase = req.replace(/^requests.*\n/m, "");

  it("resolves -r includes among the given files and attributes each package to its file", () => {
    const { dependencies, notes } = diffDependencies([
      { path: "requirements.txt", baseContent: reqBase, headContent: req },
      {
        path: "requirements-base.txt",
        baseContent: fixture("pypi/requirements-base.txt"),
        headContent: fixture("pypi/requirements-base.head.txt"),
      },
    ]);
    expect(dependencies.map((d) => [d.name, d.change, d.manifest])).toEqual([
      ["requests", "added", "requirements.txt"],
      ["certifi", "updated", "requirements-base.txt"],
      ["python-dateutil", "added", "requirements-base.txt"],
    ]);
    expect(find(dependencies, "requests")).toMatchObject({ ecosystem: "PyPI", version: ">=2.31,<3", line: 5 });
    expect(find(dependencies, "certifi")).toMatchObject({ version: "2024.7.4", previousVersion: "2024.2.2", line: 1 });
    expect(notes).toEqual([expect.stringMatching(/^requirements\.txt:6: editable or URL requirement/)]);
  });

  it("handles hashes, markers, extras and PEP 503 names; notes an include it cannot see", () => {
    const { dependencies, notes } = diffDependencies([{ path: "requirements.txt", headContent: req }]);
    expect(dependencies.map((d) => [d.name, d.version, d.line])).toEqual([
      ["django", "4.2.11", 3],
      ["requests", ">=2.31,<3", 5],
    ]);
    expect(notes).toContainEqual(
      "requirements.txt: included file requirements-base.txt not in the change set; its dependencies were not compared",
    );
  });

  it("normalises names", () => {
    expect(normalizePypiName("Flask_Login")).toBe("flask-login");
    expect(normalizePypiName("zope.Interface")).toBe("zope-interface");
  });
});

describe("PyPI: pyproject.toml and lockfiles", () => {
  it("reads PEP 621 dependencies and optional-dependencies", () => {
    const deps = extractPyproject(fixture("pypi/pyproject.pep621.toml"));
    expect(deps.map((d) => [d.name, d.version, d.line])).toEqual([
      ["httpx", ">=0.27", 10],
      ["pydantic", "2.6.4", 11],
      ["sqlalchemy", "~=2.0", 12],
      ["pytest", ">=8.0", 16],
    ]);
  });

  it("reads Poetry dependencies (strings, inline tables, git) and groups, skipping python", () => {
    const deps = extractPyproject(fixture("pypi/pyproject.poetry.toml"));
    expect(deps.map((d) => [d.name, d.version, d.dev])).toEqual([
      ["requests", "^2.31.0", false],
      ["beautifulsoup4", "^4.12.3", false],
      ["some-package", "git:https://github.com/example/some-package.git", false],
      ["pytest", "^8.0.0", true],
    ]);
  });

  it("merges pyproject.toml with poetry.lock: manifest for direct, lock for transitive", () => {
    const { dependencies } = diffDependencies([
      { path: "pyproject.toml", headContent: fixture("pypi/pyproject.poetry.toml") },
      { path: "poetry.lock", headContent: fixture("pypi/poetry.lock") },
    ]);
    expect(find(dependencies, "requests")).toMatchObject({
      manifest: "pyproject.toml",
      version: "^2.31.0",
      resolvedVersion: "2.31.0",
      direct: true,
    });
    expect(find(dependencies, "certifi")).toMatchObject({
      manifest: "poetry.lock",
      version: "2024.2.2",
      direct: false,
      line: 4,
    });
    expect(dependencies.filter((d) => d.name === "requests")).toHaveLength(1);
  });

  it("reads poetry.lock and uv.lock on their own", () => {
    expect(extractPoetryLock(fixture("pypi/poetry.lock")).map((d) => [d.name, d.direct])).toEqual([
      ["certifi", false],
      ["requests", true],
    ]);
    expect(extractUvLock(fixture("pypi/uv.lock")).map((d) => [d.name, d.version, d.direct])).toEqual([
      ["anyio", "4.3.0", true],
      ["idna", "3.6", false],
      ["sniffio", "1.3.1", false],
    ]);
  });
});

// Library mode's `auto`: which root manifests describe a published package (src/core/library.ts).
import { describe, expect, it } from "vitest";
import { manifestIsLibrary, resolveLibrary } from "../../src/core/library.js";

const pom = (body: string) =>
  `<project><modelVersion>4.0.0</modelVersion><artifactId>core</artifactId>${body}</project>`;

describe("manifestIsLibrary", () => {
  it("reads a single-module pom by its packaging", () => {
    expect(manifestIsLibrary("pom.xml", pom(""))).toBe(true);
    expect(manifestIsLibrary("pom.xml", pom("<packaging>jar</packaging>"))).toBe(true);
    expect(manifestIsLibrary("pom.xml", pom("<packaging>war</packaging>"))).toBe(false);
  });

  it("counts a multi-module root pom only when it publishes its modules", () => {
    const modules = "<packaging>pom</packaging><modules><module>core</module></modules>";
    expect(manifestIsLibrary("pom.xml", pom(modules))).toBe(false);
    expect(
      manifestIsLibrary("pom.xml", pom(`${modules}<distributionManagement><repository/></distributionManagement>`)),
    ).toBe(true);
    expect(
      manifestIsLibrary(
        "pom.xml",
        pom(`<parent><groupId>org.apache</groupId><artifactId>apache</artifactId></parent>${modules}`),
      ),
    ).toBe(true);
    // a bill of materials or a parent with no modules is not code
    expect(manifestIsLibrary("pom.xml", pom("<packaging>pom</packaging><distributionManagement/>"))).toBe(false);
  });

  it("reads Python and Go manifests", () => {
    expect(manifestIsLibrary("pyproject.toml", '[project]\nname = "pkg"\n')).toBe(true);
    expect(manifestIsLibrary("pyproject.toml", "[tool.black]\nline-length = 100\n")).toBe(false);
    expect(manifestIsLibrary("setup.py", "from setuptools import setup\nsetup(name='pkg')\n")).toBe(true);
    expect(manifestIsLibrary("go.mod", "module github.com/acme/lib\n\ngo 1.22\n")).toBe(true);
  });

  it("follows the policy setting over the manifests", () => {
    const manifests = new Map([["go.mod", "module example.com/x\n"]]);
    expect(resolveLibrary("auto", manifests)).toBe(true);
    expect(resolveLibrary(false, manifests)).toBe(false);
    expect(resolveLibrary("auto", new Map())).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { mavenTyposquat } from "../../../../../src/core/dependencies/ecosystems/maven/typosquat.js";
import { checkTyposquat } from "../../../../../src/core/dependencies/typosquat/index.js";
import { buildIndex } from "../../../../../src/core/dependencies/typosquat/popular-index.js";

const index = buildIndex(mavenTyposquat, (n) => n.toLowerCase(), [
  "org.apache.commons:commons-lang3",
  "com.google.guava:guava",
]);
const check = mavenTyposquat.check!(index);

describe("Maven groupIds and artifactIds", () => {
  it("takes the groupId as namespace and the artifactId as core", () => {
    expect(mavenTyposquat.namespace!("com.google.guava:guava")).toBe("com.google.guava");
    expect(mavenTyposquat.core!("com.google.guava:guava")).toBe("guava");
  });
});

describe("Maven check", () => {
  it("trusts popular groupIds, their children and their parents", () => {
    expect(check("com.google.guava:anything")).toBeNull();
    expect(check("org.apache.commons.text:commons-text")).toBeNull();
    expect(check("org.apache:commons-lang3")).toBeNull();
  });
  it("flags a popular artifact under a look-alike groupId, strongly when the artifact is the same", () => {
    expect(check("com.google.guavaa:guava")).toEqual({
      entry: index.byCanon.get("com.google.guava:guava"),
      distance: null,
      strong: true,
      detail: "look-alike groupId 'com.google.guavaa' of 'com.google.guava:guava'",
    });
    expect(check("io.google-guava:guava")).toMatchObject({ entry: { name: "com.google.guava:guava" } });
    expect(check("com.google.guavaa:guavaa")).toMatchObject({
      distance: 1,
      strong: false,
      detail: "look-alike groupId 'com.google.guavaa' and 1 edit from 'com.google.guava:guava'",
    });
  });
  it("flags an artifact a few edits from a popular one in the same groupId, not its real siblings", () => {
    expect(checkTyposquat("maven", "com.fasterxml.jackson.core:jackson-databnd")).toMatchObject({
      target: "com.fasterxml.jackson.core:jackson-databind",
      severity: "medium",
      detail: "1 edit from 'com.fasterxml.jackson.core:jackson-databind' (deletion), in the same groupId",
    });
    expect(checkTyposquat("maven", "com.fasterxml.jackson.core:jackson-core")).toBeNull();
    expect(checkTyposquat("maven", "com.fasterxml.jackson.core:jackson-annotations")).toBeNull();
  });
  it("leaves other names alone", () => {
    expect(check("com.example:guava")).toBeNull();
    expect(check("no-colon")).toBeNull();
  });
});

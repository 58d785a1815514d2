// A direct dependency that is itself a strong area signal places the manifest line in that area.
import { describe, expect, it } from "vitest";
import { dependencyAreas } from "../../../src/core/areas/index.js";
import { configSchema, defaultConfig } from "../../../src/core/policy/schema.js";
import { analyze } from "../../../src/core/analyze.js";
import type { Scanner } from "../../../src/core/engine/scanner.js";

const dep = (
  ecosystem: string,
  name: string,
  over: Partial<{ change: string; direct: boolean; line: number; manifest: string }> = {},
) => ({
  ecosystem,
  name,
  change: "added",
  direct: true,
  manifest: "package.json",
  line: 3,
  ...over,
});

describe("dependencyAreas", () => {
  it("puts payment, auth and crypto packages of every ecosystem in their areas", () => {
    const ev = dependencyAreas(
      [
        dep("npm", "stripe", { line: 4 }),
        dep("npm", "jsonwebtoken", { line: 5 }),
        dep("PyPI", "cryptography", { manifest: "requirements.txt", line: 2 }),
        dep("Go", "golang.org/x/oauth2", { manifest: "go.mod", line: 7 }),
        dep("Maven", "io.jsonwebtoken:jjwt-api", { manifest: "pom.xml", line: 30 }),
      ],
      defaultConfig(),
    );
    expect(ev).toEqual([
      { area: "payment", path: "package.json", line: 4, reason: "adds the dependency stripe" },
      { area: "auth", path: "package.json", line: 5, reason: "adds the dependency jsonwebtoken" },
      { area: "crypto", path: "requirements.txt", line: 2, reason: "adds the dependency cryptography" },
      { area: "auth", path: "go.mod", line: 7, reason: "adds the dependency golang.org/x/oauth2" },
      { area: "auth", path: "pom.xml", line: 30, reason: "adds the dependency io.jsonwebtoken:jjwt-api" },
    ]);
  });

  it("ignores ordinary packages, transitive additions, updates and removals", () => {
    const ev = dependencyAreas(
      [
        dep("npm", "lodash"),
        dep("npm", "react-dom"),
        dep("PyPI", "fastapi", { manifest: "requirements.txt" }),
        dep("npm", "jsonwebtoken", { direct: false, manifest: "package-lock.json" }),
        dep("npm", "stripe", { change: "updated" }),
        dep("npm", "passport", { change: "removed" }),
      ],
      defaultConfig(),
    );
    expect(ev).toEqual([]);
  });

  it("follows areas the config adds (an internal payments SDK)", () => {
    const config = configSchema.parse({ areas: { payment: { imports: ["@acme/payments"] } } });
    expect(dependencyAreas([dep("npm", "@acme/payments")], config)).toEqual([
      { area: "payment", path: "package.json", line: 3, reason: "adds the dependency @acme/payments" },
    ]);
    expect(dependencyAreas([dep("npm", "@acme/payments")], defaultConfig())).toEqual([]);
  });

  it("reaches the review's areas through analyze()", () => {
    const scanner: Scanner = { scan: () => ({ language: null, findings: [], notes: [] }), rules: () => [] };
    const base = '{\n  "dependencies": {\n    "express": "^4.19.2"\n  }\n}\n';
    const head = '{\n  "dependencies": {\n    "express": "^4.19.2",\n    "stripe": "^16.0.0"\n  }\n}\n';
    const analysis = analyze(
      {
        base: "b",
        head: "h",
        files: [
          {
            path: "package.json",
            status: "modified",
            additions: 2,
            deletions: 1,
            baseContent: base,
            headContent: head,
          },
        ],
        config: defaultConfig(),
        customRules: [],
        fullContext: true,
        draft: false,
        notes: [],
      },
      scanner,
    );
    expect(analysis.areas).toEqual(["payment"]);
    expect(analysis.areaEvidence).toEqual([
      { area: "payment", path: "package.json", line: 4, reason: "adds the dependency stripe" },
    ]);
  });
});

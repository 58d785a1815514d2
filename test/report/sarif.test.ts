import { describe, expect, it } from "vitest";
import { cweTag, pathToUri, renderSarif, toSarif } from "../../src/report/sarif.js";
import { checkSarif } from "./sarif-check.js";
import { sampleResult } from "./sample.js";

describe("SARIF", () => {
  it("is structurally valid SARIF 2.1.0 for GitHub code scanning", () => {
    const log = JSON.parse(renderSarif(sampleResult()));
    expect(checkSarif(log)).toEqual([]);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].tool.driver.name).toBe("aiguard");
    expect(log.runs[0].tool.driver.version).toBe("0.1.0");
  });

  it("describes every rule with CWE tags, precision and a security-severity", () => {
    const log = toSarif(sampleResult()) as any;
    const rules = log.runs[0].tool.driver.rules as any[];
    expect(rules.map((r) => r.id)).toEqual(["js.sql.string-concat", "secrets.aws-access-key", "py.cmd.shell-true"]);
    const sql = rules[0];
    expect(sql.name).toBe("SQLQueryBuiltFromStrings");
    expect(sql.shortDescription.text).toBe("SQL query built from strings");
    expect(sql.fullDescription.text).toBe("SQL query is built from strings and passed to <method>().");
    expect(sql.help.markdown).toMatch(/^SQL query is built from strings and passed to `<method>`\(\)\./);
    expect(rules[2].name).toBe("PyCmdShellTrue");
    expect(sql.properties.tags).toEqual(["security", "external/cwe/cwe-89"]);
    expect(sql.properties.precision).toBe("high");
    // The finding's (overridden) severity is the rule's effective severity: medium.
    expect(sql.properties["security-severity"]).toBe("5.5");
    expect(sql.defaultConfiguration.level).toBe("warning");
    expect(sql.help.markdown).toContain("[CWE-89](https://cwe.mitre.org/data/definitions/89.html)");
    expect(sql.help.text).toContain("Use a parameterised query");
    expect(rules[1].properties["security-severity"]).toBe("9.5");
    expect(rules[1].properties.tags).toContain("external/cwe/cwe-798");
    // A rule with no metadata is described from its finding.
    expect(rules[2].properties.tags).toEqual(["security", "external/cwe/cwe-78"]);
    expect(rules[2].properties.precision).toBe("low");
  });

  it("maps findings to results with locations, fingerprints and suppressions", () => {
    const log = toSarif(sampleResult()) as any;
    const results = log.runs[0].results as any[];
    expect(results).toHaveLength(3);
    const [secret, sql] = results;
    expect(secret.ruleIndex).toBe(1);
    expect(secret.level).toBe("error");
    expect(secret.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: "config/my%20keys.js",
      uriBaseId: "%SRCROOT%",
    });
    expect(secret.partialFingerprints).toEqual({ "aiguardFindingId/v1": "aaaa1111" });
    expect(secret.suppressions).toEqual([
      { kind: "inSource", status: "accepted", justification: "test fixture", properties: { author: "octocat" } },
    ]);
    expect(sql.suppressions).toBeUndefined();
    expect(sql.locations[0].physicalLocation.region).toEqual({ startLine: 10, endLine: 12 });
    expect(sql.message.text).toContain("SQL query built from strings");
    expect(log.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toBe(
      "1 file skipped (binary): logo.png",
    );
  });

  it("has an empty but valid run when there are no findings", () => {
    const res = sampleResult();
    res.review.findings = [];
    res.rules = [];
    const log = toSarif(res) as any;
    expect(checkSarif(log)).toEqual([]);
    expect(log.runs[0].results).toEqual([]);
    expect(log.runs[0].tool.driver.rules).toEqual([]);
  });

  it("builds tags and URIs", () => {
    expect(cweTag("CWE-89")).toBe("external/cwe/cwe-89");
    expect(cweTag("cwe-798")).toBe("external/cwe/cwe-798");
    expect(pathToUri("src/a b/#1.js")).toBe("src/a%20b/%231.js");
    expect(pathToUri("ünï.js")).toBe("%C3%BCn%C3%AF.js");
  });
});

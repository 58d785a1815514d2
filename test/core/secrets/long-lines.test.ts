// The secrets scan on lines of any length: overlapping windows, so a key is found wherever it sits,
// including across the edge of two windows (issue 10: a key in minified code was never scanned).
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../src/core/engine/index.js";
import type { Scanner } from "../../../src/core/engine/scanner.js";
import { loadBuiltins } from "../../../src/core/engine/builtin.js";
import { defaultRulesDir } from "../../../src/core/engine/rules-dir.js";
import { scanSecretsWithin, WINDOW, WINDOW_OVERLAP } from "../../../src/core/secrets/scan.js";
import { fake } from "./fake.js";

let scanner: Scanner;
beforeAll(async () => {
  ({ scanner } = await createScanner());
});

function awsFindings(content: string) {
  return scanner
    .scan({ path: "data/dump.txt", content, changedLines: new Set([1]) })
    .findings.filter((f) => f.ruleId === "secrets.aws-access-key-id");
}

describe("secrets on very long lines", () => {
  it.each([
    ["early in a 200 KB line", 100],
    ["across the edge of the first window", WINDOW - 10],
    ["at the start of the overlap", WINDOW - WINDOW_OVERLAP],
    ["deep in a 200 KB line", 150_000],
  ])("finds an AWS key %s, once, at its column", (_what, at) => {
    const key = fake.awsKeyId();
    const assignment = `var k="${key}";`;
    const filler = (n: number) => "a+=1;".repeat(Math.ceil(n / 5)).slice(0, n);
    const line = `${filler(at)}${assignment}${filler(200_000 - at)}`;
    const found = awsFindings(line);
    expect(found).toHaveLength(1);
    expect(found[0]!.column).toBe(at + assignment.indexOf(key) + 1);
    expect(found[0]!.secrets).toContain(key);
  });

  it("finds two keys in different windows of one line", () => {
    const [a, b] = [fake.awsKeyId(1), fake.awsKeyId(2)];
    const line = `x("${a}");${"0;".repeat(30_000)}y("${b}");`;
    expect(awsFindings(line).flatMap((f) => f.secrets)).toEqual(expect.arrayContaining([a, b]));
  });
});

describe("the secrets scan's time budget", () => {
  it("stops when the budget is spent and says at which line, so the file is reported incomplete", async () => {
    const { detectors } = await loadBuiltins(defaultRulesDir());
    const content = `ok\nk = "${fake.awsKeyId()}"\n${"x = 1\n".repeat(1000)}`;
    const input = { path: "a.py", content, changedLines: new Set<number>(), code: true };
    expect(scanSecretsWithin(detectors, input, Number.POSITIVE_INFINITY)).toEqual({ findings: [expect.anything()] });
    const spent = scanSecretsWithin(detectors, input, -1);
    expect(spent.stoppedAt).toBe(1);
    expect(spent.findings).toEqual([]);
  });
});

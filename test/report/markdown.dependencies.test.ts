// The check-run summary's dependency table stays within the summary limit, risky packages first.
import { describe, expect, it } from "vitest";
import type { DependencyChange } from "../../src/core/types.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { failedReview } from "../../src/pipeline.js";

function withDeps(deps: DependencyChange[]) {
  const r = failedReview("b".repeat(40), "h".repeat(40), "failure", []);
  r.review.tier = "high";
  r.review.dependencies = deps;
  r.review.notes = ["could not verify 3 dependencies with their registries"];
  return r;
}

const dep = (i: number, risky: boolean): DependencyChange => ({
  ecosystem: "npm",
  name: `package-number-${i}`,
  version: "^1.0.0",
  change: "added",
  manifest: "services/api/package.json",
  direct: true,
  line: i + 3,
  risks: risky
    ? [
        {
          kind: "typosquat",
          severity: "high",
          detail: `1 edit from 'package-numbr-${i}' ${"and a long explanation ".repeat(10)}`,
        },
      ]
    : [],
});

describe("dependency table in the summary", () => {
  it("lists risky packages with their registry link, line and risks, and folds the others away", () => {
    const md = renderMarkdown(withDeps([dep(1, true), dep(2, false)]));
    expect(md).toContain("#### Dependencies (1 risky package, 2 changed)");
    expect(md).toContain(
      "| [`package-number-1`](https://www.npmjs.com/package/package-number-1) ^1.0.0 | npm | added | `services/api/package.json:4` |",
    );
    expect(md).toContain("**typosquat** (high): 1 edit from 'package-numbr-1'");
    expect(md).toContain("<summary>1 dependency change without risks (1 added)</summary>");
  });

  it("stays under the summary limit with thousands of dependency changes", () => {
    const deps = Array.from({ length: 3000 }, (_, i) => dep(i, i % 2 === 0));
    const md = renderMarkdown(withDeps(deps), { maxChars: 65_535 });
    expect(md.length).toBeLessThanOrEqual(65_535);
    expect(md).not.toContain("summary truncated");
    expect(md).toMatch(/…and \d+ more risky packages \(see the JSON or SARIF report\)\./);
    expect(md).toContain("#### Notes"); // the notes after the table still fit
  });
});

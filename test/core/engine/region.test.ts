// A parse or a rule over its time budget is retried on the changed region alone (issue 10):
// a 200 KB line of nested brackets must not hide an exec() on the lines the change added.
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../src/core/engine/index.js";
import { changedRegions, MAX_FRAGMENT_LINE, regionFragment } from "../../../src/core/engine/region.js";
import type { Scanner } from "../../../src/core/engine/scanner.js";

let scanner: Scanner;
// The same rules with a parse budget that a 200 KB line of nested brackets always overruns, and a
// few short lines never do, so the retry on the changed region does not depend on the machine's speed.
let hurried: Scanner;
beforeAll(async () => {
  ({ scanner } = await createScanner());
  ({ scanner: hurried } = await createScanner({ parseBudgetMs: 50 }));
});

function nested(bytes: number): string {
  const depth = Math.floor(bytes / 2);
  return `const table = ${"[".repeat(depth)}${"]".repeat(depth)};`;
}

const PRELUDE = [
  'const express = require("express");',
  'const { exec } = require("child_process");',
  "const app = express();",
];

const handler = (route: string) => [
  `app.get("${route}", (req, res) => {`,
  `  exec("ls " + req.query.dir, (err, out) => res.send(out));`,
  "});",
];

describe("changed regions", () => {
  it("groups changed lines with their context, merging neighbours", () => {
    expect(changedRegions(new Set([5, 7, 40]), 100, 2)).toEqual([
      { startRow: 2, endRow: 8 },
      { startRow: 37, endRow: 41 },
    ]);
    expect(changedRegions(new Set([1, 100]), 100, 3)).toEqual([
      { startRow: 0, endRow: 3 },
      { startRow: 96, endRow: 99 },
    ]);
  });

  it("keeps lines where they were, blanking the rest and over-long changed lines", () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line${i + 1}`);
    lines[49] = "x".repeat(MAX_FRAGMENT_LINE + 1);
    const f = regionFragment(lines.join("\n"), new Set([50, 90]));
    const out = f.text.split("\n");
    expect(out).toHaveLength(100);
    expect(out[89]).toBe("line90");
    expect(out[49]).toBe("");
    expect(out[0]).toBe("");
    expect(f.dropped).toEqual([50]);
  });
});

describe("a file over its budgets", () => {
  it("finds exec() on both changed handlers around an unchanged 200 KB line of nested brackets", () => {
    const lines = [
      ...PRELUDE,
      ...handler("/a"),
      ...Array.from({ length: 40 }, (_, i) => `// filler ${i}`),
      nested(200 * 1024),
      ...Array.from({ length: 40 }, (_, i) => `// filler ${i}`),
      ...handler("/b"),
    ];
    const execLines = lines.flatMap((l, i) => (l.includes("exec(") && l.includes("req.query") ? [i + 1] : []));
    // Whole (when the parse fits its budget) and retried on the changed regions (when it does not).
    for (const s of [scanner, hurried]) {
      const r = s.scan({ path: "src/server.js", content: lines.join("\n"), changedLines: new Set(execLines) });
      const found = r.findings.filter((f) => f.ruleId === "js.command.exec-dynamic").map((f) => f.line);
      expect(found.sort((a, b) => a - b)).toEqual(execLines);
      // Every changed line was analysed: nothing is missing from this file.
      expect(r.incomplete).toBeUndefined();
    }
  }, 30_000);

  it("names the file incomplete when the changed line itself is too long to parse", () => {
    const content = [nested(200 * 1024), ...PRELUDE, ...handler("/a")].join("\n");
    const r = hurried.scan({ path: "src/server.js", content, changedLines: new Set([1, 2, 3, 4, 5, 6, 7]) });
    expect(r.findings.filter((f) => f.ruleId === "js.command.exec-dynamic").map((f) => f.line)).toEqual([6]);
    expect(r.incomplete).toMatch(/line 1 .*over 20000 characters/);
  }, 30_000);
});

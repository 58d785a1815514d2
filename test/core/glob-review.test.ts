// Item 9 of issue 10: no pattern a repository brings may hang the process. Path globs of the
// config (here `paths.ignore` and a tier's `when.paths`) that picomatch's backtracking regexes
// take seconds on, reviewed through the one pipeline on the paths that make them backtrack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../src/core/engine/index.js";
import type { Scanner } from "../../src/core/engine/scanner.js";
import { type AiguardConfigInput, configSchema } from "../../src/core/policy/schema.js";
import type { ChangedFile } from "../../src/core/types.js";
import { changeOf, reviewOffline } from "../helpers/review.js";

const INJECTION_JS = `const { exec } = require("child_process");
app.get("/ls", (req, res) => {
  exec("ls " + req.query.dir, (err, out) => res.send(out));
});
`;

function added(path: string, content = INJECTION_JS): ChangedFile {
  const lines = content.replace(/\n$/, "").split("\n");
  return {
    path,
    status: "added",
    additions: lines.length,
    deletions: 0,
    headContent: content,
    patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`,
  };
}

let scanner: Scanner;
beforeAll(async () => {
  scanner = (await createScanner()).scanner;
});
afterAll(() => scanner.dispose?.());

function review(files: ChangedFile[], policy: AiguardConfigInput) {
  return reviewOffline(changeOf(files, configSchema.parse(policy)), scanner);
}

const STARS = "**/*a*a*a*a*a*a*a*a*b";
const NESTED = "**/x/**/x/**/x/**/x/**/y";

describe("config globs picomatch backtracks on (issue 10, item 9)", () => {
  it("paths.ignore: a 40-character name that does not match is still reviewed, one that does is ignored", async () => {
    const slow = `src/${"a".repeat(37)}.js`;
    const hit = "src/aaaaaaaab";
    const r = await review([added(slow), added(hit)], { paths: { ignore: [STARS] } });
    const paths = new Set(r.review.findings.map((f) => f.path));
    expect(paths.has(slow)).toBe(true);
    expect(paths.has(hit)).toBe(false);
  }, 3000);

  it("when.paths: a 300-character path that does not match picks the next tier, one that does picks its tier", async () => {
    const policy: AiguardConfigInput = {
      tiers: [
        { name: "nested", when: { paths: [NESTED] }, conclusion: "neutral" },
        { name: "rest", conclusion: "success" },
      ],
    };
    const slow = `${"x/".repeat(148)}z.js`;
    expect(slow.length).toBe(300);
    expect((await review([added(slow, "export const a = 1;\n")], policy)).decision.tier).toBe("rest");
    expect((await review([added("x/x/a/x/x/y", "export const a = 1;\n")], policy)).decision.tier).toBe("nested");
  }, 3000);
});

// The real-world corpus (test/realworld/): every case is well formed, and the scorer counts right.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  caseDirs,
  caseSchema,
  changedFile,
  formatReport,
  materialized,
  type RealWorldCase,
  replay,
  runCase,
  tally,
} from "../../bench/realworld.js";
import { createScanner } from "../../src/core/engine/index.js";
import type { Scanner } from "../../src/core/engine/scanner.js";
import { defaultConfig } from "../../src/core/policy/schema.js";

const ROOT = fileURLToPath(new URL("../realworld", import.meta.url));
const dirs = caseDirs(ROOT);

describe("real-world corpus files", () => {
  it("has cases in both parts", () => {
    expect(dirs.filter((d) => d.part === "dev").length).toBeGreaterThan(10);
    expect(dirs.filter((d) => d.part === "holdout").length).toBeGreaterThan(10);
  });

  it("lists each vulnerability once (no id or CVE shared by two cases)", () => {
    const owner = new Map<string, string>();
    for (const d of dirs) {
      const meta = JSON.parse(readFileSync(join(d.dir, "case.json"), "utf8"));
      for (const key of new Set([meta.id, meta.cve].filter(Boolean))) {
        expect(owner.get(key), `${key} in ${d.id}`).toBeUndefined();
        owner.set(key, d.id);
      }
    }
    expect(owner.size).toBeGreaterThanOrEqual(dirs.length);
  });

  it("holds none of the ids the README excludes (the OpenSSF CVE Benchmark, kept held out)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const excluded = new Set(readme.split("## Excluded ids")[1]?.match(/^CVE-\d{4}-\d+$/gm) ?? []);
    expect(excluded.size).toBeGreaterThan(100);
    for (const d of dirs) {
      const meta = JSON.parse(readFileSync(join(d.dir, "case.json"), "utf8"));
      expect(excluded.has(meta.id), meta.id).toBe(false);
      expect(excluded.has(meta.cve), `${meta.id} ${meta.cve}`).toBe(false);
    }
  });

  it.each(dirs.map((d) => [`${d.part}/${d.language}/${d.id}`, d] as const))("%s is a valid case", (_, d) => {
    const raw = JSON.parse(readFileSync(join(d.dir, "case.json"), "utf8"));
    const parsed = caseSchema.safeParse(raw);
    expect(parsed.error?.message).toBeUndefined();
    const meta = parsed.data!;
    // The directory names the case: its id, its language, and the part the id's hash picks.
    expect(meta.id).toBe(d.id);
    expect(meta.language).toBe(d.language);
    const hash = sha256FirstByte(meta.id);
    expect(d.part).toBe(hash < 0x80 ? "holdout" : "dev");
    // The third-party files are re-created, not committed: on a fresh clone only the metadata is checked.
    if (!materialized(d.dir)) return;
    let changed = 0;
    for (const f of meta.files) {
      const vul = join(d.dir, "vulnerable", f.path);
      const fix = join(d.dir, "fixed", f.path);
      expect(existsSync(vul) || existsSync(fix), `${f.path} on at least one side`).toBe(true);
      if (existsSync(vul)) {
        const lines = readFileSync(vul, "utf8").split("\n").length;
        for (const w of f.weaknessLines)
          expect(w, `${f.path}:${w} within the vulnerable file`).toBeLessThanOrEqual(lines);
      } else expect(f.weaknessLines).toEqual([]);
      if (!existsSync(vul) || !existsSync(fix) || readFileSync(vul, "utf8") !== readFileSync(fix, "utf8")) changed++;
    }
    expect(changed, "the fix changes at least one file").toBeGreaterThan(0);
    expect(meta.files.some((f) => f.weaknessLines.length > 0)).toBe(true);
  });
});

function sha256FirstByte(id: string): number {
  return createHash("sha256").update(id).digest()[0]!;
}

describe("replaying a case as pull requests", () => {
  it("builds GitHub-style hunks without a file header, with counts", () => {
    const f = changedFile("a.js", "one\ntwo\nthree\n", "one\n2\nthree\nfour\n");
    expect(f.status).toBe("modified");
    expect(f.patch).toMatch(/^@@ -1,3 \+1,4 @@/);
    expect(f.patch).not.toMatch(/^(---|\+\+\+) /m);
    expect(f.additions).toBe(2);
    expect(f.deletions).toBe(1);
    expect(f.headContent).toBe("one\n2\nthree\nfour\n");
    expect(f.baseContent).toBe("one\ntwo\nthree\n");
    const added = changedFile("b.js", undefined, "x\n");
    expect(added.status).toBe("added");
    expect(added.baseContent).toBeUndefined();
    expect(changedFile("c.js", "x\n", undefined).status).toBe("removed");
  });

  it("the vulnerable PR goes from fixed to vulnerable, the fixing PR back", () => {
    const files = [{ path: "a.js", vulnerable: "bad\n", fixed: "good\n", weaknessLines: [1] }];
    const intro = replay(files, "introduce", defaultConfig());
    expect(intro.files[0]!.headContent).toBe("bad\n");
    expect(intro.files[0]!.baseContent).toBe("good\n");
    expect(intro.fullContext).toBe(true);
    const fix = replay(files, "fix", defaultConfig());
    expect(fix.files[0]!.headContent).toBe("good\n");
  });
});

describe("scoring", () => {
  let scanner: Scanner;
  beforeAll(async () => {
    scanner = (await createScanner()).scanner;
  }, 60_000);

  const vulnerable = [
    'const { exec } = require("child_process");',
    "module.exports = function open(req, res) {",
    "  exec(`xdg-open ${req.query.file}`);",
    '  res.end("ok");',
    "};",
    "",
  ].join("\n");
  const fixed = [
    'const { execFile } = require("child_process");',
    "module.exports = function open(req, res) {",
    '  execFile("xdg-open", [String(req.query.file)]);',
    '  res.end("ok");',
    "};",
    "",
  ].join("\n");
  const synthetic = (id: string, files: RealWorldCase["files"]): RealWorldCase => ({
    part: "dev",
    language: "javascript",
    files,
    meta: {
      id,
      source: ["https://example.com/advisory"],
      project: "example/example",
      language: "javascript",
      family: "command-injection",
      cwe: ["CWE-78"],
      files: files.map((f) => ({ path: f.path, weaknessLines: f.weaknessLines })),
      confirmedBy: "synthetic",
    },
  });

  it("counts a detected case, with its line, and a missed one", () => {
    const hit = runCase(synthetic("SYN-1", [{ path: "lib/open.js", vulnerable, fixed, weaknessLines: [3] }]), scanner);
    expect(hit.detected).toBe(true);
    expect(hit.introduce.every((f) => f.path === "lib/open.js")).toBe(true);
    expect(hit.lineHit).toBe(true);
    expect(hit.falseAlarm).toBe(false);
    // A flaw no rule can see (a wrong constant): nothing found either way.
    const miss = runCase(
      synthetic("SYN-2", [
        {
          path: "lib/limit.js",
          vulnerable: "module.exports = { maxDepth: 1000 };\n",
          fixed: "module.exports = { maxDepth: 10 };\n",
          weaknessLines: [1],
        },
      ]),
      scanner,
    );
    expect(miss.detected).toBe(false);
    expect(miss.lineHit).toBe(false);
    expect(miss.falseAlarm).toBe(false);
    const t = tally([hit, miss]);
    expect(t).toEqual({ cases: 2, detected: 1, falseAlarms: 0, lineHits: 1 });
    const report = formatReport([hit, miss], true);
    expect(report).toContain("detect 1/2 50.0%");
    expect(report).toContain("false-alarm 0/2 0.0%");
    expect(report).toMatch(/SYN-1 \[command-injection\] DETECTED\+line/);
    expect(report).toMatch(/SYN-2 \[command-injection\] missed/);
  });

  it("a finding away from every weakness line detects without locating", () => {
    const o = runCase(synthetic("SYN-3", [{ path: "lib/open.js", vulnerable, fixed, weaknessLines: [6] }]), scanner);
    expect(o.detected).toBe(true);
    expect(o.lineHit).toBe(false);
  });
});

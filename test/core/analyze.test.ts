import { describe, expect, it } from "vitest";
import type { Scanner, ScanTarget } from "../../src/core/engine/scanner.js";
import { analyze } from "../../src/core/analyze.js";
import { decide } from "../../src/core/policy/decide.js";
import { defaultConfig } from "../../src/core/policy/schema.js";
import type { Change } from "../../src/core/change.js";
import type { ChangedFile, RawFinding } from "../../src/core/types.js";

// A line-oriented scanner for exercising the core's own logic (changed-line filter,
// fingerprints, masking, notes). The real tree-sitter engine has its own tests.
const lineScanner: Scanner = {
  scan(t: ScanTarget) {
    const findings: RawFinding[] = [];
    t.content.split("\n").forEach((text, i) => {
      // The rules stand-in; the secrets stand-in below runs whatever the size.
      if (text.includes("DANGER") && !t.secretsOnly) {
        findings.push({
          ruleId: "test.danger",
          cwe: ["CWE-000"],
          severity: "high",
          confidence: "high",
          line: i + 1,
          endLine: i + 1,
          message: "danger",
        });
      }
      const key = /KEY=(\w+)/.exec(text);
      if (key) {
        findings.push({
          ruleId: "test.secret",
          cwe: ["CWE-798"],
          severity: "medium",
          confidence: "high",
          line: i + 1,
          endLine: i + 1,
          message: `hardcoded key ${key[1]}`,
          secrets: [key[1]!],
        });
      }
    });
    return { language: null, findings, notes: [] };
  },
  rules: () => [
    { id: "test.danger", cwe: ["CWE-000"], severity: "high", confidence: "high", message: "danger", languages: ["*"] },
    {
      id: "test.secret",
      cwe: ["CWE-798"],
      severity: "medium",
      confidence: "high",
      message: "secret",
      languages: ["*"],
    },
  ],
};

function input(files: ChangedFile[], extra: Partial<Change> = {}): Change {
  return {
    base: "b",
    head: "h",
    files,
    config: defaultConfig(),
    customRules: [],
    fullContext: true,
    draft: false,
    notes: [],
    ...extra,
  };
}

describe("analyze", () => {
  it("reports only findings on lines the change added, not on unchanged neighbours", () => {
    const file: ChangedFile = {
      path: "a.js",
      status: "modified",
      additions: 1,
      deletions: 1,
      headContent: "DANGER old\nsafe new\nDANGER also old\n",
      patch: "@@ -1,3 +1,3 @@\n DANGER old\n-safe old\n+safe new\n DANGER also old",
    };
    expect(analyze(input([file]), lineScanner).findings).toEqual([]);

    const changed = {
      ...file,
      headContent: "DANGER old\nDANGER new\nDANGER also old\n",
      patch: "@@ -1,3 +1,3 @@\n DANGER old\n-safe old\n+DANGER new\n DANGER also old",
    };
    const a = analyze(input([changed]), lineScanner);
    expect(a.findings.map((f) => [f.ruleId, f.line])).toEqual([["test.danger", 2]]);
    expect(a.rules.map((r) => r.id)).toEqual(["test.danger"]);
  });

  it("keeps fingerprints stable when the code moves to another line", () => {
    const mk = (pre: string): ChangedFile => ({
      path: "a.js",
      status: "added",
      additions: 2,
      deletions: 0,
      headContent: `${pre}  DANGER   here\n`,
      patch: `@@ -0,0 +1,${pre ? 2 : 1} @@\n${pre ? `+${pre.trimEnd()}\n` : ""}+  DANGER   here`,
    });
    const a = analyze(input([mk("")]), lineScanner).findings[0]!;
    const b = analyze(input([mk("// moved\n")]), lineScanner).findings[0]!;
    expect(a.line).toBe(1);
    expect(b.line).toBe(2);
    expect(a.id).toBe(b.id);
    expect(a.id).toMatch(/^[0-9a-f]{40}$/);
  });

  it("masks secret values in messages and snippets", () => {
    const file: ChangedFile = {
      path: "c.env",
      status: "added",
      additions: 1,
      deletions: 0,
      headContent: "KEY=supersecretvalue123\n",
      patch: "@@ -0,0 +1 @@\n+KEY=supersecretvalue123",
    };
    const [f] = analyze(input([file]), lineScanner).findings;
    expect(JSON.stringify(f)).not.toContain("supersecretvalue123");
    expect(f?.snippet).toMatch(/^KEY=sup\*+$/);
  });

  it("notes skipped, ignored and patch-less files and still counts their lines", () => {
    const a = analyze(
      input(
        [
          { path: "img.png", status: "added", additions: 0, deletions: 0, skipped: "binary" },
          {
            path: "vendor/x.js",
            status: "added",
            additions: 1,
            deletions: 0,
            headContent: "DANGER",
            patch: "@@ -0,0 +1 @@\n+DANGER",
          },
          { path: "huge.js", status: "modified", additions: 5000, deletions: 10 },
          { path: "gone.js", status: "removed", additions: 0, deletions: 3, patch: "@@ -1,3 +0,0 @@\n-a\n-b\n-c" },
        ],
        { config: { ...defaultConfig(), paths: { ignore: ["vendor/**"] } } },
      ),
      lineScanner,
    );
    expect(a.findings).toEqual([]);
    expect(a.notes).toEqual(
      expect.arrayContaining([
        "1 file skipped (binary): img.png",
        "1 file skipped (ignored by paths.ignore): vendor/x.js",
        expect.stringMatching(/^1 file skipped \(no patch available.*\): huge\.js$/),
      ]),
    );
    expect(a.stats).toMatchObject({ filesChanged: 4, linesAdded: 5001, linesRemoved: 13 });
  });

  it("runs only the secrets scan on files over the size limit, and names them incomplete", () => {
    const big = "x".repeat(2000);
    const cfg = defaultConfig();
    const a = analyze(
      input(
        [
          {
            path: "big.js",
            status: "added",
            additions: 1,
            deletions: 0,
            headContent: `DANGER KEY=abc ${big}`,
            patch: `@@ -0,0 +1 @@\n+DANGER KEY=abc ${big}`,
          },
        ],
        {
          config: { ...cfg, limits: { ...cfg.limits, maxFileBytes: 1024 } },
        },
      ),
      lineScanner,
    );
    expect(a.findings.map((f) => f.ruleId)).toEqual(["test.secret"]);
    expect(a.notes[0]).toMatch(/over 1 KB/);
    expect(a.incomplete).toEqual([{ path: "big.js", reason: "over 1 KB: secrets scan only" }]);
    expect(a.stats.filesAnalyzed).toBe(0);
  });

  it("names every file beyond limits.maxFiles, and files the front end could not list, as incomplete", () => {
    const cfg = defaultConfig();
    const file = (path: string): ChangedFile => ({
      path,
      status: "added",
      additions: 1,
      deletions: 0,
      headContent: "ok\n",
      patch: "@@ -0,0 +1 @@\n+ok",
    });
    const change = input([file("a.js"), file("b.js"), file("c.js")], {
      config: { ...cfg, limits: { ...cfg.limits, maxFiles: 1 } },
      unlisted: "12 files GitHub does not list were not reviewed",
    });
    const a = analyze(change, lineScanner);
    const beyond = "not analysed: beyond limits.maxFiles (1 files per review)";
    expect(a.incomplete).toEqual([
      { path: "b.js", reason: beyond },
      { path: "c.js", reason: beyond },
      { path: "*", reason: "12 files GitHub does not list were not reviewed" },
    ]);
    // No finding, yet never a pass.
    expect(decide(a, change.config).conclusion).toBe("neutral");
  });

  it("names a file whose patch is cut short (a truncated diff) as incomplete, never a pass", () => {
    const whole = "@@ -0,0 +1,3 @@\n+a\n+b\n+c";
    const cut = "@@ -0,0 +1,3 @@\n+a\n+b";
    const file = (patch: string): ChangedFile => ({ path: "x.js", status: "added", additions: 3, deletions: 0, patch });
    expect(analyze(input([file(whole)], { fullContext: false }), lineScanner).incomplete).toEqual([]);
    const change = input([file(cut)], { fullContext: false });
    const a = analyze(change, lineScanner);
    expect(a.incomplete).toEqual([
      { path: "x.js", reason: "the patch is cut short: the hunk at head line 1 declares 3 lines and shows 2" },
    ]);
    expect(decide(a, change.config).conclusion).toBe("neutral");
  });

  it("scans the patch's added lines for secrets when the head was too large to read", () => {
    const a = analyze(
      input([
        {
          path: "huge.js",
          status: "modified",
          additions: 1,
          deletions: 0,
          headOmitted: "over 20 MB",
          patch: "@@ -10,1 +10,2 @@\n x\n+DANGER KEY=abc",
        },
      ]),
      lineScanner,
    );
    expect(a.findings.map((f) => [f.ruleId, f.line])).toEqual([["test.secret", 11]]);
    expect(a.incomplete).toEqual([
      { path: "huge.js", reason: "over 20 MB: only the added lines were scanned for secrets" },
    ]);
  });

  it("names a file the scanner could not fully analyse, and a file with added lines but no patch", () => {
    const partial: Scanner = {
      rules: () => [],
      scan: () => ({
        language: "javascript",
        findings: [],
        notes: ["parse over budget"],
        incomplete: "parse over its time budget",
      }),
    };
    const a = analyze(
      input([
        { path: "a.js", status: "added", additions: 1, deletions: 0, headContent: "x\n", patch: "@@ -0,0 +1 @@\n+x" },
        { path: "b.js", status: "modified", additions: 9000, deletions: 0 },
      ]),
      partial,
    );
    expect(a.incomplete).toEqual([
      { path: "a.js", reason: "parse over its time budget" },
      { path: "b.js", reason: "no patch available (GitHub omits patches of very large diffs)" },
    ]);
  });

  it("says when no full-file context was available", () => {
    const a = analyze(
      input([{ path: "a.js", status: "modified", additions: 1, deletions: 0, patch: "@@ -5,1 +5,2 @@\n x\n+DANGER" }], {
        fullContext: false,
      }),
      lineScanner,
    );
    expect(a.findings.map((f) => f.line)).toEqual([6]);
    expect(a.notes.at(-1)).toMatch(/no full-file context/);
  });

  it("honours rules.disable and severity overrides", () => {
    const cfg = defaultConfig();
    const file: ChangedFile = {
      path: "a.js",
      status: "added",
      additions: 2,
      deletions: 0,
      headContent: "DANGER\nKEY=abcdefghijk\n",
      patch: "@@ -0,0 +1,2 @@\n+DANGER\n+KEY=abcdefghijk",
    };
    const a = analyze(
      input([file], {
        config: { ...cfg, rules: { ...cfg.rules, disable: ["test.dan*"], severity: { "test.secret": "critical" } } },
      }),
      lineScanner,
    );
    expect(a.findings.map((f) => [f.ruleId, f.severity])).toEqual([["test.secret", "critical"]]);
  });
});

describe("decide (until risk tiers land)", () => {
  const file: ChangedFile = {
    path: "a.js",
    status: "added",
    additions: 2,
    deletions: 0,
    headContent: "DANGER\nKEY=abcdefghijk\n",
    patch: "@@ -0,0 +1,2 @@\n+DANGER\n+KEY=abcdefghijk",
  };
  it("fails on high findings, is neutral on lesser ones and succeeds with none", () => {
    const cfg = defaultConfig();
    expect(decide(analyze(input([file]), lineScanner), cfg).conclusion).toBe("failure");
    const onlyMedium = { ...file, headContent: "KEY=abcdefghijk\n", patch: "@@ -0,0 +1 @@\n+KEY=abcdefghijk" };
    expect(decide(analyze(input([onlyMedium]), lineScanner), cfg).conclusion).toBe("neutral");
    expect(decide(analyze(input([]), lineScanner), cfg)).toMatchObject({ conclusion: "success", tier: "low" });
  });

  it("gives drafts a neutral conclusion unless the config says to review them fully", () => {
    const a = analyze(input([file]), lineScanner);
    expect(decide(a, defaultConfig(), { draft: true }).conclusion).toBe("neutral");
    expect(decide(a, { ...defaultConfig(), drafts: "review" }, { draft: true }).conclusion).toBe("failure");
  });

  it("ignores suppressed findings", () => {
    const a = analyze(input([file]), lineScanner);
    const suppressed = {
      ...a,
      findings: a.findings.map((f) => ({ ...f, suppressed: { reason: "test fixture", by: "inline" as const } })),
    };
    expect(decide(suppressed, defaultConfig()).conclusion).toBe("success");
  });
});

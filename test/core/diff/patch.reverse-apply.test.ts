// reverseApply(head, patch): the base side of a file from its head text and GitHub's `patch`
// field (hunks only, starting at "@@", as `git diff` writes them with 3 lines of context).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reverseApply } from "../../../src/core/diff/patch.js";

const lines = (...ls: string[]) => ls.map((l) => `${l}\n`).join("");

// ---------------------------------------------------------------------------------------
// Hand-written fixtures (the patches are what `git diff` / `diff -u` print for them, minus the
// `---` / `+++` header lines).

/** A 30-line settings module. */
const SETTINGS_BASE = lines(
  "# settings.py",
  "import os",
  "DEBUG = False",
  "ALLOWED_HOSTS = []",
  "SECRET_KEY = os.environ['SECRET_KEY']",
  "",
  "INSTALLED_APPS = [",
  "    'django.contrib.admin',",
  "    'django.contrib.auth',",
  "    'django.contrib.contenttypes',",
  "    'django.contrib.sessions',",
  "    'django.contrib.messages',",
  "    'django.contrib.staticfiles',",
  "    'shop',",
  "]",
  "",
  "MIDDLEWARE = [",
  "    'django.middleware.security.SecurityMiddleware',",
  "    'django.contrib.sessions.middleware.SessionMiddleware',",
  "    'django.middleware.common.CommonMiddleware',",
  "    'django.middleware.csrf.CsrfViewMiddleware',",
  "]",
  "",
  "DATABASES = {",
  "    'default': {",
  "        'ENGINE': 'django.db.backends.postgresql',",
  "        'NAME': 'shop',",
  "    }",
  "}",
  "TIME_ZONE = 'UTC'",
);

/** DEBUG turned on (line 3), two apps added after 'shop' (line 14), the database renamed (line 27), the last line removed. */
const SETTINGS_HEAD = lines(
  "# settings.py",
  "import os",
  "DEBUG = True",
  "ALLOWED_HOSTS = []",
  "SECRET_KEY = os.environ['SECRET_KEY']",
  "",
  "INSTALLED_APPS = [",
  "    'django.contrib.admin',",
  "    'django.contrib.auth',",
  "    'django.contrib.contenttypes',",
  "    'django.contrib.sessions',",
  "    'django.contrib.messages',",
  "    'django.contrib.staticfiles',",
  "    'shop',",
  "    'payments',",
  "    'debug_toolbar',",
  "]",
  "",
  "MIDDLEWARE = [",
  "    'django.middleware.security.SecurityMiddleware',",
  "    'django.contrib.sessions.middleware.SessionMiddleware',",
  "    'django.middleware.common.CommonMiddleware',",
  "    'django.middleware.csrf.CsrfViewMiddleware',",
  "]",
  "",
  "DATABASES = {",
  "    'default': {",
  "        'ENGINE': 'django.db.backends.postgresql',",
  "        'NAME': 'shop_prod',",
  "    }",
  "}",
);

const SETTINGS_PATCH = [
  "@@ -1,6 +1,6 @@",
  " # settings.py",
  " import os",
  "-DEBUG = False",
  "+DEBUG = True",
  " ALLOWED_HOSTS = []",
  " SECRET_KEY = os.environ['SECRET_KEY']",
  " ",
  "@@ -12,6 +12,8 @@ INSTALLED_APPS = [",
  "     'django.contrib.messages',",
  "     'django.contrib.staticfiles',",
  "     'shop',",
  "+    'payments',",
  "+    'debug_toolbar',",
  " ]",
  " ",
  " MIDDLEWARE = [",
  "@@ -24,7 +26,6 @@ MIDDLEWARE = [",
  " DATABASES = {",
  "     'default': {",
  "         'ENGINE': 'django.db.backends.postgresql',",
  "-        'NAME': 'shop',",
  "+        'NAME': 'shop_prod',",
  "     }",
  " }",
  "-TIME_ZONE = 'UTC'",
].join("\n");

describe("reverseApply: modified files", () => {
  it("recovers the exact base of a file changed in several hunks", () => {
    expect(reverseApply(SETTINGS_HEAD, SETTINGS_PATCH)).toBe(SETTINGS_BASE);
  });

  it("accepts the patch with a trailing newline too", () => {
    expect(reverseApply(SETTINGS_HEAD, `${SETTINGS_PATCH}\n`)).toBe(SETTINGS_BASE);
  });

  it("accepts a full diff with file headers", () => {
    const full = `diff --git a/settings.py b/settings.py\nindex 1111111..2222222 100644\n--- a/settings.py\n+++ b/settings.py\n${SETTINGS_PATCH}\n`;
    expect(reverseApply(SETTINGS_HEAD, full)).toBe(SETTINGS_BASE);
  });

  it("recovers lines added at the start and at the end of a file (separate hunks)", () => {
    const base = lines("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet");
    const head = lines(
      "#!/usr/bin/env bash",
      "set -euo pipefail",
      "alpha",
      "bravo",
      "charlie",
      "delta",
      "echo",
      "foxtrot",
      "golf",
      "hotel",
      "india",
      "juliet",
      "kilo",
    );
    const patch = [
      "@@ -1,3 +1,5 @@",
      "+#!/usr/bin/env bash",
      "+set -euo pipefail",
      " alpha",
      " bravo",
      " charlie",
      "@@ -8,3 +10,4 @@ golf",
      " hotel",
      " india",
      " juliet",
      "+kilo",
    ].join("\n");
    expect(reverseApply(head, patch)).toBe(base);
  });

  it("recovers lines added at the start and the end of a short file (one hunk)", () => {
    const base = lines("b", "c");
    const head = lines("a", "b", "c", "d");
    expect(reverseApply(head, "@@ -1,2 +1,4 @@\n+a\n b\n c\n+d")).toBe(base);
  });

  it("recovers lines removed at the start and at the end", () => {
    const base = lines("one", "two", "three", "four", "five");
    const head = lines("two", "three", "four");
    expect(reverseApply(head, "@@ -1,5 +1,3 @@\n-one\n two\n three\n four\n-five")).toBe(base);
  });

  it("gives the empty base of an added file", () => {
    expect(reverseApply(lines("{", '  "name": "x"', "}"), '@@ -0,0 +1,3 @@\n+{\n+  "name": "x"\n+}')).toBe("");
  });

  it("keeps a line that only looks like a marker or a header when it is content", () => {
    const base = lines("--- a/x", "+++ b/x", "@@ not a hunk @@");
    const head = lines("--- a/x", "+++ b/y", "@@ not a hunk @@");
    expect(reverseApply(head, "@@ -1,3 +1,3 @@\n --- a/x\n-+++ b/x\n++++ b/y\n @@ not a hunk @@")).toBe(base);
  });
});

describe("reverseApply: removed files", () => {
  const base = lines("requests==2.31.0", "flask==3.0.2", "gunicorn==21.2.0");
  const patch = "@@ -1,3 +0,0 @@\n-requests==2.31.0\n-flask==3.0.2\n-gunicorn==21.2.0";

  it("recovers every line of a removed file from an empty head", () => {
    const out = reverseApply("", patch);
    expect(out).not.toBeNull();
    expect(out!.split("\n").slice(0, 3)).toEqual(["requests==2.31.0", "flask==3.0.2", "gunicorn==21.2.0"]);
  });

  // Bug: with head "" the function has no trailing empty "line" to carry the final newline over,
  // and git prints no marker for a removed file that ended with one, so the base loses it.
  it("recovers the exact base of a removed file that ended with a newline", () => {
    expect(reverseApply("", patch)).toBe(base);
  });

  it("recovers the exact base of a removed file without a final newline", () => {
    const noEol = "requests==2.31.0\nflask==3.0.2";
    expect(reverseApply("", "@@ -1,2 +0,0 @@\n-requests==2.31.0\n-flask==3.0.2\n\\ No newline at end of file")).toBe(
      noEol,
    );
  });

  it("gives an empty base for an empty patch on an empty head", () => {
    expect(reverseApply("", "")).toBe("");
  });
});

describe("reverseApply: patches that do not fit the head", () => {
  it("gives null when a context line differs (the head moved on)", () => {
    const head = SETTINGS_HEAD.replace("ALLOWED_HOSTS = []", "ALLOWED_HOSTS = ['*']");
    expect(reverseApply(head, SETTINGS_PATCH)).toBeNull();
  });

  it("gives null when an added line is not in the head", () => {
    const head = SETTINGS_HEAD.replace("DEBUG = True", "DEBUG = 'yes'");
    expect(reverseApply(head, SETTINGS_PATCH)).toBeNull();
  });

  it("gives null when a hunk starts past the end of the head", () => {
    expect(reverseApply(lines("a", "b"), "@@ -20,2 +20,2 @@\n x\n-y\n+z")).toBeNull();
  });

  it("gives null for a patch of a longer file", () => {
    expect(reverseApply(lines("a", "b"), "@@ -1,3 +1,4 @@\n a\n b\n+c\n d")).toBeNull();
  });

  it("gives null for overlapping hunks", () => {
    expect(
      reverseApply(lines("a", "B", "c", "d"), "@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n@@ -2,2 +2,2 @@\n B\n c"),
    ).toBeNull();
  });

  it("gives null for no patch at all on a non-empty head", () => {
    expect(reverseApply(lines("a"), "")).toBeNull();
    expect(reverseApply(lines("a"), "not a diff")).toBeNull();
  });

  // Bug: hunk line counts are never checked against the @@ header, so a hunk cut short (the case
  // the doc comment names: "a patch GitHub cut short") is applied partially and yields a wrong base.
  it("gives null for a hunk cut short", () => {
    const head = lines("a", "B", "c", "d", "E", "f");
    expect(reverseApply(head, "@@ -1,6 +1,6 @@\n a\n-b\n+B\n c\n d\n-e")).toBeNull();
  });
});

describe("reverseApply: CRLF files", () => {
  const base = "[core]\r\n\tautocrlf = true\r\n\teditor = vim\r\n[user]\r\n\tname = dev\r\n";
  const head =
    "[core]\r\n\tautocrlf = true\r\n\teditor = nano\r\n[user]\r\n\tname = dev\r\n\temail = dev@example.com\r\n";
  // git diff keeps the \r at the end of each patch line.
  const patch =
    "@@ -1,5 +1,6 @@\n [core]\r\n \tautocrlf = true\r\n-\teditor = vim\r\n+\teditor = nano\r\n [user]\r\n \tname = dev\r\n+\temail = dev@example.com\r";

  it("recovers the exact base, keeping every \\r", () => {
    expect(reverseApply(head, patch)).toBe(base);
  });

  it("still compares lines when the patch lost its \\r (context matched without it)", () => {
    const stripped = patch.replace(/\r/g, "");
    const out = reverseApply(head, stripped);
    expect(out).not.toBeNull();
    // the head's own lines keep their \r; the removed line comes from the patch as written
    expect(out).toBe("[core]\r\n\tautocrlf = true\r\n\teditor = vim\n[user]\r\n\tname = dev\r\n");
  });

  it("gives null when a CRLF context line differs", () => {
    expect(reverseApply(head.replace("name = dev", "name = ops"), patch)).toBeNull();
  });
});

describe('reverseApply: "\\ No newline at end of file"', () => {
  it("neither side ends with a newline: the last line changed", () => {
    const base = "x = 1\ny = 2";
    const head = "x = 1\ny = 3";
    const patch = "@@ -1,2 +1,2 @@\n x = 1\n-y = 2\n\\ No newline at end of file\n+y = 3\n\\ No newline at end of file";
    expect(reverseApply(head, patch)).toBe(base);
  });

  it("neither side ends with a newline: a line added before the unchanged last line", () => {
    const base = "a\nb\nc";
    const head = "a\nb\nnew\nc";
    expect(reverseApply(head, "@@ -1,3 +1,4 @@\n a\n b\n+new\n c\n\\ No newline at end of file")).toBe(base);
  });

  it("recovers the lines when the change adds the final newline", () => {
    const out = reverseApply("a\nb\n", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b");
    expect(out?.split("\n").slice(0, 2)).toEqual(["a", "b"]);
  });

  // Bug: the markers are skipped, so the end of the base always follows the head: a base without
  // a final newline gets one when the head has it, and loses it in the opposite case.
  it("the base had no final newline, the head adds one", () => {
    expect(reverseApply("a\nb\n", "@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b")).toBe("a\nb");
  });

  it("the base ended with a newline, the head drops it", () => {
    expect(reverseApply("a\nb", "@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file")).toBe("a\nb\n");
  });
});

// ---------------------------------------------------------------------------------------
// Round trip against a real diff tool: many generated edits, each patch made by `diff -u` and
// stripped to its hunks like GitHub's `patch` field. Files end with a newline (see the known
// end-of-file issue above).

const hasDiff = spawnSync("diff", ["--version"], { encoding: "utf8" }).status === 0;

describe.skipIf(!hasDiff)("reverseApply: round trip with diff -u", () => {
  const dir = hasDiff ? mkdtempSync(join(tmpdir(), "aiguard-reverse-")) : "";
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function unifiedPatch(base: string, head: string, name: string): string {
    writeFileSync(join(dir, `${name}.base`), base);
    writeFileSync(join(dir, `${name}.head`), head);
    const r = spawnSync("diff", ["-u", `${name}.base`, `${name}.head`], { cwd: dir, encoding: "utf8" });
    if (r.status !== 1) throw new Error(`diff -u exited ${r.status}: ${r.stderr}`);
    const out = r.stdout;
    return out.slice(out.indexOf("@@")).replace(/\n$/, "");
  }

  // Deterministic pseudo-random edits (a small LCG), so every run checks the same cases.
  function rng(seed: number) {
    let s = seed >>> 0;
    return (n: number) => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s % n;
    };
  }

  function edit(baseLines: string[], seed: number): string[] {
    const rand = rng(seed);
    const out = [...baseLines];
    const edits = 1 + rand(6);
    for (let e = 0; e < edits; e++) {
      const at = rand(out.length + 1);
      const op = rand(3);
      if (op === 0) out.splice(at, 0, `added ${seed}.${e}`, ...(rand(2) ? [`added ${seed}.${e}b`] : []));
      else if (op === 1 && out.length > 1) out.splice(Math.min(at, out.length - 1), 1 + rand(2));
      else out[Math.min(at, out.length - 1)] = `changed ${seed}.${e}`;
    }
    return out;
  }

  const baseLines = Array.from({ length: 60 }, (_, i) =>
    i % 7 === 0 ? "" : `    value_${i} = compute(${i})  # line ${i + 1}`,
  );
  const cases = Array.from({ length: 40 }, (_, i) => i + 1);

  it.each(cases)("LF case %i", (seed) => {
    const base = `${baseLines.join("\n")}\n`;
    const head = `${edit(baseLines, seed).join("\n")}\n`;
    expect(head).not.toBe(base);
    const patch = unifiedPatch(base, head, `lf${seed}`);
    expect(patch.startsWith("@@ -")).toBe(true);
    expect(reverseApply(head, patch)).toBe(base);
  });

  it.each(cases.slice(0, 10))("CRLF case %i", (seed) => {
    const base = `${baseLines.join("\r\n")}\r\n`;
    const head = `${edit(baseLines, seed * 97).join("\r\n")}\r\n`;
    expect(head).not.toBe(base);
    const patch = unifiedPatch(base, head, `crlf${seed}`);
    expect(patch).toContain("\r\n");
    expect(reverseApply(head, patch)).toBe(base);
  });

  it("rejects each generated patch against a head that moved on", () => {
    const base = `${baseLines.join("\n")}\n`;
    const head = `${edit(baseLines, 4242).join("\n")}\n`;
    const patch = unifiedPatch(base, head, "moved");
    // Change the first head line the first hunk shows: the patch no longer fits.
    const newStart = Number(/^@@ -\d+(?:,\d+)? \+(\d+)/.exec(patch)?.[1]);
    expect(newStart).toBeGreaterThan(0);
    const headLines = head.split("\n");
    headLines[newStart - 1] += " // edited later";
    const moved = headLines.join("\n");
    expect(reverseApply(moved, patch)).toBeNull();
  });
});

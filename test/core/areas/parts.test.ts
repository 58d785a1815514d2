import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unifiedPatch } from "../../../bench/areas.js";
import { BUILTIN_SIGNALS, parseSignals, SIGNALS_URL } from "../../../src/core/areas/data.js";
import { parseHunks } from "../../../src/core/areas/hunks.js";
import { goPackageName, parseImports } from "../../../src/core/areas/imports.js";
import { fileLang, LEX, lexFragment, lexLines } from "../../../src/core/areas/lexer.js";
import { scanTokens } from "../../../src/core/areas/tokens.js";
import { splitWords } from "../../../src/core/areas/words.js";

const bare = (lines: string[], lang: keyof typeof LEX) => lexLines(lines, LEX[lang]!).lines.map((l) => l.bare);
const code = (lines: string[], lang: keyof typeof LEX) => lexLines(lines, LEX[lang]!).lines.map((l) => l.code);

describe("lexer", () => {
  it("drops comments and string contents (bare) but keeps strings in the code view", () => {
    expect(bare(['const a = "password"; // token', "/* session */ b()"], "javascript")).toEqual([
      'const a = ""; ',
      "  b()",
    ]);
    expect(code(['x = require("jsonwebtoken") // y'], "javascript")).toEqual(['x = require("jsonwebtoken") ']);
  });

  it("keeps code inside template substitutions", () => {
    expect(bare(["const h = `Bearer ${token.value} and ${f({ a: 1 })}`;"], "javascript")).toEqual([
      "const h = `${token.value}${f({ a: 1 })}`;",
    ]);
  });

  it("follows block comments and multi-line strings across lines", () => {
    expect(bare(["a(); /* start", "password", "end */ b();"], "javascript")).toEqual(["a(); ", "", "  b();"]);
    expect(bare(['x = """', "token here", '"""', "y = 1"], "python")).toEqual(['x = """', "", '"""', "y = 1"]);
    expect(bare(["s := `raw \\` + token", "y"], "go")).toEqual(["s := `` + token", "y"]);
  });

  it("knows Python prefixes and comments, and does not open a string on an apostrophe inside a word", () => {
    expect(bare(["x = rb'secret' # password"], "python")).toEqual(["x = rb'' "]);
    expect(bare(["name: don't # token"], "hash")).toEqual(["name: don't "]);
    expect(bare(["url: http://x#frag"], "hash")).toEqual(["url: http://x#frag"]);
  });

  it("starts a fragment inside a comment when its first delimiter closes one", () => {
    expect(lexFragment([" * the session token", " */", "f(token);"], LEX.javascript!).map((l) => l.bare)).toEqual([
      "",
      " ",
      "f(token);",
    ]);
  });

  it("picks the syntax from the path", () => {
    expect(fileLang("a/b.py").id).toBe("python");
    expect(fileLang("a/b.tsx").lex).toBe(LEX.javascript);
    expect(fileLang(".github/workflows/ci.yml").lex).toBe(LEX.hash);
    expect(fileLang("x.unknown").id).toBeNull();
  });
});

describe("hunks", () => {
  it("places added, context and removed lines on head lines", () => {
    const patch = ["@@ -1,3 +1,3 @@", " a", "-b", "+B", " c", "@@ -10,2 +10,1 @@", " x", "-y"].join("\n");
    const hunks = parseHunks(patch);
    expect(hunks).toHaveLength(2);
    expect(hunks[0]!.lines.map((l) => [l.kind, l.line])).toEqual([
      ["ctx", 1],
      ["del", 2],
      ["add", 2],
      ["ctx", 3],
    ]);
    expect(hunks[1]!.lines.map((l) => [l.kind, l.line])).toEqual([
      ["ctx", 10],
      ["del", 10],
    ]);
  });

  it("puts the lines of a deleted file on line 1", () => {
    expect(parseHunks("@@ -1,2 +0,0 @@\n-a\n-b").flatMap((h) => h.lines.map((l) => l.line))).toEqual([1, 1]);
  });

  it("round-trips the bench's patch builder", () => {
    const patch = unifiedPatch("a\nb\nc\n", "a\nB\nc\nd\n");
    expect(patch).toBe("@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d");
  });
});

describe("imports", () => {
  it("JavaScript: default, namespace, named with aliases, type-only, require, side effects", () => {
    const src = [
      'import jwt from "jsonwebtoken";',
      'import * as jose from "jose";',
      "import {",
      "  verify as check,",
      "  sign,",
      '} from "jsonwebtoken";',
      'import type { Session } from "next-auth";',
      'const { createHash } = require("node:crypto");',
      'const Strategy = require("passport-local").Strategy;',
      'import "./polyfills";',
    ];
    const out = parseImports("typescript", src);
    expect(
      out.map((i) => [
        i.module,
        i.bindings.map((b) => `${b.local}=${b.member ?? "*"}`).join(","),
        i.from,
        i.to,
        i.typeOnly,
      ]),
    ).toEqual([
      ["jsonwebtoken", "jwt=*", 0, 0, false],
      ["jose", "jose=*", 1, 1, false],
      ["jsonwebtoken", "check=verify,sign=sign", 2, 5, false],
      ["next-auth", "Session=Session", 6, 6, true],
      ["./polyfills", "", 9, 9, false],
      ["crypto", "createHash=createHash", 7, 7, false],
      ["passport-local", "Strategy=Strategy", 8, 8, false],
    ]);
  });

  it("Python: import, import as, from-import with parentheses", () => {
    const out = parseImports("python", [
      "import hashlib, hmac as h",
      "from django.contrib.auth import (",
      "    login,",
      "    authenticate as auth,",
      ")",
    ]);
    expect(out.map((i) => [i.module, i.bindings.map((b) => `${b.local}=${b.member ?? "*"}`).join(",")])).toEqual([
      ["hashlib", "hashlib=*"],
      ["hmac", "h=*"],
      ["django.contrib.auth", "login=login,auth=authenticate"],
    ]);
  });

  it("Go: single, grouped, aliased and blank imports; package names", () => {
    const out = parseImports("go", [
      "import (",
      '    "crypto/aes"',
      '    j "github.com/golang-jwt/jwt/v5"',
      '    _ "embed"',
      ")",
      'import "fmt"',
    ]);
    expect(out.map((i) => [i.module, i.bindings.map((b) => b.local).join(",")])).toEqual([
      ["fmt", "fmt"],
      ["crypto/aes", "aes"],
      ["github.com/golang-jwt/jwt/v5", "j"],
      ["embed", ""],
    ]);
    expect(goPackageName("github.com/stripe/stripe-go/v76")).toBe("stripe");
    expect(goPackageName("gopkg.in/square/go-jose.v2")).toBe("jose");
  });

  it("Java: classes, wildcards, statics", () => {
    const out = parseImports("java", [
      "import javax.crypto.Cipher;",
      "import org.springframework.security.config.annotation.web.builders.*;",
      "import static java.util.Objects.hash;",
    ]);
    expect(out.map((i) => [i.module, i.bindings.map((b) => b.local).join(",")])).toEqual([
      ["javax.crypto.Cipher", "Cipher"],
      ["org.springframework.security.config.annotation.web.builders", ""],
      ["java.util.Objects.hash", "hash"],
    ]);
  });
});

describe("tokens and words", () => {
  it("scans dotted names with decorators, calls, chains and JSX", () => {
    const toks: string[] = [];
    scanTokens("@login_required x = req.user?.role; f().verify(a) <Session /> 1e3", (t) =>
      toks.push(
        `${t.segs.join(".")}${t.decorator ? "@" : ""}${t.called ? "(" : ""}${t.chained ? "^" : ""}${t.jsx ? "<" : ""}`,
      ),
    );
    expect(toks).toEqual(["login_required@", "x", "req.user.role", "f(", "verify(^", "a", "Session<"]);
  });

  it("splits identifiers into words", () => {
    expect(splitWords("verifyJWTToken")).toEqual(["verify", "jwt", "token"]);
    expect(splitWords("DATE_OF_BIRTH")).toEqual(["date", "of", "birth"]);
    expect(splitWords("src/auth-utils/signIn.ts")).toEqual(["src", "auth", "utils", "sign", "in", "ts"]);
  });
});

describe("signals data", () => {
  it("the bundled file is valid and defines the built-in areas with thresholds", () => {
    expect(parseSignals(readFileSync(SIGNALS_URL, "utf8"))).toEqual(BUILTIN_SIGNALS);
    for (const a of ["auth", "crypto", "payment"]) expect(BUILTIN_SIGNALS.areas[a]!.threshold).toBeGreaterThan(0);
    expect(BUILTIN_SIGNALS.areas.policy!.always).toBe(true);
  });

  it("rejects a bad regex and unknown keys", () => {
    const base = readFileSync(SIGNALS_URL, "utf8");
    expect(() =>
      parseSignals(base.replace("reason: registers auth middleware", "reason: x\n        flags: g")),
    ).toThrow();
    expect(() => parseSignals(`${base}\nextra: 1\n`)).toThrow();
    const bad = base.replace(
      "regex: 'Access-Control-Allow-(?:Origin|Credentials|Headers|Methods)'",
      "regex: '(unclosed'",
    );
    expect(() => parseSignals(bad)).toThrow(/bad regex/);
  });
});

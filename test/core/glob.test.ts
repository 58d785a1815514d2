import { readFileSync } from "node:fs";
import picomatch from "picomatch";
import { describe, expect, it } from "vitest";
import { globMatcher, normalizedPath, unsupportedGlob } from "../../src/core/glob.js";
import { configSchema } from "../../src/core/policy/schema.js";

// A small deterministic generator, so that a disagreement is reproducible.
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const HAND = [
  "**/*a*a*a*b",
  "**/x/**/y",
  "src/**",
  "*.md",
  "**/*.{js,ts}",
  "!foo",
  "!**/*.md",
  "a/?/[a-c]*",
  "**",
  "*",
  "**/*",
  "a/*",
  "foo/**/bar",
  "foo/**/*",
  "foo/**",
  "**/.env*",
  "docs/**/*.md",
  "@scope/*",
  "[!a]*",
  "[^a.]*",
  "+(a|b)",
  "a\\*b",
  "{a,b}/**",
  "**/{LICENSE,NOTICE}{,.*}",
  "*.{1..3}",
  "[[:alpha:]]*",
  "a/**/b/**/c",
  "**/test/**",
  "?",
  "??/*",
  "a{,/b}",
  "@(x|y)/z",
  "*(a)",
  "x/?(a|b)",
  "a.{x,.*}",
  "*/.*",
  "a/**/.*",
  ".*",
  "x/**/.*.y",
  "a{/**/,/}.b*",
  ".aiguard.{yml,yaml}",
  "{,.github/,docs/}CODEOWNERS",
  "**/*.{md,markdown,mdx,rst,adoc,txt}",
  "**/{.env,.env.*}",
  "{.*,x}",
  "a.{b,.*}",
  "{a,.*}/x",
  "*.*",
  "**/*.*",
  "*.*.js",
  "**/.*",
  "*/*",
  "./*.*",
];

function builtinGlobs(): string[] {
  const yml = readFileSync(new URL("../../src/core/areas/signals.yml", import.meta.url), "utf8");
  return [...yml.matchAll(/glob: "([^"]+)"/g)].map((m) => m[1]!).filter((g) => !g.includes("<"));
}

const PIECES = [
  ...["a", "b", "x", "y", ".", "/", "*", "**/", "/**", "?", "[ab]", "[!a]", "{a,b}", "{,.x}", "a.", ".md"],
  ...["{x,.*}", "{.*,x}/", "*.*", "!(a)", "@(a|.)", "{,*}", "{a,/}"],
];
const CHARS = ["a", "b", "x", "y", ".", "/", "A", "-", "_", ".."];

function randomGlob(r: () => number): string {
  let g = "";
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) g += PIECES[Math.floor(r() * PIECES.length)];
  return r() < 0.1 ? `!${g}` : g;
}

function randomPath(r: () => number): string {
  let p = "";
  const n = 1 + Math.floor(r() * 10);
  for (let i = 0; i < n; i++) p += CHARS[Math.floor(r() * CHARS.length)];
  return p;
}

describe("glob matcher agrees with picomatch", () => {
  it("on the hand-picked, built-in and random globs, for normalized paths", () => {
    const r = rng(7);
    const globs = [...HAND, ...builtinGlobs()];
    for (let i = 0; i < 500; i++) globs.push(randomGlob(r));
    const paths = [
      "a",
      "b",
      "a/b",
      "x/y",
      "foo",
      "foo/bar",
      "foo/x/bar",
      ".env",
      "a/.env.local",
      "docs/x.md",
      "a..",
      "a.b",
    ];
    for (let i = 0; i < 300; i++) paths.push(randomPath(r));
    const normal = paths.filter(normalizedPath);
    expect(normal.length).toBeGreaterThan(150);
    let compared = 0;
    let matched = 0;
    const disagreements: string[] = [];
    for (const g of globs) {
      if (unsupportedGlob(g) !== null) continue;
      for (const nocase of [false, true]) {
        const ours = globMatcher(g, { nocase });
        const theirs = picomatch(g, { dot: true, nocase });
        for (const p of normal) {
          compared++;
          if (theirs(p)) matched++;
          if (ours(p) !== theirs(p))
            disagreements.push(`${g} ${nocase ? "(nocase) " : ""}on ${p}: picomatch ${theirs(p)}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(100_000);
    expect(matched).toBeGreaterThan(2_000);
  });

  it("for a list, as picomatch's list matcher", () => {
    const list = ["docs/**", "!**/*.md", "src/*.ts"];
    const ours = globMatcher(list);
    const theirs = picomatch(list, { dot: true });
    for (const p of ["docs/a.md", "docs/a.ts", "src/a.ts", "src/a.md", "x.md", "x.ts"]) expect(ours(p)).toBe(theirs(p));
  });

  it("refuses globs that need lookaround and matches nothing with them", () => {
    expect(unsupportedGlob("*.!(js)")).toMatch(/lookahead/);
    expect(globMatcher("*.!(js)")("a.ts")).toBe(false);
    expect(unsupportedGlob("src/**/*.ts")).toBeNull();
    expect(unsupportedGlob("**/{.env,.env.*}")).toBeNull();
  });

  it("is refused by the config schema when it needs lookaround, wherever a glob goes", () => {
    const bad = "src/*.!(js)";
    for (const policy of [
      { paths: { ignore: [bad] } },
      { overrides: [{ paths: [bad] }] },
      { tiers: [{ name: "t", when: { paths: [bad] }, conclusion: "success" }] },
      { dependencies: { deny: [bad] } },
    ]) {
      const r = configSchema.safeParse(policy);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toMatch(/cannot be used: .*lookahead/);
    }
    expect(configSchema.safeParse({ paths: { ignore: ["src/*.{js,ts}", "!**/*.md"] } }).success).toBe(true);
  });

  it("matches no path git never gives (empty, `.`, `..` or empty segments)", () => {
    for (const p of ["", "./a", "a/../b", "a//b", "/a", "a/"]) expect(globMatcher("**")(p)).toBe(false);
  });
});

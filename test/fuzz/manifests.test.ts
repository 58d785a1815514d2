// Properties of every manifest and lockfile extractor (src/core/dependencies/ecosystems/<id>/): any content
// gives dependencies or a parse error the caller turns into a note (never a TypeError, never a throw out of
// diffDependencies), in bounded time; and generated manifests are read back to the same names and versions.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { moduleFor } from "../../src/core/dependencies/ecosystems/index.js";
import { diffDependencies, type ExtractedDep } from "../../src/core/dependencies/index.js";
import { expectDeliberateError, fuzzTargets, property, type Target } from "./harness.js";

const fixture = (p: string) => readFileSync(new URL(`../core/dependencies/fixtures/${p}`, import.meta.url), "utf8");

/** Each file name an extractor reads, with real-looking seeds. */
const FILES: { path: string; seeds: string[] }[] = [
  { path: "package.json", seeds: [fixture("npm/package.base.json"), fixture("npm/package.head.json")] },
  {
    path: "package-lock.json",
    seeds: [fixture("npm/package-lock.base.json"), fixture("npm/package-lock.v2.json")],
  },
  { path: "npm-shrinkwrap.json", seeds: [fixture("npm/package-lock.head.json")] },
  { path: "yarn.lock", seeds: [fixture("npm/yarn-v1.lock"), fixture("npm/yarn-berry.lock")] },
  { path: "pnpm-lock.yaml", seeds: [fixture("npm/pnpm-lock.v6.yaml"), fixture("npm/pnpm-lock.v9.yaml")] },
  {
    path: "requirements.txt",
    seeds: [fixture("pypi/requirements.txt"), fixture("pypi/requirements-base.head.txt")],
  },
  {
    path: "pyproject.toml",
    seeds: [fixture("pypi/pyproject.pep621.toml"), fixture("pypi/pyproject.poetry.toml")],
  },
  { path: "poetry.lock", seeds: [fixture("pypi/poetry.lock")] },
  { path: "uv.lock", seeds: [fixture("pypi/uv.lock")] },
  { path: "go.mod", seeds: [fixture("go/go.base.mod"), fixture("go/go.head.mod")] },
  { path: "pom.xml", seeds: [fixture("maven/pom.base.xml"), fixture("maven/pom.head.xml")] },
  { path: "Cargo.toml", seeds: [fixture("cargo/Cargo.base.toml"), fixture("cargo/Cargo.head.toml")] },
];

/** Each extracted dependency is well formed: named, versioned as a string, on a line of the file. */
function checkDeps(deps: ExtractedDep[], input: string): void {
  const lines = input.split("\n").length;
  for (const d of deps) {
    expect(typeof d.name).toBe("string");
    expect(typeof d.version).toBe("string");
    expect(typeof d.direct).toBe("boolean");
    if (d.line !== undefined) expect(Number.isInteger(d.line) && d.line >= 1 && d.line <= lines).toBe(true);
  }
}

type Outcome = { deps: ExtractedDep[] } | { error: unknown };

const targets: Target[] = FILES.map(({ path, seeds }) => {
  const mod = moduleFor(path);
  if (!mod) throw new Error(`no ecosystem module reads ${path}`);
  return {
    name: `${mod.id} ${path}`,
    seeds,
    run: (input): Outcome => {
      // The public entry point never throws: a parse error becomes a note.
      diffDependencies([{ path, baseContent: seeds[0], headContent: input }]);
      // The extractor itself may throw, but only a deliberate parse error.
      const notes: string[] = [];
      const files = new Map([[path, input]]);
      try {
        return { deps: mod.extract(path, input, { read: (p) => files.get(p), note: (m) => notes.push(m) }) };
      } catch (error) {
        return { error };
      }
    },
    check: (out, input) => {
      const o = out as Outcome;
      if ("error" in o) expectDeliberateError(o.error);
      else checkDeps(o.deps, input);
    },
    weight: 0.25,
  };
});

fuzzTargets("manifests and lockfiles", targets);

// ---------------------------------------------------------------------------------------------
// Round-trips: render a manifest from a generated dependency list, extract it, get the list back.

const version = fc
  .tuple(fc.nat({ max: 30 }), fc.nat({ max: 30 }), fc.nat({ max: 99 }), fc.option(fc.constantFrom("-rc.1", "-beta")))
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ?? ""}`);

/** Unique names by a canonical form (so the extractor's own de-duplication never merges two of them). */
function uniqueDeps(name: fc.Arbitrary<string>, canon: (n: string) => string = (n) => n) {
  return fc.uniqueArray(fc.record({ name, version, dev: fc.boolean() }), {
    minLength: 1,
    maxLength: 12,
    selector: (d) => canon(d.name),
  });
}

const extract = (path: string, content: string) =>
  moduleFor(path)!.extract(path, content, { read: () => undefined, note: () => undefined });

describe("round-trip: manifests", () => {
  property(
    "package.json: every dependency of every section comes back, with its range and line",
    [uniqueDeps(fc.stringMatching(/^(@[a-z0-9-]{1,8}\/)?[a-z0-9][a-z0-9._-]{0,14}$/))],
    (deps) => {
      const json = {
        name: "app",
        dependencies: Object.fromEntries(deps.filter((d) => !d.dev).map((d) => [d.name, `^${d.version}`])),
        devDependencies: Object.fromEntries(deps.filter((d) => d.dev).map((d) => [d.name, `~${d.version}`])),
      };
      const text = JSON.stringify(json, null, 2);
      const got = extract("package.json", text);
      // Sorted: JSON.parse puts integer-like keys ("0") first, whatever the file's order.
      const sorted = (l: unknown[][]) => l.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(sorted(got.map((d) => [d.name, d.version, d.dev, d.direct]))).toEqual(
        sorted(deps.map((d) => [d.name, d.dev ? `~${d.version}` : `^${d.version}`, d.dev, true])),
      );
      for (const d of got) expect(text.split("\n")[d.line! - 1]).toContain(`"${d.name}"`);
    },
  );

  property(
    "go.mod: every require, in a block or on its own line, comes back with its version and indirect mark",
    [uniqueDeps(fc.stringMatching(/^[a-z]{1,8}\.(com|io|org)\/[a-z0-9_-]{1,8}(\/[a-z0-9_.-]{1,8})?$/)), fc.boolean()],
    (deps, block) => {
      const req = (d: { name: string; version: string; dev: boolean }) =>
        `${d.name} v${d.version}${d.dev ? " // indirect" : ""}`;
      const body = block
        ? `require (\n${deps.map((d) => `\t${req(d)}`).join("\n")}\n)`
        : deps.map((d) => `require ${req(d)}`).join("\n");
      const text = `module example.com/app\n\ngo 1.22\n\n${body}\n`;
      const got = extract("go.mod", text);
      expect(got.map((d) => [d.name, d.version, d.direct])).toEqual(deps.map((d) => [d.name, `v${d.version}`, !d.dev]));
      for (const d of got)
        expect(
          text
            .split("\n")
            [d.line! - 1]!.replace(/^require /, "")
            .trim(),
        ).toMatch(new RegExp(`^${d.name.replace(/\./g, "\\.")} v`));
    },
  );

  property(
    "Cargo.toml: plain, table and renamed dependencies come back with their versions",
    [
      uniqueDeps(fc.stringMatching(/^[a-z][a-z0-9_-]{0,14}$/), (n) => n.replace(/-/g, "_")),
      fc.array(fc.constantFrom("plain", "table", "renamed")),
    ],
    (deps, forms) => {
      const form = (k: number) => forms[k % Math.max(1, forms.length)] ?? "plain";
      const line = (d: { name: string; version: string }, k: number) =>
        form(k) === "plain"
          ? `${d.name} = "${d.version}"`
          : form(k) === "table"
            ? `${d.name} = { version = "${d.version}", features = ["x"] }`
            : `my-${k} = { package = "${d.name}", version = "${d.version}" }`;
      const normal = deps.map((d, k) => ({ d, k })).filter(({ d }) => !d.dev);
      const dev = deps.map((d, k) => ({ d, k })).filter(({ d }) => d.dev);
      const text = `[package]\nname = "app"\n\n[dependencies]\n${normal.map(({ d, k }) => line(d, k)).join("\n")}\n\n[dev-dependencies]\n${dev.map(({ d, k }) => line(d, k)).join("\n")}\n`;
      const got = extract("Cargo.toml", text);
      expect(got.map((d) => [d.name, d.version, d.dev])).toEqual([
        ...normal.map(({ d }) => [d.name, d.version, false]),
        ...dev.map(({ d }) => [d.name, d.version, true]),
      ]);
    },
  );

  property(
    "requirements.txt: pins, ranges, extras, markers, hashes and comments come back as name and version",
    [
      uniqueDeps(fc.stringMatching(/^[A-Za-z][A-Za-z0-9._-]{0,12}[A-Za-z0-9]$/), (n) =>
        n.toLowerCase().replace(/[-_.]+/g, "-"),
      ),
      fc.array(fc.constantFrom("pin", "range", "extra", "marker", "hash", "comment")),
    ],
    (deps, forms) => {
      const form = (k: number) => forms[k % Math.max(1, forms.length)] ?? "pin";
      const rendered = deps.map((d, k) => {
        switch (form(k)) {
          case "range":
            return { text: `${d.name}>=${d.version},<99`, version: `>=${d.version},<99` };
          case "extra":
            return { text: `${d.name}[security]==${d.version}`, version: d.version };
          case "marker":
            return { text: `${d.name}==${d.version} ; python_version >= "3.8"`, version: d.version };
          case "hash":
            return { text: `${d.name}==${d.version} --hash=sha256:${"ab".repeat(32)}`, version: d.version };
          case "comment":
            return { text: `${d.name}==${d.version}  # pinned for CVE-1`, version: d.version };
          default:
            return { text: `${d.name}==${d.version}`, version: d.version };
        }
      });
      const text = `# deps\n--index-url https://pypi.org/simple\n${rendered.map((r) => r.text).join("\n")}\n`;
      const got = extract("requirements.txt", text);
      expect(got.map((d) => [d.name, d.version, d.line])).toEqual(
        deps.map((d, k) => [d.name.toLowerCase().replace(/[-_.]+/g, "-"), rendered[k]!.version, k + 3]),
      );
    },
  );
});

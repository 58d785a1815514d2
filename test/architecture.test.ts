// The house rules of the source tree, checked on the code itself: the core stays pure, data flows
// one way between the folders (README, Development), and non-product code stays out of src/.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SRC = join(ROOT, "src");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith(".ts") ? [p] : [];
  });
}

interface Import {
  file: string;
  spec: string;
  /** Repo-relative target for a relative import, else the bare specifier. */
  target: string;
}

const files = walk(SRC);
const imports: Import[] = files.flatMap((file) => {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((m) => {
    const spec = m[1]!;
    const target = spec.startsWith(".") ? relative(ROOT, resolve(dirname(file), spec)) : spec;
    return { file: relative(ROOT, file), spec, target };
  });
});

const from = (prefix: string) => imports.filter((i) => i.file.startsWith(prefix));
const show = (list: Import[]) => list.map((i) => `${i.file} -> ${i.spec}`);

describe("the source tree", () => {
  it("has a pure core: no import from outside src/core, and no network, clock or environment", () => {
    const outside = from("src/core/").filter((i) => i.spec.startsWith(".") && !i.target.startsWith("src/core/"));
    expect(show(outside)).toEqual([]);
    // Node modules the core may use: reading its shipped data at load, hashing, paths.
    const allowed = new Set(["node:fs", "node:fs/promises", "node:path", "node:url", "node:module", "node:crypto"]);
    const node = from("src/core/").filter((i) => i.spec.startsWith("node:") && !allowed.has(i.spec));
    expect(show(node)).toEqual([]);
    const impure: string[] = [];
    for (const f of files.filter((f) => relative(ROOT, f).startsWith("src/core/"))) {
      const text = readFileSync(f, "utf8");
      for (const bad of ["Date.now(", "new Date()", "fetch(", "process.env", "setTimeout("]) {
        if (text.includes(bad)) impure.push(`${relative(ROOT, f)}: ${bad}`);
      }
    }
    // performance.now() is allowed only for the engine's own time budgets (not the review's clock).
    expect(impure).toEqual([]);
  });

  it("keeps data flowing one way between the folders", () => {
    const rules: Array<[string, RegExp]> = [
      // Renderers, look-ups and the pipeline never reach into GitHub, the CLI or the queue.
      ["src/report/", /^src\/(github|cli|handlers|lookup)\//],
      ["src/lookup/", /^src\/(github|cli|handlers|report|queue)\//],
      ["src/pipeline", /^src\/(github|cli|handlers|lookup|report|queue)\//],
      ["src/cli/", /^src\/(github|handlers|queue)\//],
      ["src/queue/", /^src\/(github|cli|handlers|lookup|report|core)\//],
      // GitHub reads do not write, and the client knows nothing of the review.
      ["src/github/gather/", /^src\/github\/(publish|route)\//],
      ["src/github/client/", /^src\/github\/(gather|publish|route)\//],
      ["src/github/publish/", /^src\/github\/(gather|route)\//],
    ];
    const broken = rules.flatMap(([prefix, forbidden]) => from(prefix).filter((i) => forbidden.test(i.target)));
    expect(show(broken)).toEqual([]);
  });

  it("ships no benchmarks or maintenance scripts in src/", () => {
    expect(files.filter((f) => /\/(bench|scripts)\//.test(relative(ROOT, f)))).toEqual([]);
    expect(files.filter((f) => readFileSync(f, "utf8").includes("writeFileSync("))).toEqual([]);
  });
});

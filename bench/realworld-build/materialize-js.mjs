// Re-creates both sides of every JavaScript/TypeScript case of test/realworld from the npm registry:
// the package's vulnerable and fixed versions are packed (`npm pack`) and the case's files copied
// into <case>/vulnerable/ and <case>/fixed/. The third-party code itself is never committed (each
// language directory's .gitignore keeps it out); case.json, which we wrote, is.
//
//   node bench/realworld-build/materialize-js.mjs [--check]
//
// --check compares what is already there with the registry's files instead of writing.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { CORPUS, pack } from "./lib.mjs";

const check = process.argv.includes("--check");

function cases() {
  const out = [];
  for (const part of ["dev", "holdout"])
    for (const lang of ["javascript", "typescript"]) {
      const root = join(CORPUS, part, lang);
      if (!existsSync(root)) continue;
      for (const id of readdirSync(root)) {
        const file = join(root, id, "case.json");
        if (existsSync(file)) out.push({ dir: join(root, id), meta: JSON.parse(readFileSync(file, "utf8")) });
      }
    }
  return out;
}

let written = 0;
let differ = 0;
const failed = [];
for (const { dir, meta } of cases()) {
  if (!meta.package || !meta.vulnerableVersion || !meta.fixedVersion) {
    failed.push(`${meta.id}: no package and versions in case.json`);
    continue;
  }
  try {
    const sides = {
      vulnerable: await pack(meta.package, meta.vulnerableVersion),
      fixed: await pack(meta.package, meta.fixedVersion),
    };
    for (const [side, { dir: pkg }] of Object.entries(sides)) {
      if (!check) rmSync(join(dir, side), { recursive: true, force: true });
      for (const f of meta.files) {
        const from = join(pkg, f.path);
        const to = join(dir, side, f.path);
        if (!existsSync(from)) continue; // added or removed by the fix
        if (check) {
          if (!existsSync(to) || readFileSync(to, "utf8") !== readFileSync(from, "utf8")) {
            differ++;
            console.log(`differs: ${meta.id} ${side}/${f.path}`);
          }
          continue;
        }
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(from, to);
      }
    }
    written++;
  } catch (e) {
    failed.push(`${meta.id}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
  }
}
console.log(`${check ? "checked" : "materialized"} ${written} cases${check ? `, ${differ} files differ` : ""}`);
for (const f of failed) console.log(`failed: ${f}`);
process.exitCode = failed.length > 0 || differ > 0 ? 1 : 0;

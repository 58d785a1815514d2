// Copies the non-TypeScript assets that compiled code reads (YAML and JSON data) from src/ to dist/,
// or to the directory given as the first argument (the benchmark build: build/src).
import { cpSync, readdirSync, statSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = process.argv[2] ? join(root, process.argv[2]) : join(root, "dist");

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ya?ml|json)$/.test(name)) {
      const target = join(dist, relative(src, p));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(p, target);
    }
  }
}
walk(src);

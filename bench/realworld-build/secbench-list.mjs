// Lists the SecBench.js cases (family folder, package, version, fix metadata, sink) from a fetched
// git mirror of cristianstaicu/SecBench.js. Build-time only: writes secbench.json into the scratch directory (lib.mjs WORK).
// Usage: node bench/realworld-build/secbench-list.mjs <git-dir>
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { WORK } from "./lib.mjs";

const gitDir = process.argv[2] ?? "/work/.mirror/cristianstaicu+SecBench.js/repo";
const git = (...args) => execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 1 << 28 });
const FAMILIES = {
  "prototype-pollution": "prototype-pollution",
  redos: "redos",
  "command-injection": "command-injection",
  "path-traversal": "path-traversal",
  "code-injection": "code-injection",
};
const files = git("ls-tree", "-r", "--name-only", "HEAD").split("\n");
const out = [];
for (const f of files) {
  const m = /^([^/]+)\/([^/]+)\/package\.json$/.exec(f);
  if (!m || !(m[1] in FAMILIES)) continue;
  let meta;
  try {
    meta = JSON.parse(git("show", `HEAD:${f}`));
  } catch {
    continue;
  }
  const deps = Object.entries(meta.dependencies ?? {});
  if (deps.length !== 1) continue;
  const [pkg, version] = deps[0];
  out.push({
    dir: `${m[1]}/${m[2]}`,
    family: FAMILIES[m[1]],
    id: String(meta.id ?? "").trim(),
    pkg,
    version,
    fixedVersion: meta.fixedVersion,
    fixCommit: meta.fixCommit,
    sink: meta.sink,
    links: meta.links ?? {},
  });
}
mkdirSync(WORK, { recursive: true });
writeFileSync(join(WORK, "secbench.json"), JSON.stringify(out, null, 1));
const usable = out.filter((c) => c.fixedVersion && c.fixedVersion !== "n/a" && c.sink);
console.log(`${out.length} cases, ${usable.length} with a fixed version and a sink`);
const byFam = {};
for (const c of usable) byFam[c.family] = (byFam[c.family] ?? 0) + 1;
console.log(byFam);

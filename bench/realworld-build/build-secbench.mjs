// Builds test/realworld/ cases from SecBench.js entries (secbench.json in the scratch directory, made by secbench-list.mjs).
// For each exploit-confirmed vulnerability with a fixed version: npm-pack the last vulnerable version
// (the highest below the fixed one) and the first fixed version, keep the file holding SecBench's sink,
// and record as weakness lines the vulnerable lines the fix changed plus the sink line.
// Usage: node bench/realworld-build/build-secbench.mjs [--only <pkg>]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import semver from "semver";
import {
  CWE,
  WORK,
  isBundle,
  isMinified,
  languageOf,
  ossfIds,
  pack,
  parseCsv,
  pool,
  releaseChanges,
  releasesOf,
  repositoryOf,
  versionsOf,
  walk,
  weaknessOf,
  writeCase,
} from "./lib.mjs";

const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
const csvPath = process.argv.includes("--csv") ? process.argv[process.argv.indexOf("--csv") + 1] : join(WORK, "github_advisory.csv");
const all = JSON.parse(readFileSync(join(WORK, "secbench.json"), "utf8"));
// GitHub's affected ranges (github_advisory.csv, from the same SecBench.js checkout), for entries without a fixed version.
const ranges = new Map();
if (existsSync(csvPath)) {
  for (const [, , pkg, page, cve, range] of parseCsv(readFileSync(csvPath, "utf8"))) {
    const ghsa = /GHSA-[\w-]{14}/.exec(page ?? "")?.[0];
    if (ghsa) ranges.set(ghsa, { pkg, range });
    if (cve) ranges.set(`${pkg} ${cve.trim()}`, { pkg, range });
  }
}
const excluded = ossfIds();
const seen = new Set();
const todo = [];
// Entries that link a GitHub advisory first: SecBench.js sometimes lists one vulnerability twice.
const hasGhsa = (c) => Object.values(c.links).some((u) => /GHSA-/.test(u));
for (const c of [...all.filter(hasGhsa), ...all.filter((c) => !hasGhsa(c))]) {
  if (excluded.has(c.id)) continue;
  if (/^CVE-/.test(c.id) && seen.has(c.id)) continue;
  if (only && c.pkg !== only) continue;
  const ghsa = Object.values(c.links).map((u) => /GHSA-[\w-]{14}/.exec(u)?.[0]).find(Boolean);
  const id = ghsa ?? (/^CVE-\d{4}-\d+$/.test(c.id) ? c.id : null);
  if (!id || seen.has(id)) continue;
  const fixed = String(c.fixedVersion ?? "").replace(/^[\s=]+/, "").trim();
  const advisory = (ghsa && ranges.get(ghsa)) ?? ranges.get(`${c.pkg} ${c.id}`);
  const range = advisory?.pkg === c.pkg ? advisory.range : null;
  if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(fixed) && !range) continue;
  seen.add(id);
  seen.add(c.id);
  todo.push({ ...c, fixed: /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(fixed) ? fixed : null, range, caseId: id, ghsa });
}

function repoOf(pkgDir, c) {
  return /github\.com\/([\w.-]+\/[\w.-]+)\/commit/.exec(c.fixCommit ?? "")?.[1] ?? repositoryOf(pkgDir) ?? c.pkg;
}

/** The last vulnerable and first fixed releases: SecBench's fixed version, else GitHub's affected range. */
async function releasePair(c) {
  if (c.fixed) {
    const vul = await pack(c.pkg, `<${c.fixed}`);
    try {
      return { vul, fix: await pack(c.pkg, c.fixed), how: "SecBench.js fixed version" };
    } catch {
      // The advisory names a version that was never published: take the first release after it.
      const first = (await versionsOf(c.pkg)).find((v) => semver.gte(v, c.fixed));
      if (!first) return null;
      return { vul, fix: await pack(c.pkg, first), how: "first release after SecBench.js's fixed version" };
    }
  }
  const r = await releasesOf(c.pkg, c.range);
  if (!r) return null;
  return { vul: await pack(c.pkg, r.last), fix: await pack(c.pkg, r.fixed), how: `GitHub advisory range ${r.range}` };
}

/** The file holding SecBench's sink, as changed by the fix, with the sink line mapped onto the vulnerable version. */
async function sinkFile(c, sb, pair) {
  const m = /^(.*):(\d+):(\d+)/.exec((c.sink ?? "").split(",")[0].trim());
  if (!m) return { skip: "no sink" };
  const [, sinkPath, sinkLineStr] = m;
  const sinkLine = Number(sinkLineStr);
  let { vul, fix } = pair;
  // The sink file as SecBench names it (relative to the package, or only its tail).
  const sbFiles = walk(sb.dir);
  let candidates = sbFiles.filter((f) => f === sinkPath.replace(/^\.?\//, ""));
  if (candidates.length === 0) candidates = sbFiles.filter((f) => f.endsWith(`/${sinkPath}`));
  candidates = candidates.filter((f) => existsSync(join(vul.dir, f)) && existsSync(join(fix.dir, f)));
  const differs = (a, b, f) =>
    existsSync(join(a.dir, f)) &&
    existsSync(join(b.dir, f)) &&
    readFileSync(join(a.dir, f), "utf8") !== readFileSync(join(b.dir, f), "utf8");
  let changed = candidates.filter((f) => differs(vul, fix, f));
  if (changed.length === 0 && candidates.length === 1) {
    // The fixed version is later than the real fix: walk back from it to the release that last changed
    // the sink file (not below the version SecBench exploits).
    const versions = (await versionsOf(c.pkg)).filter(
      (v) => !semver.prerelease(v) && semver.gte(v, sb.version) && semver.lt(v, fix.version),
    );
    let hi = fix;
    for (let i = versions.length - 1; i >= 0 && changed.length === 0; i--) {
      const lo = await pack(c.pkg, versions[i]);
      if (differs(lo, hi, candidates[0])) {
        vul = lo;
        fix = hi;
        changed = candidates;
      } else hi = lo;
    }
  }
  if (changed.length !== 1) return { skip: `sink file ${changed.length === 0 ? "unchanged or missing" : "ambiguous"}` };
  const path = changed[0];
  if (!languageOf(path)) return { skip: `not js/ts: ${path}` };
  const vulnerable = readFileSync(join(vul.dir, path), "utf8");
  const fixedText = readFileSync(join(fix.dir, path), "utf8");
  if (isMinified(vulnerable) || isMinified(fixedText) || /\.min\.js$/.test(path)) return { fatal: "minified" };
  if (isBundle(vulnerable) || isBundle(fixedText)) return { fatal: "bundle" };
  const w = weaknessOf(vulnerable, fixedText);
  if (w.changed > 200) return { fatal: `diff too large (${w.changed})` };
  const weakness = new Set(w.lines);
  // Map SecBench's sink line (in the version it exploits) onto the last vulnerable version, by its text.
  const sinkText = readFileSync(join(sb.dir, path), "utf8").split("\n")[sinkLine - 1]?.trim();
  let sinkMapped = null;
  if (sinkText) {
    vulnerable.split("\n").forEach((l, i) => {
      if (l.trim() === sinkText && (sinkMapped === null || Math.abs(i + 1 - sinkLine) < Math.abs(sinkMapped - sinkLine)))
        sinkMapped = i + 1;
    });
    if (sinkMapped !== null) weakness.add(sinkMapped);
  }
  const weaknessLines = [...weakness].sort((a, b) => a - b);
  return { vul, fix, sinkMapped, files: [{ path, vulnerable, fixed: fixedText, weaknessLines }], changed: w.changed };
}

async function build(c) {
  const sb = await pack(c.pkg, c.version);
  const pair = await releasePair(c);
  if (!pair) return { skip: "no fixed release" };
  if (pair.vul.version === pair.fix.version) return { skip: "no version below fixed" };
  let got = await sinkFile(c, sb, pair);
  if (got.fatal) return { skip: got.fatal };
  if (got.skip) {
    // No usable sink file: keep what the fixing release changed in the sources, when that is small.
    const picked = releaseChanges(pair.vul.dir, pair.fix.dir);
    if (picked.skip) return { skip: `${got.skip}; release: ${picked.skip}` };
    got = { vul: pair.vul, fix: pair.fix, sinkMapped: null, files: picked.files, changed: picked.total, fallback: true };
  }
  const { vul, fix, files } = got;
  const main = [...files].sort((x, y) => y.weaknessLines.length - x.weaknessLines.length)[0];
  const language = languageOf(main.path);
  if (!language) return { skip: `not js/ts: ${main.path}` };
  const source = [
    ...(c.ghsa ? [`https://github.com/advisories/${c.ghsa}`] : []),
    ...(/^https:\/\/github\.com\/.*\/commit\//.test(c.fixCommit ?? "") ? [c.fixCommit] : []),
    ...Object.values(c.links).filter((u) => /^https?:\/\/\S+$/.test(u) && !u.includes("/advisories/GHSA")),
    `https://github.com/cristianstaicu/SecBench.js/tree/main/${c.dir}`,
    `https://www.npmjs.com/package/${c.pkg}/v/${vul.version}`,
    `https://www.npmjs.com/package/${c.pkg}/v/${fix.version}`,
  ];
  const kase = {
    id: c.caseId,
    ...(/^CVE-\d{4}-\d+$/.test(c.id) ? { cve: c.id } : {}),
    source,
    project: repoOf(fix.dir, c),
    package: c.pkg,
    vulnerableVersion: vul.version,
    fixedVersion: fix.version,
    language,
    family: c.family,
    cwe: CWE[c.family],
    files: files.map((f) => ({ path: f.path, weaknessLines: f.weaknessLines })),
    confirmedBy: got.fallback
      ? `SecBench.js exploit (releases: ${pair.how}; files: the sources the fixing release changed)`
      : `SecBench.js exploit (releases: ${pair.how}; file: the one holding SecBench's sink)`,
  };
  const dir = writeCase(kase, files);
  return { ok: dir, sinkMapped: got.sinkMapped, changed: got.changed, fallback: Boolean(got.fallback) };
}

const results = await pool(todo, 4, build);
const log = todo.map((c, i) => ({ id: c.caseId, pkg: c.pkg, family: c.family, ...results[i] }));
writeFileSync(join(WORK, "secbench-build.log.json"), JSON.stringify(log, null, 1));
const counts = {};
for (const r of log) {
  const k = r.ok ? "ok" : (r.skip ?? `error: ${r.error}`).replace(/\(.*\)|: .*/, "");
  counts[k] = (counts[k] ?? 0) + 1;
}
console.log(`${todo.length} candidates`, counts);

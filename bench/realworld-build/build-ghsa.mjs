// Builds test/realworld/ cases from GitHub-reviewed npm advisories (the list SecBench.js collected in
// github_advisory.csv: title, package, GHSA page, CVE, affected range). For each advisory of a wanted
// family: npm-pack the last affected release and the first patched one, and keep the source files the
// release changed when they are few and small (the fix); the weakness lines are the vulnerable lines the
// fix changed. Usage: node bench/realworld-build/build-ghsa.mjs <csv> [--families xss,ssrf] [--max N]
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  CORPUS,
  CWE,
  WORK,
  languageOf,
  familyOf,
  ossfIds,
  pack,
  parseCsv,
  pool,
  releaseChanges,
  releasesOf,
  repositoryOf,
  writeCase,
} from "./lib.mjs";

const csvPath = process.argv[2] ?? join(WORK, "github_advisory.csv");
const flag = (n) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : null);
const wanted = new Set((flag("--families") ?? "xss,open-redirect,ssrf,sql-injection,zip-slip").split(","));
const max = Number(flag("--max") ?? 1000);

function existingIds() {
  const ids = new Set();
  for (const part of ["dev", "holdout"]) {
    for (const lang of existsSync(join(CORPUS, part)) ? readdirSync(join(CORPUS, part)) : []) {
      for (const id of readdirSync(join(CORPUS, part, lang))) {
        try {
          const c = JSON.parse(readFileSync(join(CORPUS, part, lang, id, "case.json"), "utf8"));
          // This script's own cases are rebuilt; the others (SecBench.js) take precedence.
          if (String(c.confirmedBy).startsWith("GitHub-reviewed advisory")) continue;
          ids.add(id);
          if (c.cve) ids.add(c.cve);
        } catch {}
      }
    }
  }
  return ids;
}

async function build(a) {
  const r = await releasesOf(a.pkg, a.range);
  if (!r) return { skip: "no patched release" };
  const vul = await pack(a.pkg, r.last);
  const fix = await pack(a.pkg, r.fixed);
  const picked = releaseChanges(vul.dir, fix.dir);
  if (picked.skip) return picked;
  const { files: out, total } = picked;
  // The main file (most weakness lines) names the language.
  const main = [...out].sort((x, y) => y.weaknessLines.length - x.weaknessLines.length)[0];
  const language = languageOf(main.path);
  const project = repositoryOf(fix.dir) ?? a.pkg;
  const kase = {
    id: a.ghsa,
    ...(a.cve ? { cve: a.cve } : {}),
    source: [
      `https://github.com/advisories/${a.ghsa}`,
      `https://www.npmjs.com/package/${a.pkg}/v/${vul.version}`,
      `https://www.npmjs.com/package/${a.pkg}/v/${fix.version}`,
    ],
    project,
    package: a.pkg,
    vulnerableVersion: vul.version,
    fixedVersion: fix.version,
    language,
    family: a.family,
    cwe: /nosql/i.test(a.title) ? ["CWE-943"] : CWE[a.family],
    files: out.map((f) => ({ path: f.path, weaknessLines: f.weaknessLines })),
    confirmedBy: `GitHub-reviewed advisory (${a.title}; affected ${r.range}) with its first patched release`,
  };
  return { ok: writeCase(kase, out), changed: total, files: out.length };
}

const excluded = ossfIds();
const have = existingIds();
const rows = parseCsv(readFileSync(csvPath, "utf8"));
const todo = [];
const seen = new Set();
for (const [, title, pkg, page, cve, range] of rows) {
  const ghsa = /GHSA-[\w-]{14}/.exec(page ?? "")?.[0];
  const family = familyOf(title ?? "", pkg ?? "");
  if (!ghsa || !family || !wanted.has(family) || !range || /^>=\s*0$/.test(range.trim())) continue;
  if ((cve && excluded.has(cve)) || have.has(ghsa) || (cve && have.has(cve)) || seen.has(ghsa)) continue;
  seen.add(ghsa);
  todo.push({ title, pkg, ghsa, cve: /^CVE-\d{4}-\d+$/.test(cve) ? cve : undefined, range, family });
}
const batch = todo.slice(0, max);
const results = await pool(batch, 4, build);
const log = batch.map((a, i) => ({ id: a.ghsa, pkg: a.pkg, family: a.family, ...results[i] }));
writeFileSync(join(WORK, `ghsa-build-${[...wanted].join("+")}.log.json`), JSON.stringify(log, null, 1));
const counts = {};
for (const r of log) {
  const k = r.ok ? `ok ${r.family}` : (r.skip ?? `error`).replace(/\(.*\)/, "");
  counts[k] = (counts[k] ?? 0) + 1;
}
console.log(`${batch.length} advisories`, counts);

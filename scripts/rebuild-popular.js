#!/usr/bin/env node
// Rebuilds the typosquat popular-package lists (src/core/dependencies/ecosystems/<list>/popular.json, beside
// each ecosystem's module; <list> is its typosquat list id: npm, pypi, go, maven, cargo)
// from public sources. Needs internet access and Node >= 18 (global fetch). Not run by the build
// or the tests; run it by hand and review the diff before committing:
//
//   node scripts/rebuild-popular.js                  # all ecosystems
//   node scripts/rebuild-popular.js --only npm,cargo # some
//   node scripts/rebuild-popular.js --dry-run        # print sizes and the first names, write nothing
//   node scripts/rebuild-popular.js --merge          # keep names of the current list that fell off
//
// Sources (most-downloaded / most-depended-upon first):
//   npm   https://packages.ecosyste.ms/api/v1/registries/npmjs.org/packages?sort=downloads&order=desc
//         then re-ranked by last-month downloads from https://api.npmjs.org/downloads/point/last-month/<names>
//   pypi  https://hugovk.github.io/top-pypi-packages/top-pypi-packages-30-days.min.json
//         (the "Top PyPI Packages" dataset built from the public PyPI BigQuery download logs)
//   cargo https://crates.io/api/v1/crates?sort=downloads&per_page=100&page=<n>
//   go    https://packages.ecosyste.ms/api/v1/registries/proxy.golang.org/packages?sort=dependent_packages_count&order=desc
//   maven https://packages.ecosyste.ms/api/v1/registries/repo1.maven.org/packages?sort=dependent_packages_count&order=desc
//         (maven names are "groupId:artifactId")

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The popular list of a typosquat list id, beside its ecosystem module. */
const listFile = (eco) => join(root, "src", "core", "dependencies", "ecosystems", eco, "popular.json");
const USER_AGENT = "aiguard-rebuild-popular/1 (typosquat list maintenance script)";

const TARGET = { npm: 1000, pypi: 800, go: 200, maven: 200, cargo: 300 };

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const merge = args.includes("--merge");
const onlyArg = args.find((a) => a.startsWith("--only"));
const only = onlyArg
  ? (onlyArg.includes("=") ? onlyArg.split("=")[1] : (args[args.indexOf(onlyArg) + 1] ?? "")).split(",").filter(Boolean)
  : Object.keys(TARGET);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function getJson(url, attempt = 1) {
  const res = await fetch(url, { headers: { "user-agent": USER_AGENT, accept: "application/json" } });
  if (res.status === 429 || res.status >= 500) {
    if (attempt >= 5) throw new Error(`${url}: HTTP ${res.status} after ${attempt} attempts`);
    await sleep(1000 * 2 ** attempt);
    return getJson(url, attempt + 1);
  }
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/** Pages through an ecosyste.ms registry listing, returning package names in order. */
async function ecosystems(registry, sort, count) {
  const names = [];
  for (let page = 1; names.length < count && page <= 50; page++) {
    const url = `https://packages.ecosyste.ms/api/v1/registries/${registry}/packages?sort=${sort}&order=desc&per_page=100&page=${page}`;
    const rows = await getJson(url);
    if (!Array.isArray(rows) || rows.length === 0) break;
    for (const r of rows) if (r && typeof r.name === "string") names.push(r.name);
    await sleep(250);
  }
  return names;
}

async function npm() {
  // Candidates by downloads, then re-ranked by the npm registry's own last-month counts.
  const candidates = [...new Set(await ecosystems("npmjs.org", "downloads", TARGET.npm * 1.5))];
  const downloads = new Map();
  const unscoped = candidates.filter((n) => !n.startsWith("@"));
  for (let i = 0; i < unscoped.length; i += 128) {
    // The bulk endpoint takes up to 128 unscoped names.
    const batch = unscoped.slice(i, i + 128);
    const body = await getJson(
      `https://api.npmjs.org/downloads/point/last-month/${batch.map(encodeURIComponent).join(",")}`,
    );
    for (const n of batch) downloads.set(n, body?.[n]?.downloads ?? 0);
    await sleep(300);
  }
  for (const n of candidates.filter((x) => x.startsWith("@"))) {
    // Scoped names must be asked one at a time.
    const body = await getJson(`https://api.npmjs.org/downloads/point/last-month/${n.replace("/", "%2F")}`).catch(
      () => null,
    );
    downloads.set(n, body?.downloads ?? 0);
    await sleep(150);
  }
  return candidates.sort((a, b) => (downloads.get(b) ?? 0) - (downloads.get(a) ?? 0)).slice(0, TARGET.npm);
}

async function pypi() {
  const urls = [
    "https://hugovk.github.io/top-pypi-packages/top-pypi-packages-30-days.min.json",
    "https://hugovk.github.io/top-pypi-packages/top-pypi-packages.min.json",
  ];
  let lastError;
  for (const url of urls) {
    try {
      const body = await getJson(url);
      const rows = Array.isArray(body?.rows) ? body.rows : [];
      const names = rows.map((r) => r.project).filter((p) => typeof p === "string");
      if (names.length > 0) return names.slice(0, TARGET.pypi);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError ?? new Error("no PyPI top-packages dataset reachable");
}

async function cargo() {
  const names = [];
  for (let page = 1; names.length < TARGET.cargo; page++) {
    const body = await getJson(`https://crates.io/api/v1/crates?sort=downloads&per_page=100&page=${page}`);
    const crates = Array.isArray(body?.crates) ? body.crates : [];
    if (crates.length === 0) break;
    for (const c of crates) names.push(c.name);
    // crates.io asks crawlers for at most one request per second.
    await sleep(1100);
  }
  return names.slice(0, TARGET.cargo);
}

async function go() {
  const names = await ecosystems("proxy.golang.org", "dependent_packages_count", TARGET.go * 1.5);
  // Keep one entry per module family (drop /vN duplicates of a listed module).
  const seen = new Set();
  const out = [];
  for (const n of names) {
    const family = n.replace(/\/v\d+$/, "");
    if (seen.has(family)) continue;
    seen.add(family);
    out.push(n);
  }
  return out.slice(0, TARGET.go);
}

async function maven() {
  const names = await ecosystems("repo1.maven.org", "dependent_packages_count", TARGET.maven);
  return names.filter((n) => /^[^:\s]+:[^:\s]+$/.test(n)).slice(0, TARGET.maven);
}

const builders = { npm, pypi, go, maven, cargo };

for (const eco of only) {
  const build = builders[eco];
  if (!build) {
    console.error(`unknown ecosystem '${eco}' (expected one of ${Object.keys(builders).join(", ")})`);
    process.exitCode = 2;
    continue;
  }
  try {
    let names = [...new Set(await build())];
    const file = listFile(eco);
    if (merge) {
      const current = JSON.parse(readFileSync(file, "utf8"));
      for (const n of current) if (!names.includes(n)) names.push(n);
    }
    if (names.length === 0) throw new Error("no names");
    if (dryRun) {
      console.log(`${eco}: ${names.length} names; first: ${names.slice(0, 10).join(", ")}`);
    } else {
      writeFileSync(file, `${JSON.stringify(names, null, 0).replace(/","/g, '",\n"')}\n`);
      console.log(`${eco}: wrote ${names.length} names to ${file}`);
    }
  } catch (err) {
    console.error(`${eco}: ${err instanceof Error ? err.message : err}`);
    process.exitCode = 1;
  }
}

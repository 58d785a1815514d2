// Shared helpers for building test/realworld/ cases (build-time only; never needed by the tests or the runner).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { diffLines } from "diff";
import semver from "semver";

const run = promisify(execFile);
export const HERE = new URL(".", import.meta.url).pathname;
/** Scratch space for tarballs and unpacked packages (outside the repository). */
export const WORK = process.env.REALWORLD_WORK ?? "/tmp/realworld-build-work";
export const CORPUS = join(HERE, "../../test/realworld");

export const CWE = {
  "prototype-pollution": ["CWE-1321"],
  redos: ["CWE-1333"],
  "command-injection": ["CWE-78"],
  "path-traversal": ["CWE-22"],
  "code-injection": ["CWE-94"],
  xss: ["CWE-79"],
  "open-redirect": ["CWE-601"],
  ssrf: ["CWE-918"],
  "sql-injection": ["CWE-89"],
  "zip-slip": ["CWE-22"],
};

/** holdout when the first byte of sha256(id) is below 0x80, else dev. */
export function partOf(id) {
  return createHash("sha256").update(id).digest()[0] < 0x80 ? "holdout" : "dev";
}

export function languageOf(path) {
  if (/\.(ts|tsx|mts|cts)$/.test(path)) return "typescript";
  if (/\.(js|jsx|mjs|cjs)$/.test(path)) return "javascript";
  return null;
}

/** The CVE ids of the OpenSSF CVE Benchmark (held out: never in this corpus). */
export function ossfIds() {
  const p = join(HERE, "ossf-excluded.txt");
  return new Set(readFileSync(p, "utf8").split("\n").map((s) => s.trim()).filter(Boolean));
}

const listing = new Map();
/** The published versions of a package, oldest first (`npm view`; cached in WORK/versions/). */
export async function versionsOf(name) {
  if (!listing.has(name)) listing.set(name, listVersions(name));
  return listing.get(name);
}

async function listVersions(name) {
  const file = join(WORK, "versions", `${name.replace("/", "+")}.json`);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const { stdout } = await run("npm", ["view", name, "versions", "--json"], { cwd: WORK, maxBuffer: 1 << 26 });
    writeFileSync(file, stdout);
  }
  const v = JSON.parse(readFileSync(file, "utf8"));
  return (Array.isArray(v) ? v : [v]).filter((x) => semver.valid(x)).sort(semver.compare);
}

const packing = new Map();
/** `npm pack` one version (or the highest version matching a range) and unpack it; returns {version, dir}. */
export async function pack(name, spec) {
  mkdirSync(WORK, { recursive: true });
  const key = `${name}@${spec}`;
  if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) {
    // A range: resolve it locally against the published versions (stable releases), like npm would.
    const all = await versionsOf(name);
    const hit = semver.maxSatisfying(all, spec);
    if (!hit) throw new Error(`no version of ${name} matches ${spec}`);
    return pack(name, hit);
  }
  if (!packing.has(key)) packing.set(key, doPack(name, spec));
  return packing.get(key);
}

async function doPack(name, spec) {
  // An exact version already unpacked needs no registry round trip.
  const known = join(WORK, "pkgs", `${name.replace("/", "+")}@${spec}`);
  if (/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec) && existsSync(join(known, ".done"))) return { version: spec, dir: known };
  const tarDir = join(WORK, "tarballs");
  mkdirSync(tarDir, { recursive: true });
  const { stdout } = await run("npm", ["pack", `${name}@${spec}`, "--json", "--pack-destination", tarDir], {
    cwd: WORK,
    maxBuffer: 1 << 26,
  });
  const info = JSON.parse(stdout)[0];
  const dir = join(WORK, "pkgs", `${name.replace("/", "+")}@${info.version}`);
  if (!existsSync(join(dir, ".done"))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await run("tar", ["xzf", join(tarDir, info.filename), "-C", dir, "--strip-components=1"]);
    writeFileSync(join(dir, ".done"), "");
  }
  return { version: info.version, dir };
}

export function walk(dir, base = dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === "node_modules" || n === ".done") return [];
    return statSync(p).isDirectory() ? walk(p, base) : [p.slice(base.length + 1)];
  });
}

/** Lines changed between two texts: removed lines (1-based, in `a`), insertion points, and counts. */
export function changedLines(a, b) {
  const parts = diffLines(a, b);
  const lines = new Set();
  let old = 1;
  let adds = 0;
  let dels = 0;
  const total = a.split("\n").length;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.removed) {
      // A line the fix only re-formatted (same text but for whitespace) is not part of the weakness.
      const next = parts[i + 1];
      const squash = (t) => t.replace(/\s+/g, "");
      const readded = new Set(next?.added ? next.value.split("\n").map(squash) : []);
      const removedLines = p.value.split("\n");
      for (let k = 0; k < p.count; k++) if (!readded.has(squash(removedLines[k] ?? ""))) lines.add(old + k);
      old += p.count;
      dels += p.count;
    } else if (p.added) {
      adds += p.count;
      // An insertion marks the first vulnerable line after it, unless it only adds comments or blank lines.
      const code = p.value.split("\n").some((l) => !/^\s*(\/\/.*|\/?\*.*|\*\/\s*)?$/.test(l));
      if (!parts[i - 1]?.removed && code) lines.add(Math.min(old, total));
    } else old += p.count;
  }
  return { lines: [...lines].sort((x, y) => x - y), adds, dels };
}

export function isMinified(text) {
  const lines = text.split("\n");
  const long = lines.filter((l) => l.length > 300).length;
  return text.length / Math.max(1, lines.length) > 150 || long > 5;
}

/** Bundled or concatenated build output (webpack runtime, or a single file of over 20,000 lines). */
export function isBundle(text) {
  return text.includes("__webpack_require__") || text.split("\n").length > 20000;
}

export function writeCase(c, files) {
  const lang = c.language;
  const dir = join(CORPUS, partOf(c.id), lang, c.id);
  rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    for (const side of ["vulnerable", "fixed"]) {
      if (f[side] === undefined) continue;
      const p = join(dir, side, f.path);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, f[side]);
    }
  }
  writeFileSync(join(dir, "case.json"), `${JSON.stringify(c, null, 2)}\n`);
  return dir;
}

export async function pool(items, n, fn) {
  const out = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k]).catch((e) => ({ error: String(e.message ?? e).split("\n")[0] }));
      }
    }),
  );
  return out;
}

/** Minimal CSV (quoted fields may hold commas). */
export function parseCsv(text) {
  const rows = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const row = [];
    let cur = "";
    let q = false;
    for (const ch of line) {
      if (ch === '"') q = !q;
      else if (ch === "," && !q) {
        row.push(cur);
        cur = "";
      } else cur += ch;
    }
    row.push(cur);
    rows.push(row);
  }
  return rows.slice(1);
}

export function familyOf(title, pkg = "") {
  const t = title.toLowerCase();
  if (/arbitrary file (write|overwrite|creation)/.test(t) && /zip|tar|unzip|decompress|extract|archive/i.test(pkg)) return "zip-slip";
  if (/nosql/.test(t)) return "other";
  if (/sql injection/.test(t)) return "sql-injection";
  if (/cross.site.scripting|\bxss\b/.test(t)) return "xss";
  if (/open redirect/.test(t)) return "open-redirect";
  if (/server.side request forgery|\bssrf\b/.test(t)) return "ssrf";
  if (/archive|zip slip|zip-slip|extraction/.test(t)) return "zip-slip";
  if (/prototype pollution/.test(t)) return "prototype-pollution";
  if (/regular expression|redos/.test(t)) return "redos";
  if (/command injection/.test(t)) return "command-injection";
  if (/path traversal|directory traversal/.test(t)) return "path-traversal";
  if (/code injection|code execution|sandbox/.test(t)) return "code-injection";
  return null;
}

const SKIP_PATH = /(^|\/)(test|tests|__tests__|spec|specs|example|examples|docs?|bench|benchmark|dist|build|umd|esm|esnext|bundles?|min|vendor|coverage|types)\/|\.min\.js$|\.d\.ts$|\.test\.[jt]s$|\.spec\.[jt]s$|(^|\/)(gulpfile|gruntfile|webpack\.config|rollup\.config|karma\.conf)/i;

/** The first affected range of the advisory: its last affected and first patched release. */
export async function releasesOf(pkg, range) {
  const first = range.split(/(?=[<>]=?\s*\d)/).reduce((acc, p) => {
    // Ranges are glued together ("< 4.44.3>= 5.0.0, < 5.15.1"): take the first comparator set.
    if (acc.done) return acc;
    acc.text += p;
    if (/</.test(p)) acc.done = true;
    return acc;
  }, { text: "", done: false }).text.replace(/,\s*$/, "").trim();
  const all = (await versionsOf(pkg)).filter((v) => !semver.prerelease(v));
  const affected = all.filter((v) => semver.satisfies(v, first.replace(/,/g, "")));
  if (affected.length === 0) return null;
  const last = affected[affected.length - 1];
  const fixed = all.find((v) => semver.gt(v, last));
  if (!fixed || semver.satisfies(fixed, first.replace(/,/g, ""))) return null;
  return { last, fixed, range: first };
}


/** Keep only code lines among the changed lines (blank and comment-only lines are not the weakness). */
export function weaknessOf(vulnerable, fixed) {
  const d = changedLines(vulnerable, fixed);
  const vl = vulnerable.split("\n");
  const code = d.lines.filter((n) => !/^\s*(\/\/.*|\/?\*.*|\*\/\s*)?$/.test(vl[n - 1] ?? ""));
  return { lines: code.length > 0 ? code : d.lines, changed: d.adds + d.dels };
}

/**
 * The source files (no tests, docs, builds or minified code) a release changed, when they look like one
 * fix: at most five files (at least one of them modified) and at most 200 changed lines. Returns {files, total} or {skip}.
 */
export function releaseChanges(vulDir, fixDir) {
  const files = [...new Set([...walk(vulDir), ...walk(fixDir)])]
    .filter((f) => languageOf(f) && !SKIP_PATH.test(f))
    .map((f) => ({
      path: f,
      vulnerable: existsSync(join(vulDir, f)) ? readFileSync(join(vulDir, f), "utf8") : undefined,
      fixed: existsSync(join(fixDir, f)) ? readFileSync(join(fixDir, f), "utf8") : undefined,
    }))
    .filter((f) => f.vulnerable !== f.fixed)
    // Build output that ships beside the sources (a browser bundle) is not where the fix was made.
    .filter((f) => !isBundle(f.vulnerable ?? "") && !isBundle(f.fixed ?? ""));
  if (files.length === 0) return { skip: "no source change" };
  if (files.length > 5) return { skip: `too many files (${files.length})` };
  // A file the fix adds (a new helper, say) or removes is kept, with no weakness lines of its own.
  if (files.every((f) => f.vulnerable === undefined || f.fixed === undefined)) return { skip: "only added/removed files" };
  if (files.some((f) => isMinified(f.vulnerable ?? "") || isMinified(f.fixed ?? ""))) return { skip: "minified" };
  let total = 0;
  const out = [];
  for (const f of files) {
    if (f.vulnerable === undefined || f.fixed === undefined) {
      total += (f.vulnerable ?? f.fixed).split("\n").length;
      out.push({ ...f, weaknessLines: [] });
      continue;
    }
    const w = weaknessOf(f.vulnerable, f.fixed);
    total += w.changed;
    out.push({ ...f, weaknessLines: w.lines });
  }
  if (total > 200) return { skip: `diff too large (${total})` };
  if (out.every((f) => f.weaknessLines.length === 0)) return { skip: "no weakness line" };
  return { files: out, total };
}

/** owner/repo from a package's package.json `repository`, when it is on GitHub. */
export function repositoryOf(pkgDir) {
  try {
    const pj = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
    const url = typeof pj.repository === "string" ? pj.repository : pj.repository?.url;
    const m = /github\.com[/:]([\w.-]+\/[\w.-]+?)(\.git)?$/.exec(url ?? "") ?? /^([\w.-]+\/[\w.-]+)$/.exec(url ?? "");
    return m ? m[1] : null;
  } catch {
    return null;
  }
}

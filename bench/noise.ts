// Noise on ordinary commits: how often aiguard flags a commit that was not a security fix. Runs the
// analysis (both sides of each changed source file, as the App does) on PER_REPO non-merge commits
// of each project the real-world corpus was built from, spread evenly over its last 400 commits,
// leaving out the corpus's fix commits and their neighbours. Nearly every such commit introduces no
// vulnerability, so a report is, with few exceptions, a false alarm: the measure of "cries wolf"
// that the fixing PRs of the corpus are too few to give. Needs the projects' mirrors (brought with
// the search tool's fetch, as test/realworld/README-pgj.md says); prints counts, and with
// --examples one line per report. JavaScript projects have no mirrors (the corpus comes from npm):
// their ordinary releases, written by bench/realworld-build/noise-js.mjs, are scored when present.
//   npx tsx bench/noise.ts [--per-repo 25] [--examples]
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { analyze } from "../src/core/analyze.js";
import { createScanner } from "../src/core/engine/index.js";
import { defaultConfig } from "../src/core/policy/schema.js";
import type { ChangedFile } from "../src/core/types.js";
import { changedFile } from "./realworld.js";

const MIRRORS = "/work/.mirror";
const NOISE_JS = process.env.NOISE_JS ?? join(process.env.REALWORLD_WORK ?? "/tmp/realworld-build-work", "noise-js");
const SOURCE = /\.(?:[cm]?js|jsx|ts|tsx|py|go|java)$/;
const MAX_FILES = 10;
const MAX_BYTES = 300_000;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** The short ids of the corpus's fix commits (case.json `source` commit URLs). */
function fixCommits(): Set<string> {
  const out = new Set<string>();
  for (const part of ["dev", "holdout"]) {
    const root = join("test/realworld", part);
    if (!existsSync(root)) continue;
    for (const lang of readdirSync(root))
      for (const id of readdirSync(join(root, lang))) {
        const f = join(root, lang, id, "case.json");
        if (!existsSync(f)) continue;
        for (const s of (JSON.parse(readFileSync(f, "utf8")) as { source?: string[] }).source ?? []) {
          const m = /\/commit\/([0-9a-f]{7,40})/.exec(s);
          if (m?.[1]) out.add(m[1].slice(0, 7));
        }
      }
  }
  return out;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)],
  );
}

/** The ordinary JavaScript releases (noise-js.mjs): release pairs analysed, flagged, reports by rule. */
function releases(scanner: Parameters<typeof analyze>[1], examples: boolean): void {
  if (!existsSync(NOISE_JS)) {
    console.log(`== ordinary JavaScript releases: none under ${NOISE_JS} (node bench/realworld-build/noise-js.mjs)`);
    return;
  }
  const byRule = new Map<string, number>();
  const lines: string[] = [];
  let pairs = 0;
  let flagged = 0;
  for (const pair of readdirSync(NOISE_JS).sort()) {
    const head = join(NOISE_JS, pair, "head");
    if (!existsSync(head)) continue;
    const files = filesUnder(head).map((h) => {
      const path = relative(head, h);
      return changedFile(path, readFileSync(join(NOISE_JS, pair, "base", path), "utf8"), readFileSync(h, "utf8"));
    });
    const config = defaultConfig();
    const a = analyze(
      { base: "b", head: "h", files, config, customRules: [], fullContext: true, draft: false, notes: [] },
      scanner,
    );
    pairs++;
    if (a.findings.length > 0) flagged++;
    for (const rule of new Set(a.findings.map((f) => f.ruleId))) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    for (const f of a.findings) lines.push(`${pair} ${f.path}:${f.line} ${f.ruleId} | ${f.message.slice(0, 120)}`);
  }
  const pct = pairs > 0 ? ((100 * flagged) / pairs).toFixed(1) : "0.0";
  console.log(`== ordinary JavaScript releases: ${pairs} release pairs, ${flagged} flagged (${pct}%)`);
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
    console.log(`   ${String(n).padStart(4)}  ${rule}`);
  if (examples) for (const l of lines) console.log(l);
}

async function main(): Promise<void> {
  const perRepo = arg("--per-repo", 25);
  const examples = process.argv.includes("--examples");
  const { scanner } = await createScanner();
  releases(scanner, examples);
  if (!existsSync(MIRRORS)) {
    console.log(`no mirrors under ${MIRRORS}: bring the projects first (test/realworld/README-pgj.md)`);
    return;
  }
  const excluded = fixCommits();
  const byRule = new Map<string, number>();
  const lines: string[] = [];
  let commits = 0;
  let flagged = 0;
  for (const m of readdirSync(MIRRORS).sort()) {
    if (m === "eth-sri+sven" || !m.includes("+")) continue;
    const repo = join(MIRRORS, m, "repo");
    const gitDir = existsSync(join(repo, ".git")) ? join(repo, ".git") : repo;
    if (!existsSync(gitDir)) continue;
    const git = (...args: string[]) =>
      execFileSync("git", ["--git-dir", gitDir, ...args], { maxBuffer: 64 << 20, encoding: "utf8", stdio: "pipe" });
    let log: string[];
    try {
      log = git("log", "--no-merges", "--format=%H %P", "-n", "400", "HEAD").trim().split("\n");
    } catch {
      continue;
    }
    const step = Math.max(1, Math.floor(log.length / perRepo));
    let taken = 0;
    for (let i = 0; i < log.length && taken < perRepo; i += step) {
      const [c, parent] = (log[i] ?? "").split(" ");
      const near = log.slice(Math.max(0, i - 1), i + 2).map((l) => l.slice(0, 7));
      if (!c || !parent || near.some((n) => excluded.has(n))) continue;
      const files: ChangedFile[] = [];
      try {
        for (const row of git("diff", "--name-status", "--no-renames", parent, c).trim().split("\n")) {
          const [status, path] = row.split("\t");
          if (!path || !SOURCE.test(path) || (status !== "M" && status !== "A")) continue;
          const head = git("show", `${c}:${path}`);
          const base = status === "A" ? undefined : git("show", `${parent}:${path}`);
          if (head.length > MAX_BYTES || (base?.length ?? 0) > MAX_BYTES) continue;
          files.push(changedFile(path, base, head));
          if (files.length >= MAX_FILES) break;
        }
      } catch {
        continue;
      }
      if (files.length === 0) continue;
      taken++;
      commits++;
      const config = defaultConfig();
      const a = analyze(
        { base: parent, head: c, files, config, customRules: [], fullContext: true, draft: false, notes: [] },
        scanner,
      );
      if (a.findings.length > 0) flagged++;
      for (const rule of new Set(a.findings.map((f) => f.ruleId))) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
      for (const f of a.findings)
        lines.push(`${m} ${c.slice(0, 10)} ${f.path}:${f.line} ${f.ruleId} | ${f.message.slice(0, 120)}`);
    }
  }
  const pct = commits > 0 ? ((100 * flagged) / commits).toFixed(1) : "0.0";
  console.log(`== ordinary commits: ${commits} analysed, ${flagged} flagged (${pct}%)`);
  const change = [...byRule].filter(([r]) => r.startsWith("change."));
  const changeCommits = change.reduce((n, [, v]) => n + v, 0);
  console.log(`   of them by the change.* checks (no sink in view): ${changeCommits}`);
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])))
    console.log(`   ${String(n).padStart(4)}  ${rule}`);
  if (examples) for (const l of lines) console.log(l);
}

await main();

#!/usr/bin/env node
// The long fuzz run: every property of test/fuzz/ with many cases, a printed seed (to replay a failure),
// bigger inputs and, optionally, a time limit per property.
//   npm run fuzz                                   100,000 cases per property, a random seed
//   npm run fuzz -- --runs 5000 --seed 42          fewer cases, a given seed
//   npm run fuzz -- --minutes 2 [file filter]      stop each property after two minutes
import { spawnSync } from "node:child_process";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const runs = opt("runs", "100000");
const seed = opt("seed", String((Math.random() * 2 ** 31) | 0));
const minutes = opt("minutes", undefined);
const env = {
  ...process.env,
  FUZZ_RUNS: runs,
  FUZZ_SEED: seed,
  FUZZ_MAX_INPUT: process.env.FUZZ_MAX_INPUT ?? "256000",
  ...(minutes ? { FUZZ_TIME_MS: String(Number(minutes) * 60_000) } : {}),
};
console.log(`fuzz: FUZZ_RUNS=${runs} FUZZ_SEED=${seed}${minutes ? ` FUZZ_TIME_MS=${env.FUZZ_TIME_MS}` : ""}`);
const filters = args.length > 0 ? args : ["test/fuzz/"];
const r = spawnSync("npx", ["vitest", "run", "--maxWorkers=1", ...filters], { stdio: "inherit", env });
console.log(`fuzz: done (FUZZ_SEED=${seed}); replay with: npm run fuzz -- --runs ${runs} --seed ${seed}`);
process.exit(r.status ?? 1);

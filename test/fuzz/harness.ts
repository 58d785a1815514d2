// Shared machinery of the property and fuzz tests (test/fuzz/*.test.ts).
//
// `npm test` runs each property FUZZ_RUNS times (default 200); `npm run fuzz` (scripts/fuzz.mjs) runs them
// long, with a printed seed. Environment:
//   FUZZ_RUNS      cases per property (default 200)
//   FUZZ_SEED      fast-check seed, to replay a run (default: fast-check's own, printed on failure)
//   FUZZ_TIME_MS   stop each property after this long (long runs; not a failure)
//   FUZZ_CALL_MS   the most one call of a target may take (default 2000): a correctness bound, not a benchmark
//   FUZZ_MAX_INPUT the longest mutated input, in chars (default 16000)
//
// A fuzz target is one entry: a name, real-looking seed inputs and the call to make (see `Target`).
import fc from "fast-check";
import { describe, expect, it } from "vitest";

export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS) || 200);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const TIME_MS = Number(process.env.FUZZ_TIME_MS) || undefined;
export const CALL_LIMIT_MS = Number(process.env.FUZZ_CALL_MS) || 2000;

/** Cases for one property: FUZZ_RUNS scaled by `weight` (cheap properties may run more, costly ones fewer). */
export function runs(weight = 1): number {
  return Math.max(1, Math.round(FUZZ_RUNS * weight));
}

/** fast-check parameters for one property: its number of runs, the shared seed and the time limit. */
export function params(weight = 1): fc.Parameters<unknown> {
  const p: fc.Parameters<unknown> = { numRuns: runs(weight) };
  if (SEED !== undefined && Number.isFinite(SEED)) p.seed = SEED;
  if (TIME_MS) {
    p.interruptAfterTimeLimit = TIME_MS;
    p.markInterruptAsFailure = false;
  }
  return p;
}

/** The vitest timeout of one property (long runs get the time they ask for). */
export function testTimeout(weight = 1): number {
  return TIME_MS ? TIME_MS + 120_000 : Math.max(30_000, runs(weight) * 50);
}

/** The slowest call seen by a property, to report after the run (a slow input is not shrunk: that would take long). */
export interface Slowest {
  ms: number;
  input: string;
}

/**
 * Run `f` and measure it. A call over CALL_LIMIT_MS is run again (the first call of a code path pays
 * for JIT compilation, and the machine may be busy); when it is slow twice it is recorded in `slow`.
 */
export function timed<T>(input: string, slow: Slowest, f: () => T): T {
  let start = performance.now();
  let out = f();
  let ms = performance.now() - start;
  if (ms > CALL_LIMIT_MS) {
    start = performance.now();
    out = f();
    ms = Math.min(ms, performance.now() - start);
  }
  if (ms > slow.ms) {
    slow.ms = ms;
    slow.input = input;
  }
  return out;
}

/** Fail when some call stayed over CALL_LIMIT_MS. */
export function expectFast(label: string, slow: Slowest): void {
  if (slow.ms > CALL_LIMIT_MS) {
    throw new Error(
      `${label}: one call took ${Math.round(slow.ms)} ms (> ${CALL_LIMIT_MS} ms) on ${describeInput(slow.input)}`,
    );
  }
}

function describeInput(input: string): string {
  return `${input.length} chars: ${JSON.stringify(input.slice(0, 300))}${input.length > 300 ? "…" : ""}`;
}

/** fc.assert, with the counterexample cut short (a 200 KB input would flood the report) and the seed to replay it. */
export function check<Ts>(label: string, prop: fc.IProperty<Ts>, weight = 1): void {
  const details = fc.check(prop, params(weight));
  // The long run says how many cases each property got through.
  if (TIME_MS || FUZZ_RUNS >= 10_000)
    console.log(`fuzz: ${label}: ${details.numRuns} cases${details.interrupted ? " (time limit)" : ""}`);
  if (!details.failed) return;
  const example = JSON.stringify(details.counterexample, (_k, v: unknown) =>
    typeof v === "string" && v.length > 2000 ? `${v.slice(0, 2000)}…(${v.length} chars)` : v,
  );
  const error =
    details.errorInstance instanceof Error ? details.errorInstance : new Error(String(details.errorInstance));
  throw new Error(
    `property failed after ${details.numRuns} runs (FUZZ_SEED=${details.seed}, path ${details.counterexamplePath})\n` +
      `counterexample: ${example}\n${error.stack ?? error.message}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Inputs: arbitrary text, bytes read as text, and real-looking seeds mutated line by line.

/** Bytes as a decoder would give them (latin1: every byte one char; utf8: invalid sequences become U+FFFD). */
const bytesAsText: fc.Arbitrary<string> = fc
  .tuple(fc.uint8Array({ maxLength: 2000 }), fc.boolean())
  .map(([bytes, utf8]) => Buffer.from(bytes).toString(utf8 ? "utf8" : "latin1"));

const HUGE = [
  "99999999999999999999999999",
  "-1",
  "0",
  "1e400",
  "NaN",
  "9007199254740993",
  "4294967296",
  "-0",
  "0x7fffffff",
];
const NASTY = [
  "\0",
  "\r",
  "\r\n",
  "\t",
  "\u2028",
  "\uFEFF",
  "\\",
  '"',
  "'",
  "`",
  "${",
  "}",
  "]",
  "[",
  "{",
  "<",
  ">",
  ":",
  "#",
  "-",
  "@",
  "\uD800",
];

/** One edit of a text. Applied in order by `mutate`. */
export type Mutation =
  | { op: "insertLine"; at: number; text: string }
  | { op: "deleteLine"; at: number }
  | { op: "duplicateLine"; at: number; times: number }
  | { op: "swapLines"; a: number; b: number }
  | { op: "truncate"; at: number }
  | { op: "insertChar"; at: number; text: string }
  | { op: "deleteChars"; at: number; n: number }
  | { op: "hugeNumber"; nth: number; value: string }
  | { op: "nest"; at: number; open: string; close: string; depth: number }
  | { op: "repeat"; times: number }
  | { op: "pump"; at: number; text: string; times: number };

const position = fc.nat({ max: 100_000 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("insertLine" as const), at: position, text: fc.string({ maxLength: 40 }) }),
  fc.record({ op: fc.constant("deleteLine" as const), at: position }),
  fc.record({ op: fc.constant("duplicateLine" as const), at: position, times: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ op: fc.constant("swapLines" as const), a: position, b: position }),
  fc.record({ op: fc.constant("truncate" as const), at: position }),
  fc.record({
    op: fc.constant("insertChar" as const),
    at: position,
    text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 3, unit: "binary" })),
  }),
  fc.record({ op: fc.constant("deleteChars" as const), at: position, n: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant("hugeNumber" as const), nth: fc.nat({ max: 50 }), value: fc.constantFrom(...HUGE) }),
  fc.record({
    op: fc.constant("nest" as const),
    at: position,
    open: fc.constantFrom("[", "{", '{"a":', "- ", "  ", "<a>", "(", "a = ["),
    close: fc.constantFrom("]", "}", "", "</a>", ")"),
    depth: fc.integer({ min: 1, max: 3000 }),
  }),
  fc.record({ op: fc.constant("repeat" as const), times: fc.integer({ min: 2, max: 20 }) }),
  // A short run repeated thousands of times inside a line: what makes a backtracking regex blow up.
  fc.record({
    op: fc.constant("pump" as const),
    at: position,
    text: fc.oneof(
      fc.constantFrom(" ", "\t", " a", ", ", "a", "0", "\\", "-", "*", "#"),
      fc.string({ minLength: 1, maxLength: 3 }),
    ),
    times: fc.integer({ min: 100, max: 5000 }),
  }),
);

function at<T>(list: readonly T[], n: number): number {
  return list.length === 0 ? 0 : n % (list.length + 1);
}

/** Mutated inputs are cut to this many chars (FUZZ_MAX_INPUT; 16 KB in `npm test`, 256 KB in the long run). */
export const MAX_INPUT = Number(process.env.FUZZ_MAX_INPUT) || 16_000;

/** Apply edits to a text (positions wrap around its length, so every edit applies somewhere). */
export function mutate(text: string, edits: readonly Mutation[]): string {
  let t = text;
  for (const m of edits) {
    if (t.length > MAX_INPUT) t = t.slice(0, MAX_INPUT);
    const lines = t.split("\n");
    switch (m.op) {
      case "insertLine":
        lines.splice(at(lines, m.at), 0, m.text);
        t = lines.join("\n");
        break;
      case "deleteLine":
        lines.splice(m.at % Math.max(1, lines.length), 1);
        t = lines.join("\n");
        break;
      case "duplicateLine": {
        const i = m.at % Math.max(1, lines.length);
        lines.splice(i, 0, ...new Array<string>(m.times).fill(lines[i] ?? ""));
        t = lines.join("\n");
        break;
      }
      case "swapLines": {
        const a = m.a % Math.max(1, lines.length);
        const b = m.b % Math.max(1, lines.length);
        [lines[a], lines[b]] = [lines[b] ?? "", lines[a] ?? ""];
        t = lines.join("\n");
        break;
      }
      case "truncate":
        t = t.slice(0, m.at % (t.length + 1));
        break;
      case "insertChar": {
        const i = m.at % (t.length + 1);
        t = t.slice(0, i) + m.text + t.slice(i);
        break;
      }
      case "deleteChars": {
        const i = m.at % (t.length + 1);
        t = t.slice(0, i) + t.slice(i + m.n);
        break;
      }
      case "hugeNumber": {
        let k = 0;
        t = t.replace(/\d+(\.\d+)*/g, (whole) => (k++ === m.nth ? m.value : whole));
        break;
      }
      case "nest": {
        const i = m.at % (t.length + 1);
        t = t.slice(0, i) + m.open.repeat(m.depth) + m.close.repeat(m.depth) + t.slice(i);
        break;
      }
      case "repeat":
        t = t.repeat(m.times);
        break;
      case "pump": {
        const i = m.at % (t.length + 1);
        t = t.slice(0, i) + m.text.repeat(m.times) + t.slice(i);
        break;
      }
    }
  }
  return t.slice(0, MAX_INPUT);
}

/** Seeds mutated by zero to six edits. */
export function mutated(seeds: readonly string[]): fc.Arbitrary<string> {
  if (seeds.length === 0) return fc.string();
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 6 }))
    .map(([seed, edits]) => mutate(seed, edits));
}

/** Lines cut from the seeds and shuffled together: text that looks like the format, but is not. */
function spliced(seeds: readonly string[]): fc.Arbitrary<string> {
  const lines = [...new Set(seeds.flatMap((s) => s.split("\n")))];
  if (lines.length === 0) return fc.string();
  return fc.array(fc.constantFrom(...lines), { maxLength: 60 }).map((l) => l.join("\n"));
}

/** Every kind of input a parser should survive. */
export function anyInput(seeds: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: fc.string({ maxLength: 300 }), weight: 2 },
    { arbitrary: fc.string({ maxLength: 300, unit: "grapheme" }), weight: 1 },
    { arbitrary: fc.string({ maxLength: 300, unit: "binary" }), weight: 1 },
    { arbitrary: bytesAsText, weight: 1 },
    { arbitrary: spliced(seeds), weight: 2 },
    { arbitrary: mutated(seeds), weight: 6 },
  );
}

// ---------------------------------------------------------------------------------------------
// Targets: "never throws, always answers in time" for every parser, one entry each.

export interface Target {
  /** Shown in the test name, e.g. "npm package.json". */
  name: string;
  /** Real-looking valid inputs that mutations start from. */
  seeds: readonly string[];
  /**
   * The call under test. It must return (its result is passed to `check`); a throw fails the property.
   * Targets whose contract allows a deliberate parse error catch it here and return it.
   */
  run(input: string): unknown;
  /** Checks the answer's shape (expect(...) or throw); optional. */
  check?(result: unknown, input: string): void;
  /** Weight of the number of runs (default 1). */
  weight?: number;
}

/** One vitest case per target: for any input, `run` returns (no throw) within CALL_LIMIT_MS and `check` holds. */
export function fuzzTargets(family: string, targets: readonly Target[]): void {
  describe(`fuzz: ${family}`, () => {
    for (const t of targets) {
      it(
        `${t.name}: no throw escapes, each call answers within ${CALL_LIMIT_MS} ms`,
        () => {
          const slow: Slowest = { ms: 0, input: "" };
          // Every seed must itself be accepted: a target whose seeds fail tests nothing.
          for (const s of t.seeds)
            t.check?.(
              timed(s, slow, () => t.run(s)),
              s,
            );
          check(
            t.name,
            fc.property(anyInput(t.seeds), (input) => {
              const out = timed(input, slow, () => t.run(input));
              t.check?.(out, input);
            }),
            t.weight,
          );
          expectFast(t.name, slow);
        },
        testTimeout(t.weight),
      );
    }
  });
}

/** A property of its own (round-trips), with the shared parameters and timeout. */
export function property<Ts extends [unknown, ...unknown[]]>(
  name: string,
  arbs: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> },
  predicate: (...args: Ts) => void,
  weight = 1,
): void {
  it(
    name,
    () => {
      check(name, fc.property(...arbs, predicate), weight);
    },
    testTimeout(weight),
  );
}

/** An error the caller turns into a note (a parse error), not a programming error (TypeError). */
export function expectDeliberateError(e: unknown): void {
  expect(e).toBeInstanceOf(Error);
  expect(e).not.toBeInstanceOf(TypeError);
  expect((e as Error).message.length).toBeGreaterThan(0);
}

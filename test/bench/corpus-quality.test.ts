// Detection quality on the labeled corpus, as a regression guard. `npm run bench:quality`
// prints the full per-CWE tables; this asserts the floors the project promises.
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCorpus, scoreCorpus, type CorpusScore } from "../../bench/corpus.js";
import { createScanner } from "../../src/core/engine/index.js";
import type { Scanner } from "../../src/core/engine/scanner.js";

let scanner: Scanner;
beforeAll(async () => {
  scanner = (await createScanner()).scanner;
});

function score(part: string): CorpusScore {
  return scoreCorpus(loadCorpus(fileURLToPath(new URL(`../corpus/${part}`, import.meta.url))), scanner);
}

describe("labeled corpus", () => {
  it("dev corpus: precision and recall at least 0.9 overall, with as many look-alikes as flaws", () => {
    const s = score("dev");
    expect(s.files).toBeGreaterThanOrEqual(40);
    expect(s.overall.tp + s.overall.fn).toBeGreaterThanOrEqual(200);
    expect(s.overall.safeQuiet).toBeGreaterThanOrEqual(s.overall.tp + s.overall.fn);
    expect(s.overall.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.overall.recall).toBeGreaterThanOrEqual(0.9);
  });

  it("held-out corpus (never seen by the rule authors): precision at least 0.9, recall at least 0.85", () => {
    const s = score("holdout");
    expect(s.files).toBeGreaterThanOrEqual(25);
    expect(s.overall.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.overall.recall).toBeGreaterThanOrEqual(0.85);
  });

  it("never reports on a marked safe look-alike of the same CWE in the dev corpus", () => {
    const s = score("dev");
    const lookAlikeHits = s.perCwe.reduce((n, c) => n + c.fp, 0);
    expect(lookAlikeHits).toBe(0);
  });
});

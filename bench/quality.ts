// `npm run bench:quality`: detection precision and recall per CWE on the labeled corpus, then
// sensitive-area recall and false escalation on the labeled hunks (test/core/areas/).
//
// The corpus has two parts: test/corpus/dev/ (written first; the rule authors tuned against it)
// and test/corpus/holdout/ (written later by someone who saw neither the rules nor the dev set;
// first scored after the rules were finished). The holdout figures are the honest ones.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createScanner } from "../src/core/engine/index.js";
import { packageRoot } from "../src/core/engine/rules-dir.js";
import type { Scanner } from "../src/core/engine/scanner.js";
import { areaReport } from "./areas.js";
import { formatScore, loadCorpus, scoreCorpus } from "./corpus.js";
import { formatReport as formatRealWorld, scoreRealWorld, unmaterialized } from "./realworld.js";
import { scoreTyposquat, type LabeledName } from "./typosquat-score.js";

/** The repository (the labeled corpora live under test/), found from here whether run compiled or not. */
const ROOT = packageRoot();

const verbose = process.argv.includes("--verbose") || Boolean(process.env.VERBOSE);

function report(name: string, root: string, scanner: Scanner): void {
  if (!existsSync(root)) return;
  const cases = loadCorpus(root);
  const score = scoreCorpus(cases, scanner);
  const expected = cases.reduce((n, c) => n + [...c.expected.values()].reduce((m, s) => m + s.size, 0), 0);
  const safe = cases.reduce((n, c) => n + [...c.safe.values()].reduce((m, s) => m + s.size, 0), 0);
  console.log(`== detection, ${name}: ${score.files} files, ${expected} expected findings, ${safe} marked look-alikes`);
  console.log(formatScore(score));
  if (verbose) {
    for (const f of score.falsePositives) console.log(`FP ${f.path}:${f.line} ${f.ruleId} ${f.cwe.join(",")}`);
    for (const f of score.falseNegatives) console.log(`FN ${f.path}:${f.line} ${f.cwe}`);
  }
  console.log("");
}

async function main(): Promise<void> {
  const { scanner } = await createScanner();
  report("dev corpus (test/corpus/dev)", join(ROOT, "test/corpus/dev"), scanner);
  report("held-out corpus (test/corpus/holdout)", join(ROOT, "test/corpus/holdout"), scanner);
  console.log(areaReport(join(ROOT, "test"), verbose));
  const labeledPath = join(ROOT, "test/core/dependencies/typosquat-labeled.json");
  if (existsSync(labeledPath)) {
    const list = JSON.parse(readFileSync(labeledPath, "utf8")) as LabeledName[];
    const all = scoreTyposquat(list);
    const advisories = scoreTyposquat(
      list.filter((n) => n.label === "legit" || !String(n.source ?? "").startsWith("synthetic")),
    );
    console.log("");
    console.log(
      `== typosquat check: ${list.length} labeled names (${list.filter((n) => n.label === "typosquat").length} typosquats)`,
    );
    console.log(
      `all names:                 precision ${all.precision.toFixed(3)}, recall ${all.recall.toFixed(3)} (tp ${all.tp}, fp ${all.fp}, fn ${all.fn})`,
    );
    console.log(
      `advisory typosquats only:  precision ${advisories.precision.toFixed(3)}, recall ${advisories.recall.toFixed(3)} (tp ${advisories.tp}, fp ${advisories.fp}, fn ${advisories.fn})`,
    );
    if (verbose) console.log(`missed: ${all.fnNames.join(", ")}; false alarms: ${all.fpNames.join(", ")}`);
  }
  const realWorld = join(ROOT, "test/realworld");
  if (existsSync(realWorld)) {
    const outcomes = scoreRealWorld(realWorld, scanner);
    console.log("");
    console.log(
      `== real-world vulnerabilities (test/realworld): ${outcomes.length} cases, replayed as vulnerable and fixing PRs`,
    );
    console.log(formatRealWorld(outcomes, verbose));
    const missing = unmaterialized(realWorld);
    if (missing.size > 0)
      console.log(
        `not scored, files not materialized: ${[...missing].map(([l, n]) => `${l} ${n}`).join(", ")} (node bench/realworld-build/materialize-js.mjs; python3 bench/realworld-build/pgj_build.py materialize)`,
      );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

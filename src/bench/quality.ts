// `npm run bench:quality`: detection precision and recall per CWE on the labeled corpus, then
// sensitive-area recall and false escalation on the labeled hunks (test/areas/).
import { fileURLToPath } from "node:url";
import { createScanner } from "../core/engine/index.js";
import { areaReport } from "./areas.js";
import { formatScore, loadCorpus, scoreCorpus } from "./corpus.js";

async function main(): Promise<void> {
  const root = fileURLToPath(new URL("../../test/corpus", import.meta.url));
  const cases = loadCorpus(root);
  const { scanner } = await createScanner();
  const score = scoreCorpus(cases, scanner);
  const expected = cases.reduce((n, c) => n + [...c.expected.values()].reduce((m, s) => m + s.size, 0), 0);
  const safe = cases.reduce((n, c) => n + [...c.safe.values()].reduce((m, s) => m + s.size, 0), 0);
  console.log(`== detection: ${score.files} corpus files, ${expected} expected findings, ${safe} marked look-alikes`);
  console.log(formatScore(score));
  if (process.argv.includes("--verbose") || process.env.VERBOSE) {
    for (const f of score.falsePositives) console.log(`FP ${f.path}:${f.line} ${f.ruleId} ${f.cwe.join(",")}`);
    for (const f of score.falseNegatives) console.log(`FN ${f.path}:${f.line} ${f.cwe}`);
  }
  console.log("");
  console.log(areaReport(fileURLToPath(new URL("../../test", import.meta.url)), process.argv.includes("--verbose") || Boolean(process.env.VERBOSE)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

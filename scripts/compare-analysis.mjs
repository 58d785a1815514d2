// Times the bench's 50-file, 1,000-line PR (bench/generate.ts) in two or more builds, in alternating runs,
// so that machine load hits them alike: `npm run build:bench` in each checkout, then
//   node scripts/compare-analysis.mjs ../aiguard-before .
// prints the median and fastest of 15 analyses per build.
const roots = process.argv.slice(2).map((r) => (r.startsWith("/") ? r : `${process.cwd()}/${r}`));
const sets = [];
for (const r of roots) {
  const { analyze } = await import(`${r}/build/src/core/analyze.js`);
  const { createScanner } = await import(`${r}/build/src/core/engine/index.js`);
  const { defaultConfig } = await import(`${r}/build/src/core/policy/schema.js`);
  const { generatePr } = await import(`${r}/build/bench/generate.js`);
  const { scanner } = await createScanner();
  const files = generatePr(50, 1000);
  const change = {
    base: "b",
    head: "h",
    files,
    config: defaultConfig(),
    customRules: [],
    fullContext: true,
    draft: false,
    notes: [],
  };
  sets.push({ r, run: () => analyze(change, scanner), times: [] });
}
for (const s of sets) for (let i = 0; i < 3; i++) s.run();
for (let i = 0; i < 15; i++)
  for (const s of sets) {
    const t = performance.now();
    const a = s.run();
    s.times.push(performance.now() - t);
    s.n = a.findings.length;
  }
for (const s of sets) {
  s.times.sort((a, b) => a - b);
  console.log(`${s.r}: median ${s.times[7].toFixed(1)} ms, min ${s.times[0].toFixed(1)} ms, findings ${s.n}`);
}

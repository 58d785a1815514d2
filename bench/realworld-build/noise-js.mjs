// Ordinary JavaScript releases for bench/noise.ts: for each dev JavaScript/TypeScript case of the
// real-world corpus, the newest pair of adjacent releases before the vulnerable one whose case files
// differ (`npm pack`), written to NOISE_JS (default WORK/noise-js/<case>@<from>..<to>/{base,head}/).
// An ordinary release, not a fix: a report on it is, with few exceptions, a false alarm (or the
// release that brought the flaw in). Third-party code: never committed.
//   node bench/realworld-build/noise-js.mjs
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { CORPUS, pack, versionsOf, WORK } from "./lib.mjs";

const OUT = process.env.NOISE_JS ?? join(WORK, "noise-js");
let made = 0;
for (const lang of ["javascript", "typescript"]) {
  const root = join(CORPUS, "dev", lang);
  for (const id of readdirSync(root)) {
    if (!existsSync(join(root, id, "case.json"))) continue;
    const meta = JSON.parse(readFileSync(join(root, id, "case.json"), "utf8"));
    if (!meta.package || !meta.vulnerableVersion) continue;
    try {
      const all = await versionsOf(meta.package);
      const at = all.indexOf(meta.vulnerableVersion);
      if (at < 1) continue;
      // walk back from the vulnerable version: the newest pair of adjacent older releases whose files differ
      let done = false;
      for (let k = at - 1; k >= 1 && k >= at - 6 && !done; k--) {
        const head = await pack(meta.package, all[k]);
        const base = await pack(meta.package, all[k - 1]);
        const files = [];
        for (const f of meta.files) {
          const a = join(base.dir, f.path);
          const b = join(head.dir, f.path);
          if (!existsSync(a) || !existsSync(b)) continue;
          const ta = readFileSync(a, "utf8");
          const tb = readFileSync(b, "utf8");
          if (ta !== tb) files.push({ path: f.path, base: ta, head: tb });
        }
        if (files.length === 0) continue;
        const dir = join(OUT, `${id}@${all[k - 1]}..${all[k]}`);
        for (const f of files) {
          for (const [side, text] of [["base", f.base], ["head", f.head]]) {
            const p = join(dir, side, f.path);
            mkdirSync(dirname(p), { recursive: true });
            writeFileSync(p, text);
          }
        }
        made++;
        done = true;
      }
    } catch (e) {
      console.log(`${id}: ${String(e).slice(0, 100)}`);
    }
  }
}
console.log(`${made} release pairs written to ${OUT}`);

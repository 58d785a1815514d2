// Builds dist/ after `npm ci` so that `node bin/aiguard.js` works with no extra step.
// In a production install (`npm ci --omit=dev`) TypeScript is absent and dist/ is
// expected to be copied in already (see Dockerfile), so the build is skipped.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc");
} catch {
  if (!existsSync(new URL("../dist/cli/main.js", import.meta.url))) {
    console.warn(
      "aiguard: typescript is not installed and dist/ is missing; run `npm ci` with dev dependencies to build.",
    );
  }
  process.exit(0);
}
const cwd = new URL("..", import.meta.url);
const r = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { stdio: "inherit", cwd });
if (r.status !== 0) process.exit(r.status ?? 1);
const c = spawnSync(process.execPath, ["scripts/copy-assets.js"], { stdio: "inherit", cwd });
process.exit(c.status ?? 1);

// Release tooling used by `npm run release` and by the CI bot's build hook: tags, changelog,
// packaging, publishing and per-branch preview builds.
import { exec, execFile, execFileSync, execSync, spawn, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import express from "express";
import { quote } from "shell-quote";

const execFileAsync = promisify(execFile);
const execAsync = promisify(exec);

const GIT = "git";
const REMOTE = "origin";
const BUILD_TARGETS = new Set(["web", "worker", "docs"]);
const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$/;
const SEMVER = /^\d{1,4}\.\d{1,4}\.\d{1,4}$/;

export async function currentBranch(): Promise<string> {
  const { stdout } = await execFileAsync(GIT, ["rev-parse", "--abbrev-ref", "HEAD"]); // safe: CWE-78
  return stdout.trim();
}

export function tagRelease(version: string, notes: string): void {
  execFileSync(GIT, ["tag", "-a", `v${version}`, "-m", notes]); // safe: CWE-78
  execFileSync(GIT, ["push", REMOTE, `v${version}`], { stdio: "inherit" }); // safe: CWE-78
}

export function lastTag(): string {
  const cmd = [GIT, "describe", "--tags", "--abbrev=0"].join(" ");
  return execSync(cmd).toString().trim(); // safe: CWE-78
}

// `tag` comes from the command line (release.ts changelog <tag>).
export function changelogSince(tag: string): string {
  return execSync(`git log --pretty=format:%s ${tag}..HEAD`).toString(); // expect: CWE-78
}

export function changelogSinceChecked(tag: string): string {
  if (!REF_PATTERN.test(tag)) throw new Error(`invalid tag: ${tag}`);
  return execSync(`git log --pretty=format:%s ${tag}..HEAD`).toString(); // safe: CWE-78
}

export function bumpVersion(version: string): void {
  if (!SEMVER.test(version)) throw new Error(`not a version: ${version}`);
  execSync(`npm version ${version} --no-git-tag-version`, { stdio: "inherit" }); // safe: CWE-78
}

export function packDirectory(dir: string, out: string): void {
  execSync(`tar -czf ${quote([out])} -C ${quote([dir])} .`); // safe: CWE-78
}

export function publish(dryRun: boolean): void {
  const flags = dryRun ? "--dry-run" : "--access public --provenance";
  execSync(`npm publish ${flags}`, { stdio: "inherit" }); // safe: CWE-78
}

export function commitAll(message: string): void {
  // the message goes through the environment, never through the command line
  execSync('git commit -am "$RELEASE_MESSAGE"', { env: { ...process.env, RELEASE_MESSAGE: message } }); // safe: CWE-78
}

export function announce(message: string): void {
  execSync(`./scripts/notify.sh ${JSON.stringify(message)}`); // expect: CWE-78
}

export function printBanner(name: string): void {
  spawnSync("sh", ["-c", 'printf "Releasing %s\\n" "$1"', "sh", name], { stdio: "inherit" }); // safe: CWE-78
}

export function runPrepublish(script: string): void {
  spawnSync("sh", ["-c", `npm run ${script}`], { stdio: "inherit" }); // expect: CWE-78
}

function assertTarget(target: string): asserts target is "web" | "worker" | "docs" {
  if (!BUILD_TARGETS.has(target)) throw new Error(`unknown build target ${target}`);
}

const app = express();
app.use(express.json());

app.post("/hooks/build", (req, res) => {
  const target = String(req.body.target);
  assertTarget(target);
  const child = spawn(`npm run build:${target}`, { shell: true, stdio: "inherit" }); // safe: CWE-78
  child.on("close", (code) => res.json({ target, code }));
});

app.post("/hooks/deploy", async (req, res) => {
  const env = String(req.body.env);
  if (!BUILD_TARGETS.has(env)) return res.status(400).json({ error: "unknown target" });
  const { stdout } = await execAsync(`./scripts/deploy.sh ${env}`); // safe: CWE-78
  res.type("text/plain").send(stdout);
});

app.post("/hooks/preview", (req, res) => {
  exec(`./scripts/preview.sh ${req.body.branch}`, (err, stdout) => { // expect: CWE-78
    if (err) return res.status(500).json({ error: "preview failed" });
    res.type("text/plain").send(stdout);
  });
});

app.post("/hooks/preview/v2", (req, res) => {
  execFile("./scripts/preview.sh", [String(req.body.branch)], { shell: false }, (err, stdout) => { // safe: CWE-78
    if (err) return res.status(500).json({ error: "preview failed" });
    res.type("text/plain").send(stdout);
  });
});

app.get("/hooks/log", async (req, res) => {
  const path = String(req.query.path ?? ".");
  const { stdout } = await execFileAsync(GIT, ["log", "-n", "20", "--format=%h %s", "--", path]); // safe: CWE-78
  res.type("text/plain").send(stdout);
});

app.get("/hooks/nice", (req, res) => {
  const priority = Math.min(19, Math.max(0, Number.parseInt(String(req.query.priority), 10) || 10));
  execSync(`renice -n ${priority} -p ${process.pid}`); // safe: CWE-78
  res.sendStatus(204);
});

app.get("/hooks/blame", (req, res) => {
  const file = String(req.query.file);
  const out = spawnSync(GIT, ["blame", "--porcelain", "--", file], { encoding: "utf8" }); // safe: CWE-78
  res.type("text/plain").send(out.stdout);
});

export default app;

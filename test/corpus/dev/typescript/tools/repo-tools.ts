// Repository tools behind the internal dashboard: run a whitelisted linter, show a diff, open a
// shell task from the task catalogue. Request values are outside input.
import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { execa, execaCommand } from "execa";
import type { Request, Response } from "express";

const BIN_DIR = "/opt/tools/bin";
const LINTERS: Record<string, string> = { eslint: "/opt/tools/bin/eslint", stylelint: "/opt/tools/bin/stylelint" };
const TASKS = new Map([
  ["clean", "rm -rf .cache dist"],
  ["deps", "npm ci --ignore-scripts"],
]);
const SCRIPTS = new Set(["build", "test", "lint"]);

export function runLinter(req: Request, res: Response) {
  const bin = LINTERS[String(req.query.tool)];
  if (!bin) return res.status(400).json({ error: "unknown linter" });
  execFile(bin, ["--format", "json", "src"], (err, stdout) => res.type("application/json").send(stdout)); // safe: CWE-78
}

export function runTool(req: Request, res: Response) {
  const tool = path.join(BIN_DIR, path.basename(String(req.query.tool)));
  execFile(tool, ["--version"], (err, stdout) => res.type("text/plain").send(stdout)); // safe: CWE-78
}

export function runAnyTool(req: Request, res: Response) {
  execFile(String(req.query.tool), ["--version"], (err, stdout) => res.type("text/plain").send(stdout)); // expect: CWE-78
}

export async function diff(req: Request, res: Response) {
  const { stdout } = await execa("git", ["diff", "--stat", "--", String(req.query.path)]); // safe: CWE-78
  res.type("text/plain").send(stdout);
}

export async function runScript(req: Request, res: Response) {
  const script = String(req.body.script);
  if (!SCRIPTS.has(script)) return res.status(400).json({ error: "unknown script" });
  const { stdout } = await execaCommand(`npm run ${script}`); // safe: CWE-78
  res.type("text/plain").send(stdout);
}

export async function runScriptUnchecked(req: Request, res: Response) {
  const { stdout } = await execaCommand(`npm run ${req.body.script}`); // expect: CWE-78
  res.type("text/plain").send(stdout);
}

export function runTask(req: Request, res: Response) {
  const command = TASKS.get(String(req.body.task));
  if (!command) return res.status(404).end();
  const child = spawn("sh", ["-c", command], { cwd: "/srv/repo" }); // safe: CWE-78
  child.on("close", (code) => res.json({ code }));
}

export function runGrep(req: Request, res: Response) {
  const child = spawn("sh", ["-c", 'grep -rn -- "$1" src | head -n 50', "sh", String(req.query.q)], { cwd: "/srv/repo" }); // safe: CWE-78
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.on("close", () => res.type("text/plain").send(out));
}

export function runGrepInline(req: Request, res: Response) {
  const child = spawn("sh", ["-c", `grep -rn "${req.query.q}" src | head -n 50`], { cwd: "/srv/repo" }); // expect: CWE-78
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.on("close", () => res.type("text/plain").send(out));
}

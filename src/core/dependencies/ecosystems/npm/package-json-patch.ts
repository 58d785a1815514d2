// package.json seen only through a patch: the `"name": "range"` entries of one side of a hunk.
// A dependency section opened within the hunk is known by its key; entries of a block opened
// above the hunk are taken for dependencies only by their form (a package name and a range).
import type { ExtractedDep, PatchFragment } from "../../types.js";
import { NPM_SECTIONS } from "./package-json.js";

type Block = "dependencies" | "dev" | "other";

const SECTIONS = new Set<string>(NPM_SECTIONS);
const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;
const ENTRY = new RegExp(String.raw`^${STRING}\s*:\s*${STRING}\s*,?$`);
const OPEN = new RegExp(String.raw`^${STRING}\s*:\s*([[{])(.*)$`);
const PAIRS = new RegExp(String.raw`${STRING}\s*:\s*${STRING}`, "g");
const NPM_NAME = /^(@[a-z0-9~-][a-z0-9._~-]*\/)?[a-z0-9~-][a-z0-9._~-]*$/i;
/** Fields outside dependency sections whose value can look like a range (`version`, `engines.node`). */
const NOT_DEPENDENCIES = new Set(["name", "version", "node", "npm", "yarn", "pnpm", "bun", "deno", "vscode"]);
const RANGE =
  /^([\^~<>=*]|[vV]?\d|[xX](\.|$)|latest$|next$|npm:|git\+|git:|github:|https?:\/\/|file:|link:|workspace:)/;

function kindOf(key: string): Block {
  if (!SECTIONS.has(key)) return "other";
  return key === "devDependencies" ? "dev" : "dependencies";
}

/** The dependencies one side of one hunk of package.json shows. */
export function packageJsonFromPatch(fragment: PatchFragment): ExtractedDep[] {
  const out: ExtractedDep[] = [];
  const stack: Block[] = []; // blocks opened within the hunk
  // The block the hunk starts in: unknown until its lines show it holds more than name: range entries.
  let outer: "unknown" | "other" = "unknown";
  const add = (name: string, version: string, line: number, block: Block | "unknown") => {
    if (block === "other") return;
    if (block === "unknown" && (!NPM_NAME.test(name) || NOT_DEPENDENCIES.has(name) || !RANGE.test(version))) return;
    out.push({ name, version, direct: true, dev: block === "dev", line, guessed: block === "unknown" });
  };
  for (const { text, line } of fragment.lines) {
    const t = text.trim();
    const open = OPEN.exec(t);
    if (open) {
      const kind: Block = open[2] === "{" ? kindOf(open[1] ?? "") : "other";
      // One line: `"dependencies": { "a": "1" }` (or `{}`).
      if (/[}\]]\s*,?$/.test(open[3] ?? "")) {
        if (kind !== "other") for (const m of (open[3] ?? "").matchAll(PAIRS)) add(m[1] ?? "", m[2] ?? "", line, kind);
      } else stack.push(kind);
      if (stack.length <= 1) outer = "other"; // a section holds no objects: the outer block is none
      continue;
    }
    if (/^[{[]$/.test(t)) {
      stack.push("other");
      continue;
    }
    if (/^[}\]]/.test(t)) {
      if (stack.length > 0) stack.pop();
      else outer = "other"; // left the outer block: what follows is around it, not in a section
      continue;
    }
    const entry = ENTRY.exec(t);
    const block = stack.length > 0 ? stack[stack.length - 1]! : outer;
    if (entry) add(entry[1] ?? "", entry[2] ?? "", line, block);
    else if (stack.length === 0 && /^"[^"]*"\s*:/.test(t)) outer = "other"; // `"private": true`
  }
  return out;
}

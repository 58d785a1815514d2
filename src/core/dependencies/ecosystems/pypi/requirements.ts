// requirements*.txt: comments, markers, extras, specifiers, hashes, `-r` includes, `-e`/URLs noted.
import type { ExtractContext, ExtractedDep } from "../../types.js";
import { dirname, joinPath } from "../../util.js";
import { parseRequirement } from "./pep508.js";

export function extractRequirements(
  path: string,
  content: string,
  ctx: ExtractContext,
  seen = new Set<string>(),
): ExtractedDep[] {
  seen.add(path);
  const out: ExtractedDep[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i] ?? "";
    while (line.endsWith("\\") && i + 1 < lines.length) line = line.slice(0, -1) + " " + (lines[++i] ?? "");
    line = line.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const include = /^(?:-r|--requirement)(?:\s+|=)(\S+)/.exec(line);
    if (include?.[1]) {
      const target = joinPath(dirname(path), include[1]);
      if (seen.has(target)) continue;
      const text = ctx.read(target);
      if (text === undefined) {
        ctx.note(`${path}: included file ${target} not in the change set; its dependencies were not compared`);
        continue;
      }
      for (const dep of extractRequirements(target, text, ctx, seen)) out.push({ ...dep, file: dep.file ?? target });
      continue;
    }
    if (/^(-e|--editable)\b/.test(line) || /^[a-z+]+:\/\//i.test(line)) {
      ctx.note(`${path}:${lineNo}: editable or URL requirement not compared: ${line.slice(0, 80)}`);
      continue;
    }
    if (line.startsWith("-")) continue; // -c constraints, --index-url, --hash-only lines and other options
    const req = parseRequirement(line.replace(/\s--hash[=\s]\S+/g, ""));
    if (!req) continue;
    if (req.url) ctx.note(`${path}:${lineNo}: ${req.name} comes from a URL: ${req.url.slice(0, 80)}`);
    out.push({ name: req.name, version: req.version, direct: true, line: lineNo });
  }
  return out;
}

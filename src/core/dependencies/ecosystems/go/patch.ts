// go.mod seen only through a patch: the requirements one side of a hunk shows. git names the
// directive a hunk starts in (`@@ … @@ require (`); without it, a `path vX` line is taken for a
// requirement by its form.
import type { ExtractedDep, PatchFragment } from "../../types.js";
import { parseRequire } from "./require.js";

type Block = "require" | "other" | "none" | "unknown";

const REQUIREMENT = /^[\w.~-]+(\/[\w.~+-]+)*\s+v\d\S*(\s*\/\/.*)?$/;

function blockOf(header: string): Block {
  const h = header.trim();
  if (h === "") return "unknown";
  if (/^require\s*\($/.test(h)) return "require";
  if (/^\w+\s*\($/.test(h)) return "other";
  return "none";
}

export function goModFromPatch(fragment: PatchFragment): ExtractedDep[] {
  const out: ExtractedDep[] = [];
  let block = blockOf(fragment.header);
  for (const { text, line } of fragment.lines) {
    const t = text.trim();
    if (t === "" || t.startsWith("//")) continue;
    if (/^require\s*\($/.test(t)) block = "require";
    else if (/^\w+\s*\($/.test(t)) block = "other";
    else if (t.startsWith(")")) block = "none";
    else if (/^require\s+\S/.test(t)) {
      const dep = parseRequire(t.replace(/^require\s+/, ""), line);
      if (dep) out.push(dep);
    } else if (block === "require" || (block === "unknown" && REQUIREMENT.test(t))) {
      const dep = parseRequire(t, line);
      if (dep) out.push(block === "unknown" ? { ...dep, guessed: true } : dep);
    }
  }
  return out;
}

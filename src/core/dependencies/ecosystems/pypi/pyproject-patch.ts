// pyproject.toml seen only through a patch: the requirements one side of a hunk shows, in
// [project] dependencies, [project.optional-dependencies], [dependency-groups] and Poetry's
// dependency tables. A requirement string of an array opened above the hunk is taken for one
// only when it carries a version specifier (`name>=1`), so `keywords` and `classifiers` never count.
import type { ExtractedDep, PatchFragment } from "../../types.js";
import { normalizePypiName, parseRequirement } from "./pep508.js";

type Kind = "dependencies" | "dev" | "other" | "unknown";

const KEY = /^("[^"]+"|'[^']+'|[A-Za-z0-9_.-]+)\s*=\s*(.*)$/;
const STRINGS = /"((?:[^"\\]|\\.)*)"|'([^']*)'/g;
const SPECIFIED = /^[A-Za-z0-9][A-Za-z0-9._-]*\s*(\[[^\]]*\])?\s*(\(?\s*(===?|~=|!=|<=?|>=?)|@)/;

/** What the arrays directly under a table hold. */
function arraysOf(table: string | undefined, key: string): Kind {
  if (table === "project") return key === "dependencies" ? "dependencies" : "other";
  if (table === "project.optional-dependencies") return "dependencies";
  if (table === "dependency-groups") return "dev";
  return table === undefined ? "unknown" : "other";
}

/** Poetry's tables of `name = spec` keys. */
function poetryKind(table: string): Kind | undefined {
  if (table === "tool.poetry.dependencies") return "dependencies";
  if (/^tool\.poetry\.(dev-dependencies|group\.[^.]+\.dependencies)$/.test(table)) return "dev";
  return undefined;
}

function requirement(text: string, kind: Kind, line: number): ExtractedDep | undefined {
  if (kind === "other" || (kind === "unknown" && !SPECIFIED.test(text))) return undefined;
  const req = parseRequirement(text);
  if (!req) return undefined;
  return { name: req.name, version: req.version, direct: true, dev: kind === "dev", line, guessed: kind === "unknown" };
}

/** The array the hunk starts inside, as git names it (`@@ … @@ dependencies = [`). */
function startArray(header: string): Kind | undefined {
  const m = /^([A-Za-z0-9_.-]+)\s*=\s*\[[^\]]*$/.exec(header.trim());
  if (!m) return undefined;
  return m[1] === "dependencies" ? "dependencies" : "unknown";
}

export function pyprojectFromPatch(fragment: PatchFragment): ExtractedDep[] {
  const out: ExtractedDep[] = [];
  let table: string | undefined;
  let array: Kind | undefined = startArray(fragment.header) ?? "unknown";
  const strings = (text: string, kind: Kind, line: number) => {
    for (const m of text.matchAll(STRINGS)) {
      const dep = requirement(m[1] ?? m[2] ?? "", kind, line);
      if (dep) out.push(dep);
    }
  };
  for (const { text, line } of fragment.lines) {
    const t = text.replace(/\s+#.*$/, "").trim();
    const header = /^\[\[?([^\]]+)\]\]?$/.exec(t);
    if (header) {
      table = (header[1] ?? "").replace(/["'\s]/g, "");
      array = undefined;
      continue;
    }
    // A key line ends the array the hunk started in (its `]` lay above the hunk).
    if (array !== undefined && KEY.test(t)) array = undefined;
    if (array !== undefined) {
      const close = t.indexOf("]");
      strings(close < 0 ? t : t.slice(0, close), array, line);
      if (close >= 0) array = undefined;
      continue;
    }
    const kv = KEY.exec(t);
    if (!kv || table === undefined) continue;
    const key = (kv[1] ?? "").replace(/^["']|["']$/g, "");
    const value = kv[2] ?? "";
    const poetry = poetryKind(table);
    if (poetry) {
      if (key.toLowerCase() === "python") continue;
      const version = /^"([^"]*)"/.exec(value)?.[1] ?? /\bversion\s*=\s*"([^"]*)"/.exec(value)?.[1] ?? "*";
      out.push({ name: normalizePypiName(key), version, direct: true, dev: poetry === "dev", line });
    } else if (value.startsWith("[")) {
      const kind = arraysOf(table, key);
      const close = value.indexOf("]");
      strings(close < 0 ? value.slice(1) : value.slice(1, close), kind, line);
      if (close < 0) array = kind;
    }
  }
  return out;
}

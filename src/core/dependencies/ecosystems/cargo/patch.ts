// Cargo.toml seen only through a patch: the crates one side of a hunk declares, under
// [dependencies], [dev-dependencies], [build-dependencies] (also of targets and the workspace)
// and [dependencies.<name>] tables. Keys above the hunk's first table header are taken for
// crates only by their form (a version or a `{ version | git | path }` table), never [package] keys.
import type { ExtractedDep, PatchFragment } from "../../types.js";

type Table = "dependencies" | "dev" | "other" | "unknown";

const KEY = /^("[^"]+"|'[^']+'|[A-Za-z0-9_-]+)\s*=\s*(.+)$/;
const VERSION = /^[\^~=<>*]?\s*\d/;
const PACKAGE_KEYS = new Set(
  "name version edition rust-version authors description license license-file readme homepage repository documentation keywords categories build links exclude include publish resolver default-run workspace members".split(
    " ",
  ),
);

function tableKind(name: string): Table {
  const last = name.split(".").at(-1) ?? "";
  if (!/^(dependencies|dev-dependencies|dev_dependencies|build-dependencies)$/.test(last)) return "other";
  return last.startsWith("dev") ? "dev" : "dependencies";
}

/** A key's value: a version string, or an inline table's version, git or path. */
function specOf(value: string): { version: string; rename?: string } | undefined {
  const str = /^"([^"]*)"/.exec(value);
  if (str) return { version: str[1] ?? "" };
  if (!value.startsWith("{")) return undefined;
  const field = (k: string) => new RegExp(`\\b${k}\\s*=\\s*"([^"]*)"`).exec(value)?.[1];
  const rename = field("package");
  const version =
    field("version") ??
    (field("git") ? `git:${field("git")}` : undefined) ??
    (field("path") ? `path:${field("path")}` : "*");
  return rename ? { version, rename } : { version };
}

export function cargoFromPatch(fragment: PatchFragment): ExtractedDep[] {
  const out: ExtractedDep[] = [];
  let table: Table = "unknown";
  let crate: ExtractedDep | undefined; // a [dependencies.<name>] table being read
  for (const { text, line } of fragment.lines) {
    const t = text.replace(/\s+#.*$/, "").trim();
    const header = /^\[([^\]]+)\]$/.exec(t);
    if (header) {
      const name = (header[1] ?? "").replace(/["'\s]/g, "");
      const parent = name.split(".").slice(0, -1).join(".");
      crate = undefined;
      table = tableKind(name);
      if (table === "other" && parent && tableKind(parent) !== "other") {
        crate = {
          name: name.split(".").at(-1) ?? "",
          version: "*",
          direct: true,
          dev: tableKind(parent) === "dev",
          line,
        };
        out.push(crate);
      }
      continue;
    }
    const kv = KEY.exec(t);
    if (!kv) continue;
    const key = (kv[1] ?? "").replace(/^["']|["']$/g, "");
    const value = kv[2] ?? "";
    if (crate) {
      const v = /^"([^"]*)"/.exec(value)?.[1];
      if (v !== undefined && key === "version") crate.version = v;
      else if (v !== undefined && key === "package") crate.name = v;
      else if (v !== undefined && (key === "git" || key === "path") && crate.version === "*")
        crate.version = `${key}:${v}`;
      continue;
    }
    if (table === "other") continue;
    const spec = specOf(value);
    if (!spec) continue;
    if (table === "unknown" && (PACKAGE_KEYS.has(key) || !(VERSION.test(spec.version) || value.startsWith("{"))))
      continue;
    out.push({
      name: spec.rename ?? key,
      version: spec.version,
      direct: true,
      dev: table === "dev",
      line,
      guessed: table === "unknown",
    });
  }
  return out;
}

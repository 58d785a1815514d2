// pom.xml seen only through a patch: the <dependency> elements one side of a hunk shows, as
// groupId:artifactId. An element the hunk starts inside counts when its `</dependency>` shows;
// the groupId and artifactId of exclusions, plugins, extensions and the parent never count.
// `${property}` versions are kept as written (the properties may lie outside the hunk).
import type { ExtractedDep, PatchFragment } from "../../types.js";

const CONTAINERS = new Set(["dependency", "exclusion", "plugin", "parent", "extension"]);
const TAG =
  /<(\/?)(dependency|exclusion|plugin|parent|extension)\s*>|<(groupId|artifactId|version|scope)\s*>([^<]*)<\/\3\s*>/g;

interface Element {
  kind: string;
  fields: Record<string, string>;
  line?: number | undefined;
}

function toDep(e: Element): ExtractedDep | undefined {
  const g = e.fields["groupId"];
  const a = e.fields["artifactId"];
  if (!g || !a) return undefined;
  return {
    name: `${g}:${a}`,
    version: e.fields["version"] ?? "",
    direct: true,
    dev: e.fields["scope"] === "test",
    line: e.line,
  };
}

export function pomFromPatch(fragment: PatchFragment): ExtractedDep[] {
  const out: ExtractedDep[] = [];
  const stack: Element[] = [];
  // The element the hunk starts inside, of a kind its closing tag will tell.
  let outer: Element = { kind: "", fields: {} };
  const emit = (e: Element) => {
    const dep = toDep(e);
    if (dep) out.push(dep);
  };
  for (const { text, line } of fragment.lines) {
    for (const m of text.matchAll(TAG)) {
      const [, closing, container, field, value] = m;
      if (container && CONTAINERS.has(container)) {
        if (!closing) stack.push({ kind: container, fields: {} });
        else if (stack.length > 0) {
          const e = stack.pop()!;
          if (e.kind === "dependency") emit(e);
        } else {
          if (container === "dependency") emit(outer);
          outer = { kind: "", fields: {} };
        }
      } else if (field) {
        const e = stack.length > 0 ? stack[stack.length - 1]! : outer;
        e.fields[field] = (value ?? "").trim();
        if (field === "artifactId") e.line = line;
      }
    }
  }
  // A <dependency> still open at the end of the hunk: its version may lie below it.
  for (const e of stack) if (e.kind === "dependency") emit(e);
  return out;
}

// A manifest seen only through its patch (a bare diff, no whole file): each hunk split into its
// base side (context and removed lines) and head side (context and added lines), read by the
// ecosystem's `fromPatch` hook. Comparing the two sides finds what the patch adds, updates and
// removes; only the lines it shows are compared.
import parseDiff from "parse-diff";
import type { EcosystemModule, ExtractedDep, PatchFragment } from "./types.js";

/** The base and head side of every hunk of a patch. */
export function patchFragments(patch: string): { base: PatchFragment[]; head: PatchFragment[] } {
  const text = patch.startsWith("@@") ? `--- a/f\n+++ b/f\n${patch}` : patch;
  const base: PatchFragment[] = [];
  const head: PatchFragment[] = [];
  for (const f of parseDiff(text)) {
    for (const chunk of f.chunks) {
      const header = /^@@[^@]*@@ ?(.*)$/.exec(chunk.content)?.[1] ?? "";
      const b: { text: string; line: number }[] = [];
      const h: { text: string; line: number }[] = [];
      for (const c of chunk.changes) {
        if (c.content.startsWith("\\")) continue; // "\ No newline at end of file"
        const body = c.content.slice(1).replace(/\r$/, "");
        if (c.type === "add") h.push({ text: body, line: c.ln });
        else if (c.type === "del") b.push({ text: body, line: c.ln });
        else {
          b.push({ text: body, line: c.ln1 });
          h.push({ text: body, line: c.ln2 });
        }
      }
      base.push({ header, lines: b });
      head.push({ header, lines: h });
    }
  }
  return { base, head };
}

export interface PatchDeps {
  base: ExtractedDep[];
  head: ExtractedDep[];
}

/** What each side of the patch declares, by the module's `fromPatch` hook. */
export function dependenciesFromPatch(mod: EcosystemModule, path: string, patch: string): PatchDeps | undefined {
  const read = mod.fromPatch;
  // A file the module cannot read from a patch says so on any fragment.
  if (!read?.(path, { header: "", lines: [] })) return undefined;
  const sides = patchFragments(patch);
  const base: ExtractedDep[] = [];
  const head: ExtractedDep[] = [];
  for (const [fragments, into] of [
    [sides.base, base],
    [sides.head, head],
  ] as const) {
    for (const f of fragments) {
      const deps = read(path, f);
      if (!deps) return undefined;
      into.push(...deps);
    }
  }
  return { base, head };
}

/** What could not be compared when a manifest was read from its patch alone. */
export function patchNote(path: string, deps: PatchDeps): string {
  const guessed = deps.head.filter((d) => d.guessed).length;
  const guess =
    guessed > 0
      ? `; the patch does not show the section of ${guessed} of them, taken for dependencies by their form`
      : "";
  return `${path}: dependencies compared from the patch alone (the whole file was not available): only the declarations on the lines it shows were compared, not the versions a lockfile resolves nor anything outside its hunks${guess}`;
}

// Small helpers shared by the extractors.
import { errorText, escapeRegex } from "../text.js";

export function basename(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? path : path.slice(i + 1);
}

export function dirname(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** Resolve `rel` against the directory `dir`, normalising `.` and `..`. */
export function joinPath(dir: string, rel: string): string {
  const out: string[] = [];
  for (const part of `${dir}/${rel}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}

/**
 * Line index of the last content asked about: extractors look up one line per dependency in the
 * same file, so the file is split once, not once per dependency (a 2,000-package lockfile).
 */
let memo: { content: string; starts: number[]; lines: string[] } | undefined;
function indexOf(content: string): { starts: number[]; lines: string[] } {
  if (memo && memo.content === content) return memo;
  const starts = [0];
  for (let i = content.indexOf("\n"); i >= 0; i = content.indexOf("\n", i + 1)) starts.push(i + 1);
  memo = { content, starts, lines: content.split(/\r?\n/) };
  return memo;
}

/** 1-based line of the first line matching `re`, at or after line `from` (1-based). */
export function findLine(content: string, re: RegExp, from = 1): number | undefined {
  const { lines } = indexOf(content);
  for (let i = Math.max(0, from - 1); i < lines.length; i++) {
    if (re.test(lines[i] ?? "")) return i + 1;
  }
  return undefined;
}

/** 1-based line containing the literal `text` (which holds no newline), at or after line `from`. */
export function findText(content: string, text: string, from = 1): number | undefined {
  const { starts } = indexOf(content);
  const at = content.indexOf(text, starts[Math.max(0, from - 1)] ?? content.length);
  if (at < 0) return undefined;
  // The last line start at or before `at`.
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

export { isRecord } from "../records.js";
export { escapeRegex } from "../text.js";

/** The first line of an error's text (YAML and TOML parsers put a code excerpt below it). */
export function errorMessage(e: unknown): string {
  const msg = errorText(e);
  return msg.split("\n")[0] ?? msg;
}

/**
 * Roots of a lockfile that does not mark them: entries whose descriptors no other entry depends on.
 * `entries` gives each entry's own descriptors and the descriptors it depends on.
 */
export function unreferenced<T>(entries: { item: T; keys: string[]; deps: string[] }[]): Set<T> {
  const referenced = new Set<string>();
  for (const e of entries) for (const d of e.deps) referenced.add(d);
  const roots = new Set<T>();
  for (const e of entries) if (!e.keys.some((k) => referenced.has(k))) roots.add(e.item);
  return roots;
}

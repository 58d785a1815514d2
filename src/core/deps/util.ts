// Small helpers shared by the extractors.

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

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** 1-based line of the first line matching `re`, at or after line `from` (1-based). */
export function findLine(content: string, re: RegExp, from = 1): number | undefined {
  const lines = content.split(/\r?\n/);
  for (let i = Math.max(0, from - 1); i < lines.length; i++) {
    if (re.test(lines[i] ?? "")) return i + 1;
  }
  return undefined;
}

/** 1-based line containing the literal `text`, at or after line `from`. */
export function findText(content: string, text: string, from = 1): number | undefined {
  return findLine(content, new RegExp(escapeRegex(text)), from);
}

export { escapeRegex };

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function errorMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
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

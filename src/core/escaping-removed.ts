// A change that unwraps a value from its escaping or cleaning call: a line the change rewrote is
// the line it removed with `escapeHtml(name)` (`StringEscapeUtils.escapeEcmaScript(ns)`,
// `html.EscapeString(t)`, `shlex.quote(arg)`, `filepath.Clean(p)`, `SafeTransport(t)`) replaced by `name`. The value
// now reaches whatever reads it raw, wherever that is (a template, a getter read by a JSP, another
// file): no sink needs to be in view, the change itself is the evidence. A fix that adds the call
// is the other direction and is never reported. Pure: hunks and head lines in, findings out.
import { type ChangedSides, FUNCTION_START, hunksRemovingFunctions, removedLineFinding } from "./differential.js";
import type { RawFinding, RuleMeta } from "./types.js";

export const ESCAPING_REMOVED = "change.escaping-removed";

export const ESCAPING_REMOVED_META: RuleMeta = {
  id: ESCAPING_REMOVED,
  name: "Escaping or cleaning call removed from a value",
  cwe: ["CWE-116"],
  severity: "medium",
  confidence: "medium",
  message: "This change removed an escaping or cleaning call around a value, which now goes on unescaped",
  fix: "Keep the value escaped or cleaned for where it goes (HTML, a script, a shell command, a file path, SQL), or escape it at the place that now uses it; if the call moved, say where in the review",
  references: ["https://cwe.mitre.org/data/definitions/116.html"],
  languages: ["*"],
};

/** A call's name that escapes, encodes, quotes or cleans its argument. */
const CLEANING =
  /(?:escape|esc(?:_|[A-Z]|$)|saniti[sz]e|quote|encode|clean|purify|strip_?tags|htmlspecialchars|htmlentities|normali[sz]e|realpath|abspath|basename|canonical|^safe|^secure|^restrict)/i;

/** The weakness a removed call's name points to (the first that fits). */
const FAMILY: ReadonlyArray<readonly [RegExp, string]> = [
  [/html|xml|ecma|script|js|attr|entit|specialchars|markup|purify|strip_?tags|xss/i, "CWE-79"],
  [/shell|shlex|cmd|command|arg/i, "CWE-78"],
  [/sql|like|literal|identifier/i, "CWE-89"],
  [/path|file|basename|normali[sz]e|realpath|abspath|canonical|clean/i, "CWE-22"],
  [/reg(?:ex|exp)/i, "CWE-1333"],
  // a transport, dialer or client made safe (private addresses refused), taken off
  [/transport|dial|client/i, "CWE-918"],
];

/** Longest line looked at (characters): longer ones are generated code. */
const MAX_LINE = 1000;

interface Call {
  /** The callee as written (`StringEscapeUtils.escapeHtml`). */
  callee: string;
  /** Its last name (`escapeHtml`). */
  name: string;
  /** The whole call's text and its first argument's. */
  text: string;
  arg: string;
}

/** The calls of a line whose first argument is a balanced expression (by default only cleaning calls). */
function callsOf(line: string, cleaningOnly = true): Call[] {
  const out: Call[] = [];
  const callee = /([A-Za-z_$][\w$]*(?:\s*(?:\.|::|->)\s*[A-Za-z_$][\w$]*)*)\s*\(/g;
  for (let m = callee.exec(line); m; m = callee.exec(line)) {
    const name = m[1] ?? "";
    const last =
      name
        .split(/\.|::|->/)
        .pop()
        ?.trim() ?? "";
    if (cleaningOnly && !CLEANING.test(last)) continue;
    const open = m.index + m[0].length;
    let depth = 1;
    let end = -1;
    let comma = -1;
    let quote: string | null = null;
    for (let i = open; i < line.length && end < 0; i++) {
      const ch = line[i];
      if (quote) {
        if (ch === "\\") i++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
      else if (ch === "(" || ch === "[" || ch === "{") depth++;
      else if (ch === ")" || ch === "]" || ch === "}") {
        depth--;
        if (depth === 0) end = i;
      } else if (ch === "," && depth === 1 && comma < 0) comma = i;
    }
    if (end < 0) continue;
    const arg = line.slice(open, comma >= 0 ? comma : end).trim();
    if (arg === "" || /^["'`\d]/.test(arg)) continue;
    out.push({ callee: name, name: last, text: line.slice(m.index, end + 1), arg });
  }
  return out;
}

const norm = (s: string) => s.replace(/\s+/g, "");

function cweOf(callee: string): string {
  for (const [re, cwe] of FAMILY) if (re.test(callee)) return cwe;
  return "CWE-116";
}

/**
 * Head lines the change rewrote from a removed line by taking a value out of its escaping or
 * cleaning call (and not putting the call back on that line), as findings.
 */
export function escapingRemoved(
  sides: ChangedSides,
  headLines: readonly string[],
  /** Every line the change wrote, in all its files. */
  writtenEverywhere: () => string,
): RawFinding[] {
  // each hunk's added lines by their whitespace-free text (a lookup, not a scan, per removed line)
  const addedByHunk = new Map<number, Map<string, number[]>>();
  for (const [line, h] of sides.hunkOfAdded) {
    const byText = addedByHunk.get(h) ?? new Map<string, number[]>();
    const key = norm(headLines[line - 1] ?? "");
    byText.set(key, [...(byText.get(key) ?? []), line]);
    addedByHunk.set(h, byText);
  }
  // a call written again elsewhere in the change moved (escaping at output instead of at input)
  const calledAgain = calledIn(writtenEverywhere);
  const out: RawFinding[] = [];
  const taken = new Set<number>();
  for (const r of sides.removed) {
    if (r.text.length > MAX_LINE) continue;
    const h = sides.hunkOfRemoved.get(r.baseLine);
    const candidates = h === undefined ? undefined : addedByHunk.get(h);
    if (!candidates) continue;
    for (const call of callsOf(r.text)) {
      if (calledAgain(call.name)) continue;
      const unwrapped = norm(r.text.replace(call.text, call.arg));
      const line = (candidates.get(unwrapped) ?? []).find((n) => !taken.has(n));
      if (line === undefined) continue;
      taken.add(line);
      const text = headLines[line - 1] ?? "";
      out.push({
        ruleId: ESCAPING_REMOVED,
        cwe: [cweOf(call.callee)],
        severity: ESCAPING_REMOVED_META.severity,
        confidence: ESCAPING_REMOVED_META.confidence,
        line,
        endLine: line,
        message: `This change removed ${shorten(call.callee)}() around ${shorten(call.arg)}, which now goes on unescaped (base line ${r.baseLine})`,
        fix: ESCAPING_REMOVED_META.fix,
        fingerprintText: text.trim(),
      });
      break;
    }
  }
  return out;
}

/** `a = …`, `a, err := …`, `const a = …`, `String a = …`, `self.a = …`: the assigned name and the value. */
function assignment(line: string): { name: string; value: string } | null {
  const m = /^\s*([^=!<>:+\-*/%&|^"'`()]{1,120}?)\s*:?=(?![=>])\s*(\S.*)$/.exec(line);
  if (!m) return null;
  const targets = (m[1] ?? "").split(",");
  const first = targets[0]?.trim() ?? "";
  const name = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)$/.exec(first)?.[1];
  if (!name || /^(?:return|if|elif|while|for|case|yield|await|not|and|or)$/.test(name)) return null;
  return { name, value: m[2] ?? "" };
}

/** Lines after `from` (a head line) within which a value is looked for as still used. */
const USE_WINDOW = 200;

/**
 * Removed lines that gave a variable its value through an escaping or cleaning call
 * (`path, err := utils.SanitizeUserPath(input)`, `name = secure_filename(name)`) while the
 * variable is still read after the change, and nothing in the change cleans again: the cleaning
 * call is called nowhere in the change, and the hunk writes no cleaning call of its own (a
 * cleaner swapped for another is a rewrite, not a removal). Hunks that removed whole functions are
 * dead code deleted or moved.
 */
export function cleaningDropped(
  sides: ChangedSides,
  headLines: readonly string[],
  /** Every line the change wrote, in all its files (a cleaner moved into a helper of another file). */
  writtenEverywhere: () => string,
): Array<{ raw: RawFinding; baseLine: number }> {
  const movedHunks = hunksRemovingFunctions(sides, headLines);
  const cleaningHunks = new Set<number>();
  /** Per hunk: the values its added lines assign, by name (a value's definition rewritten). */
  const assignedByHunk = new Map<number, Map<string, string[]>>();
  for (const [line, h] of sides.hunkOfAdded) {
    const text = headLines[line - 1] ?? "";
    if (text.length > MAX_LINE) continue;
    if (callsOf(text).length > 0) cleaningHunks.add(h);
    const a = assignment(text);
    if (!a) continue;
    const byName = assignedByHunk.get(h) ?? new Map<string, string[]>();
    byName.set(a.name, [...(byName.get(a.name) ?? []), a.value]);
    assignedByHunk.set(h, byName);
  }
  const calledAgain = calledIn(writtenEverywhere);
  const out: Array<{ raw: RawFinding; baseLine: number }> = [];
  const seen = new Set<string>();
  for (const r of sides.removed) {
    if (r.text.length > MAX_LINE || /^\s*(?:\/\/|#|\*|\/\*)/.test(r.text)) continue;
    const h = sides.hunkOfRemoved.get(r.baseLine);
    if (h === undefined || movedHunks.has(h) || cleaningHunks.has(h)) continue;
    const a = assignment(r.text);
    if (!a) continue;
    const call = callsOf(a.value)[0];
    // the value is the cleaned value (not a flag computed from it)
    if (!call || /[=!]=|&&|\|\||\bnot\b|\?\s/.test(a.value) || !stillRead(a.name, r.near, indentOf(r.text), headLines))
      continue;
    // the same argument now goes through another call (`path.normalize(d)` become `path.resolve(d)`)
    const arg = norm(call.arg);
    const rewritten = assignedByHunk.get(h)?.get(a.name) ?? [];
    if (rewritten.some((v) => callsOf(v, false).some((c) => norm(c.arg) === arg))) continue;
    if (calledAgain(call.name)) continue;
    const key = `${a.name}:${call.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(
      removedLineFinding(
        ESCAPING_REMOVED_META,
        r,
        headLines,
        cweOf(call.callee),
        `This change removed ${shorten(a.name)} = ${shorten(call.callee)}(${shorten(call.arg)}) (base line ${r.baseLine}); ${shorten(a.name)} is still used, no longer cleaned`,
      ),
    );
  }
  return out;
}

/** The width of a line's leading whitespace (a tab counts as one). */
function indentOf(line: string): number {
  return /^\s*/.exec(line)?.[0].length ?? 0;
}

/** Whether a head line at or after `from`, before the next function starts, reads `name` (as a whole name). */
function stillRead(name: string, from: number, indent: number, headLines: readonly string[]): boolean {
  const end = Math.min(headLines.length, from - 1 + USE_WINDOW);
  for (let i = Math.max(0, from - 1); i < end; i++) {
    const text = headLines[i] ?? "";
    // another function (a closure inside this one is indented deeper than the removed line)
    if (i > from - 1 && FUNCTION_START.test(text) && indentOf(text) < indent) return false;
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
      const before = at > 0 ? (text[at - 1] ?? "") : "";
      const after = text[at + name.length] ?? "";
      if (!/[\w$]/.test(before) && !/[\w$]/.test(after)) return true;
    }
  }
  return false;
}

/** Whether the text calls a function of that name, asked once per name. */
function calledIn(text: () => string): (name: string) => boolean {
  const known = new Map<string, boolean>();
  return (name) => {
    let hit = known.get(name);
    if (hit === undefined) known.set(name, (hit = callsAgain(text(), name)));
    return hit;
  };
}

/** Whether `text` calls `name` (`name(`, `x.name (`), not as part of a longer name. */
function callsAgain(text: string, name: string): boolean {
  for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
    const before = i > 0 ? (text[i - 1] ?? "") : "";
    if (/[\w$]/.test(before)) continue;
    if (/^\s*\(/.test(text.slice(i + name.length, i + name.length + 20))) return true;
  }
  return false;
}

function shorten(s: string): string {
  const t = s.replace(/\s+/g, " ");
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

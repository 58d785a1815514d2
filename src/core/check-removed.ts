// A change that deletes a security check: a removed condition that tests a value for what attacks
// are made of (`..` in a path, `__proto__` as a key, a `javascript:` URL, a leading `-` on a
// program argument, a loopback or private address, a CR or LF in a header value, a shell
// metacharacter), with nothing in the change testing for it again. No sink needs to be in view:
// the check itself says what it guarded. A fix that adds the check, and a refactor that moves it,
// are not reported. Pure: hunks and head lines in, findings out.
import { type ChangedSides, hunksRemovingFunctions, removedLineFinding } from "./differential.js";
import type { RawFinding, RuleMeta } from "./types.js";

export const CHECK_REMOVED = "change.security-check-removed";

export const CHECK_REMOVED_META: RuleMeta = {
  id: CHECK_REMOVED,
  name: "Security check removed",
  cwe: ["CWE-693"],
  severity: "medium",
  confidence: "medium",
  message: "This change removed a check for an attack pattern, and nothing in the change checks for it again",
  fix: "Keep the check, or show where the value is now checked (a shared validator, the caller); if the check was wrong, replace it with a correct one rather than dropping it",
  references: ["https://cwe.mitre.org/data/definitions/693.html"],
  languages: ["*"],
};

/** A line that tests a value: a condition, an assertion, or a comparison returned. */
const CONDITION =
  /\b(?:if|elif|unless|while|assert|when|case)\b|&&|\|\||\?\s|\breturn\b[^;\n]*(?:===?|!==?|\bin\b|includes|contains|startsWith|endsWith|test\(|match|indexOf|Contains|HasPrefix|HasSuffix)/;

/** What a check tests for, and the weakness it guards against (the first that fits). */
const PATTERNS: ReadonlyArray<{ token: RegExp; again: RegExp; cwe: string; what: string }> = [
  {
    token: /["'`]\.\.(?:[/\\]{1,2})?["'`]|\.\.\/|\.\.\\\\|%2e%2e|isAbsolute|IsAbs\(/i,
    again: /\.\.|isAbs|normali[sz]e|realpath|abspath|canonical|startsWith|HasPrefix|startswith/i,
    cwe: "CWE-22",
    what: "path traversal",
  },
  {
    token: /__proto__|["'`](?:constructor|prototype)["'`]/,
    again: /__proto__|constructor|prototype|hasOwn|propertyIsEnumerable|isSafeKey|isPrototypePolluted/,
    cwe: "CWE-1321",
    what: "prototype pollution",
  },
  {
    token: /["'`](?:javascript|vbscript|data):?["'`]|javascript:|<script/i,
    again: /javascript|vbscript|<script|protocol|scheme|allow/i,
    cwe: "CWE-79",
    what: "script URLs or tags",
  },
  {
    token:
      /127\.0\.0\.1|169\.254|\blocalhost\b|is_?private|is_?loopback|IsPrivate\(|IsLoopback\(|isSiteLocal|isLinkLocal/i,
    again: /127\.0|169\.254|localhost|private|loopback|internal|local|reserved/i,
    cwe: "CWE-918",
    what: "loopback or private addresses",
  },
  {
    token: /startsWith\(\s*["'`]-["'`]|HasPrefix\([^)]*["'`]-["'`]|\[0\]\s*===?\s*["'`]-["'`]|startswith\(\s*["']-["']/,
    again: /["'`]-["'`]|["'`]--["'`]/,
    cwe: "CWE-88",
    what: "option-like arguments",
  },
  // a validator of paths or URLs called in the condition (`isInvalidPath(p)`, `is_safe_url(u)`,
  // `checkResource(f, root)`): its name says what it guards
  {
    token:
      /\b(?:(?:is|has)_?(?:valid|invalid|safe|unsafe|allowed|trusted|permitted|legal|illegal)_?|check_?|validate_?|verify_?|ensure_?)(?:path|file_?name|dir|directory|location|resource)\w*\s*\(|\b(?:is|has)_?(?:path|file_?name|location)_?(?:valid|invalid|safe|unsafe|allowed|inside|within|contained|trusted)\w*\s*\(/i,
    again:
      /(?:valid|safe|allowed|trusted|permitted|legal|check|verify|ensure|inside|within|contained)\w*(?:path|file|dir|location|resource)|(?:path|file|location)\w*(?:valid|safe|allowed|inside|within|contained)/i,
    cwe: "CWE-22",
    what: "unsafe paths (a path validator)",
  },
  {
    token:
      /\b(?:(?:is|has)_?(?!localhost)(?:valid|invalid|safe|unsafe|allowed|trusted|permitted|legal|illegal|local|relative|same)_?|check_?|validate_?|verify_?|ensure_?)(?:url|uri|redirect|return_?to|next_?url|origin|host)\w*\s*\(|\b(?:is|has)_?(?:url|uri|redirect|host|origin)_?(?:valid|invalid|safe|unsafe|allowed|trusted|local|relative)\w*\s*\(/i,
    again:
      /(?:valid|safe|allowed|trusted|permitted|legal|local|relative|same|check|verify|ensure)\w*(?:url|uri|redirect|origin|host)|(?:url|uri|redirect|host|origin)\w*(?:valid|safe|allowed|trusted|local|relative)/i,
    cwe: "CWE-601",
    what: "unsafe URLs or redirect targets (a URL validator)",
  },
  {
    token: /["'`](?:\\r|\\n|\\r\\n)["'`]/,
    again: /\\r|\\n|crlf|newline/i,
    cwe: "CWE-113",
    what: "CR or LF characters",
  },
  {
    token: /["'`][;|&`$]["'`]|["'`]\$\(["'`]/,
    again: /["'`][;|&`$]|quote|escape|meta/i,
    cwe: "CWE-78",
    what: "shell metacharacters",
  },
];

/** Longest line looked at (characters). */
const MAX_LINE = 500;

const norm = (s: string) => s.replace(/\s+/g, "");

/**
 * Removed condition lines that test for an attack pattern no added line of the change tests for,
 * as findings at the head line where they were (one per hunk and pattern).
 */
export function checksRemoved(
  sides: ChangedSides,
  headLines: readonly string[],
  /** Every line the change wrote, in all its files (a check moved into a shared helper elsewhere). */
  writtenEverywhere: () => string,
): Array<{ raw: RawFinding; baseLine: number }> {
  // hunks that removed whole functions: dead code deleted or moved, not a guard removed
  const movedHunks = hunksRemovingFunctions(sides, headLines);
  const written = [...sides.added].map((n) => headLines[n - 1] ?? "");
  const writtenNorm = new Set(written.map(norm));
  let conditionHunks: Set<number> | undefined;
  let writtenConditions: string[] | undefined;
  let conditionsByHunk: Map<number, Condition[]> | undefined;
  /** Per pattern: whether any condition the change wrote tests for the same thing. */
  const testedAgain = new Map<string, boolean>();
  /** Removed checks compared with their hunk's new conditions, per hunk (bounded). */
  const weakenTries = new Map<number, number>();
  const out: Array<{ raw: RawFinding; baseLine: number }> = [];
  const seen = new Set<string>();
  const removedAt = new Map(sides.removed.map((r) => [r.baseLine, r.text]));
  for (const r of sides.removed) {
    const t = r.text;
    if (t.length > MAX_LINE || /^\s*(?:\/\/|#|\*|\/\*)/.test(t)) continue;
    const previous = removedAt.get(r.baseLine - 1);
    // the whole condition when this line goes on one the removed line before it opened
    const condition = CONDITION.test(t) ? t : continuesCondition(t, previous) ? `${previous} ${t}` : null;
    if (condition === null) continue;
    const h = sides.hunkOfRemoved.get(r.baseLine);
    if (h === undefined || movedHunks.has(h)) continue;
    // the same condition written again (moved, re-indented) is no removal
    if (writtenNorm.has(norm(t))) continue;
    const p = PATTERNS.find((x) => x.token.test(t));
    if (!p) continue;
    const key = `${h}:${p.cwe}`;
    if (seen.has(key)) continue;
    // the check rewritten without the part that tested for the pattern (`a || x.includes("..")`
    // become `a`): weakened, whatever else the change writes
    conditionsByHunk ??= addedConditions(sides, headLines);
    const tries = (weakenTries.get(h) ?? 0) + 1;
    weakenTries.set(h, tries);
    if (tries > MAX_WEAKEN_TRIES || !weakenedInto(condition, p.token, conditionsByHunk.get(h) ?? [])) {
      // a check for the same thing written anywhere in the change: replaced, not removed; and a
      // hunk that writes a condition of its own rewrote the check (into what, the rules judge)
      let again = testedAgain.get(p.cwe);
      if (again === undefined) {
        // every file's written lines (this file's among them)
        writtenConditions ??= writtenEverywhere()
          .split("\n")
          .filter((w) => w.length <= MAX_LINE && CONDITION.test(w));
        again = writtenConditions.some((w) => p.again.test(w));
        testedAgain.set(p.cwe, again);
      }
      if (again) continue;
      if ((conditionHunks ??= hunksWritingConditions(sides, headLines)).has(h)) continue;
    }
    seen.add(key);
    out.push(
      removedLineFinding(
        CHECK_REMOVED_META,
        r,
        headLines,
        p.cwe,
        `This change removed a check for ${p.what} (base line ${r.baseLine}), and nothing in the change checks for it again`,
      ),
    );
  }
  return out;
}

/**
 * Whether a removed line goes on a condition that the removed line before it opened: `if (a &&`
 * then `.check(b)) {`, or a line that starts with `&&`, `||` or `.`.
 */
function continuesCondition(line: string, previous: string | undefined): boolean {
  if (previous === undefined || previous.length > MAX_LINE || !CONDITION.test(previous)) return false;
  if (/^\s*(?:&&|\|\||\.|and\b|or\b)/.test(line) || /(?:&&|\|\||\band|\bor)\s*$/.test(previous)) return true;
  let depth = 0;
  for (const ch of previous) {
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
  }
  return depth > 0;
}

const TOKEN = /[A-Za-z_$][\w$]*|\d+|\S/g;

/** Keywords and the names of error plumbing: a condition of these alone tests no value. */
const BOILERPLATE = new Set(
  "if elif else while unless return throw raise not and or is in nil null None undefined true false True False err error e ex exc".split(
    " ",
  ),
);

/** Condition lines the change wrote, by hunk (at most MAX_CONDITIONS each: a bound on the work). */
const MAX_CONDITIONS = 200;
/** Removed checks of one hunk compared with its new conditions, at most (a bound on the work). */
const MAX_WEAKEN_TRIES = 100;

interface Condition {
  text: string;
  tokens: string[];
}

function addedConditions(sides: ChangedSides, headLines: readonly string[]): Map<number, Condition[]> {
  const out = new Map<number, Condition[]>();
  for (const [line, h] of sides.hunkOfAdded) {
    const a = headLines[line - 1] ?? "";
    if (a.length > MAX_LINE || !CONDITION.test(a)) continue;
    const list = out.get(h) ?? [];
    if (list.length < MAX_CONDITIONS) list.push({ text: a, tokens: a.match(TOKEN) ?? [] });
    out.set(h, list);
  }
  return out;
}

/** Whether one of its hunk's new conditions is `removed` without the tested pattern, and with nothing new. */
function weakenedInto(removed: string, token: RegExp, conditions: readonly Condition[]): boolean {
  const before = new Map<string, number>();
  for (const t of removed.match(TOKEN) ?? []) before.set(t, (before.get(t) ?? 0) + 1);
  for (const { text: a, tokens: after } of conditions) {
    if (token.test(a)) continue;
    if (after.length < 3) continue;
    // a condition about nothing but an error (`if err != nil {`) is no rewrite of a check
    if (!after.some((t) => /^[A-Za-z_$]/.test(t) && !BOILERPLATE.has(t))) continue;
    const left = new Map(before);
    let subset = true;
    for (const t of after) {
      const n = left.get(t) ?? 0;
      if (n === 0) {
        subset = false;
        break;
      }
      left.set(t, n - 1);
    }
    if (subset) return true;
  }
  return false;
}

/** The hunks (by index) that wrote a condition line. */
function hunksWritingConditions(sides: ChangedSides, headLines: readonly string[]): Set<number> {
  const out = new Set<number>();
  for (const [line, h] of sides.hunkOfAdded) if (CONDITION.test(headLines[line - 1] ?? "")) out.add(h);
  return out;
}

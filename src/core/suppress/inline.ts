// Inline suppressions: `// aiguard-ignore <rule-id>[, <rule-id>…]: <reason>` (or `#`, `--`,
// `/* … */`, `<!-- … -->`), on the finding's line or on the line above it.
// A suppression must give a reason; one without a reason suppresses nothing, and the
// review says so. A rule may be named with a trailing wildcard: `js.*` covers every rule whose
// id starts with `js.`, and `*` every rule. A comment the change itself adds may use one only
// when the policy allows it (`suppressions.wildcards`, see policy.ts).

export interface InlineSuppression {
  /** 1-based line of the comment. */
  line: number;
  /** Rule ids, or prefixes ending in `*`. */
  rules: string[];
  /** Empty when the comment gave none. */
  reason: string;
}

// The marker must follow a comment opener on the same line, so that the words in a string
// literal ("aiguard-ignore" in a test message, say) are not taken for a suppression.
// No two neighbouring parts of the pattern can match the same whitespace, so a line that almost matches
// fails in linear time (the lazy rule list followed by `\s*` took minutes on a line of spaces).
const MARKER =
  /(?:\/\/|#|--|\/\*|<!--|;|\*)\s*aiguard-ignore(?:\[[\s,]*|\s[\s,]*)([\w.*-]+(?:[\s,]+[\w.*-]+)*)(?:[\s,]*\])?[\s,]*?(?::\s*(.*))?$/;

/** The line without trailing blanks and the closer of a block comment (`*\/`, `-->`). */
function withoutCloser(text: string): string {
  const t = text.trimEnd();
  return t.endsWith("*/") || t.endsWith("-->") ? t.slice(0, t.endsWith("*/") ? -2 : -3).trimEnd() : t;
}

export function findInlineSuppressions(content: string): InlineSuppression[] {
  if (!content.includes("aiguard-ignore")) return [];
  const out: InlineSuppression[] = [];
  const lines = content.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    if (!text.includes("aiguard-ignore")) continue;
    const m = MARKER.exec(withoutCloser(text));
    if (!m) continue;
    const rules = m[1]!
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter(Boolean);
    if (rules.length === 0) continue;
    out.push({ line: i + 1, rules, reason: (m[2] ?? "").trim() });
  }
  return out;
}

/** A rule pattern with a wildcard (`*`, `js.*`). */
export function isWildcard(pattern: string): boolean {
  return pattern.includes("*");
}

/** Whether the comment names `ruleId` for a finding starting on `line` (its own line or the next). */
export function suppressionCovers(s: InlineSuppression, ruleId: string, line: number): boolean {
  return (s.line === line || s.line === line - 1) && s.rules.some((r) => ruleMatches(r, ruleId));
}

function ruleMatches(pattern: string, ruleId: string): boolean {
  return pattern.endsWith("*") ? ruleId.startsWith(pattern.slice(0, -1)) : pattern === ruleId;
}

export interface SuppressionMatch {
  suppression: InlineSuppression;
  /** True when the comment names the rule but gives no reason (so it does not suppress). */
  missingReason: boolean;
}

/** The suppression comment that applies to a finding of `ruleId` starting on `line`, if any. */
export function matchSuppression(
  all: readonly InlineSuppression[],
  ruleId: string,
  line: number,
): SuppressionMatch | null {
  let found: SuppressionMatch | null = null;
  for (const s of all) {
    if (!suppressionCovers(s, ruleId, line)) continue;
    const m = { suppression: s, missingReason: s.reason.length === 0 };
    if (!m.missingReason) return m;
    found = m;
  }
  return found;
}

// Licence policy: SPDX expression matching (spdx-satisfies), with free-text licences mapped to
// SPDX ids first (spdx-correct), so "MIT License" or "Apache 2.0" are judged like MIT and Apache-2.0.
import correct from "spdx-correct";
import parse, { type SpdxNode } from "spdx-expression-parse";
import satisfies from "spdx-satisfies";

export interface LicensePolicy {
  allow: readonly string[];
  deny: readonly string[];
}

export type LicenseVerdict =
  | { status: "ok"; expression: string }
  | { status: "unknown"; raw: string | null }
  | { status: "denied"; expression: string; licenses: string[] }
  | { status: "not-allowed"; expression: string };

function ids(node: SpdxNode, out: Set<string>): Set<string> {
  if ("license" in node) out.add(node.license + (node.plus ? "+" : ""));
  else {
    ids(node.left, out);
    ids(node.right, out);
  }
  return out;
}

/** Drop one pair of parentheses around the whole text (npm's "(MIT OR Apache-2.0)"), only when they match each other. */
function stripOuterParens(text: string): string {
  if (!text.startsWith("(") || !text.endsWith(")")) return text;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    if (depth === 0 && i < text.length - 1) return text; // "(A) AND (B)": the first group closes early
  }
  return text.slice(1, -1).trim();
}

/** A valid SPDX expression for what a registry said, or null when it cannot be read as one. */
export function toSpdx(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = stripOuterParens(raw.trim());
  if (!text || /^(unknown|none|see license|unlicensed|proprietary)$/i.test(text)) return null;
  try {
    parse(text);
    return text;
  } catch {
    // Free text: "MIT License", "Apache 2.0", "BSD", "GPLv3"; also "MIT/Apache-2.0" (old crates).
    const parts = text.split(/\s*(?:\/|\bor\b|\|\|)\s*/i).filter(Boolean);
    const mapped = parts.map((p) => correct(p, { upgrade: false }) ?? correct(p));
    if (mapped.length === 0 || mapped.some((m) => m === null)) return null;
    const expr = [...new Set(mapped as string[])].join(" OR ");
    try {
      parse(expr);
      return expr;
    } catch {
      return null;
    }
  }
}

/** Licence ids in a list, each made valid (a typo in the policy must not silently allow everything). */
export function normaliseList(list: readonly string[]): { ids: string[]; invalid: string[] } {
  const out: string[] = [];
  const invalid: string[] = [];
  for (const l of list) {
    const s = toSpdx(l);
    if (s) out.push(s);
    else invalid.push(l);
  }
  return { ids: out, invalid };
}

/**
 * Judge one licence. An `OR` expression passes when some choice passes; `AND` needs all parts.
 * `deny` wins over `allow`. With neither list set everything known is ok.
 */
export function judgeLicense(raw: string | null | undefined, policy: LicensePolicy): LicenseVerdict {
  const expression = toSpdx(raw);
  if (!expression) return { status: "unknown", raw: raw ?? null };
  let all: string[];
  try {
    all = [...ids(parse(expression), new Set())];
  } catch {
    return { status: "unknown", raw: raw ?? null };
  }
  const safe = (e: string, allowed: string[]) => {
    if (allowed.length === 0) return false;
    try {
      return satisfies(e, allowed);
    } catch {
      return false;
    }
  };
  if (policy.deny.length > 0) {
    const denied = all.filter((id) => safe(id, [...policy.deny]));
    if (denied.length > 0) {
      // Still fine if the expression can be met without any denied licence.
      const others = all.filter((id) => !denied.includes(id));
      if (!safe(expression, others)) return { status: "denied", expression, licenses: denied };
    }
  }
  if (policy.allow.length > 0) {
    const allowed = policy.allow.filter((a) => !policy.deny.includes(a));
    if (!safe(expression, allowed)) return { status: "not-allowed", expression };
  }
  return { status: "ok", expression };
}

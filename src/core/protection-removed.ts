// A change that deletes a protective setting: a security header (`X-Content-Type-Options: nosniff`,
// `Content-Security-Policy`, `X-Frame-Options`, `Strict-Transport-Security`), a cookie's HttpOnly
// or Secure flag, template autoescaping, an XML parser's hardening (DTDs refused, entities not
// resolved), TLS certificate checks, CSRF middleware, tar's extraction filter, a prototype-less
// object (`Object.create(null)`), with nothing in the change setting it again. As with a removed
// check, no sink needs to be in view: the setting says what it protected. Lines that switch a
// protection off (`csrf().disable()`, `removeHeader(...)`) are the other direction and are never
// reported, nor is a fix that adds the setting. Pure: hunks and head lines in, findings out.
import { type ChangedSides, hunksRemovingFunctions, removedLineFinding } from "./differential.js";
import type { RawFinding, RuleMeta } from "./types.js";

export const PROTECTION_REMOVED = "change.protection-removed";

export const PROTECTION_REMOVED_META: RuleMeta = {
  id: PROTECTION_REMOVED,
  name: "Protective setting removed",
  cwe: ["CWE-693"],
  severity: "medium",
  confidence: "medium",
  message: "This change removed a protective setting, and nothing in the change sets it again",
  fix: "Keep the setting, or show where it is now set (a shared middleware, a framework default, the server's configuration)",
  references: ["https://cwe.mitre.org/data/definitions/693.html"],
  languages: ["*"],
};

interface Protection {
  /** The removed line sets the protection. */
  token: RegExp;
  /** A line the change wrote sets it again (anywhere in the change). */
  again: RegExp;
  cwe: string;
  what: string;
}

/**
 * A header's name set as a header, not merely mentioned (a CORS list of header names): a setter's
 * first argument (`w.Header().Set("X-Frame-Options", …)`), a key given a value (`"X-Frame-Options":
 * "DENY"`), a pair (`("X-Frame-Options", "DENY")`), or a setting (`X_FRAME_OPTIONS = "DENY"`).
 */
function header(name: string): RegExp {
  const n = name.replace(/-/g, "[-_]");
  return new RegExp(
    `(?:set|add|append|header|writeHead|put)\\w*\\s*\\(\\s*["'\`]${n}["'\`]|["'\`]${n}["'\`]\\s*[:=]|\\(\\s*["'\`]${n}["'\`]\\s*,|\\b${n.replace(/\[-_\]/g, "_")}\\s*=`,
    "i",
  );
}

const PROTECTIONS: readonly Protection[] = [
  {
    token: header("X-Content-Type-Options"),
    again: /X[-_]Content[-_]Type[-_]Options|nosniff/i,
    cwe: "CWE-693",
    what: "the X-Content-Type-Options: nosniff header",
  },
  {
    token: header("Content-Security-Policy"),
    again: /Content[-_]Security[-_]Policy|contentSecurityPolicy|\bCSP_/i,
    cwe: "CWE-693",
    what: "the Content-Security-Policy header",
  },
  {
    token: header("X-Frame-Options"),
    again: /X[-_]Frame[-_]Options|frame-ancestors|frameguard/i,
    cwe: "CWE-1021",
    what: "the X-Frame-Options header",
  },
  {
    token: header("Strict-Transport-Security"),
    again: /Strict[-_]Transport[-_]Security|\bhsts\b|SECURE_HSTS/i,
    cwe: "CWE-319",
    what: "the Strict-Transport-Security header",
  },
  {
    token:
      /\bhttp_?only["'`]?\s*[:=]\s*(?:true|True)\b|setHttpOnly\(\s*true\s*\)|\bHttpOnly:\s*true\b|SESSION_COOKIE_HTTPONLY\s*=\s*True/i,
    again: /http_?only/i,
    cwe: "CWE-1004",
    what: "a cookie's HttpOnly flag",
  },
  {
    token:
      /(?:SESSION|CSRF)_COOKIE_SECURE\s*=\s*True|setSecure\(\s*true\s*\)|\bSecure:\s*true\b|\bsecure_?cookies?["'`]?\s*[:=]\s*(?:true|True)/,
    again: /COOKIE_SECURE|setSecure|\bSecure:|secure_?cookie/i,
    cwe: "CWE-614",
    what: "a cookie's Secure flag",
  },
  {
    token:
      /\bauto_?escape["'`]?\s*[:=]\s*(?:true|True|select_autoescape)|select_autoescape\(|\{%\s*autoescape\s+(?:true|on)\b/i,
    again: /auto_?escape/i,
    cwe: "CWE-79",
    what: "template autoescaping",
  },
  {
    token:
      /resolve_entities\s*=\s*False|no_network\s*=\s*True|setExpandEntityReferences\(\s*false\s*\)|FEATURE_SECURE_PROCESSING|disallow-doctype-decl|external-(?:general|parameter)-entities|ACCESS_EXTERNAL_(?:DTD|SCHEMA|STYLESHEET)|setXIncludeAware\(\s*false\s*\)|forbid_(?:dtd|entities)\s*=\s*True|\bnoent\s*:\s*false\b/,
    again:
      /resolve_entities|no_network|ExpandEntityReferences|SECURE_PROCESSING|doctype|external-(?:general|parameter)-entities|ACCESS_EXTERNAL|XIncludeAware|forbid_|defusedxml|\bnoent\b/i,
    cwe: "CWE-611",
    what: "the XML parser's hardening (DTDs or external entities)",
  },
  {
    token:
      /rejectUnauthorized\s*:\s*true|\bverify\s*=\s*True\b|InsecureSkipVerify\s*:\s*false|CERT_REQUIRED|check_hostname\s*=\s*True|checkServerIdentity\s*[:=]/,
    again: /rejectUnauthorized|\bverify\s*=|InsecureSkipVerify|CERT_REQUIRED|check_hostname|checkServerIdentity/,
    cwe: "CWE-295",
    what: "TLS certificate verification",
  },
  {
    token:
      /CsrfViewMiddleware|@csrf_protect\b|CSRFProtect\(|\bcsrfProtection\b|\bcsurf\b|\bcsrf\(\s*\{?|lusca\.csrf|\bnosurf\b/,
    again: /csrf|xsrf|nosurf/i,
    cwe: "CWE-352",
    what: "CSRF protection",
  },
  {
    token: /\bfilter\s*=\s*(?:["']data["']|["']tar["']|tarfile\.(?:data|tar)_filter)/,
    again: /filter\s*=|extraction_filter|data_filter/,
    cwe: "CWE-22",
    what: "tar's extraction filter",
  },
  {
    token: /Object\.create\(\s*null\s*\)/,
    again: /Object\.create\(\s*null\s*\)|Object\.setPrototypeOf\([^)]*null|__proto__\s*:\s*null|new Map\(/,
    cwe: "CWE-1321",
    what: "a prototype-less object (Object.create(null))",
  },
];

/** A line that takes a protection away rather than setting it. */
const SWITCHES_OFF = /\b(?:remove|delete|disable|unset|del|drop|exempt|ignore)\w*\s*\(|csrf_exempt|\.disable\(\)/i;

/** Longest line looked at (characters). */
const MAX_LINE = 500;

const norm = (s: string) => s.replace(/\s+/g, "");

/**
 * Removed lines that set a protection nothing in the change sets again, as findings at the head
 * line where they were (one per hunk and protection). Hunks that removed whole functions are dead
 * code deleted or moved.
 */
export function protectionsRemoved(
  sides: ChangedSides,
  headLines: readonly string[],
  /** Every line the change wrote, in all its files (a setting moved into a shared module). */
  writtenEverywhere: () => string,
): Array<{ raw: RawFinding; baseLine: number }> {
  const movedHunks = hunksRemovingFunctions(sides, headLines);
  let writtenLines: Set<string> | undefined;
  const setAgain = new Map<Protection, boolean>();
  const out: Array<{ raw: RawFinding; baseLine: number }> = [];
  const seen = new Set<string>();
  for (const r of sides.removed) {
    const t = r.text;
    if (t.length > MAX_LINE || /^\s*(?:\/\/|#|\*|\/\*|<!--)/.test(t) || SWITCHES_OFF.test(t)) continue;
    const h = sides.hunkOfRemoved.get(r.baseLine);
    if (h === undefined || movedHunks.has(h)) continue;
    const p = PROTECTIONS.find((x) => x.token.test(t));
    if (!p) continue;
    const key = `${h}:${p.what}`;
    if (seen.has(key)) continue;
    let again = setAgain.get(p);
    if (again === undefined) {
      const written = writtenEverywhere();
      writtenLines ??= new Set(written.split("\n").map(norm));
      again = p.again.test(written) || writtenLines.has(norm(t));
      setAgain.set(p, again);
    }
    if (again) continue;
    seen.add(key);
    out.push(
      removedLineFinding(
        PROTECTION_REMOVED_META,
        r,
        headLines,
        p.cwe,
        `This change removed ${p.what} (base line ${r.baseLine}), and nothing in the change sets it again`,
      ),
    );
  }
  return out;
}

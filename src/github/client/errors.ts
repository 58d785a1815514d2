// Error text that is safe to show in a check run: credentials masked, length bounded.
import { maskValue } from "../../core/secrets/mask.js";

const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b/g,
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\b/g, // JWTs
  /(?<=\b(?:bearer|token|basic)\s+)[A-Za-z0-9._~+/=-]{12,}/gi,
  /(?<=\/\/[^/\s:@]+:)[^@\s/]{6,}(?=@)/g, // https://user:secret@host
];

export function maskSecrets(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS) out = out.replace(re, (m) => maskValue(m));
  return out;
}

/** A one-line, masked description of an error (HTTP status and route when it is a GitHub API error). */
export function describeError(err: unknown, maxChars = 1000): string {
  let text: string;
  if (err instanceof Error) {
    const e = err as Error & { status?: number; request?: { method?: string; url?: string } };
    const url = e.request?.url?.replace(/\?.*$/, "").replace(/^https?:\/\/[^/]+(?:\/api\/v3)?/, "");
    const route = e.request?.method && url ? ` (${e.request.method} ${url})` : "";
    text = `${e.status ? `HTTP ${e.status}: ` : ""}${e.message}${route}`;
  } else {
    text = String(err);
  }
  text = maskSecrets(text.replace(/\s+/g, " ").trim());
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
}

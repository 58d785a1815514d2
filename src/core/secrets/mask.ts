// Masking of secret values: nothing that looks like a credential leaves aiguard unmasked.

/** Show just enough of a secret to recognise it: a short prefix, then asterisks. */
export function maskValue(value: string): string {
  if (value.length <= 8) return "*".repeat(Math.max(4, value.length));
  const keep = Math.min(4, Math.floor(value.length / 6));
  return `${value.slice(0, keep)}${"*".repeat(Math.min(16, value.length - keep))}`;
}

/** Replace every occurrence of each secret in `text` with its masked form. */
export function maskText(text: string, secrets: readonly string[] | undefined): string {
  if (!secrets || secrets.length === 0) return text;
  let out = text;
  // Longest first, so that a secret containing another is masked whole.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s.length < 4) continue;
    out = out.split(s).join(maskValue(s));
  }
  return out;
}

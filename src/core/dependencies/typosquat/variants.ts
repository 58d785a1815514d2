// Look-alike variants of a name: ecosystem affixes (`node-`, `-py`), separators and homoglyphs,
// the key that folds them all away, and the words that name a variant in a finding.
import type { TyposquatAffixes } from "./types.js";

/** Strips one ecosystem affix (if any) from a canonical name segment. */
export function stripAffix(affixes: TyposquatAffixes, s: string): { core: string; affix: string | null } {
  const { prefixes, suffixes, glued = [] } = affixes;
  for (const p of prefixes)
    if (s.startsWith(p) && s.length - p.length >= 3) return { core: s.slice(p.length), affix: `'${p}' prefix` };
  for (const x of suffixes)
    if (s.endsWith(x) && s.length - x.length >= 3) return { core: s.slice(0, -x.length), affix: `'${x}' suffix` };
  // A prefix glued to the front (nodefabric, nodemssql): only when a distinctive name remains.
  for (const p of glued)
    if (s.startsWith(p) && /[a-z]/.test(s.charAt(p.length)) && s.length - p.length >= 5)
      return { core: s.slice(p.length), affix: `'${p}' prefix` };
  return { core: s, affix: null };
}

/** Collapses characters that look alike in most fonts. Input is lower case. */
export function homoglyphFold(s: string): string {
  return s.replace(/rn/g, "m").replace(/vv/g, "w").replace(/[1|]/g, "l").replace(/0/g, "o");
}

export function stripSeparators(s: string): string {
  return s.replace(/[-_.]/g, "");
}

/** The look-alike key: no affix, no separators, homoglyphs folded. */
export function lookalikeKey(affixes: TyposquatAffixes, segment: string): string {
  return homoglyphFold(stripSeparators(stripAffix(affixes, segment).core));
}

/** Look-alike keys of a core: affix stripped, and (for names whose affix is part of the name) not. */
export function lookalikeKeys(affixes: TyposquatAffixes, core: string): string[] {
  const k = lookalikeKey(affixes, core);
  const whole = homoglyphFold(stripSeparators(core));
  return whole === k ? [k] : [k, whole];
}

/** Names the kind of look-alike difference between a candidate and a target (same key). */
export function describeVariant(affixes: TyposquatAffixes, cand: string, target: string): string {
  if (stripSeparators(cand) === stripSeparators(target)) return `separator variant of '${target}' (separators differ)`;
  if (homoglyphFold(stripSeparators(cand)) === homoglyphFold(stripSeparators(target)))
    return `homoglyph of '${target}' (look-alike characters)`;
  const ca = stripAffix(affixes, cand);
  const ta = stripAffix(affixes, target);
  const parts: string[] = [];
  let kind = "separator variant";
  if (ca.affix !== ta.affix) {
    kind = "affix variant";
    if (ca.affix && ta.affix) parts.push(`${ca.affix} instead of ${ta.affix}`);
    else parts.push(ca.affix ? `added ${ca.affix}` : `missing ${ta.affix}`);
  }
  const cs = stripSeparators(ca.core);
  const ts = stripSeparators(ta.core);
  if (cs === ts && ca.core !== ta.core) parts.push("separators differ");
  if (cs !== ts) {
    parts.push("look-alike characters");
    if (kind === "separator variant") kind = "homoglyph";
  }
  return `${kind} of '${target}' (${parts.join(", ")})`;
}

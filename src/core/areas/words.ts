// Identifiers and paths -> lower-case words: `verifyJWTToken` -> verify, jwt, token;
// `date_of_birth` -> date, of, birth; `src/auth-utils/signIn.ts` -> src, auth, utils, sign, in, ts.

const SPLIT = /[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/;

export function splitWords(name: string): string[] {
  const out: string[] = [];
  for (const w of name.split(SPLIT)) if (w) out.push(w.toLowerCase());
  return out;
}

/** The forms a word may take in a lookup table: itself, without a plural ending, without trailing digits. */
export function wordForms(w: string): string[] {
  const forms = [w];
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) forms.push(w.slice(0, -1));
  if (w.length > 4 && w.endsWith("es")) forms.push(w.slice(0, -2));
  const nd = w.replace(/\d+$/, "");
  if (nd !== w && nd.length > 1) forms.push(nd);
  return forms;
}

/** Normalised key of a whole identifier, for the ignore list (case and `_` ignored). */
export function identifierKey(name: string): string {
  return name.replace(/[_$]/g, "").toLowerCase();
}

/**
 * Every phrase of 1..maxLen consecutive words in `words`, in the forms a table may list them
 * (`api key`, `apikey`; plural folded on the last word). Calls `visit` with each candidate and
 * the index of its first word; stops early when `visit` returns true for a start position.
 */
export function phrases(words: readonly string[], maxLen: number, visit: (phrase: string) => void): void {
  for (let i = 0; i < words.length; i++) {
    for (let len = 1; len <= maxLen && i + len <= words.length; len++) {
      const head = words.slice(i, i + len - 1);
      for (const last of wordForms(words[i + len - 1]!)) {
        if (len === 1) visit(last);
        else {
          visit([...head, last].join(" "));
          visit([...head, last].join(""));
        }
      }
    }
  }
}

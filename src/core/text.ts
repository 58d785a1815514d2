// Small text helpers shared by the core and everything around it (reports, CLI, App, look-ups):
// counted nouns, the message of a caught error, literal text in a regex. Pure; imports nothing.

/** `3 findings`, `1 finding`: the count and the noun, with an `s` (or the given plural) unless the count is one. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** The message of a caught value: `e.message` for an Error, else the value as a string. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Text to match literally inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

// Small text helpers shared by the core and everything around it (reports, CLI, App, look-ups):
// counted nouns and the message of a caught error. Pure; imports nothing.

/** `3 findings`, `1 finding`: the count and the noun, with an `s` unless the count is one. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The message of a caught value: `e.message` for an Error, else the value as a string. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

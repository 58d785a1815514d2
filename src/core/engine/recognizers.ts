// Recognizers for what a string value looks like (used by `value-looks-like`). They see the
// source text of an expression and of the values that reach it, so they look for a keyword
// right after an opening quote or parenthesis: `"SELECT ... FROM`, f"DELETE FROM`, `(`UPDATE t SET`.
// SQL keywords are matched in upper or lower case, not mixed, so English sentences such as
// "Select a file from the list" are not taken for queries.

function both(...words: string[]): string {
  return `(?:${[...words.map((w) => w.toUpperCase()), ...words].join("|")})`;
}

const START = `(?:^|["'\`(])\\s*`;

const SQL = new RegExp(
  `${START}(?:${[
    `${both("select")}\\s[\\s\\S]*?\\b${both("from")}\\b`,
    `${both("insert", "replace", "merge")}\\s+${both("into")}\\b`,
    `${both("update")}\\s+\\S+\\s+${both("set")}\\b`,
    `${both("delete")}\\s+${both("from")}\\b`,
    `${both("drop", "alter", "create", "truncate")}\\s+${both("table", "database", "index", "view")}\\b`,
    `${both("where")}\\s+\\S+\\s*(?:[=<>]|${both("like", "in", "is")}\\b)`,
  ].join("|")})`,
);

const URL = new RegExp(`${START}(?:https?|ftp|file|wss?)://`, "i");

export const RECOGNIZERS: Readonly<Record<string, RegExp>> = { sql: SQL, url: URL };

export function recognizerNames(): string[] {
  return Object.keys(RECOGNIZERS);
}

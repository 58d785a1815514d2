// A small lexer that blanks out comments and string literals, line by line, so that the area
// signals see code only. Two views per line:
//   code: comments removed, strings kept (imports and config patterns read module names and keys)
//   bare: comments removed and string contents removed (identifiers and calls)
// It is a lexical heuristic, not a parser: good enough to keep `// token expired` or
// "Enter your password" from counting as identifiers.
// Registry languages bring their own comment and string syntax (`comments`, `strings`
// in src/core/lang/); the other file kinds (YAML, shell, C-like, markup, JSON, SQL) are here.
import { detectLanguage, LANGUAGES } from "../lang/registry.js";
import type { CommentSyntax, LanguageDef, StringSyntax } from "../lang/types.js";

export interface LexSyntax extends CommentSyntax, StringSyntax {
  /** A `#` line comment needs whitespace (or the line start) before it (YAML, shell). */
  hashNeedsSpace?: boolean;
}

/** Strings of a registry language that declares none. */
const DEFAULT_STRINGS: StringSyntax = { quotes: ['"', "'"], multi: [] };

/** One LexSyntax per pair of comment and string syntaxes (JavaScript, TypeScript and TSX share theirs). */
const BY_SYNTAX = new WeakMap<CommentSyntax, WeakMap<StringSyntax, LexSyntax>>();

/** The lexing syntax of a registry language: its comments and its strings. */
function languageLex(def: LanguageDef): LexSyntax {
  const strings = def.strings ?? DEFAULT_STRINGS;
  let byStrings = BY_SYNTAX.get(def.comments);
  if (!byStrings) {
    byStrings = new WeakMap();
    BY_SYNTAX.set(def.comments, byStrings);
  }
  let lex = byStrings.get(strings);
  if (!lex) {
    lex = { ...def.comments, ...strings };
    byStrings.set(strings, lex);
  }
  return lex;
}

const C_LIKE = { line: ["//"], block: [["/*", "*/"]] as Array<[string, string]> };

/** Lexing syntax by registry language id, then by the lexer's own file kinds. */
export const LEX: Record<string, LexSyntax> = {
  ...Object.fromEntries(LANGUAGES.map((l) => [l.id, languageLex(l)])),
  hash: { line: ["#"], block: [], quotes: ['"', "'"], multi: [], hashNeedsSpace: true },
  clike: { ...C_LIKE, quotes: ['"', "'"], multi: [] },
  markup: { line: [], block: [["<!--", "-->"]], quotes: [], multi: [] },
  json: { line: [], block: [], quotes: ['"'], multi: [] },
  sql: { line: ["--"], block: [["/*", "*/"]], quotes: ["'", '"'], multi: [] },
  plain: { line: [], block: [], quotes: [], multi: [] },
};

const BY_EXT: Record<string, string> = {
  yml: "hash",
  yaml: "hash",
  toml: "hash",
  sh: "hash",
  bash: "hash",
  zsh: "hash",
  properties: "hash",
  conf: "hash",
  cfg: "hash",
  ini: "hash",
  env: "hash",
  rb: "hash",
  pl: "hash",
  r: "hash",
  tf: "hash",
  dockerfile: "hash",
  c: "clike",
  h: "clike",
  cc: "clike",
  cpp: "clike",
  hpp: "clike",
  cs: "clike",
  kt: "clike",
  kts: "clike",
  scala: "clike",
  swift: "clike",
  rs: "clike",
  php: "clike",
  dart: "clike",
  groovy: "clike",
  gradle: "clike",
  css: "clike",
  scss: "clike",
  html: "markup",
  htm: "markup",
  xml: "markup",
  vue: "javascript",
  svelte: "javascript",
  json: "json",
  sql: "sql",
};

export interface FileLang {
  /** Registry language id (javascript, typescript, tsx, python, go, java), or null. */
  id: string | null;
  lex: LexSyntax;
}

/** The language of a file, for import parsing (`id`) and lexing (`lex`). */
export function fileLang(path: string): FileLang {
  const def = detectLanguage(path);
  if (def) return { id: def.id, lex: languageLex(def) };
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (base === "dockerfile" || base.startsWith(".env") || base === "codeowners" || base === "makefile")
    return { id: null, lex: LEX.hash! };
  const dot = base.lastIndexOf(".");
  const ext = dot >= 0 ? base.slice(dot + 1) : "";
  return { id: null, lex: LEX[BY_EXT[ext] ?? "plain"]! };
}

export type LexState =
  | { kind: "code"; templateDepth: number[] }
  | { kind: "block"; close: string; templateDepth: number[] }
  | { kind: "string"; close: string; multi: boolean; template: boolean; raw: boolean; templateDepth: number[] };

export interface LexedLine {
  code: string;
  bare: string;
}

const ID_CHAR = /[A-Za-z0-9_$]/;

function startsAt(text: string, i: number, token: string): boolean {
  return text.startsWith(token, i);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

const CODE_RE = new WeakMap<LexSyntax, RegExp>();
/** Characters that may start something in code: comment and string openers, template braces. */
function codeRe(syntax: LexSyntax): RegExp {
  let re = CODE_RE.get(syntax);
  if (!re) {
    const firsts = new Set<string>();
    for (const t of [...syntax.line, ...syntax.block.map((b) => b[0]), ...syntax.multi, ...syntax.quotes])
      firsts.add(t[0]!);
    if (syntax.template) {
      firsts.add("{");
      firsts.add("}");
    }
    re = firsts.size === 0 ? /$^/g : new RegExp(`[${[...firsts].map(escapeRe).join("")}]`, "g");
    CODE_RE.set(syntax, re);
  }
  return re;
}

const STRING_RE = new Map<string, RegExp>();
function stringRe(close: string, template: boolean, raw: boolean): RegExp {
  const key = `${close}\0${template}\0${raw}`;
  let re = STRING_RE.get(key);
  if (!re) {
    const chars = [close[0]!, ...(raw ? [] : ["\\"]), ...(template ? ["$"] : [])];
    re = new RegExp(`[${chars.map(escapeRe).join("")}]`, "g");
    STRING_RE.set(key, re);
  }
  return re;
}

/** One line being lexed: the text, the position, the two views built so far, and the state. */
interface Cursor {
  text: string;
  i: number;
  code: string;
  bare: string;
  state: LexState;
}

/** What the lexer needs of a syntax, sorted and compiled once per lexLines() call. */
interface Lexer {
  syntax: LexSyntax;
  /** Multi-line string openers, longest first. */
  multiSorted: string[];
  /** Block comment delimiters, longest opener first. */
  openers: Array<[string, string]>;
  /** Characters that may start something in code. */
  special: RegExp;
}

/** Inside a block comment: skip to its close (blanked to one space) or to the end of the line. */
function stepBlock(c: Cursor, state: Extract<LexState, { kind: "block" }>): boolean {
  const end = c.text.indexOf(state.close, c.i);
  if (end === -1) {
    c.i = c.text.length;
    return false;
  }
  c.i = end + state.close.length;
  c.code += " ";
  c.bare += " ";
  c.state = { kind: "code", templateDepth: state.templateDepth };
  return true;
}

/** Inside a string: copy its contents to `code` only, up to an escape, a substitution or its close. */
function stepString(c: Cursor, state: Extract<LexState, { kind: "string" }>): boolean {
  const { text } = c;
  const re = stringRe(state.close, state.template, state.raw);
  re.lastIndex = c.i;
  const m = re.exec(text);
  const j = m ? m.index : text.length;
  c.code += text.slice(c.i, j);
  c.i = j;
  if (!m) return false;
  const ch = text[c.i]!;
  if (ch === "\\" && !state.raw) {
    c.code += text.slice(c.i, c.i + 2);
    c.i += 2;
    return true;
  }
  if (state.template && ch === "$" && text[c.i + 1] === "{") {
    c.code += "${";
    c.bare += "${";
    c.i += 2;
    c.state = { kind: "code", templateDepth: [...state.templateDepth, 0] };
    return true;
  }
  if (startsAt(text, c.i, state.close)) {
    c.code += state.close;
    c.bare += state.close;
    c.i += state.close.length;
    c.state = { kind: "code", templateDepth: state.templateDepth };
    return true;
  }
  c.code += ch;
  c.i++;
  return true;
}

/** Copy the run of plain code up to the next character that may start something; that character, or null. */
function copyRun(c: Cursor, special: RegExp): string | null {
  special.lastIndex = c.i;
  const m = special.exec(c.text);
  const j = m ? m.index : c.text.length;
  if (j > c.i) {
    const run = c.text.slice(c.i, j);
    c.code += run;
    c.bare += run;
    c.i = j;
  }
  return m ? c.text[c.i]! : null;
}

/** Count braces inside a template substitution; true when `}` closes it (back into the template string). */
function closesSubstitution(c: Cursor, ch: string, depth: number[]): boolean {
  if (depth.length === 0) return false;
  if (ch === "{") depth[depth.length - 1]!++;
  else if (ch === "}") {
    if (depth[depth.length - 1] === 0) {
      c.code += "}";
      c.bare += "}";
      c.i++;
      c.state = {
        kind: "string",
        close: "`",
        multi: true,
        template: true,
        raw: false,
        templateDepth: depth.slice(0, -1),
      };
      return true;
    }
    depth[depth.length - 1]!--;
  }
  return false;
}

/** True (and the state switched) when a block comment opens here. */
function opensBlock(c: Cursor, lx: Lexer, depth: number[]): boolean {
  for (const [open, close] of lx.openers) {
    if (startsAt(c.text, c.i, open)) {
      c.state = { kind: "block", close, templateDepth: depth };
      c.i += open.length;
      return true;
    }
  }
  return false;
}

/** True when a line comment starts here (the rest of the line is a comment). */
function opensLineComment(c: Cursor, syntax: LexSyntax): boolean {
  const { text, i } = c;
  for (const lc of syntax.line) {
    if (!startsAt(text, i, lc)) continue;
    if (lc === "#" && syntax.hashNeedsSpace && i > 0 && !/\s/.test(text[i - 1]!)) continue;
    return true;
  }
  return false;
}

/** A quote at `i` opens a string unless it ends an identifier (other than an allowed prefix such as `rb`). */
function quoteOk(text: string, i: number, syntax: LexSyntax): boolean {
  if (i === 0 || !ID_CHAR.test(text[i - 1]!)) return true;
  if (!syntax.prefixes) return false;
  let k = i;
  while (k > 0 && ID_CHAR.test(text[k - 1]!)) k--;
  return (k === 0 || !ID_CHAR.test(text[k - 1]!)) && syntax.prefixes.test(text.slice(k, i));
}

/** True (and the state switched, the quote copied) when a string opens here. */
function opensString(c: Cursor, lx: Lexer, depth: number[]): boolean {
  const { syntax } = lx;
  const open = (q: string, state: LexState): true => {
    c.state = state;
    c.code += q;
    c.bare += q;
    c.i += q.length;
    return true;
  };
  for (const q of lx.multiSorted) {
    if (startsAt(c.text, c.i, q) && quoteOk(c.text, c.i, syntax)) {
      const template = syntax.template === true && q === "`";
      const raw = syntax.raw?.includes(q) ?? false;
      return open(q, { kind: "string", close: q, multi: true, template, raw, templateDepth: depth });
    }
  }
  for (const q of syntax.quotes) {
    if (startsAt(c.text, c.i, q) && quoteOk(c.text, c.i, syntax))
      return open(q, { kind: "string", close: q, multi: false, template: false, raw: false, templateDepth: depth });
  }
  return false;
}

/** In code: copy plain code, and switch state at a comment, string or template brace. */
function stepCode(c: Cursor, lx: Lexer, depth: number[]): boolean {
  const ch = copyRun(c, lx.special);
  if (ch === null) return false;
  if (closesSubstitution(c, ch, depth)) return true;
  if (opensBlock(c, lx, depth)) return true;
  if (opensLineComment(c, lx.syntax)) return false;
  if (opensString(c, lx, depth)) return true;
  c.code += ch;
  c.bare += ch;
  c.i++;
  return true;
}

/** One step on the line; false when the rest of the line needs no more work. */
function step(c: Cursor, lx: Lexer): boolean {
  const state = c.state;
  if (state.kind === "block") return stepBlock(c, state);
  if (state.kind === "string") return stepString(c, state);
  return stepCode(c, lx, state.templateDepth);
}

/** Lex consecutive lines, starting in `state` (default: code). */
export function lexLines(
  lines: readonly string[],
  syntax: LexSyntax,
  start?: LexState,
): { lines: LexedLine[]; state: LexState } {
  let state: LexState = start ?? { kind: "code", templateDepth: [] };
  const out: LexedLine[] = [];
  const lx: Lexer = {
    syntax,
    multiSorted: [...syntax.multi].sort((a, b) => b.length - a.length),
    openers: [...syntax.block].sort((a, b) => b[0].length - a[0].length),
    special: codeRe(syntax),
  };
  for (const text of lines) {
    const c: Cursor = { text, i: 0, code: "", bare: "", state };
    while (c.i < text.length && step(c, lx)) {
      // each step moves on
    }
    state = c.state;
    // Single-line strings end with the line, however they end.
    if (state.kind === "string" && !state.multi) state = { kind: "code", templateDepth: state.templateDepth };
    out.push({ code: c.code, bare: c.bare });
  }
  return { lines: out, state };
}

/**
 * Lex a fragment of a file (the lines of a hunk) whose start state is unknown. A fragment whose
 * first block-comment delimiter is a close (`*` continuation lines, then `*\/`) starts inside a
 * comment, as does one whose first line is a `* ...` continuation.
 */
export function lexFragment(lines: readonly string[], syntax: LexSyntax): LexedLine[] {
  let start: LexState | undefined;
  const block = syntax.block[0];
  if (block) {
    const [open, close] = block;
    for (let k = 0; k < lines.length; k++) {
      const t = lines[k]!;
      const o = t.indexOf(open);
      const c = t.indexOf(close);
      if (c !== -1 && (o === -1 || c < o)) {
        start = { kind: "block", close, templateDepth: [] };
        break;
      }
      if (o !== -1) break;
      if (k === 0 && open === "/*" && /^\s*\*(\s|$)/.test(t)) {
        start = { kind: "block", close, templateDepth: [] };
        break;
      }
    }
  }
  return lexLines(lines, syntax, start).lines;
}

// A small lexer that blanks out comments and string literals, line by line, so that the area
// signals see code only. Two views per line:
//   code: comments removed, strings kept (imports and config patterns read module names and keys)
//   bare: comments removed and string contents removed (identifiers and calls)
// It is a lexical heuristic, not a parser: good enough to keep `// token expired` or
// "Enter your password" from counting as identifiers.
import { detectLanguage } from "../lang/registry.js";

export interface LexSyntax {
  /** Line comment openers (`//`, `#`, `--`). */
  line: string[];
  /** Block comment delimiters. */
  block: Array<[string, string]>;
  /** String delimiters that end at the end of the line at the latest. */
  quotes: string[];
  /** String delimiters that may span lines (`"""`, "`"). */
  multi: string[];
  /** "`" strings are JS templates with `${...}` substitutions. */
  template?: boolean;
  /** Multi-line delimiters whose strings have no escapes (Go raw strings). */
  raw?: string[];
  /** A `#` line comment needs whitespace (or the line start) before it (YAML, shell). */
  hashNeedsSpace?: boolean;
  /** Identifier characters allowed right before a quote (Python `rb"..."`, `f'...'`). */
  prefixes?: RegExp;
}

const C_LIKE = { line: ["//"], block: [["/*", "*/"]] as Array<[string, string]> };

export const LEX: Record<string, LexSyntax> = {
  javascript: { ...C_LIKE, quotes: ['"', "'"], multi: ["`"], template: true },
  python: { line: ["#"], block: [], quotes: ['"', "'"], multi: ['"""', "'''"], prefixes: /^[rRbBuUfF]{1,2}$/ },
  go: { ...C_LIKE, quotes: ['"', "'"], multi: ["`"], raw: ["`"] },
  java: { ...C_LIKE, quotes: ['"', "'"], multi: ['"""'] },
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
  if (def) {
    const key = def.id === "typescript" || def.id === "tsx" ? "javascript" : def.id;
    return { id: def.id, lex: LEX[key] ?? LEX.clike! };
  }
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

/** Lex consecutive lines, starting in `state` (default: code). */
export function lexLines(
  lines: readonly string[],
  syntax: LexSyntax,
  start?: LexState,
): { lines: LexedLine[]; state: LexState } {
  let state: LexState = start ?? { kind: "code", templateDepth: [] };
  const out: LexedLine[] = [];
  const multiSorted = [...syntax.multi].sort((a, b) => b.length - a.length);
  const openers = [...syntax.block].sort((a, b) => b[0].length - a[0].length);
  const special = codeRe(syntax);
  for (const text of lines) {
    let code = "";
    let bare = "";
    let i = 0;
    const n = text.length;
    while (i < n) {
      if (state.kind === "block") {
        const end = text.indexOf(state.close, i);
        if (end === -1) {
          i = n;
          break;
        }
        i = end + state.close.length;
        code += " ";
        bare += " ";
        state = { kind: "code", templateDepth: state.templateDepth };
        continue;
      }
      if (state.kind === "string") {
        const re = stringRe(state.close, state.template, state.raw);
        re.lastIndex = i;
        const m = re.exec(text);
        const j = m ? m.index : n;
        code += text.slice(i, j);
        i = j;
        if (!m) break;
        const ch = text[i]!;
        if (ch === "\\" && !state.raw) {
          code += text.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (state.template && ch === "$" && text[i + 1] === "{") {
          code += "${";
          bare += "${";
          i += 2;
          state = { kind: "code", templateDepth: [...state.templateDepth, 0] };
          continue;
        }
        if (startsAt(text, i, state.close)) {
          code += state.close;
          bare += state.close;
          i += state.close.length;
          state = { kind: "code", templateDepth: state.templateDepth };
          continue;
        }
        code += ch;
        i++;
        continue;
      }
      // code: copy the run up to the next character that may start something
      special.lastIndex = i;
      const m = special.exec(text);
      const j = m ? m.index : n;
      if (j > i) {
        const run = text.slice(i, j);
        code += run;
        bare += run;
        i = j;
      }
      if (!m) break;
      const ch = text[i]!;
      const depth = state.templateDepth;
      if (depth.length > 0) {
        if (ch === "{") depth[depth.length - 1]!++;
        else if (ch === "}") {
          if (depth[depth.length - 1] === 0) {
            code += "}";
            bare += "}";
            i++;
            state = {
              kind: "string",
              close: "`",
              multi: true,
              template: true,
              raw: false,
              templateDepth: depth.slice(0, -1),
            };
            continue;
          }
          depth[depth.length - 1]!--;
        }
      }
      let matched = false;
      for (const [open, close] of openers) {
        if (startsAt(text, i, open)) {
          state = { kind: "block", close, templateDepth: depth };
          i += open.length;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      for (const lc of syntax.line) {
        if (!startsAt(text, i, lc)) continue;
        if (lc === "#" && syntax.hashNeedsSpace && i > 0 && !/\s/.test(text[i - 1]!)) continue;
        matched = true;
        break;
      }
      if (matched) break; // rest of the line is a comment
      const quoteOk = (): boolean => {
        if (i === 0 || !ID_CHAR.test(text[i - 1]!)) return true;
        if (!syntax.prefixes) return false;
        let k = i;
        while (k > 0 && ID_CHAR.test(text[k - 1]!)) k--;
        return (k === 0 || !ID_CHAR.test(text[k - 1]!)) && syntax.prefixes.test(text.slice(k, i));
      };
      for (const q of multiSorted) {
        if (startsAt(text, i, q) && quoteOk()) {
          const template = syntax.template === true && q === "`";
          state = {
            kind: "string",
            close: q,
            multi: true,
            template,
            raw: syntax.raw?.includes(q) ?? false,
            templateDepth: depth,
          };
          code += q;
          bare += q;
          i += q.length;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      for (const q of syntax.quotes) {
        if (startsAt(text, i, q) && quoteOk()) {
          state = { kind: "string", close: q, multi: false, template: false, raw: false, templateDepth: depth };
          code += q;
          bare += q;
          i += q.length;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      code += ch;
      bare += ch;
      i++;
    }
    // Single-line strings end with the line, however they end.
    if (state.kind === "string" && !state.multi) state = { kind: "code", templateDepth: state.templateDepth };
    out.push({ code, bare });
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

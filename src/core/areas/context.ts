// What a whole file tells about each of its hunks: the lexed head lines, the imports and the
// names they bind, the lexed removed lines of each hunk, and the usual names of known modules.
import type { SignalSet } from "./compile.js";
import type { Hunk } from "./hunks.js";
import { languageById } from "../lang/registry.js";
import { parseImports, type ImportStmt } from "./imports.js";
import type { AreaFile } from "./types.js";
import { fileLang, lexFragment, lexLines, type LexedLine } from "./lexer.js";

export interface Binding {
  module: string;
  member: string | null;
  typeOnly: boolean;
  /** Local name split at dots (Python `import a.b.c` binds `a.b.c`). */
  segs: string[];
}

export interface FileContext {
  lang: string | null;
  set: SignalSet;
  /** Lexed head lines by line number. */
  head: Map<number, LexedLine>;
  headImports: Array<{ stmt: ImportStmt; lines: number[] }>;
  bindings: Map<string, Binding[]>;
  /** Usual local names of known modules, used for names that nothing visible binds. */
  implicit: Map<string, Binding[]>;
  /** Whether the head file declares a name itself (always false when only the diff is known). */
  declares: (name: string) => boolean;
  /** Per hunk: lexed removed lines (by index in hunk.lines) and the imports its removed lines drop. */
  old: Map<
    Hunk,
    { lex: Map<number, LexedLine>; removedImports: Array<{ stmt: ImportStmt; line: number }>; importLines: Set<number> }
  >;
}

/** Lex the head file (or the hunks, for a bare diff), read its imports, and lex each hunk's removed lines. */
export function fileContext(f: AreaFile, hunks: Hunk[], set: SignalSet): FileContext {
  const { id: lang, lex } = fileLang(f.path);
  const head = new Map<number, LexedLine>();
  const headImports: FileContext["headImports"] = [];
  const bindings = new Map<string, Binding[]>();
  const bind = (stmt: ImportStmt) => {
    for (const b of stmt.bindings) {
      const list = bindings.get(b.local.split(".")[0]!) ?? [];
      list.push({ module: stmt.module, member: b.member, typeOnly: stmt.typeOnly, segs: b.local.split(".") });
      bindings.set(b.local.split(".")[0]!, list);
    }
  };

  let headCode: string[] | null = null;
  if (f.content !== undefined && f.status !== "removed") {
    // Lex the head file up to the last line any hunk shows: exact comment/string state, and imports.
    let last = 0;
    for (const h of hunks) for (const l of h.lines) if (l.kind !== "del" && l.line > last) last = l.line;
    const all = f.content.split("\n");
    const lines = all.slice(0, Math.min(all.length, last)).map((t) => t.replace(/\r$/, ""));
    const lexed = lexLines(lines, lex).lines;
    lexed.forEach((l, i) => head.set(i + 1, l));
    headCode = lexed.map((l) => l.code);
    for (const stmt of parseImports(lang, headCode)) {
      headImports.push({ stmt, lines: range(stmt.from + 1, stmt.to + 1) });
      bind(stmt);
    }
  } else {
    for (const h of hunks) {
      const side = h.lines.filter((l) => l.kind !== "del");
      const lexed = lexFragment(
        side.map((l) => l.text),
        lex,
      );
      side.forEach((l, i) => head.set(l.line, lexed[i]!));
      for (const stmt of parseImports(
        lang,
        lexed.map((l) => l.code),
      )) {
        headImports.push({ stmt, lines: range(stmt.from, stmt.to).map((i) => side[i]!.line) });
        bind(stmt);
      }
    }
  }

  const old: FileContext["old"] = new Map();
  for (const h of hunks) {
    const idx: number[] = [];
    h.lines.forEach((l, i) => {
      if (l.kind !== "add") idx.push(i);
    });
    if (!h.lines.some((l) => l.kind === "del")) {
      old.set(h, { lex: new Map(), removedImports: [], importLines: new Set() });
      continue;
    }
    const lexed = lexFragment(
      idx.map((i) => h.lines[i]!.text),
      lex,
    );
    const lexMap = new Map<number, LexedLine>();
    idx.forEach((i, k) => lexMap.set(i, lexed[k]!));
    const removedImports: Array<{ stmt: ImportStmt; line: number }> = [];
    const importLines = new Set<number>();
    for (const stmt of parseImports(
      lang,
      lexed.map((l) => l.code),
    )) {
      bind(stmt);
      for (const k of range(stmt.from, stmt.to)) importLines.add(idx[k]!);
      const del = range(stmt.from, stmt.to)
        .map((k) => h.lines[idx[k]!]!)
        .find((l) => l.kind === "del");
      if (del) removedImports.push({ stmt, line: del.line });
    }
    old.set(h, { lex: lexMap, removedImports, importLines });
  }

  // Names that the file declares itself: such a name is not the module of the same name.
  // Computed on first need (a token whose name is a known module's and that nothing imports).
  let declared: Set<string> | null | undefined = headCode ? undefined : null;
  const declares = (name: string): boolean => {
    if (declared === undefined) {
      declared = new Set();
      for (const l of headCode!) {
        DECL.lastIndex = 0;
        for (let m = DECL.exec(l); m !== null; m = DECL.exec(l)) declared.add(m[1] ?? m[2]!);
      }
    }
    return declared?.has(name) ?? false;
  };
  return { lang, set, head, headImports, bindings, old, implicit: implicitNames(set, lang), declares };
}

/** `const x`, `def x`, `func x`, `x =`, `x :=`: names a file declares (lexically, roughly). */
const DECL =
  /\b(?:const|let|var|function|class|def|func|type)\s+([A-Za-z_$][\w$]*)|(?<![\w$.])([A-Za-z_$][\w$]*)\s*(?::=|=(?![=>]))/g;

const implicitCache = new WeakMap<SignalSet, Map<string, Map<string, Binding[]>>>();

/**
 * The usual local names of known modules (`bcrypt`, `stripe`, `hmac`, Go's `jwt`), for files whose
 * imports are not visible (a bare diff) or that use a name they neither import nor declare.
 */
function implicitNames(set: SignalSet, lang: string | null): Map<string, Binding[]> {
  const kind = lang === null ? undefined : languageById(lang)?.implicitImports;
  if (lang === null || kind === undefined) return new Map();
  let perLang = implicitCache.get(set);
  if (!perLang) {
    perLang = new Map();
    implicitCache.set(set, perLang);
  }
  let names = perLang.get(lang);
  if (!names) {
    names = new Map();
    for (const m of set.modules) {
      if (!m.implicitName || names.has(m.implicitName)) continue;
      // A module's usual name is a Go package's (implicitGo) or the module's own: the file's language says which.
      if (m.lang ? !m.lang.has(lang) : m.implicitGo !== (kind === "package")) continue;
      names.set(m.implicitName, [{ module: m.spec, member: null, typeOnly: false, segs: [m.implicitName] }]);
    }
    perLang.set(lang, names);
  }
  return names;
}

export function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}

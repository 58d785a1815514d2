// Import statements -> the module each local name is bound to, per language, lexically.
// Input is the `code` view (comments removed, strings kept), one entry per line.

export interface ImportBinding {
  /** Local name, possibly dotted (`django.contrib.auth` for a plain Python `import`). */
  local: string;
  /** The module's member this name stands for (`verify` in `import { verify } from "jsonwebtoken"`), or null for the module itself. */
  member: string | null;
}

export interface ImportStmt {
  module: string;
  bindings: ImportBinding[];
  /** Names imported from the module (for weighing an import line by its members); empty: the whole module. */
  members: string[];
  /** 0-based index of the first and last line of the statement in the input. */
  from: number;
  to: number;
  typeOnly: boolean;
}

function lineIndex(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

interface Source {
  text: string;
  starts: number[];
}

function source(lines: readonly string[]): Source {
  const starts: number[] = [];
  let off = 0;
  for (const l of lines) {
    starts.push(off);
    off += l.length + 1;
  }
  return { text: lines.join("\n"), starts };
}

function scan(src: Source, re: RegExp, each: (m: RegExpExecArray, from: number, to: number) => void): void {
  re.lastIndex = 0;
  for (let m = re.exec(src.text); m !== null; m = re.exec(src.text)) {
    each(m, lineIndex(src.starts, m.index), lineIndex(src.starts, m.index + m[0].length - 1));
    if (m[0].length === 0) re.lastIndex++;
  }
}

// ---- JavaScript / TypeScript ----

const JS_IMPORT = /\bimport\s+(type\s+)?([\w$*{}\s,]+?)\s+from\s*(['"])([^'"\n]+)\3/g;
const JS_SIDE_EFFECT = /\bimport\s*(['"])([^'"\n]+)\1/g;
const JS_REQUIRE =
  /\b(?:const|let|var)\s+([\w$]+|\{[^}]*\})\s*=\s*(?:await\s+)?(?:require|import)\s*\(\s*(['"])([^'"\n]+)\2\s*\)(\s*\.\s*[\w$]+)?/g;
const JS_DYNAMIC = /\b(?:require|import)\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g;

function jsModule(m: string): string {
  return m.startsWith("node:") ? m.slice(5) : m;
}

function jsNamed(list: string, typeOnly: boolean): { bindings: ImportBinding[]; members: string[]; typeOnly: boolean } {
  const bindings: ImportBinding[] = [];
  const members: string[] = [];
  let allTypes = list.trim().length > 0;
  for (const part of list.split(",")) {
    let p = part.trim();
    if (!p) continue;
    const isType = p.startsWith("type ");
    if (isType) p = p.slice(5).trim();
    else allTypes = false;
    const [name, alias] = p.split(/\s+as\s+|\s*:\s*/).map((s) => s.trim());
    if (!name) continue;
    bindings.push({ local: alias || name, member: name });
    members.push(name);
  }
  return { bindings, members, typeOnly: typeOnly || allTypes };
}

function jsImports(lines: readonly string[]): ImportStmt[] {
  const out: ImportStmt[] = [];
  const src = source(lines);
  if (!src.text.includes("import") && !src.text.includes("require")) return out;
  const seen = new Set<string>();
  const push = (s: ImportStmt) => {
    seen.add(`${s.from}:${s.module}`);
    out.push(s);
  };
  scan(src, JS_IMPORT, (m, from, to) => {
    const typeOnly = m[1] !== undefined;
    const clause = m[2]!;
    const module = jsModule(m[4]!);
    const bindings: ImportBinding[] = [];
    const members: string[] = [];
    let named = false;
    let allTypes = typeOnly;
    const brace = /\{([^}]*)\}/.exec(clause);
    if (brace) {
      const n = jsNamed(brace[1]!, typeOnly);
      bindings.push(...n.bindings);
      members.push(...n.members);
      named = true;
      allTypes = n.typeOnly;
    }
    const rest = clause.replace(/\{[^}]*\}/, "");
    const ns = /\*\s*as\s+([\w$]+)/.exec(rest);
    if (ns) {
      bindings.push({ local: ns[1]!, member: null });
      named = false;
      allTypes = typeOnly;
    }
    const def = /^\s*([\w$]+)\s*(?:,|$)/.exec(rest.replace(/\*\s*as\s+[\w$]+/, ""));
    if (def && def[1] !== "type") {
      bindings.push({ local: def[1]!, member: null });
      named = false;
      allTypes = typeOnly;
    }
    push({ module, bindings, members: named ? members : [], from, to, typeOnly: allTypes });
  });
  scan(src, JS_SIDE_EFFECT, (m, from, to) => {
    push({ module: jsModule(m[2]!), bindings: [], members: [], from, to, typeOnly: false });
  });
  scan(src, JS_REQUIRE, (m, from, to) => {
    const target = m[1]!;
    const module = jsModule(m[3]!);
    const prop = m[4] ? m[4].replace(/[\s.]/g, "") : null;
    if (target.startsWith("{")) {
      const n = jsNamed(target.slice(1, -1), false);
      push({ module, bindings: n.bindings, members: n.members, from, to, typeOnly: false });
    } else {
      push({
        module,
        bindings: [{ local: target, member: prop }],
        members: prop ? [prop] : [],
        from,
        to,
        typeOnly: false,
      });
    }
  });
  scan(src, JS_DYNAMIC, (m, from, to) => {
    const module = jsModule(m[2]!);
    if (seen.has(`${from}:${module}`)) return;
    push({ module, bindings: [], members: [], from, to, typeOnly: false });
  });
  return out;
}

// ---- Python ----

const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*)/gm;
const PY_FROM = /^[ \t]*from[ \t]+([\w.]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]+)/gm;

function pyImports(lines: readonly string[]): ImportStmt[] {
  const out: ImportStmt[] = [];
  const src = source(lines);
  if (!src.text.includes("import")) return out;
  scan(src, PY_IMPORT, (m, from, to) => {
    for (const part of m[1]!.split(",")) {
      const [mod, alias] = part.trim().split(/\s+as\s+/);
      if (!mod) continue;
      out.push({
        module: mod,
        bindings: [{ local: alias ?? mod, member: null }],
        members: [],
        from,
        to,
        typeOnly: false,
      });
    }
  });
  scan(src, PY_FROM, (m, from, to) => {
    const module = m[1]!;
    const list = m[2]!.replace(/[()\\]/g, " ");
    const bindings: ImportBinding[] = [];
    const members: string[] = [];
    for (const part of list.split(",")) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (!name || !/^\w+$/.test(name)) continue;
      if (name === "*") continue;
      bindings.push({ local: alias ?? name, member: name });
      members.push(name);
    }
    out.push({ module, bindings, members, from, to, typeOnly: false });
  });
  return out;
}

// ---- Go ----

const GO_SINGLE = /^[ \t]*import[ \t]+([\w.]+[ \t]+)?"([^"\n]+)"/gm;
const GO_BLOCK = /^[ \t]*import[ \t]*\(([^)]*)\)/gm;
const GO_SPEC = /^[ \t]*([\w.]+[ \t]+)?"([^"\n]+)"/;

/** The package name Go code uses for an import path (`github.com/golang-jwt/jwt/v5` -> jwt). */
export function goPackageName(path: string): string {
  const segs = path.split("/");
  let last = segs[segs.length - 1] ?? path;
  if (/^v\d+$/.test(last) && segs.length > 1) last = segs[segs.length - 2]!;
  last = last
    .replace(/\.v\d+$/, "")
    .replace(/^go-/, "")
    .replace(/-go$/, "")
    .replace(/[-.]/g, "");
  return last;
}

function goSpec(alias: string | undefined, module: string, from: number, to: number): ImportStmt {
  const a = alias?.trim();
  const bindings: ImportBinding[] = a === "_" || a === "." ? [] : [{ local: a || goPackageName(module), member: null }];
  return { module, bindings, members: [], from, to, typeOnly: false };
}

function goImports(lines: readonly string[]): ImportStmt[] {
  const out: ImportStmt[] = [];
  const src = source(lines);
  scan(src, GO_SINGLE, (m, from, to) => out.push(goSpec(m[1], m[2]!, from, to)));
  scan(src, GO_BLOCK, (m, from) => {
    const body = m[1]!.split("\n");
    body.forEach((l, k) => {
      const s = GO_SPEC.exec(l);
      if (s) out.push(goSpec(s[1], s[2]!, from + k, from + k));
    });
  });
  // A hunk may show the inside of an import block without its `import (` line.
  if (!lines.some((l) => /^\s*import\s*\(/.test(l))) {
    lines.forEach((l, k) => {
      const s = /^[ \t]*([\w.]+[ \t]+)?"([\w.-]+(?:\/[\w.-]+)*)"[ \t]*$/.exec(l);
      if (s && !/^[ \t]*import/.test(l)) out.push(goSpec(s[1], s[2]!, k, k));
    });
  }
  return out;
}

// ---- Java ----

const JAVA_IMPORT = /^[ \t]*import[ \t]+(static[ \t]+)?([\w.]+?)(\.\*)?[ \t]*;/gm;

function javaImports(lines: readonly string[]): ImportStmt[] {
  const out: ImportStmt[] = [];
  const src = source(lines);
  if (!src.text.includes("import")) return out;
  scan(src, JAVA_IMPORT, (m, from, to) => {
    const path = m[2]!;
    if (m[3]) {
      out.push({ module: path, bindings: [], members: [], from, to, typeOnly: false });
      return;
    }
    const dot = path.lastIndexOf(".");
    const name = path.slice(dot + 1);
    out.push({ module: path, bindings: [{ local: name, member: null }], members: [], from, to, typeOnly: false });
  });
  return out;
}

/** Import statements of `lines` (code view) in language `lang` (a registry id). */
export function parseImports(lang: string | null, lines: readonly string[]): ImportStmt[] {
  switch (lang) {
    case "javascript":
    case "typescript":
    case "tsx":
      return jsImports(lines);
    case "python":
      return pyImports(lines);
    case "go":
      return goImports(lines);
    case "java":
      return javaImports(lines);
    default:
      return [];
  }
}

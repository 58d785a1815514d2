// JavaScript / TypeScript import statements, read lexically (`import ... from`, `require`,
// dynamic `import()`): the `readImports` hook of the javascript, typescript and tsx entries.
import { importSource, scanImports } from "./import-lines.js";
import type { ImportBinding, ImportStmt } from "./types.js";

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

export function readJsImports(lines: readonly string[]): ImportStmt[] {
  const out: ImportStmt[] = [];
  const src = importSource(lines);
  if (!src.text.includes("import") && !src.text.includes("require")) return out;
  const seen = new Set<string>();
  const push = (s: ImportStmt) => {
    seen.add(`${s.from}:${s.module}`);
    out.push(s);
  };
  scanImports(src, JS_IMPORT, (m, from, to) => {
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
  scanImports(src, JS_SIDE_EFFECT, (m, from, to) => {
    push({ module: jsModule(m[2]!), bindings: [], members: [], from, to, typeOnly: false });
  });
  scanImports(src, JS_REQUIRE, (m, from, to) => {
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
  scanImports(src, JS_DYNAMIC, (m, from, to) => {
    const module = jsModule(m[2]!);
    if (seen.has(`${from}:${module}`)) return;
    push({ module, bindings: [], members: [], from, to, typeOnly: false });
  });
  return out;
}

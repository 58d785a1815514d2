// Callee paths from a table of a grammar's node types: which nodes end a dotted path (names),
// which add a link to it (member reads, string-keyed subscripts, method calls) and which are
// looked through (parentheses, casts). Every language entry builds its `calleePath` hook here.
import type { Node } from "web-tree-sitter";
import { field, unquote } from "./nodes.js";
import type { CalleePath } from "./types.js";

export interface CalleePathSpec {
  /** Node types that end the path as a local name (`identifier`, `this`). */
  roots: string[];
  /** Member reads `a.b`: node type, the object field and the property field. */
  members?: Array<{ type: string; object: string; property: string }>;
  /** Subscripts `a["b"]`: node type, object and index fields; only index nodes of a `keys` type (quoted) count. */
  subscripts?: Array<{ type: string; object: string; index: string; keys: string[] }>;
  /**
   * Calls split into receiver and method fields (`a.b(x)`): the method name is a link and the
   * receiver is followed; without a receiver, the method name is the root.
   */
  methodCalls?: Array<{ type: string; receiver: string; method: string }>;
  /** Node types looked through: type -> field holding the inner expression, "#first" or "#last" named child. */
  wrappers?: Record<string, string>;
  /** Nodes that name a module as the root (`require("m").x`): their types and the module they name, or null. */
  modules?: { types: string[]; name(node: Node): string | null };
  /** Give up after this many links (unbounded when absent). */
  maxDepth?: number;
}

/** The `calleePath` hook described by `spec` (see LanguageSyntax.calleePath). */
export function tableCalleePath(spec: CalleePathSpec): (node: Node) => CalleePath | null {
  const roots = new Set(spec.roots);
  const members = new Map((spec.members ?? []).map((m) => [m.type, m]));
  const subscripts = new Map((spec.subscripts ?? []).map((s) => [s.type, { ...s, keys: new Set(s.keys) }]));
  const methodCalls = new Map((spec.methodCalls ?? []).map((c) => [c.type, c]));
  const wrappers = new Map(Object.entries(spec.wrappers ?? {}));
  const moduleTypes = new Set(spec.modules?.types ?? []);
  const maxDepth = spec.maxDepth ?? Number.POSITIVE_INFINITY;

  return (node) => {
    const rest: string[] = [];
    let n: Node | null = node;
    for (let i = 0; n && i < maxDepth; i++) {
      if (roots.has(n.type)) return { root: n.text, rest };
      const m = members.get(n.type);
      if (m) {
        const p = field(n, m.property);
        if (!p) return null;
        rest.unshift(p.text);
        n = field(n, m.object);
        continue;
      }
      const s = subscripts.get(n.type);
      if (s) {
        const idx = field(n, s.index);
        if (!idx || !s.keys.has(idx.type)) return null;
        rest.unshift(unquote(idx.text));
        n = field(n, s.object);
        continue;
      }
      const c = methodCalls.get(n.type);
      if (c) {
        const name = field(n, c.method);
        if (!name) return null;
        rest.unshift(name.text);
        n = field(n, c.receiver);
        if (!n) return { root: rest.shift() ?? "", rest };
        continue;
      }
      const wrap = wrappers.get(n.type);
      if (wrap) {
        n = wrap === "#first" ? n.firstNamedChild : wrap === "#last" ? n.lastNamedChild : field(n, wrap);
        continue;
      }
      if (spec.modules && moduleTypes.has(n.type)) {
        const mod = spec.modules.name(n);
        return mod === null ? null : { root: mod, rootIsModule: true, rest };
      }
      return null;
    }
    return null;
  };
}

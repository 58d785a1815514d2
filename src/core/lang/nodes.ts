// Small helpers over web-tree-sitter nodes, shared by the language entries.
import type { Node } from "web-tree-sitter";

export function namedChildren(node: Node): Node[] {
  const out: Node[] = [];
  for (const c of node.namedChildren) if (c) out.push(c);
  return out;
}

export function field(node: Node, name: string): Node | null {
  return node.childForFieldName(name);
}

export function fields(node: Node, name: string): Node[] {
  const out: Node[] = [];
  for (const c of node.childrenForFieldName(name)) if (c) out.push(c);
  return out;
}

/** Text of a quoted string literal node without its quotes (best effort, no unescaping). */
export function unquote(text: string): string {
  const m = /^[a-zA-Z]*("""|'''|"|'|`)([\s\S]*)\1$/.exec(text);
  return m ? (m[2] ?? "") : text;
}

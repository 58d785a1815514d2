// Qualified names of callees: `cp.exec` with `const cp = require("child_process")`
// is `child_process.exec`; `from yaml import load` makes `load` into `yaml.load`.
import type { Node } from "web-tree-sitter";
import type { FileContext } from "../file-context.js";

export interface QualifiedName {
  name: string;
  /** The root was found in the file's imports (or is a direct `require("m")`). */
  imported: boolean;
}

export function qualifiedName(node: Node, ctx: FileContext): QualifiedName | null {
  const path = ctx.lang.syntax.calleePath(node);
  if (!path) return null;
  if (path.rootIsModule) return { name: [path.root, ...path.rest].join("."), imported: true };
  const mod = ctx.imports().get(path.root);
  if (mod !== undefined) return { name: [mod, ...path.rest].join("."), imported: true };
  return { name: [path.root, ...path.rest].join("."), imported: false };
}

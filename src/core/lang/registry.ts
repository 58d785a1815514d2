// Language registry: file extension / shebang -> language entry (grammar, comments, syntax hooks).
// Adding a language = adding an entry here plus rules under rules/<id>/ (and taint data in
// rules/_sources/<id>.yml). The syntax hooks can be described as data with genericSyntax()
// (./generic.ts) or written by hand (./python.ts). See "Adding a language" in rules/README.md.
import { readGoImports } from "./go-imports.js";
import { GO_COMMENTS, GO_STRINGS, goSyntax } from "./go.js";
import { readJavaImports } from "./java-imports.js";
import { JAVA_COMMENTS, JAVA_STRINGS, javaSyntax } from "./java.js";
import { readJsImports } from "./javascript-imports.js";
import { JS_COMMENTS, JS_STRINGS, jsSyntax } from "./javascript.js";
import { readPyImports } from "./python-imports.js";
import { PY_COMMENTS, PY_STRINGS, pySyntax } from "./python.js";
import type { LanguageDef } from "./types.js";

export const LANGUAGES: readonly LanguageDef[] = [
  {
    id: "javascript",
    extensions: [".js", ".mjs", ".cjs", ".jsx"],
    interpreters: ["node", "nodejs", "bun", "deno"],
    grammar: { pkg: "tree-sitter-javascript", wasm: "tree-sitter-javascript.wasm" },
    comments: JS_COMMENTS,
    strings: JS_STRINGS,
    readImports: readJsImports,
    implicitImports: "module",
    syntax: jsSyntax,
  },
  {
    id: "typescript",
    extensions: [".ts", ".mts", ".cts"],
    interpreters: ["ts-node", "tsx"],
    grammar: { pkg: "tree-sitter-typescript", wasm: "tree-sitter-typescript.wasm" },
    comments: JS_COMMENTS,
    strings: JS_STRINGS,
    readImports: readJsImports,
    implicitImports: "module",
    syntax: jsSyntax,
  },
  {
    id: "tsx",
    extensions: [".tsx"],
    interpreters: [],
    grammar: { pkg: "tree-sitter-typescript", wasm: "tree-sitter-tsx.wasm" },
    comments: JS_COMMENTS,
    strings: JS_STRINGS,
    readImports: readJsImports,
    implicitImports: "module",
    syntax: jsSyntax,
  },
  {
    id: "python",
    extensions: [".py", ".pyw", ".pyi"],
    interpreters: ["python", "python2", "python3", "pypy", "pypy3"],
    grammar: { pkg: "tree-sitter-python", wasm: "tree-sitter-python.wasm" },
    comments: PY_COMMENTS,
    strings: PY_STRINGS,
    readImports: readPyImports,
    implicitImports: "module",
    syntax: pySyntax,
  },
  {
    id: "go",
    extensions: [".go"],
    interpreters: [],
    grammar: { pkg: "tree-sitter-go", wasm: "tree-sitter-go.wasm" },
    comments: GO_COMMENTS,
    strings: GO_STRINGS,
    readImports: readGoImports,
    implicitImports: "package",
    syntax: goSyntax,
  },
  {
    id: "java",
    extensions: [".java"],
    interpreters: [],
    grammar: { pkg: "tree-sitter-java", wasm: "tree-sitter-java.wasm" },
    comments: JAVA_COMMENTS,
    strings: JAVA_STRINGS,
    readImports: readJavaImports,
    syntax: javaSyntax,
  },
];

const byId = new Map(LANGUAGES.map((l) => [l.id, l]));
const byExt = new Map<string, LanguageDef>();
const byInterpreter = new Map<string, LanguageDef>();
for (const l of LANGUAGES) {
  for (const e of l.extensions) byExt.set(e, l);
  for (const i of l.interpreters) byInterpreter.set(i, l);
}

export function languageById(id: string): LanguageDef | undefined {
  return byId.get(id);
}

export function languageIds(): string[] {
  return LANGUAGES.map((l) => l.id);
}

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return "";
  return base.slice(dot).toLowerCase();
}

/** The interpreter named on a `#!` first line: `#!/usr/bin/env -S node --flag` -> "node". */
export function shebangInterpreter(content: string): string | null {
  if (!content.startsWith("#!")) return null;
  const end = content.indexOf("\n");
  const line = (end === -1 ? content : content.slice(0, end)).slice(2).trim();
  const words = line.split(/\s+/).filter((w) => w.length > 0);
  let i = 0;
  const first = words[0];
  if (first !== undefined && /(^|\/)env$/.test(first)) {
    i = 1;
    while (i < words.length && (words[i]?.startsWith("-") || /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[i] ?? ""))) i++;
  }
  const prog = words[i];
  if (!prog) return null;
  return prog.slice(prog.lastIndexOf("/") + 1);
}

/** Detect the language of a file from its extension, then from a shebang line. */
export function detectLanguage(path: string, content?: string): LanguageDef | null {
  const ext = extensionOf(path);
  if (ext) {
    const l = byExt.get(ext);
    if (l) return l;
  }
  if (content !== undefined) {
    const interp = shebangInterpreter(content);
    if (interp) {
      const exact = byInterpreter.get(interp);
      if (exact) return exact;
      // python3.12, node20, ...
      const base = interp.replace(/[\d.]+$/, "");
      const l = byInterpreter.get(base);
      if (l) return l;
    }
  }
  return null;
}

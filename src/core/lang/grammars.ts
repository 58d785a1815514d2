// Loading tree-sitter grammars (wasm). Loading is slow, so every grammar is loaded once per process.
import { createRequire } from "node:module";
import path from "node:path";
import { Language, Parser } from "web-tree-sitter";
import type { LanguageDef } from "./types.js";

const require = createRequire(import.meta.url);

let initialized: Promise<void> | null = null;
const loaded = new Map<string, Promise<Language>>();

export function initParser(): Promise<void> {
  initialized ??= Parser.init();
  return initialized;
}

export function grammarPath(def: LanguageDef): string {
  const pkgJson = require.resolve(`${def.grammar.pkg}/package.json`);
  return path.join(path.dirname(pkgJson), def.grammar.wasm);
}

/** The tree-sitter Language of an entry, loaded once and cached. */
export function loadGrammar(def: LanguageDef): Promise<Language> {
  const key = `${def.grammar.pkg}/${def.grammar.wasm}`;
  let p = loaded.get(key);
  if (!p) {
    p = initParser().then(() => Language.load(grammarPath(def)));
    p.catch(() => loaded.delete(key));
    loaded.set(key, p);
  }
  return p;
}

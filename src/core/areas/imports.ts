// Import statements -> the module each local name is bound to, lexically. Each language reads its
// own (`LanguageDef.readImports`, src/core/lang/*-imports.ts); this asks the file's language.
// Input is the `code` view (comments removed, strings kept), one entry per line.
import { languageById } from "../lang/registry.js";
import type { ImportStmt } from "../lang/types.js";

export type { ImportBinding, ImportStmt } from "../lang/types.js";
export { goPackageName } from "../lang/go-imports.js";

/** Import statements of `lines` (code view) in language `lang` (a registry id). */
export function parseImports(lang: string | null, lines: readonly string[]): ImportStmt[] {
  const def = lang === null ? undefined : languageById(lang);
  return def?.readImports?.(lines) ?? [];
}

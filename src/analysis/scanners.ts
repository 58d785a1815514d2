// Compiled scanners, kept for reuse: the App's event loop (or each analysis thread) compiles the
// built-in rules once and a repository's own rules once per distinct content.
import { createHash } from "node:crypto";
import { createScanner } from "../core/engine/index.js";
import type { RuleSource } from "../core/types.js";
import type { ScannerProvider } from "../pipeline.js";

/**
 * The default scanner provider: the built-in scanner is compiled once; scanners with a
 * repository's custom rules are cached by the rules' content (a few at a time).
 */
export function cachedScannerProvider(maxCustom = 16): ScannerProvider {
  let base: ReturnType<typeof createScanner> | undefined;
  const custom = new Map<string, ReturnType<typeof createScanner>>();
  return (customRules: readonly RuleSource[]) => {
    if (customRules.length === 0) {
      base ??= createScanner();
      base.catch(() => (base = undefined));
      return base;
    }
    const h = createHash("sha256");
    for (const r of customRules) h.update(`${r.origin}\0${r.text}\0`);
    const key = h.digest("hex");
    let s = custom.get(key);
    if (!s) {
      s = createScanner({ customRules });
      s.catch(() => custom.delete(key));
      custom.set(key, s);
      while (custom.size > maxCustom) custom.delete(custom.keys().next().value!);
    }
    return s;
  };
}

import { Parser, Query } from "web-tree-sitter";
import { loadGrammar } from "../../src/core/lang/grammars.js";
import { languageById } from "../../src/core/lang/registry.js";
const g = await loadGrammar(languageById("javascript")!);
const p = new Parser(); p.setLanguage(g);
const lines = [];
for (let i = 0; i < 400; i++) lines.push(`function f${i}(a, b) { const x = [a, b, [1, [2, [3, {k: a + b * ${i}}]]]]; return g(x, a, b, "s${i}") + h(${i}); }`);
const code = lines.join("\n");
const t = p.parse(code)!;
for (const src of [
  `((_ (_)* @a (_)* @b (_)* @c) @report)`,
  `((_ (_ (_ (_)* @x)* @y)* @z) @report)`,
  `((_) @report . (_)* @a . (_)* @b)`,
  `((program (_)* @a (_)* @b (_)* @c (_)* @d) @report)`,
]) {
  const q = new Query(g, src);
  for (const opts of [{ timeoutMicros: 20_000_000 }]) {
    const s = performance.now();
    let n = -1;
    try { n = q.matches(t.rootNode, opts).length; } catch (e) { n = -2; }
    console.error(src, JSON.stringify(opts), n, (performance.now() - s).toFixed(1), "ms", q.didExceedMatchLimit());
  }
}

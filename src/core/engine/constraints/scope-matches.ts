// `scope-matches: <regex>`: the text of the innermost function (or the file, at top level)
// around the capture matches the regex. Typical use is negated, to stay quiet when the
// same function also does the safe thing: `not: { capture: report, scope-matches: '\.verify\(' }`.
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import { compilePattern, testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";

const MAX_SCOPE_TEXT = 100_000;

export const scopeMatches = defineConstraint({
  key: "scope-matches",
  describe: "the enclosing function's text matches the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    return (node, ctx) => {
      const scopes = ctx.file.lang.syntax.scopeTypes;
      let s: Node | null = node.parent;
      while (s && s.parent && !scopes.has(s.type)) s = s.parent;
      const text = (s ?? node).text;
      return testRegex(re, text, opts.untrusted ? undefined : MAX_SCOPE_TEXT);
    };
  },
});

// `has-kwarg: { name: shell, value: "^True$" }`: the capture (a call or its argument list)
// passes the keyword argument `name`, optionally with a value whose text matches `value`.
// Languages without keyword arguments never satisfy it.
import { z } from "zod";
import { compilePattern, testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";

export const hasKwarg = defineConstraint({
  key: "has-kwarg",
  describe: "the call passes keyword argument `name` (with a value matching `value`)",
  arg: z.object({ name: z.string().min(1), value: z.string().min(1).optional() }).strict(),
  compile(arg, opts) {
    const re = arg.value !== undefined ? compilePattern(arg.value, { untrusted: opts.untrusted }) : null;
    return (node, ctx) => {
      const kw = ctx.file.lang.syntax.keywordArguments;
      if (!kw) return false;
      const args = node.childForFieldName("arguments") ?? node;
      const v = kw(args).get(arg.name);
      if (!v) return false;
      return re === null || testRegex(re, v.text);
    };
  },
});

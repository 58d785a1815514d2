// `value-matches: <regex>`: the capture's text, or the text of any value that flows into it
// through local assignments (`const q = "SELECT ..." + id; db.query(q)`), matches the regex.
import { z } from "zod";
import { valueTexts } from "../dataflow/values.js";
import { compilePattern, testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";

export const valueMatches = defineConstraint({
  key: "value-matches",
  describe: "the capture's text, or a value assigned to it, matches the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    return (node, ctx) => valueTexts(node, ctx.file).some((t) => testRegex(re, t));
  },
});

// `value-looks-like: sql | url`: the capture's text, or a value that reaches it through
// local variables, looks like that kind of string (see engine/recognizers.ts). Keeps the
// heuristics in one place instead of copying a long regex into every rule.
import { z } from "zod";
import { valueTexts } from "../dataflow/values.js";
import { RECOGNIZERS, recognizerNames } from "../recognizers.js";
import { testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";

export const valueLooksLike = defineConstraint({
  key: "value-looks-like",
  describe: `the capture's value looks like one of: ${recognizerNames().join(", ")}`,
  arg: z.enum(recognizerNames() as [string, ...string[]]),
  compile(arg) {
    const re = RECOGNIZERS[arg] as RegExp;
    return (node, ctx) => valueTexts(node, ctx.file).some((t) => testRegex(re, t));
  },
});

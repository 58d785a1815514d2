// `dynamic: true|false`: the capture is a string built at run time from non-constant pieces
// (template with substitutions, concatenation, f-string, `%`/`.format`, fmt.Sprintf, ...),
// directly or through a local variable assigned such a value.
import { z } from "zod";
import { classify } from "../dataflow/values.js";
import { defineConstraint } from "./types.js";

export const dynamic = defineConstraint({
  key: "dynamic",
  describe: "the capture is a string built from non-constant parts (true) or not (false)",
  arg: z.boolean(),
  compile(arg) {
    return (node, ctx) => (classify(node, ctx.file) === "dynamic") === arg;
  },
});

// `constant: true|false`: the capture is (or is not) provably a compile-time constant:
// a literal, a string built only from literals, or a local variable only ever assigned those.
import { z } from "zod";
import { classify } from "../dataflow/values.js";
import { defineConstraint } from "./types.js";

export const constant = defineConstraint({
  key: "constant",
  describe: "the capture is a compile-time constant (true) or may vary at run time (false)",
  arg: z.boolean(),
  compile(arg) {
    return (node, ctx) => (classify(node, ctx.file) === "constant") === arg;
  },
});

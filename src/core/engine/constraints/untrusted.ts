// `untrusted: true | source | false`: whether outside input reaches the capture through local flow
// within its function (see dataflow/taint.ts and rules/_sources/<language>.yml).
//
//   untrusted: true     holds when the value comes from a known source (request parameters, body,
//                       headers, argv, ...): the finding keeps the rule's confidence. Also holds
//                       when it derives from a function parameter of unknown origin (or passed
//                       through a call the analysis does not know), with the confidence LOWERED one
//                       level (high -> medium -> low). Fails for constants and sanitized values.
//   untrusted: source   holds only for a known source (for rules that want high precision).
//   untrusted: false    holds when no outside input reaches the value (neither source nor parameter).
import { z } from "zod";
import { PARAMETER, SOURCE, taintOf } from "../dataflow/taint.js";
import { defineConstraint } from "./types.js";

export const untrusted = defineConstraint({
  key: "untrusted",
  describe:
    "outside input reaches the capture: true (a source, or a parameter with lower confidence), source (a known source only), false (neither)",
  arg: z.union([z.boolean(), z.literal("source")]),
  compile(arg) {
    return (node, ctx) => {
      const level = taintOf(node, ctx.file);
      if (arg === false) return level < PARAMETER;
      if (arg === "source") return level === SOURCE;
      if (level === SOURCE) return true;
      return level === PARAMETER ? 1 : false;
    };
  },
});

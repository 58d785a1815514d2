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
//
// In library mode (see dataflow/exported.ts) the parameters of exported functions are sources; such
// a finding is lowered one level unless the policy says `analysis.libraryConfidence: rule`.
//
// When `true` or `source` holds, the constraint records how the input gets to the capture (a
// trace, dataflow/trace.ts) in the file's per-match slot; run.ts attaches it to the finding.
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import { isLibraryInput, PARAMETER, SOURCE, type TaintLevel, taintAssuming, taintOf } from "../dataflow/taint.js";
import { traceOf } from "../dataflow/trace.js";
import { classify } from "../dataflow/values.js";
import type { FileContext } from "../file-context.js";
import { defineConstraint } from "./types.js";

/** Records the trace; true when the input is an exported function's parameter (library mode). */
function record(node: Node, level: TaintLevel, file: FileContext): boolean {
  const prev = file.matchTaint;
  const trace = traceOf(node, file);
  const p = trace.parameter;
  const library = level === SOURCE && p !== null && isLibraryInput(p.scope, p.name, file);
  if (!prev || prev.level < level) file.matchTaint = { node, level, trace: trace.steps, library };
  return library;
}

export const untrusted = defineConstraint({
  key: "untrusted",
  describe:
    "outside input reaches the capture: true (a source, or a parameter with lower confidence), source (a known source only), false (neither)",
  arg: z.union([z.boolean(), z.literal("source")]),
  compile(arg) {
    return (node, ctx) => {
      const assume = ctx.file.assumeParameters;
      const level = assume ? taintAssuming(node, ctx.file, assume, assume.memo) : taintOf(node, ctx.file);
      if (arg === false) {
        if (level < PARAMETER) ctx.file.assumeMayMatter = true;
        return level < PARAMETER;
      }
      if (level < PARAMETER || (arg === "source" && level !== SOURCE)) {
        ctx.file.assumeMayMatter = true;
        // relaxed scan: a parameter, or a non-constant value of unknown origin, is taken as input
        if (ctx.file.relaxUntrusted && (level >= PARAMETER || classify(node, ctx.file) !== "constant")) return 2;
        return false;
      }
      // library mode: an exported function's parameter is input, by default one level less sure
      const library = record(node, level, ctx.file);
      if (level === SOURCE) return library && ctx.file.libraryLowers ? 1 : true;
      return 1;
    };
  },
});

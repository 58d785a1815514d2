// `library-input: true|false`: the outside input reaching the capture is (true) or is not (false)
// only there because library mode makes an exported function's parameters input (see
// dataflow/exported.ts). Used with `untrusted` by rules whose sink is, in a published package, the
// very purpose of the function: a helper exported as run(cmd, args) runs the program its caller
// names, which is its contract, while the same call on a request value is a flaw.
//
//   true    the value is a known source, and the source its trace reaches is a parameter of an
//           exported function that no parameter rule marks as input (so not req, not a Next.js
//           `params`), in a file analysed in library mode
//   false   anything else (a request value, a non-library parameter, a clean value); in a helper
//           analysed on behalf of a caller that passes outside input (function summaries) the
//           input comes from that caller, so this holds
import { z } from "zod";
import { isLibraryInput, SOURCE, taintOf } from "../dataflow/taint.js";
import { traceOf } from "../dataflow/trace.js";
import { defineConstraint } from "./types.js";

export const libraryInput = defineConstraint({
  key: "library-input",
  describe:
    "the capture's outside input is only an exported function's parameter in library mode (true) or not (false)",
  arg: z.boolean(),
  compile(arg) {
    return (node, ctx) => {
      const file = ctx.file;
      file.assumeMayMatter = true;
      if (!file.library || file.assumeParameters) return !arg;
      if (taintOf(node, file) !== SOURCE) return !arg;
      const p = traceOf(node, file).parameter;
      const library = p !== null && isLibraryInput(p.scope, p.name, file);
      return library === arg;
    };
  },
});

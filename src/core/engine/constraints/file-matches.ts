// `file-matches: <regex>`: the text of the whole file around the capture matches the regex.
// For facts that live outside the function at hand: an import (`org.yaml.snakeyaml`), or a
// safe configuration done once elsewhere in the file (`xstream.allowTypes(...)` in a
// constructor). Usually negated, like `scope-matches`.
import { z } from "zod";
import { compilePattern, testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";

const MAX_FILE_TEXT = 200_000;

export const fileMatches = defineConstraint({
  key: "file-matches",
  describe: "the whole file's text matches the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    // one answer per file: a rule's query can match thousands of nodes in one file
    const memo = new WeakMap<object, boolean>();
    return (_node, ctx) => {
      let hit = memo.get(ctx.file);
      if (hit === undefined) {
        hit = testRegex(re, ctx.file.text, opts.untrusted ? undefined : MAX_FILE_TEXT);
        memo.set(ctx.file, hit);
      }
      return hit;
    };
  },
});

// `matches: <regex>` / `not-matches: <regex>`: the captured node's source text.
import { z } from "zod";
import { compilePattern, testRegex } from "../../regex.js";
import { defineConstraint } from "./types.js";

export const matches = defineConstraint({
  key: "matches",
  describe: "the capture's text matches the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    return (node) => testRegex(re, node.text);
  },
});

export const notMatches = defineConstraint({
  key: "not-matches",
  describe: "the capture's text does not match the regex",
  arg: z.string().min(1),
  compile(arg, opts) {
    const re = compilePattern(arg, { untrusted: opts.untrusted });
    return (node) => !testRegex(re, node.text);
  },
});

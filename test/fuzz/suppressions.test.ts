// Properties of inline suppression parsing (src/core/suppress/inline.ts): any file content is read in
// bounded time without a throw, and a rendered `aiguard-ignore` comment parses back to its rules and reason.
import fc from "fast-check";
import { describe, expect } from "vitest";
import { findInlineSuppressions, matchSuppression } from "../../src/core/suppress/inline.js";
import { fuzzTargets, property } from "./harness.js";

const SEEDS = [
  "const a = eval(x); // aiguard-ignore js.eval: input is a constant\n",
  "# aiguard-ignore py.sql.injection, py.exec: reviewed in SEC-12\nos.system(cmd)\n",
  "/* aiguard-ignore secrets.* : test fixture */\n-- aiguard-ignore sql.raw\n<!-- aiguard-ignore[html.xss]: escaped upstream -->\n",
  'print("aiguard-ignore is not a comment here")\n; aiguard-ignore ini.x: y\n * aiguard-ignore go.exec: z\n',
  // Almost suppressions: a rule list followed by something that is not a reason.
  "// aiguard-ignore js.eval (see below)\n# aiguard-ignore a b c!\n",
];

fuzzTargets("inline suppressions", [
  {
    name: "findInlineSuppressions",
    seeds: SEEDS,
    run: (s) => findInlineSuppressions(s),
    check: (out, input) => {
      const lines = input.split("\n").length;
      for (const s of out as ReturnType<typeof findInlineSuppressions>) {
        expect(s.line >= 1 && s.line <= lines).toBe(true);
        expect(s.rules.length).toBeGreaterThan(0);
        for (const r of s.rules) expect(r).toMatch(/^[\w.*-]+$/);
        expect(s.reason).toBe(s.reason.trim());
      }
    },
  },
]);

// ---------------------------------------------------------------------------------------------
// Round-trip: render a comment, parse it back.

const ruleId = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
    fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/), { maxLength: 2 }),
    fc.boolean(),
  )
  .map(([head, tail, wildcard]) => [head, ...tail].join("/") + (wildcard ? "*" : ""))
  // A rule id is word characters, dots, dashes and slashes; the parser's rule list does not take "/".
  .map((id) => id.replace(/\//g, "."));

/** A reason as people write them: words, punctuation, no newline; without the closers of the comment styles. */
const reason = fc
  .array(
    fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9]{1,10}$/),
      fc.constantFrom("SEC-123", "(see #42)", "it's fine", "a: b", "x=1", "ünïcode", "#", "//", "--", "http://x.y/z"),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((words) => words.join(" "));

const STYLES: { open: string; close: string }[] = [
  { open: "//", close: "" },
  { open: "#", close: "" },
  { open: "--", close: "" },
  { open: ";", close: "" },
  { open: "/*", close: " */" },
  { open: "<!--", close: " -->" },
  { open: " *", close: "" },
];

const comment = fc.record({
  style: fc.constantFrom(...STYLES),
  code: fc.constantFrom("", "x = f(y);  ", "\t", "eval(input) ", 'secret = "abc" '),
  rules: fc.array(ruleId, { minLength: 1, maxLength: 4 }),
  separator: fc.constantFrom(", ", ",", " ", " , "),
  reason: fc.option(reason, { nil: undefined }),
  bracket: fc.boolean(),
});

describe("round-trip: inline suppressions", () => {
  property(
    "a rendered aiguard-ignore comment parses back to the same rules and reason, on its line",
    [comment, fc.nat({ max: 5 })],
    (c, before) => {
      const list = c.rules.join(c.separator);
      const marker = c.bracket ? `aiguard-ignore[${list}]` : `aiguard-ignore ${list}`;
      const text = `${c.code}${c.style.open} ${marker}${c.reason === undefined ? "" : `: ${c.reason}`}${c.style.close}`;
      const content = `${"line\n".repeat(before)}${text}\nnext()\n`;
      const found = findInlineSuppressions(content);
      expect(found).toEqual([{ line: before + 1, rules: c.rules, reason: c.reason ?? "" }]);
      // It applies to its own line and the next, for each of its rules.
      for (const r of c.rules) {
        const id = r.endsWith("*") ? `${r.slice(0, -1)}x` : r;
        expect(matchSuppression(found, id, before + 2)?.missingReason).toBe(c.reason === undefined);
        expect(matchSuppression(found, id, before + 3)).toBeNull();
      }
    },
  );
});

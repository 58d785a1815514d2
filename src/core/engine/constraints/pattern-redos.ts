// `pattern-redos: true | exponential | false`: the captured string literal is a regular
// expression pattern of Python's `re` or Java's `java.util.regex` (`re.compile(r"(a+)+$")`,
// `Pattern.compile("(\\w+\\s?)*$")`) that can take super-linear time on a crafted input.
//
// The literal's value is read per language (Python prefixes, raw strings and escapes; Java
// escapes), the syntax both engines share with JavaScript is translated (`(?P<name>` and
// `(?P=name)`, leading inline flags such as `(?i)`, `\A`, `\Z`), and the verdict is the one
// `redos` gives a JavaScript pattern (scslre; see redos.ts). Patterns that cannot be translated
// (verbose mode, possessive quantifiers, atomic groups, an f-string) are not analysed: the
// constraint does not hold for `true`/`exponential`.
//
// Go's `regexp` (RE2) runs in linear time, so Go patterns are never reported.
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import { redosVerdict } from "./redos.js";
import { defineConstraint } from "./types.js";

const PY_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** Python string literal text to its value; null for f-strings and bytes with odd escapes. */
export function pythonStringValue(text: string): string | null {
  const m = /^([rRbBuUfF]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(text);
  if (!m) return null;
  const prefix = (m[1] ?? "").toLowerCase();
  const body = m[3] ?? "";
  if (prefix.includes("f")) return null;
  if (prefix.includes("r")) return body;
  // Non-raw: resolve the escapes Python resolves; an unknown escape (`\d`) keeps its backslash.
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[0-7]{1,3}|\n|.)/g, (all, e: string) => {
    if (e === "\n") return "";
    if (e[0] === "x" || e[0] === "u") return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return PY_ESCAPES[e] ?? all;
  });
}

/** Java string literal text ("...") to its value; null for text blocks and other forms. */
export function javaStringValue(text: string): string | null {
  const m = /^"((?:[^"\\\n]|\\.)*)"$/.exec(text);
  if (!m) return null;
  return (m[1] ?? "").replace(/\\(u+[0-9a-fA-F]{4}|[0-7]{1,3}|.)/g, (_all, e: string) => {
    if (e[0] === "u") return String.fromCharCode(Number.parseInt(e.replace(/^u+/, ""), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", s: " " }[e] ?? e;
  });
}

/**
 * A Python or Java pattern in JavaScript syntax, with its flags; null when it uses syntax with no
 * JavaScript equivalent (verbose mode, possessive quantifiers, atomic groups, conditionals).
 */
export function toJsPattern(pattern: string): { source: string; flags: string } | null {
  let source = pattern;
  let flags = "";
  // leading inline flags: (?i), (?ims), (?iu)...
  const lead = /^\(\?([aiLmsux]+)\)/.exec(source);
  if (lead) {
    const f = lead[1] ?? "";
    if (f.includes("x")) return null;
    for (const c of "ims") if (f.includes(c)) flags += c;
    source = source.slice(lead[0].length);
  }
  // flags scoped to a group, or set in the middle: no JavaScript equivalent
  if (/\(\?[aiLmsux]+(?:-[aiLmsux]*)?[:)]/.test(source)) return null;
  if (/\(\?>|\(\?\(|[*+?}]\+/.test(source)) return null;
  source = source
    .replace(/\(\?P</g, "(?<")
    .replace(/\(\?P=(\w+)\)/g, "\\k<$1>")
    .replace(/\\A/g, "^")
    .replace(/\\[Zz]/g, "$");
  return { source, flags };
}

/** The pattern of a captured Python or Java string literal, translated; null if not one. */
export function patternOf(node: Node): { source: string; flags: string } | null {
  let value: string | null = null;
  if (node.type === "string") value = pythonStringValue(node.text);
  else if (node.type === "string_literal") value = javaStringValue(node.text);
  else if (node.type === "concatenated_string") {
    // Python's implicit concatenation: 'a' 'b' (comments between the parts are skipped)
    value = "";
    for (const part of node.namedChildren) {
      if (!part || part.type === "comment") continue;
      const v = part.type === "string" ? pythonStringValue(part.text) : null;
      if (v === null) return null;
      value += v;
    }
  }
  if (value === null) return null;
  return toJsPattern(value);
}

export const patternRedos = defineConstraint({
  key: "pattern-redos",
  describe:
    "the captured Python or Java string literal is a regex pattern with super-linear backtracking (true), exponential backtracking (exponential), or neither (false)",
  arg: z.union([z.boolean(), z.literal("exponential")]),
  compile(arg) {
    return (node, ctx) => {
      const re = patternOf(node);
      const v = re ? redosVerdict(re.source, re.flags) : null;
      if (arg === false) return !v?.vulnerable;
      if (!v) return false;
      const holds = arg === "exponential" ? v.exponential : v.vulnerable;
      if (holds) ctx.file.matchEvidence = v.places;
      return holds;
    };
  },
});

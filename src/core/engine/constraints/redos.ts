// Constraints for regular-expression denial of service (CWE-1333) in JavaScript and TypeScript.
//
//   redos: true | exponential | false
//       The captured regex literal (`/(a+)+$/`), or the constant string pattern of
//       `new RegExp("(a+)+$", "i")` / `RegExp(...)`, can take super-linear time on a crafted input:
//       scslre (the analyser eslint-plugin-regexp builds on) reports backtracking between two
//       quantifiers or of a quantifier with itself (`true`: polynomial or exponential;
//       `exponential`: exponential only), or an unanchored quantifier that ends the pattern at `$`
//       (`/\s+$/`, the trim family, quadratic as the match start moves along a long run of
//       spaces). Other "moving" reports (`/a+b/`, quadratic only when run over an input with no
//       match) are not counted: they fit almost every regex. `false`: none of these.
//       Bounded: patterns over MAX_PATTERN characters, and patterns that do not parse, are not
//       analysed (the constraint does not hold); verdicts are cached per pattern and flags.
//   regex-input: untrusted | source | nonconstant | constant
//       The captured regex (a literal or a `new RegExp(...)`) is applied to a subject that
//       receives outside input (`untrusted`: a known source, or a function parameter with the
//       confidence lowered one level, as `untrusted: true`; `source`: a known source only) or is
//       not provably constant (`nonconstant`). The uses followed: `re.test(s)`, `re.exec(s)`,
//       `s.match(re)`, `s.matchAll(re)`, `s.replace(re, ...)`, `s.replaceAll(re, ...)`,
//       `s.split(re)`, `s.search(re)`, directly or through a variable or constant that holds the
//       regex (`const RE = /.../; ... RE.test(s)`, in the same scope). A regex only ever applied to
//       constants (a build script's `"1.2.3".split(/\.+/)`) or whose uses cannot be seen (passed
//       to another function, kept in an options object) does not hold. `constant` is the opposite
//       claim: the regex has at least one visible use and every one is on a constant subject
//       (`not: { capture: re, regex-input: constant }` keeps regexes whose uses are unseen).
//       `unseen`: no use is in view at all (a parser's table of patterns, an options object).
//       A use that runs only after a check bounding the input's length to MAX_BOUNDED_INPUT
//       characters or less (`if (str.length > 100) return;`) is not counted by the other values.
import { RegExpParser } from "@eslint-community/regexpp";
import type { AST } from "@eslint-community/regexpp";
import { analyse, type Report } from "scslre";
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import { classify } from "../dataflow/values.js";
import { isGuarded } from "./guards.js";
import { PARAMETER, SOURCE, taintOf } from "../dataflow/taint.js";
import type { FileContext } from "../file-context.js";
import { defineConstraint } from "./types.js";

/** Longest pattern analysed (characters): larger ones are generated tables, not hand-written. */
export const MAX_PATTERN = 3000;
const MAX_CACHE = 2048;

export interface RedosVerdict {
  /** polynomial (or worse) backtracking found */
  vulnerable: boolean;
  exponential: boolean;
  /** a short description: the repeated character and the quantifier(s) */
  detail: string;
  /**
   * Each backtracking place found, named by its quantifiers' text (`\d* / \d+`): the differential
   * analysis tells a regex the change made worse from one it only edited (differential.ts).
   */
  places: string[];
}

const SAFE: RedosVerdict = { vulnerable: false, exponential: false, detail: "", places: [] };

const cache = new Map<string, RedosVerdict>();
const parser = new RegExpParser({ ecmaVersion: 2025 });

/** A Move report counts only for a quantifier that ends its alternative right before `$`. */
function endAnchoredMove(r: Report): boolean {
  if (r.type !== "Move") return false;
  const q = r.quant;
  const alt = q.parent;
  if (alt.type !== "Alternative") return false;
  const i = alt.elements.indexOf(q);
  const next: AST.Element | undefined = alt.elements[i + 1];
  return next?.type === "Assertion" && next.kind === "end";
}

/** An element that can match the empty string: a quantifier with a minimum of 0, or a group of such. */
function canMatchEmpty(e: AST.Element): boolean {
  if (e.type === "Quantifier") return e.min === 0 || canMatchEmpty(e.element);
  if (e.type === "Group" || e.type === "CapturingGroup")
    return e.alternatives.some((a) => a.elements.every(canMatchEmpty));
  return false;
}

/**
 * Everything that follows this element, up to the end of the pattern, can match the empty string
 * (no `$`, lookaround or required character after it): once the element has matched, the match
 * succeeds, so the engine never backtracks through its ambiguous ways of matching.
 */
function nothingRequiredAfter(start: AST.Element): boolean {
  let e: AST.Element = start;
  for (let depth = 0; depth < 64; depth++) {
    const alt = e.parent;
    if (alt.type !== "Alternative") return false;
    if (!alt.elements.slice(alt.elements.indexOf(e) + 1).every(canMatchEmpty)) return false;
    const up = alt.parent;
    if (up.type === "Pattern") return true;
    if (up.type !== "Group" && up.type !== "CapturingGroup") return false;
    const outer = up.parent;
    if (outer.type === "Quantifier") {
      if (outer.min > 1) return false;
      e = outer;
    } else e = up;
  }
  return false;
}

/**
 * A backtracking report that cannot be made to fail: the ambiguity (between two quantifiers, from
 * the earlier one on; or of a quantifier repeated inside another, from the outer one on) is followed
 * only by what can match nothing, as in a comment skipper `^(?:\s*(?:\/\/.*|\/\*[^]*?\*\/))*\s*`.
 */
function unfailing(r: Report): boolean {
  if (r.type === "Trade") return nothingRequiredAfter(r.startQuant);
  if (r.type === "Self") return nothingRequiredAfter(r.parentQuant);
  return false;
}

/**
 * The place of a report, by what its quantifiers repeat (`\d` of `\d*` and `\d{1,3}`): stable when
 * the rest of the pattern, or a bound, is edited.
 */
function placeOf(r: Report): string {
  if (r.type === "Trade") return `${r.startQuant.element.raw} / ${r.endQuant.element.raw}`;
  if (r.type === "Self") return `${r.quant.element.raw} in ${r.parentQuant.element.raw}`;
  return `${r.quant.element.raw} $`;
}

function describe(r: Report): string {
  const ch = JSON.stringify(r.character.pick);
  if (r.type === "Trade") return `${r.startQuant.raw} and ${r.endQuant.raw} both match repeated ${ch}`;
  if (r.type === "Self") return `${r.quant.raw} repeats inside ${r.parentQuant.raw} on repeated ${ch}`;
  return `${r.quant.raw} before $ on a long run of ${ch} followed by another character`;
}

/** Analyse one pattern; never throws. */
export function redosVerdict(source: string, flags: string): RedosVerdict {
  if (source.length === 0 || source.length > MAX_PATTERN) return SAFE;
  const key = `${flags}/${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let verdict = SAFE;
  try {
    const f = [...new Set(flags.replace(/[^dgimsuvy]/g, ""))].join("");
    const pattern = parser.parsePattern(source, 0, source.length, {
      unicode: f.includes("u"),
      unicodeSets: f.includes("v"),
    });
    const parsedFlags = parser.parseFlags(f);
    if (!worthAnalysing(pattern)) {
      remember(key, SAFE);
      return SAFE;
    }
    const { reports } = analyse({ pattern, flags: parsedFlags }, { maxReports: 20 });
    const counted = reports.filter((r) => (r.type !== "Move" || endAnchoredMove(r)) && !unfailing(r));
    if (counted.length > 0) {
      const worst = counted.find((r) => r.exponential) ?? counted[0];
      verdict = {
        vulnerable: true,
        exponential: counted.some((r) => r.exponential),
        detail: worst ? describe(worst) : "",
        places: [...new Set(counted.map(placeOf))].sort(),
      };
    }
  } catch {
    verdict = SAFE;
  }
  remember(key, verdict);
  return verdict;
}

function remember(key: string, verdict: RedosVerdict): void {
  if (cache.size >= MAX_CACHE) cache.clear();
  cache.set(key, verdict);
}

/**
 * A cheap look at the pattern before the full analysis: a report needs two unbounded quantifiers
 * (`\s*,\s*`), a repeated group holding an unbounded one (`(a+){2}`, `(a+)+`), or one unbounded
 * quantifier right before `$`. Most patterns have none of these and are settled here.
 */
function worthAnalysing(pattern: AST.Pattern): boolean {
  let unbounded = 0;
  let found = false;
  const visit = (n: AST.Node, repeatedAbove: boolean): void => {
    if (found) return;
    if (n.type === "Quantifier") {
      if (n.max === Number.POSITIVE_INFINITY) {
        unbounded++;
        if (repeatedAbove || unbounded >= 2) found = true;
        const alt = n.parent;
        if (alt.type === "Alternative") {
          const next = alt.elements[alt.elements.indexOf(n) + 1];
          if (next?.type === "Assertion" && next.kind === "end") found = true;
        }
      }
      visit(n.element, repeatedAbove || n.max >= 2);
      return;
    }
    if (n.type === "Pattern" || n.type === "Group" || n.type === "CapturingGroup") {
      for (const a of n.alternatives) visit(a, repeatedAbove);
      return;
    }
    if (n.type === "Alternative") {
      for (const e of n.elements) visit(e, repeatedAbove);
      return;
    }
    if (n.type === "Assertion" && (n.kind === "lookahead" || n.kind === "lookbehind")) {
      for (const a of n.alternatives) visit(a, repeatedAbove);
    }
  };
  visit(pattern, false);
  return found;
}

/** JavaScript string literal body to its value (escapes resolved); null when it has substitutions. */
export function stringValue(node: Node): string | null {
  if (node.type !== "string" && node.type !== "template_string") return null;
  let out = "";
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === "string_fragment") out += c.text;
    else if (c.type === "escape_sequence") out += unescapeOne(c.text);
    else if (c.type === "template_substitution") return null;
  }
  return out;
}

function unescapeOne(esc: string): string {
  const c = esc.slice(1);
  switch (c[0]) {
    case "n":
      return "\n";
    case "t":
      return "\t";
    case "r":
      return "\r";
    case "b":
      return "\b";
    case "f":
      return "\f";
    case "v":
      return "\v";
    case "0":
      return c.length === 1 ? "\0" : c;
    case "x":
      return String.fromCharCode(Number.parseInt(c.slice(1), 16) || 0);
    case "u": {
      const hex = c.startsWith("u{") ? c.slice(2, -1) : c.slice(1);
      const cp = Number.parseInt(hex, 16);
      return Number.isFinite(cp) && cp <= 0x10ffff ? String.fromCodePoint(cp) : "";
    }
    case "\n":
    case "\r":
      return "";
    default:
      return c;
  }
}

function isRegExpCtor(call: Node | null): boolean {
  if (!call || (call.type !== "new_expression" && call.type !== "call_expression")) return false;
  const callee = call.childForFieldName(call.type === "new_expression" ? "constructor" : "function");
  return callee !== null && /^(?:globalThis\.|window\.)?RegExp$/.test(callee.text);
}

/** The pattern source and flags of a captured regex literal, RegExp call, or its string pattern. */
export function regexOf(node: Node): { source: string; flags: string } | null {
  if (node.type === "regex") {
    const p = node.childForFieldName("pattern");
    const f = node.childForFieldName("flags");
    return p ? { source: p.text, flags: f?.text ?? "" } : null;
  }
  // new RegExp("...", "flags"): captured as the call or as its first argument
  let call: Node | null = null;
  let first: Node | null = null;
  if (isRegExpCtor(node)) {
    call = node;
    first = node.childForFieldName("arguments")?.namedChildren[0] ?? null;
  } else if (node.parent?.type === "arguments" && isRegExpCtor(node.parent.parent)) {
    call = node.parent.parent;
    first = node;
  }
  if (!call || !first) return null;
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  if (args[0]?.id !== first.id) return null;
  const source = stringValue(first);
  if (source === null) return null;
  const flagNode = args[1];
  const flags = flagNode ? stringValue(flagNode) : "";
  if (flags === null) return null;
  return { source, flags };
}

export const redos = defineConstraint({
  key: "redos",
  describe:
    "the captured regex literal or constant RegExp pattern has super-linear backtracking (true), exponential backtracking (exponential), or neither (false)",
  arg: z.union([z.boolean(), z.literal("exponential")]),
  compile(arg) {
    return (node, ctx) => {
      const re = regexOf(node);
      const v = re ? redosVerdict(re.source, re.flags) : SAFE;
      if (arg === false) return !v.vulnerable;
      const holds = arg === "exponential" ? v.exponential : v.vulnerable;
      if (holds) ctx.file.matchEvidence = v.places;
      return holds;
    };
  },
});

const APPLY_TO_ARG = new Set(["test", "exec"]);
const APPLY_TO_RECEIVER = new Set(["match", "matchAll", "replace", "replaceAll", "split", "search"]);
const MAX_USES = 64;

/** The subject a regex expression `re` is applied to at this use, if the use is one we know. */
function subjectOfUse(re: Node): Node | null {
  let n = re;
  while (n.parent?.type === "parenthesized_expression") n = n.parent;
  const p = n.parent;
  if (!p) return null;
  // re.test(s) / re.exec(s)
  if (p.type === "member_expression" && p.childForFieldName("object")?.id === n.id) {
    const prop = p.childForFieldName("property")?.text ?? "";
    const call = p.parent;
    if (APPLY_TO_ARG.has(prop) && call?.type === "call_expression" && call.childForFieldName("function")?.id === p.id)
      return call.childForFieldName("arguments")?.namedChildren[0] ?? null;
    return null;
  }
  // s.replace(re, ...) and the like: re is the first argument
  if (p.type === "arguments" && p.namedChildren[0]?.id === n.id) {
    const call = p.parent;
    const fn = call?.type === "call_expression" ? call.childForFieldName("function") : null;
    if (fn?.type === "member_expression" && APPLY_TO_RECEIVER.has(fn.childForFieldName("property")?.text ?? ""))
      return fn.childForFieldName("object");
  }
  return null;
}

/** The name a regex expression is stored under (`const RE = /.../`, `RE = ...`), if any. */
function storedUnder(re: Node): Node | null {
  let n = re;
  while (n.parent?.type === "parenthesized_expression") n = n.parent;
  const p = n.parent;
  if (p?.type === "variable_declarator" && p.childForFieldName("value")?.id === n.id) {
    const name = p.childForFieldName("name");
    return name?.type === "identifier" ? name : null;
  }
  if (p?.type === "assignment_expression" && p.childForFieldName("right")?.id === n.id) {
    const left = p.childForFieldName("left");
    return left?.type === "identifier" || left?.type === "member_expression" ? left : null;
  }
  return null;
}

function scopeOfName(name: Node, ctx: FileContext): Node {
  const scopes = ctx.lang.syntax.scopeTypes;
  // a top-level `const` is visible in the whole file; a local one in its function
  for (let p = name.parent; p; p = p.parent) if (scopes.has(p.type) && p.parent) return p;
  return ctx.root;
}

/** Longest input a length check may allow for the match after it to count as bounded. */
export const MAX_BOUNDED_INPUT = 1000;
const LENGTH_CHECK =
  /\.length\s*(>=?|<=?)\s*(\d{1,9}|[A-Za-z_$][\w$]{0,63})(?![\w$])|(?<![\w$.])(\d{1,9}|[A-Za-z_$][\w$]{0,63})\s*(>=?|<=?)\s*[\w$.]+\.length\b/g;
/** A length check that must hold for the code after it to run (`s.length <= 254 && ...`): an upper bound. */
const UPPER_BOUND =
  /\.length\s*<=?\s*(\d{1,9}|[A-Za-z_$][\w$]{0,63})(?![\w$])|(?<![\w$.])(\d{1,9}|[A-Za-z_$][\w$]{0,63})\s*>=?\s*[\w$.]+\.length\b/g;
/** A prefix of the input: `s.slice(0, 200)`, `s.substring(0, MAX)`, `s.substr(0, 64)`. */
const PREFIX_CUT = /\.(?:slice|substring|substr)\(\s*0\s*,\s*(\d{1,9}|[A-Za-z_$][\w$]{0,63})\s*\)$/;

/** A number literal, or the name of a numeric constant of the file (`const MAX_EMAIL = 254;`). */
function numberOf(token: string, ctx: FileContext): number {
  if (/^\d+$/.test(token)) return Number(token);
  const escaped = token.replace(/\$/g, "\\$");
  const decl = new RegExp(`\\bconst\\s+${escaped}\\s*(?::\\s*number\\s*)?=\\s*(\\d[\\d_]{0,11})\\s*[;\\n]`).exec(
    ctx.text,
  );
  return decl?.[1] ? Number(decl[1].replace(/_/g, "")) : Number.NaN;
}

/** A condition that bounds an input's length to MAX_BOUNDED_INPUT or less (`if (s.length > 100) return`). */
function boundsLength(cond: string, ctx: FileContext, checks: RegExp = LENGTH_CHECK): boolean {
  for (const m of cond.slice(0, 2000).matchAll(checks)) {
    const n = numberOf(m.slice(1).find((g) => g !== undefined && !/^[<>]=?$/.test(g)) ?? "", ctx);
    if (Number.isFinite(n) && n <= MAX_BOUNDED_INPUT) return true;
  }
  return false;
}

/**
 * The use of a regex runs only after its input's length was bounded: an `if` before it, the left
 * side of an `&&` it is the right side of (`s.length <= 254 && RE.test(s)`), or the subject is a
 * prefix of at most MAX_BOUNDED_INPUT characters (`s.slice(0, 280).replace(/\s+$/, "")`).
 */
function boundedUse(subject: Node, ctx: FileContext): boolean {
  const cut = PREFIX_CUT.exec(subject.text);
  if (cut?.[1] && numberOf(cut[1], ctx) <= MAX_BOUNDED_INPUT) return true;
  const scopes = ctx.lang.syntax.scopeTypes;
  for (let child = subject, p = subject.parent; p && !scopes.has(p.type); child = p, p = p.parent) {
    if (p.type !== "binary_expression" || p.childForFieldName("operator")?.text !== "&&") continue;
    const left = p.childForFieldName("left");
    if (left && left.id !== child.id && child.startIndex >= left.endIndex && boundsLength(left.text, ctx, UPPER_BOUND))
      return true;
  }
  return isGuarded(subject, ctx, (cond) => boundsLength(cond, ctx));
}

/** Every subject the captured regex is applied to in this file (as far as we can see). */
export function regexSubjects(node: Node, ctx: FileContext): Node[] {
  let re: Node = node;
  // the string pattern of new RegExp("..."): the regex is the call
  if (node.parent?.type === "arguments" && isRegExpCtor(node.parent.parent)) re = node.parent.parent ?? node;
  const out: Node[] = [];
  const direct = subjectOfUse(re);
  if (direct) out.push(direct);
  const name = storedUnder(re);
  if (!name) return out;
  const text = name.text;
  const scope = name.type === "identifier" ? scopeOfName(name, ctx) : ctx.root;
  const type = name.type;
  for (const use of scope.descendantsOfType(type)) {
    if (out.length >= MAX_USES) break;
    if (!use || use.id === name.id || use.text !== text) continue;
    const s = subjectOfUse(use);
    if (s) out.push(s);
  }
  return out;
}

export const regexInput = defineConstraint({
  key: "regex-input",
  describe:
    "the captured regex is applied (directly or through the variable holding it) to outside input (untrusted: source or parameter, lowered; source), to a non-constant subject (nonconstant), or only to constants (constant); unseen: no use of it is in view",
  arg: z.enum(["untrusted", "source", "nonconstant", "constant", "unseen"]),
  compile(arg) {
    return (node, ctx) => {
      const all = regexSubjects(node, ctx.file);
      if (arg === "unseen") return all.length === 0;
      const subjects = arg === "constant" ? all : all.filter((s) => !boundedUse(s, ctx.file));
      if (arg === "constant") return subjects.length > 0 && subjects.every((s) => classify(s, ctx.file) === "constant");
      if (arg === "nonconstant") return subjects.some((s) => classify(s, ctx.file) !== "constant");
      let best = 0;
      for (const s of subjects) {
        const level = taintOf(s, ctx.file);
        if (level === SOURCE) return true;
        if (level === PARAMETER && arg === "untrusted") best = 1;
      }
      return best === 1 ? 1 : false;
    };
  },
});

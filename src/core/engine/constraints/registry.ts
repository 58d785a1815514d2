// Registry of constraint kinds and the compiler for a rule's `where` list.
//
//   where:
//     - { capture: sql, dynamic: true }            # one kind per item, on one capture
//     - not: { capture: fn, matches: "^safe" }     # negation
//     - any: [ {...}, {...} ]                      # at least one holds
//     - all: [ {...}, {...} ]                      # every one holds (the list itself is an `all`)
//
// A new kind is one file exporting a ConstraintKind, added to KINDS below.
import { calledAs } from "./called-as.js";
import { constant } from "./constant.js";
import { dynamic } from "./dynamic.js";
import { inFunctionNamed, inRecursiveFunction, namedFunctionMatches } from "./enclosing-function.js";
import { fileMatches } from "./file-matches.js";
import { dominatedBy } from "./dominated-by.js";
import { guardedBy, precededBy } from "./guards.js";
import { hardcoded } from "./hardcoded.js";
import { hasKwarg } from "./has-kwarg.js";
import { importedFrom } from "./imported-from.js";
import { libraryInput } from "./library-input.js";
import { matches, notMatches } from "./matches.js";
import { patternRedos } from "./pattern-redos.js";
import { redos, regexInput } from "./redos.js";
import { relatedCodeMatches } from "./related-code.js";
import { resolvesTo } from "./resolves-to.js";
import { scopeMatches } from "./scope-matches.js";
import { targetMatches } from "./target-matches.js";
import { nodeType } from "./type.js";
import type { CompileOptions, ConstraintKind, MatchContext } from "./types.js";
import { untrusted } from "./untrusted.js";
import { untrustedObject } from "./untrusted-object.js";
import { valueLooksLike } from "./value-looks-like.js";
import { valueMatches } from "./value-matches.js";
import { errorText } from "../../text.js";
import { isRecord } from "../../records.js";

/**
 * A compiled `where` test: -1 when it does not hold, else by how many levels the finding's
 * confidence is lowered (0 = keep). Combining: `all` takes the largest lowering of its items,
 * `any` the smallest among those that hold, `not` holds (lowering 0) when its item does not.
 */
export type MatchTest = (ctx: MatchContext) => number;

/** Normalise a constraint's verdict (boolean or lowering) to a MatchTest number. */
function level(v: boolean | number): number {
  if (v === true) return 0;
  if (v === false) return -1;
  return Number.isFinite(v) && v >= 0 ? Math.floor(v) : -1;
}

const KINDS: ConstraintKind<never>[] = [
  matches,
  notMatches,
  valueMatches,
  valueLooksLike,
  scopeMatches,
  relatedCodeMatches,
  dynamic,
  constant,
  resolvesTo,
  importedFrom,
  hasKwarg,
  nodeType,
  targetMatches,
  hardcoded,
  fileMatches,
  guardedBy,
  precededBy,
  dominatedBy,
  calledAs,
  inFunctionNamed,
  inRecursiveFunction,
  namedFunctionMatches,
  untrusted,
  untrustedObject,
  libraryInput,
  redos,
  regexInput,
  patternRedos,
] as ConstraintKind<never>[];

const byKey = new Map<string, ConstraintKind<unknown>>(KINDS.map((k) => [k.key, k as ConstraintKind<unknown>]));

export function constraintKeys(): string[] {
  return [...byKey.keys()];
}

export class WhereError extends Error {}

function compileItem(item: unknown, path: string, captures: ReadonlySet<string>, opts: CompileOptions): MatchTest {
  if (!isRecord(item)) throw new WhereError(`${path}: expected a mapping, got ${JSON.stringify(item)}`);
  const keys = Object.keys(item);
  if ("not" in item) {
    if (keys.length !== 1) throw new WhereError(`${path}: "not" must be the only key`);
    const inner = compileItem(item.not, `${path}.not`, captures, opts);
    return (ctx) => (inner(ctx) < 0 ? 0 : -1);
  }
  for (const combinator of ["any", "all"] as const) {
    if (combinator in item) {
      if (keys.length !== 1) throw new WhereError(`${path}: "${combinator}" must be the only key`);
      const list = item[combinator];
      if (!Array.isArray(list) || list.length === 0)
        throw new WhereError(`${path}.${combinator}: expected a non-empty list`);
      const tests = list.map((x, i) => compileItem(x, `${path}.${combinator}[${i}]`, captures, opts));
      return combinator === "any" ? (ctx) => anyOf(tests, ctx) : (ctx) => allOf(tests, ctx);
    }
  }
  const kindKeys = keys.filter((k) => k !== "capture");
  if (kindKeys.length !== 1) {
    throw new WhereError(
      `${path}: expected exactly one constraint besides "capture" (one of: ${constraintKeys().join(", ")}, not, any, all); got ${kindKeys.length === 0 ? "none" : kindKeys.join(", ")}`,
    );
  }
  const key = kindKeys[0] as string;
  const kind = byKey.get(key);
  if (!kind)
    throw new WhereError(`${path}: unknown constraint "${key}" (known: ${constraintKeys().join(", ")}, not, any, all)`);
  const capture = item.capture;
  if (typeof capture !== "string" || capture.length === 0)
    throw new WhereError(`${path}: "${key}" needs a "capture" naming a query capture`);
  const name = capture.replace(/^@/, "");
  if (!captures.has(name))
    throw new WhereError(
      `${path}: capture @${name} is not defined by the query (captures: ${[...captures].map((c) => `@${c}`).join(", ") || "none"})`,
    );
  const parsed = kind.arg.safeParse(item[key]);
  if (!parsed.success) {
    throw new WhereError(`${path}.${key}: ${parsed.error.issues.map((i) => i.message).join("; ")} (${kind.describe})`);
  }
  let test;
  try {
    test = kind.compile(parsed.data, opts);
  } catch (e) {
    throw new WhereError(`${path}.${key}: ${errorText(e)}`);
  }
  return (ctx) => {
    const nodes = ctx.captures.get(name);
    if (!nodes || nodes.length === 0) return -1;
    // A capture with several nodes (quantified): the best node decides.
    let best = -1;
    for (const n of nodes) {
      const v = level(test(n, ctx));
      if (v >= 0 && (best < 0 || v < best)) best = v;
      if (best === 0) break;
    }
    return best;
  };
}

function anyOf(tests: readonly MatchTest[], ctx: MatchContext): number {
  let best = -1;
  for (const t of tests) {
    const v = t(ctx);
    if (v >= 0 && (best < 0 || v < best)) best = v;
    if (best === 0) break;
  }
  return best;
}

function allOf(tests: readonly MatchTest[], ctx: MatchContext): number {
  let worst = 0;
  for (const t of tests) {
    const v = t(ctx);
    if (v < 0) return -1;
    if (v > worst) worst = v;
  }
  return worst;
}

/** Compile a rule's `where` list (all items must hold). Throws WhereError with a path on bad input. */
export function compileWhere(
  where: readonly unknown[],
  captures: ReadonlySet<string>,
  opts: CompileOptions,
): MatchTest {
  const tests = where.map((item, i) => compileItem(item, `where[${i}]`, captures, opts));
  return (ctx) => allOf(tests, ctx);
}

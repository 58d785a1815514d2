// Taint sources, sanitizers and propagators as data: rules/_sources/<language>.yml.
//
//   languages: [python]
//   sources:                       # where outside input enters
//     - request.args               #   this expression and everything read from it (request.args["id"], .get("id"))
//     - request.get_json()         #   the result of this call
//     - "{r,req}.FormValue()"      #   {a,b} = alternatives, * = any run of characters within one name
//   sanitizers: [int(), os.path.basename()]      # calls whose result is safe, whatever goes in
//   propagators: [os.path.join(), json.loads()]  # calls whose result carries their arguments' taint
//   parameters:                    # parameters that are themselves sources (all given fields must hold;
//                                  # the first rule that matches decides; `clean: true` marks non-input)
//     - decorator: '^(app|router)\.(get|post)\b'   # a decorator of the function (regex, without '@')
//       not-default: '^Depends\('                  # ... unless the default value matches
//
// Names are matched as written and as resolved through the file's imports (`from flask import
// request as r; r.args` is `flask.request.args`). A pattern ending in `()` names a call; sanitizers
// and propagators are always calls, so the `()` is optional there.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { compileRuleRegex, testRegex } from "../../regex.js";
import { errorText } from "../../text.js";

const Pattern = z.string().min(1).max(1000);

const ParameterRuleSchema = z
  .object({
    /** A decorator or annotation of the function, as written without '@' (regex). */
    decorator: z.string().min(1).optional(),
    /** An annotation / decorator of the parameter itself (simple names, any of). */
    annotation: z.array(z.string().min(1)).min(1).optional(),
    /** The function's name (regex). */
    function: z.string().min(1).optional(),
    /** The parameter's name (any of). */
    names: z.array(z.string().min(1)).min(1).optional(),
    /** The parameter's declared type (regex). */
    type: z.string().min(1).optional(),
    /** The default value (regex), e.g. FastAPI `Depends(...)`. */
    default: z.string().min(1).optional(),
    /** The matching parameters are known NOT to be outside input (dependency injection, ...). */
    clean: z.boolean().default(false),
    /** Not when the declared type matches (regex). */
    "not-type": z.string().min(1).optional(),
    /** Not when the default value matches (regex), e.g. FastAPI `Depends(...)`. */
    "not-default": z.string().min(1).optional(),
    /** Not these parameter names. */
    "not-names": z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine(
    (r) =>
      r.decorator !== undefined ||
      r.annotation !== undefined ||
      r.function !== undefined ||
      r.names !== undefined ||
      r.type !== undefined ||
      r.default !== undefined,
    {
      message: "a parameter rule needs at least one of decorator, annotation, function, names, type, default",
    },
  );

export const TaintFileSchema = z
  .object({
    languages: z.array(z.string().min(1)).min(1),
    sources: z.array(Pattern).default([]),
    sanitizers: z.array(Pattern).default([]),
    propagators: z.array(Pattern).default([]),
    parameters: z.array(ParameterRuleSchema).default([]),
  })
  .strict();

export type TaintFile = z.output<typeof TaintFileSchema>;
type ParameterRuleSpec = z.output<typeof ParameterRuleSchema>;

/** A compiled set of dotted-name patterns. */
export interface NameSet {
  test(name: string): boolean;
  readonly size: number;
}

/** `{a,b}` alternatives and `*` (any run of characters within one dotted segment) -> regex source. */
export function globSource(pattern: string): string {
  let out = "";
  let inBraces = false;
  for (const ch of pattern) {
    if (ch === "*") out += "[^.]*";
    else if (ch === "{" && !inBraces) {
      inBraces = true;
      out += "(?:";
    } else if (ch === "}" && inBraces) {
      inBraces = false;
      out += ")";
    } else if (ch === "," && inBraces) out += "|";
    else out += ch.replace(/[\\^$.|?+()[\]{}/]/g, "\\$&");
  }
  if (inBraces) throw new Error(`unclosed "{" in ${pattern}`);
  return out;
}

export function nameSet(patterns: readonly string[]): NameSet {
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const p of patterns) {
    if (/[*{]/.test(p)) globs.push(globSource(p));
    else exact.add(p);
  }
  const re = globs.length > 0 ? new RegExp(`^(?:${globs.join("|")})$`) : null;
  return {
    test: (name) => exact.has(name) || (re !== null && re.test(name)),
    size: exact.size + globs.length,
  };
}

export interface ParameterRule {
  decorator?: RegExp;
  annotation?: ReadonlySet<string>;
  function?: RegExp;
  names?: ReadonlySet<string>;
  type?: RegExp;
  default?: RegExp;
  /** Matching parameters are clean rather than sources. */
  clean: boolean;
  notType?: RegExp;
  notDefault?: RegExp;
  notNames?: ReadonlySet<string>;
}

/** Everything the taint analysis knows about one language's inputs. */
export interface TaintSpec {
  /** Expressions that are outside input, with everything read from them. */
  sources: NameSet;
  /** Calls whose result is outside input. */
  sourceCalls: NameSet;
  sanitizers: NameSet;
  propagators: NameSet;
  parameters: ParameterRule[];
}

export function emptyTaintSpec(): TaintSpec {
  return {
    sources: nameSet([]),
    sourceCalls: nameSet([]),
    sanitizers: nameSet([]),
    propagators: nameSet([]),
    parameters: [],
  };
}

const stripCall = (p: string) => (p.endsWith("()") ? p.slice(0, -2) : p);

function compileParameterRule(r: ParameterRuleSpec): ParameterRule {
  const out: ParameterRule = { clean: r.clean };
  if (r.default !== undefined) out.default = compileRuleRegex(r.default);
  if (r.decorator !== undefined) out.decorator = compileRuleRegex(r.decorator);
  if (r.annotation !== undefined) out.annotation = new Set(r.annotation);
  if (r.function !== undefined) out.function = compileRuleRegex(r.function);
  if (r.names !== undefined) out.names = new Set(r.names);
  if (r.type !== undefined) out.type = compileRuleRegex(r.type);
  if (r["not-type"] !== undefined) out.notType = compileRuleRegex(r["not-type"]);
  if (r["not-default"] !== undefined) out.notDefault = compileRuleRegex(r["not-default"]);
  if (r["not-names"] !== undefined) out.notNames = new Set(r["not-names"]);
  return out;
}

/** Merge the files that apply to one language into one compiled spec. */
export function compileTaintSpec(files: readonly TaintFile[]): TaintSpec {
  const sources: string[] = [];
  const sourceCalls: string[] = [];
  const sanitizers: string[] = [];
  const propagators: string[] = [];
  const parameters: ParameterRule[] = [];
  for (const f of files) {
    for (const s of f.sources) (s.endsWith("()") ? sourceCalls : sources).push(stripCall(s));
    sanitizers.push(...f.sanitizers.map(stripCall));
    propagators.push(...f.propagators.map(stripCall));
    parameters.push(...f.parameters.map(compileParameterRule));
  }
  return {
    sources: nameSet(sources),
    sourceCalls: nameSet(sourceCalls),
    sanitizers: nameSet(sanitizers),
    propagators: nameSet(propagators),
    parameters,
  };
}

export interface TaintLoadResult {
  files: TaintFile[];
  errors: string[];
}

/** Parse one rules/_sources/*.yml file. */
export function parseTaintFile(text: string, origin: string): TaintLoadResult {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    return { files: [], errors: [`${origin}: not valid YAML: ${errorText(e).split("\n")[0]}`] };
  }
  const parsed = TaintFileSchema.safeParse(doc);
  if (!parsed.success) {
    return {
      files: [],
      errors: [
        `${origin}: ${parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ")}`,
      ],
    };
  }
  try {
    // Compile once to surface bad globs and regexes with the file name.
    compileTaintSpec([parsed.data]);
  } catch (e) {
    return { files: [], errors: [`${origin}: ${errorText(e)}`] };
  }
  return { files: [parsed.data], errors: [] };
}

/** Test helper shared with the analysis: does a regex match (bounded input)? */
export function regexHolds(re: RegExp | undefined, text: string | null): boolean {
  return re !== undefined && text !== null && testRegex(re, text);
}

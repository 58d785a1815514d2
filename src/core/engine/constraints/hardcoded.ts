// `hardcoded: true|false`: the capture's value is (or is not) fixed in the source: a constant,
// or derived only from literals through local variables, fields, type conversions and the
// usual encodings: `[]byte("k")`, `"k".getBytes(UTF_8)`, `hex.DecodeString("6b")`,
// `Base64.getDecoder().decode("a2V5")`, `[]byte{1, 2, 3}`, `new byte[] {1, 2, 3}`.
// Meant for keys, IVs and salts, where "a literal turned into bytes" is the flaw.
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import { field, namedChildren } from "../../lang/nodes.js";
import { reachingBindings } from "../dataflow/scope.js";
import { classify, unwrap } from "../dataflow/values.js";
import type { FileContext } from "../file-context.js";
import { defineConstraint } from "./types.js";

const MAX_DEPTH = 10;

/** Methods whose result is derived from the receiver: `"k".getBytes()`. */
const FROM_RECEIVER = new Set([
  "getBytes",
  "toCharArray",
  "trim",
  "strip",
  "toLowerCase",
  "toUpperCase",
  "intern",
  "clone",
]);
/** Functions whose result is derived from their first argument: `hex.DecodeString("6b")`. */
const FROM_FIRST_ARG = new Set([
  "decode",
  "DecodeString",
  "decodeHex",
  "decodeBase64",
  "parseHexBinary",
  "fromHex",
  "copyOf",
  "valueOf",
  "Sum256",
  "Sum",
  "digest",
]);
/** Node types of array / slice literals whose elements decide the value. */
const ARRAY_LITERALS = new Set(["array_initializer", "literal_value"]);

function calleeName(n: Node): string | null {
  if (n.type === "method_invocation") return field(n, "name")?.text ?? null;
  if (n.type === "call_expression") {
    const fn = field(n, "function");
    if (!fn) return null;
    if (fn.type === "selector_expression") return field(fn, "field")?.text ?? null;
    if (fn.type === "identifier") return fn.text;
  }
  return null;
}

function args(n: Node): Node[] {
  const a = field(n, "arguments");
  return a ? namedChildren(a).filter((c) => c.type !== "comment") : [];
}

/** The value of the first name in `k, err := hex.DecodeString("...")` (bindings leave it unknown). */
function firstOfMulti(at: Node, name: string): Node | null {
  if (at.type !== "short_var_declaration" && at.type !== "assignment_statement") return null;
  const left = field(at, "left");
  const right = field(at, "right");
  if (!left || !right) return null;
  const first = left.type === "expression_list" ? left.namedChild(0) : left;
  const values = right.type === "expression_list" ? namedChildren(right) : [right];
  if (first?.text !== name || values.length !== 1) return null;
  const v = values[0] ?? null;
  return v && v.type === "call_expression" ? v : null;
}

function hardcodedAt(node: Node, ctx: FileContext, depth: number, visiting: Set<number>): boolean {
  const n = unwrap(node, ctx);
  if (depth > MAX_DEPTH || visiting.has(n.id)) return false;
  if (classify(n, ctx) === "constant") return true;
  visiting.add(n.id);
  try {
    return compute(n, ctx, depth, visiting);
  } finally {
    visiting.delete(n.id);
  }
}

function compute(n: Node, ctx: FileContext, depth: number, visiting: Set<number>): boolean {
  const rec = (x: Node | null | undefined) => x != null && hardcodedAt(x, ctx, depth + 1, visiting);
  switch (n.type) {
    case "type_conversion_expression": // Go []byte("k")
      return rec(field(n, "operand"));
    case "composite_literal": {
      // Go []byte{1, 2, 3}
      const body = field(n, "body");
      return body !== null && rec(body);
    }
    case "array_creation_expression": {
      // Java new byte[] {1, 2, 3}
      const value = field(n, "value");
      return value !== null && rec(value);
    }
    case "literal_element":
      return rec(n.namedChild(0));
    case "slice_expression": // Go sum[:]
      return rec(field(n, "operand"));
    case "method_invocation":
    case "call_expression": {
      const name = calleeName(n);
      if (!name) return false;
      if (FROM_RECEIVER.has(name)) {
        const recv = n.type === "method_invocation" ? field(n, "object") : field(field(n, "function") ?? n, "operand");
        return rec(recv);
      }
      if (FROM_FIRST_ARG.has(name)) return rec(args(n)[0]);
      return false;
    }
    default:
      break;
  }
  if (ARRAY_LITERALS.has(n.type)) {
    const elems = namedChildren(n).filter((c) => c.type !== "comment");
    return elems.length > 0 && elems.every((e) => rec(e));
  }
  if (ctx.lang.syntax.identifierTypes.has(n.type)) {
    const bindings = reachingBindings(n, n.text, ctx);
    if (bindings.length === 0) return false;
    return bindings.every((b) => rec(b.value ?? firstOfMulti(b.at, n.text)));
  }
  return false;
}

export function isHardcoded(node: Node, ctx: FileContext): boolean {
  return hardcodedAt(node, ctx, 0, new Set());
}

export const hardcoded = defineConstraint({
  key: "hardcoded",
  describe:
    "the capture's value is fixed in the source: literals, possibly converted or decoded (true), or not (false)",
  arg: z.boolean(),
  compile(arg) {
    return (node, ctx) => isHardcoded(node, ctx.file) === arg;
  },
});

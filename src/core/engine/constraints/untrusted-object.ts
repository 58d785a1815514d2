// `untrusted-object: true|false`: outside input that can carry STRUCTURE, not just text, reaches
// the capture: a dict or list parsed from a request's JSON body. This is what NoSQL operator
// injection needs (`{"password": {"$ne": null}}` in place of a string): a query-string value is
// always a string and cannot smuggle an operator, a JSON body can.
//
// Structured input is
//   - a JSON body read from the request: `request.json`, `request.get_json()`, `await request.json()`
//     (Flask, Starlette, aiohttp), DRF `request.data` (in a file that uses rest_framework)
//   - a JSON/YAML/msgpack parse (`json.loads(x)`, `orjson.loads`, `yaml.safe_load`, ...) of a value
//     that the `untrusted` analysis sees coming from a known source
//   - a route parameter (a known source) declared as `dict`, `Dict[...]`, `Any`, `list`, `Json`
// and whatever is read from it without turning it into a scalar: subscripts and attributes,
// `.get()`/`.pop()`/`.copy()`, dict and list literals holding it, `**spread`, loops over it,
// conditionals. `str(x)`, `int(x)`, `ObjectId(x)`, string methods, f-strings and any other call
// end it (an unknown function, e.g. a pydantic `model_validate`, is taken to return clean data).
// Within one function, like `untrusted`; a parameter of unknown origin is not structured input.
import type { Node } from "web-tree-sitter";
import { z } from "zod";
import { resolveName } from "../dataflow/scope.js";
import { SOURCE, pathNames, taintOf } from "../dataflow/taint.js";
import { unwrap } from "../dataflow/values.js";
import type { FileContext } from "../file-context.js";
import { defineConstraint } from "./types.js";

const MAX_DEPTH = 16;

/** Member reads that are a parsed request body. */
const BODY_MEMBERS = /^(?:flask\.)?(?:request|req|self\.request)\.(?:json|get_json|media)$/;
/** DRF's parsed body (only where rest_framework is used: Flask's request.data is bytes). */
const DRF_DATA = /^(?:request|req|self\.request)\.data$/;
/** Parsers whose result is structured when their input is outside input. */
const PARSERS =
  /^(?:json|simplejson|ujson|orjson|rapidjson)\.loads?$|^yaml\.(?:safe_load|load|full_load)$|^msgpack\.(?:unpackb|loads)$|^(?:bson\.)?json_util\.loads$|^(?:loads|safe_load)$/;
/** Methods of dicts/lists that return (part of) the container. */
const CONTAINER_METHODS = new Set([
  "get",
  "pop",
  "copy",
  "setdefault",
  "values",
  "items",
  "popitem",
  "to_dict",
  "dict",
  "model_dump",
  "getlist",
]);
/** Declared types of route parameters that hold structure. */
const STRUCTURED_TYPES = /^(?:typing\.)?(?:dict|Dict|Any|Mapping|MutableMapping|list|List|Json|object)\b/;

function structured(node: Node, ctx: FileContext, depth: number, visiting: Set<number>): boolean {
  const n = unwrap(node, ctx);
  if (depth > MAX_DEPTH || visiting.has(n.id)) return false;
  visiting.add(n.id);
  try {
    return compute(n, ctx, depth, visiting);
  } finally {
    visiting.delete(n.id);
  }
}

function compute(n: Node, ctx: FileContext, depth: number, visiting: Set<number>): boolean {
  const syntax = ctx.lang.syntax;
  const flow = syntax.flow;
  const rec = (x: Node | null | undefined) => x != null && structured(x, ctx, depth + 1, visiting);
  if (!flow) return false;
  if (syntax.constantTypes.has(n.type) || syntax.stringParts(n)) return false;

  if (syntax.identifierTypes.has(n.type)) {
    const origin = resolveName(n, n.text, ctx);
    if (origin.kind === "bindings") return origin.bindings.some((b) => b.part !== "mutate" && rec(b.value));
    if (origin.kind === "parameter") {
      const info = flow.parameter(origin.scope, n.text);
      return info !== null && info.type !== null && STRUCTURED_TYPES.test(info.type) && taintOf(n, ctx) === SOURCE;
    }
    return false;
  }

  const call = flow.call(n);
  if (call) {
    const names = call.path ? pathNames(call.path, ctx) : [];
    if (names.some((x) => BODY_MEMBERS.test(x))) return true;
    if (names.some((x) => PARSERS.test(x)))
      return call.args.length > 0 && taintOf(call.args[0] as Node, ctx) === SOURCE;
    const method = call.path?.rest.at(-1);
    if (call.receiver && method !== undefined && CONTAINER_METHODS.has(method)) return rec(call.receiver);
    return false;
  }

  const object = flow.member(n);
  if (object) {
    const path = syntax.calleePath(n);
    if (path) {
      const names = pathNames(path, ctx);
      if (names.some((x) => BODY_MEMBERS.test(x))) return true;
      if (names.some((x) => DRF_DATA.test(x)) && ctx.text.includes("rest_framework")) return true;
    }
    return rec(object);
  }

  const derived = flow.derived(n);
  if (derived) return derived.some((d) => rec(d));
  return false;
}

export function isUntrustedObject(node: Node, ctx: FileContext): boolean {
  return structured(node, ctx, 0, new Set());
}

export const untrustedObject = defineConstraint({
  key: "untrusted-object",
  describe:
    "structured outside input (a dict/list from a JSON request body) reaches the capture (true), or not (false)",
  arg: z.boolean(),
  compile(arg) {
    return (node, ctx) => isUntrustedObject(node, ctx.file) === arg;
  },
});

// Syntax hooks from a description of a grammar's node types, for adding a language without
// writing code: list which node types are literals, names, functions, assignments, calls and
// member reads, and the engine's value analysis (`constant`, `dynamic`, `value-matches`) and taint
// analysis (`untrusted`) work on it. Hand-written hooks (javascript.ts, python.ts, ...) remain
// the way to cover a language's finer points (destructuring, imports, keyword arguments).
import type { Node } from "web-tree-sitter";
import { type CalleePathSpec, tableCalleePath } from "./callee.js";
import { lastName } from "./naming.js";
import { field, namedChildren } from "./nodes.js";
import type {
  Binding,
  CalleePath,
  CallShape,
  FlowSyntax,
  LanguageSyntax,
  NamingSyntax,
  ParameterInfo,
} from "./types.js";

export interface GenericSyntaxSpec {
  /** Literal node types: strings without substitutions, numbers, booleans, nil/null. */
  constants: string[];
  /** Node types of plain variable references. */
  identifiers: string[];
  /** Function-like node types, plus the root node type: each opens a scope. */
  scopes: string[];
  /** Function-like node types (for the enclosing-function constraints); `scopes` when absent. */
  functions?: string[];
  /** Node types that wrap one expression unchanged (parentheses): type -> field, "#first" or "#last". */
  wrappers?: Record<string, string>;
  /** Binary expressions that concatenate strings (`+`, PHP `.`): types, operator tokens, and fields. */
  concatenation?: { types: string[]; operators: string[]; left: string; right: string; operator?: string };
  /** String literals with substitutions (`"#{x}"`, `"$x"`, `$"{x}"`): literal types and substitution child types. */
  interpolation?: { types: string[]; substitutions: string[] };
  /** Assignments: node type, target and value fields; `augmented` for `+=`-style node types. */
  assignments?: Array<{ type: string; left: string; right: string; augmented?: boolean }>;
  /**
   * Calls: node type and the field of the argument list; either `function` (the callee expression)
   * or `receiver` + `method` (grammars that split `a.b(x)` into fields of the call node).
   */
  calls?: Array<{ type: string; arguments: string; function?: string; receiver?: string; method?: string }>;
  /** Member reads and subscripts: node type, the object field, and the property field (for dotted names). */
  members?: Array<{ type: string; object: string; property?: string }>;
  /** Collection literals whose elements flow into the value (arrays, hashes); `pairs` maps a pair type to its value field. */
  collections?: { types: string[]; pairs?: Record<string, string> };
  /** The field on scope nodes that holds the parameter list. */
  parameters?: string;
  /** Parameter names that are the receiver (`self`, `this`). */
  receivers?: string[];
  /** Local name -> module, from the file's imports (optional). */
  imports?: (root: Node) => Map<string, string>;
}

type Spec = GenericSyntaxSpec;

/** The `stringParts` hook: concatenations and interpolated literals. */
function genericStringParts(spec: Spec): (node: Node) => Node[] | null {
  const concat = spec.concatenation;
  const concatTypes = new Set(concat?.types ?? []);
  const concatOps = new Set(concat?.operators ?? []);
  const interpTypes = new Set(spec.interpolation?.types ?? []);
  const substitutions = new Set(spec.interpolation?.substitutions ?? []);

  function operatorOf(node: Node): string | null {
    if (concat?.operator) return field(node, concat.operator)?.type ?? null;
    for (const c of node.children) if (c && !c.isNamed) return c.type;
    return null;
  }

  return (node) => {
    if (concat && concatTypes.has(node.type)) {
      const op = operatorOf(node);
      if (op === null || !concatOps.has(op)) return null;
      return [field(node, concat.left), field(node, concat.right)].filter((x): x is Node => x !== null);
    }
    if (interpTypes.has(node.type)) {
      const subs = namedChildren(node).filter((c) => substitutions.has(c.type));
      if (subs.length === 0) return null; // a plain literal: left to `constants`
      return subs.flatMap((s) => {
        const inner = namedChildren(s);
        return inner.length > 0 ? inner : [s];
      });
    }
    return null;
  };
}

/** The `calleePath` hook: names, member reads with a property field, and receiver/method calls. */
function genericCalleePath(spec: Spec): (node: Node) => CalleePath | null {
  const members: CalleePathSpec["members"] = [];
  for (const m of spec.members ?? []) if (m.property) members.push({ ...m, property: m.property });
  const methodCalls: CalleePathSpec["methodCalls"] = [];
  for (const c of spec.calls ?? [])
    if (c.method && c.receiver) methodCalls.push({ type: c.type, receiver: c.receiver, method: c.method });
  return tableCalleePath({
    roots: spec.identifiers,
    members,
    methodCalls,
    ...(spec.wrappers ? { wrappers: spec.wrappers } : {}),
    maxDepth: 32,
  });
}

/** The `bindings` hook: plain assignments to a name. */
function genericBindings(spec: Spec, identifiers: ReadonlySet<string>): (node: Node) => Binding[] | null {
  const assignments = new Map((spec.assignments ?? []).map((a) => [a.type, a]));
  return (node) => {
    const a = assignments.get(node.type);
    if (!a) return null;
    const left = field(node, a.left);
    if (!left || !identifiers.has(left.type)) return null;
    return [{ name: left.text, value: field(node, a.right), augmented: a.augmented === true, at: node }];
  };
}

/** The parameter node named `name` in the parameter list of `scope`, if any. */
function parameterNode(spec: Spec, identifiers: ReadonlySet<string>, scope: Node, name: string): Node | null {
  if (!spec.parameters) return null;
  const params = field(scope, spec.parameters);
  if (!params) return null;
  if (identifiers.has(params.type)) return params.text === name ? params : null;
  for (const id of params.descendantsOfType([...identifiers])) if (id?.text === name) return id;
  return null;
}

/** The taint hooks: calls, member reads, collection literals and parameters. */
function genericFlow(
  spec: Spec,
  identifiers: ReadonlySet<string>,
  calleePath: (node: Node) => CalleePath | null,
): FlowSyntax {
  const calls = new Map((spec.calls ?? []).map((c) => [c.type, c]));
  const members = new Map((spec.members ?? []).map((m) => [m.type, m]));
  const collections = new Set(spec.collections?.types ?? []);
  const pairs = new Map(Object.entries(spec.collections?.pairs ?? {}));
  return {
    call(node): CallShape | null {
      const c = calls.get(node.type);
      if (!c) return null;
      const list = field(node, c.arguments);
      const args = list ? namedChildren(list).filter((x) => !x.type.includes("comment")) : [];
      if (c.method) {
        const receiver = c.receiver ? field(node, c.receiver) : null;
        return { path: calleePath(node), receiver, args };
      }
      const fn = c.function ? field(node, c.function) : null;
      if (!fn) return { path: null, receiver: null, args };
      const m = members.get(fn.type);
      return { path: calleePath(fn), receiver: m ? field(fn, m.object) : null, args };
    },
    member(node) {
      const m = members.get(node.type);
      return m ? field(node, m.object) : null;
    },
    derived(node) {
      if (!collections.has(node.type)) return null;
      return namedChildren(node).flatMap((c) => {
        const valueField = pairs.get(c.type);
        if (valueField === undefined) return c.type.includes("comment") ? [] : [c];
        const v = field(c, valueField);
        return v ? [v] : [];
      });
    },
    parameter(scope, name): ParameterInfo | null {
      if (!parameterNode(spec, identifiers, scope, name)) return null;
      return {
        name,
        functionName: field(scope, "name")?.text ?? null,
        decorators: [],
        annotations: [],
        type: null,
        defaultValue: null,
      };
    },
    receiverParameters: new Set(spec.receivers ?? []),
  };
}

/**
 * The naming hooks: assignments name their values and the functions assigned; a `return` belongs
 * to the innermost function; calls name their callee in `function`, or as `receiver`.`method`.
 */
function genericNaming(spec: Spec, functions: ReadonlySet<string>): NamingSyntax {
  const assignments = spec.assignments ?? [];
  const calls = new Map((spec.calls ?? []).map((c) => [c.type, c]));
  const receivers = new Set(["this", "self", ...(spec.receivers ?? [])]);
  return {
    assignments: new Map(assignments.map((a) => [a.type, [a.left, a.right] as const])),
    returnFunctions: functions,
    expressionFunctions: new Set(),
    functionHolders: new Map(assignments.map((a) => [a.type, { fields: [a.left] }])),
    holderWrappers: new Set(Object.keys(spec.wrappers ?? {})),
    callTypes: [...calls.keys()],
    callsSelf(call, name) {
      const c = calls.get(call.type);
      if (!c) return false;
      const simple = lastName(name);
      if (c.function) {
        const text = field(call, c.function)?.text;
        return text === simple || text === name || [...receivers].some((r) => text === `${r}.${simple}`);
      }
      if (!c.method || field(call, c.method)?.text !== simple) return false;
      const receiver = c.receiver ? field(call, c.receiver) : null;
      return receiver === null || receivers.has(receiver.text);
    },
  };
}

export function genericSyntax(spec: GenericSyntaxSpec): LanguageSyntax {
  const identifiers = new Set(spec.identifiers);
  const calleePath = genericCalleePath(spec);
  const functions = new Set(spec.functions ?? spec.scopes);
  return {
    constantTypes: new Set(spec.constants),
    wrapperTypes: new Map(Object.entries(spec.wrappers ?? {})),
    identifierTypes: identifiers,
    scopeTypes: new Set(spec.scopes),
    functionTypes: functions,
    stringParts: genericStringParts(spec),
    bindingTypes: new Set((spec.assignments ?? []).map((a) => a.type)),
    bindings: genericBindings(spec, identifiers),
    imports: spec.imports ?? (() => new Map()),
    calleePath,
    naming: genericNaming(spec, functions),
    flow: genericFlow(spec, identifiers, calleePath),
  };
}

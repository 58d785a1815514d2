// The shape of one language entry. Everything the engine knows about a language
// lives behind this interface, so adding a language means adding an entry + rules.
import type { Node } from "web-tree-sitter";

export interface GrammarRef {
  /** npm package that ships the grammar (resolved through its package.json). */
  pkg: string;
  /** File name of the wasm grammar inside that package. */
  wasm: string;
}

export interface CommentSyntax {
  line: string[];
  block: Array<[open: string, close: string]>;
}

/**
 * String literals, as the sensitive-area lexer (src/core/areas/lexer.ts) sees them: with the
 * language's `comments`, what it blanks out of a line to leave code only.
 */
export interface StringSyntax {
  /** String delimiters that end at the end of the line at the latest. */
  quotes: string[];
  /** String delimiters that may span lines (`"""`, "`"). */
  multi: string[];
  /** "`" strings are JS templates with `${...}` substitutions. */
  template?: boolean;
  /** Multi-line delimiters whose strings have no escapes (Go raw strings). */
  raw?: string[];
  /** Identifier characters allowed right before a quote (Python `rb"..."`, `f'...'`). */
  prefixes?: RegExp;
}

/** A name an import statement binds, read lexically (see `LanguageDef.readImports`). */
export interface ImportBinding {
  /** Local name, possibly dotted (`django.contrib.auth` for a plain Python `import`). */
  local: string;
  /** The module's member this name stands for (`verify` in `import { verify } from "jsonwebtoken"`), or null for the module itself. */
  member: string | null;
}

/** One import statement, read lexically from lines of code (see `LanguageDef.readImports`). */
export interface ImportStmt {
  module: string;
  bindings: ImportBinding[];
  /** Names imported from the module (for weighing an import line by its members); empty: the whole module. */
  members: string[];
  /** 0-based index of the first and last line of the statement in the input. */
  from: number;
  to: number;
  typeOnly: boolean;
}

/** A local binding of a name to a value, found by the language's syntax hooks. */
export interface Binding {
  name: string;
  /** The expression assigned, or null when the value is unknown (e.g. destructuring). */
  value: Node | null;
  /** `x += y`: the new value is the old value plus `value`. */
  augmented: boolean;
  /** Node where the binding happens (for ordering against a use). */
  at: Node;
  /** `at.endIndex`, filled in once by the engine (reading it from the tree each time is costly). */
  end?: number | undefined;
  /**
   * How `value` relates to the name, when it is not plainly assigned:
   * - "destructure": the name receives a part of `value` (`const { id } = v`, `a, b = v`, `for x in v`)
   * - "out": `value` is a call that fills the name through a pointer (`json.Unmarshal(b, &x)`, `c.BindJSON(&x)`)
   * - "mutate": `value` is a call that appends its arguments to the name (`sb.append(x)`, `parts.push(x)`)
   * The value analysis (`constant`/`dynamic`) treats these as unknown; the taint analysis follows them.
   */
  part?: "destructure" | "out" | "mutate" | undefined;
}

/** A call, as the taint analysis sees it. */
export interface CallShape {
  /** The callee as a dotted path (`path.join`, `req.get`, `URL` for `new URL(x)`), or null when it is not a plain path. */
  path: CalleePath | null;
  /** The object a method is called on (`a` in `a.b(x)`), or null. */
  receiver: Node | null;
  /** Argument expressions (keyword/spread values included). */
  args: Node[];
  /** A type conversion (`[]byte(x)`, `(String) x`): the value passes through unchanged. */
  conversion?: boolean | undefined;
}

/** What the taint analysis needs to know about one parameter of a function. */
export interface ParameterInfo {
  name: string;
  /** Name of the function (or of the variable/property it is assigned to), when it has one. */
  functionName: string | null;
  /** Decorators / annotations on the function, as written without the leading `@`. */
  decorators: string[];
  /** Simple names of the annotations / decorators on the parameter itself (`RequestParam`, `Query`). */
  annotations: string[];
  /** The declared type, as written (`*http.Request`, `String`), or null. */
  type: string | null;
  /** The default value expression, or null. */
  defaultValue: Node | null;
}

/**
 * Syntax hooks for the taint analysis (the `untrusted` constraint). Optional: a language without
 * them still gets literals, local variables, string building and parameters.
 */
export interface FlowSyntax {
  /** Node types that read a name, besides `identifierTypes` (e.g. JS `{ id }` shorthand in an object literal). */
  referenceTypes?: ReadonlySet<string>;
  /** Calls and constructor calls (`f(x)`, `a.b(x)`, `new URL(x)`); null for other nodes. */
  call(node: Node): CallShape | null;
  /** For a member access or subscript (`a.b`, `a[i]`), the object it reads from; null otherwise. */
  member(node: Node): Node | null;
  /**
   * An expression that is a number whatever its operand holds (JS `a.length`): it carries no
   * taint, so a placeholder index built from it (`$${params.length}`) is not user input.
   */
  numeric?(node: Node): boolean;
  /**
   * For expressions whose value comes from sub-expressions unchanged or combined (array/list/dict
   * literals, conditionals, `a || b`, spreads, `&x`), those sub-expressions; null otherwise.
   */
  derived(node: Node): Node[] | null;
  /** When `scope` (a function) declares parameter `name`, what is known about it; else null. */
  parameter(scope: Node, name: string): ParameterInfo | null;
  /** Parameter names that are the receiver, never outside input (`self`, `cls`). */
  receiverParameters?: ReadonlySet<string>;
}

export interface CalleePath {
  /** First element: a local name, or a module when `rootIsModule` (e.g. `require("m").x`). */
  root: string;
  rootIsModule?: boolean;
  rest: string[];
}

/** A node that holds a function and gives it its name (`const f = () => ...`, `{ key: function () {} }`). */
export interface FunctionHolder {
  /** Fields that may hold the name, the first present one wins. */
  fields: readonly string[];
  /** The name is a quoted key (`{ "onSubmit": () => ... }`): strip the quotes. */
  unquote?: boolean;
}

/**
 * Where values and functions get their names: what `target-matches`, `called-as` and the
 * enclosing-function constraints (src/core/engine/constraints/) read.
 */
export interface NamingSyntax {
  /**
   * Node types that bind a name to a value (assignments, declarations, keyword arguments, keys):
   * type -> [name field, value field]. A value is "stored under" the name.
   */
  assignments: ReadonlyMap<string, readonly [name: string, value: string]>;
  /**
   * Function node types a `return` belongs to: `target-matches` names a returned value after the
   * function (its `name` field, or the name it is assigned to). Its own set, not `functionTypes`
   * (JavaScript: no generator expressions; Java: methods only).
   */
  returnFunctions: ReadonlySet<string>;
  /** Function node types whose `body` may be an expression, which is then returned (`() => x`, `lambda: x`). */
  expressionFunctions: ReadonlySet<string>;
  /** Nodes that give an anonymous function their name: node type -> where the name is. */
  functionHolders: ReadonlyMap<string, FunctionHolder>;
  /** Nodes between a function and its holder that are looked through (parentheses, `as` casts). */
  holderWrappers: ReadonlySet<string>;
  /** Call node types (where `in-recursive-function` looks for a function calling itself, `called-as` for its callers). */
  callTypes: readonly string[];
  /** Whether `call` calls the function named `name` (possibly dotted) itself: by that name, or on `this` / `self`. */
  callsSelf(call: Node, name: string): boolean;
}

/**
 * Syntax hooks used by the constraint evaluator and the value analysis.
 * They are small, language-specific facts about a grammar's node types.
 */
export interface LanguageSyntax {
  /** Node types that are compile-time constants on their own (string literals, numbers, booleans). */
  constantTypes: ReadonlySet<string>;
  /**
   * Node types that wrap a single expression without changing its value (parentheses, type casts),
   * mapped to where the inner expression is: a field name, "#first" or "#last" named child.
   */
  wrapperTypes: ReadonlyMap<string, string>;
  /** Node types of plain variable references. */
  identifierTypes: ReadonlySet<string>;
  /** Node types that open a new local scope (functions, lambdas, methods). */
  scopeTypes: ReadonlySet<string>;
  /**
   * Function-like node types (declarations, methods, constructors, lambdas): the functions that
   * `in-function-named`, `named-function-matches`, `in-recursive-function` and `called-as` look for.
   */
  functionTypes: ReadonlySet<string>;
  /**
   * When `node` builds a string from pieces (template with substitutions, `+`, f-string,
   * `%`/`.format`, `fmt.Sprintf`, ...), the pieces whose constness decides the result.
   * Returns null when the node is not a string-building expression.
   */
  stringParts(node: Node): Node[] | null;
  /**
   * When `node` joins the elements of a collection into a string (JS `parts.join(" ")` on a
   * variable), the collection expression; null otherwise. The value analysis then looks at the
   * elements the collection was built from (its literal, what is pushed into it).
   */
  joinedCollection?(node: Node): Node | null;
  /** Node types of collection literals whose elements are their named children (`[a, b]`). */
  collectionTypes?: ReadonlySet<string>;
  /** Node types for which `bindings()` may return something (lets the walk skip other nodes cheaply). */
  bindingTypes: ReadonlySet<string>;
  /** The bindings (assignments, declarations) that `node` itself performs, or null. */
  bindings(node: Node): Binding[] | null;
  /** Map of local name -> qualified module path, from the file's import statements. */
  imports(root: Node): Map<string, string>;
  /** A callee expression as a dotted path (`cp.exec` -> root "cp", rest ["exec"]), or null if not a plain path. */
  calleePath(node: Node): CalleePath | null;
  /** Keyword arguments of a call's argument list (name -> value node). */
  keywordArguments?(args: Node): Map<string, Node>;
  /** Where values and functions get their names (see NamingSyntax). */
  naming: NamingSyntax;
  /** Hooks for the taint analysis (see FlowSyntax). */
  flow?: FlowSyntax;
}

export interface LanguageDef {
  /** Language id used by rules (e.g. "javascript"). */
  id: string;
  extensions: string[];
  /** Interpreter names recognised on a `#!` line (e.g. "node", "python3"). */
  interpreters: string[];
  grammar: GrammarRef;
  comments: CommentSyntax;
  syntax: LanguageSyntax;
  /**
   * String literals, for the sensitive-area lexer (with `comments`). Absent: `"` and `'` strings
   * that end with the line.
   */
  strings?: StringSyntax;
  /**
   * The sensitive-area signals' import reader: the import statements in `lines`, read lexically
   * (no parse tree: the lines may be a hunk, a fragment of a file). The lines are the lexer's
   * `code` view: comments blanked, strings kept. Absent: the language's imports are not read.
   */
  readImports?(lines: readonly string[]): ImportStmt[];
  /**
   * The local name a file uses for a known module it does not visibly import (a bare diff, or a
   * name it neither imports nor declares): "module" for the module's own name (`bcrypt`),
   * "package" for the last element of a Go package path (`github.com/golang-jwt/jwt/v5` -> `jwt`).
   * Absent: no such guess (Java names classes, which a file always imports or qualifies).
   */
  implicitImports?: "module" | "package";
}

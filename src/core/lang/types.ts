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

/** A local binding of a name to a value, found by the language's syntax hooks. */
export interface Binding {
  name: string;
  /** The expression assigned, or null when the value is unknown (e.g. destructuring). */
  value: Node | null;
  /** `x += y`: the new value is the old value plus `value`. */
  augmented: boolean;
  /** Node where the binding happens (for ordering against a use). */
  at: Node;
}

export interface CalleePath {
  /** First element: a local name, or a module when `rootIsModule` (e.g. `require("m").x`). */
  root: string;
  rootIsModule?: boolean;
  rest: string[];
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
   * When `node` builds a string from pieces (template with substitutions, `+`, f-string,
   * `%`/`.format`, `fmt.Sprintf`, ...), the pieces whose constness decides the result.
   * Returns null when the node is not a string-building expression.
   */
  stringParts(node: Node): Node[] | null;
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
}

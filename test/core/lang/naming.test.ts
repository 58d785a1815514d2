// The naming hooks (LanguageSyntax.naming) of each language: they name node types its grammar
// has, and `callsSelf` tells a call to the function itself from other calls.
import { beforeAll, describe, expect, it } from "vitest";
import { type Language, type Node, Parser } from "web-tree-sitter";
import { loadGrammar } from "../../../src/core/lang/grammars.js";
import { callsSelfByCallee, lastName } from "../../../src/core/lang/naming.js";
import { LANGUAGES, languageById } from "../../../src/core/lang/registry.js";
import type { LanguageDef } from "../../../src/core/lang/types.js";

const grammars = new Map<string, Language>();
beforeAll(async () => {
  for (const l of LANGUAGES) grammars.set(l.id, await loadGrammar(l));
});

/** The calls (of the language's call types) in `code`, by their text, each with what `callsSelf(name)` says. */
function selfCalls(id: string, code: string, name: string): Record<string, boolean> {
  const def = languageById(id) as LanguageDef;
  const parser = new Parser();
  parser.setLanguage(grammars.get(id)!);
  const tree = parser.parse(code);
  if (!tree) throw new Error("no tree");
  try {
    const out: Record<string, boolean> = {};
    const { naming } = def.syntax;
    for (const c of tree.rootNode.descendantsOfType([...naming.callTypes]) as Node[])
      out[c.text] = naming.callsSelf(c, name);
    return out;
  } finally {
    tree.delete();
    parser.delete();
  }
}

describe("naming hooks", () => {
  it("name only node types (and fields) that a grammar of the languages sharing them has", () => {
    // JavaScript, TypeScript and TSX share one syntax: a type may be TypeScript's only.
    const bySyntax = new Map<LanguageDef["syntax"], Language[]>();
    for (const l of LANGUAGES) bySyntax.set(l.syntax, [...(bySyntax.get(l.syntax) ?? []), grammars.get(l.id)!]);
    for (const [syntax, gs] of bySyntax) {
      const n = syntax.naming;
      const types = [
        ...n.assignments.keys(),
        ...n.returnFunctions,
        ...n.expressionFunctions,
        ...n.functionHolders.keys(),
        ...n.holderWrappers,
        ...n.callTypes,
      ];
      for (const t of types)
        expect(
          gs.some((g) => g.idForNodeType(t, true) !== null),
          t,
        ).toBe(true);
      const fields = [...n.assignments.values()]
        .flat()
        .concat([...n.functionHolders.values()].flatMap((h) => h.fields));
      for (const f of fields)
        expect(
          gs.some((g) => g.fieldIdForName(f) !== null),
          f,
        ).toBe(true);
    }
  });

  it("lastName is the last element of a dotted name", () => {
    expect(lastName("obj.merge")).toBe("merge");
    expect(lastName("merge")).toBe("merge");
    expect(lastName("a.b.c")).toBe("c");
  });

  it("callsSelf by callee: the name, its last element, or that on this / self", () => {
    expect(
      selfCalls("javascript", "merge(a); this.merge(b); self.merge(c); other.merge(d); x.y.merge(e);", "x.y.merge"),
    ).toEqual({
      "merge(a)": true,
      "this.merge(b)": true,
      "self.merge(c)": true,
      "other.merge(d)": false,
      "x.y.merge(e)": true,
    });
    expect(selfCalls("python", "walk(a)\nself.walk(b)\nos.walk(c)\n", "walk")).toEqual({
      "walk(a)": true,
      "self.walk(b)": true,
      "os.walk(c)": false,
    });
    expect(selfCalls("go", "package p\nfunc f() { walk(a); filepath.Walk(b) }\n", "walk")).toEqual({
      "walk(a)": true,
      "filepath.Walk(b)": false,
    });
    expect(callsSelfByCallee("function")).toBeTypeOf("function");
  });

  it("Java: the bare method name, on no object or on `this` only", () => {
    expect(
      selfCalls("java", "class A { void m() { merge(a); this.merge(b); other.merge(c); mergeAll(d); } }", "merge"),
    ).toEqual({
      "merge(a)": true,
      "this.merge(b)": true,
      "other.merge(c)": false,
      "mergeAll(d)": false,
    });
  });
});

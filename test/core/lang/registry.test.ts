import { describe, expect, it } from "vitest";
import { grammarPath } from "../../../src/core/lang/grammars.js";
import { detectLanguage, LANGUAGES, languageById, shebangInterpreter } from "../../../src/core/lang/registry.js";
import { existsSync } from "node:fs";

describe("language detection by extension", () => {
  const cases: Array<[string, string | null]> = [
    ["src/a.js", "javascript"],
    ["src/a.mjs", "javascript"],
    ["src/a.cjs", "javascript"],
    ["src/App.jsx", "javascript"],
    ["src/a.ts", "typescript"],
    ["src/a.mts", "typescript"],
    ["src/a.cts", "typescript"],
    ["src/App.tsx", "tsx"],
    ["app/main.py", "python"],
    ["cmd/server/main.go", "go"],
    ["src/main/java/App.java", "java"],
    ["SRC/UPPER.PY", "python"],
    ["README.md", null],
    ["Makefile", null],
    [".env", null],
    ["types.d.ts", "typescript"],
    ["weird.js.map", null],
  ];
  for (const [path, id] of cases) {
    it(`${path} -> ${id}`, () => {
      expect(detectLanguage(path)?.id ?? null).toBe(id);
    });
  }
});

describe("language detection by shebang", () => {
  const cases: Array<[string, string | null]> = [
    ["#!/usr/bin/env node\nconsole.log(1)", "javascript"],
    ["#!/usr/local/bin/node\n", "javascript"],
    ["#!/usr/bin/env python3\nprint(1)", "python"],
    ["#!/usr/bin/python3.12\n", "python"],
    ["#!/usr/bin/env -S node --experimental-vm-modules\n", "javascript"],
    ["#!/usr/bin/env FOO=1 python\n", "python"],
    ["#!/bin/bash\necho hi", null],
    ["no shebang here", null],
  ];
  for (const [content, id] of cases) {
    it(JSON.stringify(content.split("\n")[0]), () => {
      expect(detectLanguage("bin/tool", content)?.id ?? null).toBe(id);
    });
  }

  it("extension wins over shebang", () => {
    expect(detectLanguage("scripts/x.py", "#!/usr/bin/env node\n")?.id).toBe("python");
  });

  it("parses the interpreter name", () => {
    expect(shebangInterpreter("#!/usr/bin/env -S deno run\n")).toBe("deno");
    expect(shebangInterpreter("#! /usr/bin/node")).toBe("node");
    expect(shebangInterpreter("print()")).toBeNull();
  });
});

describe("registry entries", () => {
  it("every language has an existing grammar, comment syntax and syntax hooks", () => {
    for (const l of LANGUAGES) {
      expect(existsSync(grammarPath(l)), l.id).toBe(true);
      expect(l.comments.line.length + l.comments.block.length, l.id).toBeGreaterThan(0);
      expect(typeof l.syntax.stringParts).toBe("function");
    }
  });

  it("JavaScript, TypeScript and TSX share one set of syntax hooks", () => {
    expect(languageById("typescript")?.syntax).toBe(languageById("javascript")?.syntax);
    expect(languageById("tsx")?.syntax).toBe(languageById("javascript")?.syntax);
  });

  it("extensions are unique across languages", () => {
    const all = LANGUAGES.flatMap((l) => l.extensions);
    expect(new Set(all).size).toBe(all.length);
  });

  it("every language says how its strings look, reads its imports, and says what a module is called unimported", () => {
    for (const l of LANGUAGES) {
      expect(l.strings?.quotes, l.id).toContain('"');
      expect(typeof l.readImports, l.id).toBe("function");
    }
    expect(languageById("tsx")?.strings).toBe(languageById("javascript")?.strings);
    expect(languageById("javascript")?.strings?.template).toBe(true);
    expect(languageById("go")?.strings?.raw).toEqual(["`"]);
    expect(languageById("python")?.strings?.prefixes?.test("rb")).toBe(true);
    expect(LANGUAGES.map((l) => [l.id, l.implicitImports ?? null])).toEqual([
      ["javascript", "module"],
      ["typescript", "module"],
      ["tsx", "module"],
      ["python", "module"],
      ["go", "package"],
      ["java", null],
    ]);
  });

  it("each language's import reader reads its own import statements only", () => {
    const read = (id: string, lines: string[]) =>
      languageById(id)
        ?.readImports?.(lines)
        .map((s) => s.module);
    expect(read("javascript", ['import jwt from "jsonwebtoken";', 'const fs = require("node:fs");'])).toEqual([
      "jsonwebtoken",
      "fs",
    ]);
    expect(read("python", ["import hashlib", "from flask import request"])).toEqual(["hashlib", "flask"]);
    expect(read("go", ['import "crypto/rand"'])).toEqual(["crypto/rand"]);
    expect(read("java", ["import java.security.MessageDigest;"])).toEqual(["java.security.MessageDigest"]);
    expect(read("java", ["import hashlib"])).toEqual([]);
    expect(read("python", ['const fs = require("fs");'])).toEqual([]);
  });
});

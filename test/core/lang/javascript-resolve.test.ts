// The JavaScript `imports` hook (jsImports): names bound to modules by `import`, and by `require`
// at any depth, including IIFE parameters and UMD factory parameters fed by the wrapper's call.
import { beforeAll, describe, expect, it } from "vitest";
import { Parser } from "web-tree-sitter";
import { loadGrammar } from "../../../src/core/lang/grammars.js";
import { languageById } from "../../../src/core/lang/registry.js";

let parser: Parser;
let tsParser: Parser;
beforeAll(async () => {
  const ts = languageById("typescript");
  if (!ts) throw new Error("no typescript");
  const tsGrammar = await loadGrammar(ts);
  tsParser = new Parser();
  tsParser.setLanguage(tsGrammar);
  const def = languageById("javascript");
  if (!def) throw new Error("no javascript");
  const grammar = await loadGrammar(def);
  parser = new Parser();
  parser.setLanguage(grammar);
});

function importsOf(code: string): Record<string, string> {
  const tree = parser.parse(code);
  if (!tree) throw new Error("no tree");
  try {
    const syntax = languageById("javascript")?.syntax;
    if (!syntax) throw new Error("no javascript");
    return Object.fromEntries(syntax.imports(tree.rootNode));
  } finally {
    tree.delete();
  }
}

describe("jsImports", () => {
  it("keeps top-level imports and requires", () => {
    expect(
      importsOf(
        'import * as cp from "node:child_process";\nimport { exec as run } from "child_process";\nconst { join: j } = require("path");\nconst spawn = require("child_process").spawn;',
      ),
    ).toEqual({ cp: "child_process", run: "child_process.exec", j: "path.join", spawn: "child_process.spawn" });
  });

  it("resolves a require inside an IIFE, a `!function` and a nested function", () => {
    expect(importsOf("(function () {\n  var cp = require('child_process');\n  cp.exec(cmd);\n})();")).toEqual({
      cp: "child_process",
    });
    expect(importsOf("!function () { const { execSync } = require('child_process'); execSync(x) }();")).toEqual({
      execSync: "child_process.execSync",
    });
    expect(importsOf("function f() { let sh; sh = require('shelljs'); return sh.exec(c) }")).toEqual({
      sh: "shelljs",
    });
  });

  it("resolves an IIFE parameter fed by require()", () => {
    expect(importsOf("(function (cp, fs) { cp.exec(x) })(require('child_process'), require('fs'));")).toEqual({
      cp: "child_process",
      fs: "fs",
    });
  });

  it("resolves a UMD factory parameter fed by require() or define([...])", () => {
    const umd = `(function (root, factory) {
  if (typeof define === 'function' && define.amd) define(['child_process', 'os'], factory);
  else if (typeof module === 'object') module.exports = factory(require('child_process'), require('os'));
  else root.Runner = factory(root.cp, root.os);
})(this, function (cp, os) {
  return { run: function (x) { return cp.exec(x); } };
});`;
    expect(importsOf(umd)).toEqual({ cp: "child_process", os: "os" });
    const amdOnly = "(function (factory) { define(['shelljs'], factory) })(function (shell) { shell.exec(c) });";
    expect(importsOf(amdOnly)).toEqual({ shell: "shelljs" });
  });

  it("a top-level binding wins over a nested one; parameters fed other values stay unresolved", () => {
    expect(
      importsOf(
        "const exec = require('child_process').exec;\nfunction f() { const exec = require('./exec'); exec(a) }",
      ),
    ).toEqual({ exec: "child_process.exec" });
    expect(importsOf("(function (cp) { cp.exec(x) })(window.cp);")).toEqual({});
    expect(
      importsOf("(function (root, factory) { module.exports = factory(root.x) })(this, function (cp) {});"),
    ).toEqual({});
  });
});

describe("jsImports: promisified functions keep their name", () => {
  it("promisify(exec), util.promisify(cp.exec), require('util').promisify(require('child_process').exec), pify", () => {
    expect(
      importsOf(
        "const { promisify } = require('util');\nconst { exec } = require('child_process');\nconst run = promisify(exec);",
      ).run,
    ).toBe("child_process.exec");
    expect(
      importsOf("import util from 'util';\nimport cp from 'child_process';\nconst x = util.promisify(cp.exec);").x,
    ).toBe("child_process.exec");
    expect(importsOf("const execP = require('util').promisify(require('child_process').exec);").execP).toBe(
      "child_process.exec",
    );
    expect(
      importsOf("import pify from 'pify';\nimport { execFile } from 'child_process';\nconst ef = pify(execFile);").ef,
    ).toBe("child_process.execFile");
    expect(
      importsOf(
        "function f() { const Bluebird = require('bluebird'); const sh = Bluebird.promisify(require('child_process').exec) }",
      ).sh,
    ).toBe("child_process.exec");
  });
  it("a promisified local function stays unresolved", () => {
    expect(
      importsOf("const util = require('util');\nfunction work(cb) {}\nconst w = util.promisify(work);").w,
    ).toBeUndefined();
  });
});

describe("jsImports: members of a module taken through a local alias", () => {
  it("const exec = child.exec, const { spawn: run } = cp, at any depth", () => {
    expect(
      importsOf("const child = require('child_process');\nconst exec = child.exec;\nconst spawn = child.spawn;"),
    ).toEqual({ child: "child_process", exec: "child_process.exec", spawn: "child_process.spawn" });
    expect(importsOf("import cp from 'child_process';\nfunction f() { const { spawn: run, execSync } = cp; }")).toEqual(
      {
        cp: "child_process",
        run: "child_process.spawn",
        execSync: "child_process.execSync",
      },
    );
  });
  it("an alias of something that is not a module stays unresolved", () => {
    expect(importsOf("const exec = child.exec;\nconst { spawn } = helpers;")).toEqual({});
    expect(importsOf("const { exec } = require('child_process');\nconst run = exec.bind(null);")).toEqual({
      exec: "child_process.exec",
    });
  });
});

describe("jsImports: TypeScript import-equals", () => {
  it("import cp = require('child_process')", () => {
    const tree = tsParser.parse("import cp = require('node:child_process');\ncp.exec(x);");
    if (!tree) throw new Error("no tree");
    try {
      expect(Object.fromEntries(languageById("typescript")?.syntax.imports(tree.rootNode) ?? [])).toEqual({
        cp: "child_process",
      });
    } finally {
      tree.delete();
    }
  });
});

// Traces of taint findings: source first, each binding / string built / call on the way, sink last.
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";
import type { RawFinding } from "../../../../src/core/types.js";

let scanner: Scanner;
beforeAll(async () => {
  scanner = (await createScanner()).scanner;
});

function findings(path: string, code: string, rule: string): RawFinding[] {
  return scanner.scan({ path, content: code, changedLines: new Set() }).findings.filter((f) => f.ruleId === rule);
}

const brief = (f: RawFinding | undefined) => f?.trace?.map((s) => `${s.line}:${s.role}:${s.code}`);

describe("trace", () => {
  it("JavaScript: request field, two bindings, the sink", () => {
    const code = [
      'const { exec } = require("child_process");',
      'app.get("/x", (req, res) => {',
      "  const name = req.query.name;",
      '  const dir = "/srv/" + name;',
      "  const cmd = `ls -la ${dir}`;",
      "  exec(cmd, () => {});",
      "});",
    ].join("\n");
    const [f] = findings("src/a.js", code, "js.command.exec-dynamic");
    expect(brief(f)).toEqual([
      "3:source:req.query.name",
      '4:step:dir = "/srv/" + name',
      "5:step:cmd = `ls -la ${dir}`",
      "6:sink:exec(cmd, () => {})",
    ]);
    expect(f?.confidence).toBe("high");
  });
});

describe("trace in other languages", () => {
  it("Python: a Flask argument through an f-string", () => {
    const code = [
      "import os",
      "from flask import request",
      "",
      "def convert():",
      '    name = request.args.get("name")',
      '    cmd = f"convert {name} out.png"',
      "    os.system(cmd)",
    ].join("\n");
    const [f] = findings("app/a.py", code, "py.command.os-system");
    expect(brief(f)).toEqual([
      '5:source:request.args.get("name")',
      '6:step:cmd = f"convert {name} out.png"',
      "7:sink:os.system(cmd)",
    ]);
  });

  it("Java: a servlet parameter through a concatenation", () => {
    const code = [
      "class Thumb {",
      "  void thumb(HttpServletRequest req) throws IOException {",
      '    String f = req.getParameter("f");',
      '    String cmd = "convert /data/" + f;',
      "    Runtime.getRuntime().exec(cmd);",
      "  }",
      "}",
    ].join("\n");
    const [f] = findings("src/Thumb.java", code, "java.command.runtime-exec");
    expect(f?.trace?.[0]).toMatchObject({ line: 3, role: "source", code: 'req.getParameter("f")' });
    expect(f?.trace?.map((s) => s.role)).toEqual(["source", "step", "sink"]);
    expect(f?.trace?.[1]?.line).toBe(4);
  });

  it("a parameter of unknown origin is the source of a lowered finding", () => {
    const code = ["import os", "def show(path):", '    cmd = "cat " + path', "    return os.popen(cmd).read()"].join(
      "\n",
    );
    const [f] = findings("app/a.py", code, "py.command.os-system");
    expect(brief(f)).toEqual(["2:source:path", '3:step:cmd = "cat " + path', "4:sink:os.popen(cmd)"]);
    const js = [
      'const { exec } = require("child_process");',
      "function purge(dir) {",
      '  exec("rm -rf " + dir);',
      "}",
    ].join("\n");
    const [g] = findings("src/a.js", js, "js.command.exec-dynamic");
    expect(g?.confidence).toBe("medium");
    expect(brief(g)).toEqual(["2:source:dir", '3:sink:exec("rm -rf " + dir)']);
  });

  it("a finding without taint has no trace", () => {
    const code = [
      'const crypto = require("crypto");',
      "function seal(req, key, iv) {",
      '  return crypto.createCipheriv("des-cbc", key, iv).update(req.body.text);',
      "}",
    ].join("\n");
    const all = scanner.scan({ path: "src/a.js", content: code, changedLines: new Set() }).findings;
    expect(all.length).toBeGreaterThan(0);
    for (const f of all) expect(f.trace).toBeUndefined();
  });
});

// The differential analysis with the real engine: both sides of a file are analysed and only what
// the change introduced is reported, wherever its sink is, with the reason (issue 11, item 1).
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import type { Change } from "../../src/core/change.js";
import { createScanner } from "../../src/core/engine/index.js";
import type { Scanner } from "../../src/core/engine/scanner.js";
import { defaultConfig } from "../../src/core/policy/schema.js";
import type { Finding } from "../../src/core/types.js";
import { changedFileOf, changeOf } from "../helpers/review.js";

let scanner: Scanner;
beforeAll(async () => {
  scanner = (await createScanner()).scanner;
}, 120_000);

function change(base: string | null, head: string, path = "src/app.js"): Change {
  return changeOf([changedFileOf(path, base, head)], defaultConfig());
}

const findings = (base: string | null, head: string): Finding[] => analyze(change(base, head), scanner).findings;

const GUARDED = `const fs = require("fs");
const path = require("path");
app.get("/files/:name", (req, res) => {
  const p = path.join(ROOT, req.params.name);
  if (!p.startsWith(ROOT + path.sep)) return res.sendStatus(403);
  fs.createReadStream(p).pipe(res);
});
`;
const UNGUARDED = GUARDED.replace("  if (!p.startsWith(ROOT + path.sep)) return res.sendStatus(403);\n", "");

describe("differential analysis", () => {
  it("reports an unchanged sink whose guard the change removed, naming the guard and its base line", () => {
    const [f, ...rest] = findings(GUARDED, UNGUARDED);
    expect(rest).toEqual([]);
    expect(f?.ruleId).toMatch(/^js\.path\./);
    expect(f?.line).toBe(5);
    expect(f?.introducedBy).toEqual({
      kind: "removed-guard",
      lines: [],
      baseLine: 5,
      detail: "this change removed `if (!p.startsWith(ROOT + path.sep)) return res.sendStatus(403);` on base line 5",
    });
  });

  it("is quiet on the fixing change: the guard added back", () => {
    expect(findings(UNGUARDED, GUARDED)).toEqual([]);
  });

  it("never reports a finding present at the base, however its lines moved", () => {
    // an unrelated line added above: the vulnerable read moves down one line
    expect(findings(UNGUARDED, `// files\n${UNGUARDED}`)).toEqual([]);
    // the handler reindented and moved below a new one
    const moved = `const fs = require("fs");
const path = require("path");
app.get("/health", (req, res) => res.send("ok"));
app.get("/files/:name", (req, res) => {
    const p = path.join(ROOT,   req.params.name);
    fs.createReadStream(p).pipe(res);
});
`;
    expect(findings(UNGUARDED, moved)).toEqual([]);
  });

  it("reports a sink that did not change when the change built its input", () => {
    const base = `app.get("/orders", async (req, res) => {
  const sql = "SELECT * FROM orders WHERE status = 'open'";
  const rows = await db.query(sql);
  res.json(rows);
});
`;
    const head = base.replace(
      `"SELECT * FROM orders WHERE status = 'open'"`,
      `"SELECT * FROM orders WHERE status = '" + req.query.status + "'"`,
    );
    const found = findings(base, head);
    expect(found.map((f) => f.ruleId)).toContain("js.sql.string-built-query");
    const sink = found.find((f) => f.line === 3);
    expect(sink?.introducedBy?.kind).toBe("changed-flow");
    expect(sink?.introducedBy?.lines).toEqual([2]);
  });

  it("reports a second copy of a vulnerable line as one new finding, on the added line", () => {
    const head = UNGUARDED.replace(
      "  fs.createReadStream(p).pipe(res);\n",
      "  fs.createReadStream(p).pipe(res);\n  fs.createReadStream(p).pipe(res);\n",
    );
    const found = findings(UNGUARDED, head);
    expect(found.map((f) => [f.line, f.introducedBy?.kind])).toEqual([[6, "changed-line"]]);
  });

  it("reports every finding of a new file as written by the change", () => {
    const found = findings(null, UNGUARDED);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f.introducedBy?.kind).toBe("changed-line");
  });

  it("keeps only findings on changed lines when the base cannot be rebuilt, and says so", () => {
    const c = change(GUARDED, UNGUARDED);
    // a head that moved on from the patch (a context line differs): reverse-applying it fails
    const broken = { ...c.files[0]!, headContent: UNGUARDED.replace('"/files/:name"', '"/file/:name"') };
    const a = analyze({ ...c, files: [broken] }, scanner);
    expect(a.findings).toEqual([]);
    expect(a.notes.some((n) => n.includes("base version could not be rebuilt"))).toBe(true);
  });
});

describe("a sink line the change rewrote", () => {
  const base = `const fs = require("fs");
function readUpload(req, name) {
  return fs.readFileSync("uploads/" + name);
}
`;

  it("keeps the base's finding when the rewritten line is flawed in the same way", () => {
    expect(findings(base, base.replace(`"uploads/" + name)`, `"uploads/" + name, "utf8")`))).toEqual([]);
  });

  it("reports it when the rewrite makes it more certain: a parameter became request input", () => {
    const found = findings(base, base.replace(`"uploads/" + name)`, `"uploads/" + req.query.name)`));
    expect(found.map((f) => [f.ruleId, f.line, f.confidence, f.introducedBy?.kind])).toEqual([
      ["js.path.traversal", 3, "high", "changed-line"],
    ]);
  });
});

describe("differential analysis in Python", () => {
  const base = `import os
from flask import request, send_file

@app.route("/files")
def download():
    name = request.args.get("name")
    full = os.path.realpath(os.path.join(ROOT, name))
    if os.path.commonpath([ROOT, full]) != ROOT:
        abort(403)
    return send_file(full)
`;
  const head = base.replace("    if os.path.commonpath([ROOT, full]) != ROOT:\n        abort(403)\n", "");

  it("reports the unchanged send_file whose containment check the change removed", () => {
    const a = analyze(change(base, head, "app/views.py"), scanner);
    const f = a.findings.find((x) => x.ruleId === "py.path.traversal-file-access");
    expect(f?.line).toBe(8);
    expect(f?.introducedBy?.kind).toBe("removed-guard");
    expect(f?.introducedBy?.baseLine).toBe(8);
    expect(f?.introducedBy?.detail).toContain("os.path.commonpath([ROOT, full]) != ROOT");
  });

  it("is quiet when the change adds the check", () => {
    expect(analyze(change(head, base, "app/views.py"), scanner).findings).toEqual([]);
  });
});

describe("the fingerprint key", () => {
  it("keeps a call's key when only its callback body changed", async () => {
    const { sinkKeyText } = await import("../../src/core/differential.js");
    const base = "request(url, function (err, res, body) {\n  cb(null, body);\n})";
    const head =
      "request(url, function (err, res, body) {\n  if (res.statusCode >= 500) return cb(err);\n  cb(null, body);\n})";
    expect(sinkKeyText(head)).toBe(sinkKeyText(base));
    // a short first line takes the next ones until the key says enough
    expect(sinkKeyText("exec(\n  cmd,\n  cb\n)")).toBe("exec( cmd, cb )");
    expect(sinkKeyText("exec(\n  cmd,\n  cb\n)")).not.toBe(sinkKeyText("exec(\n  other,\n  cb\n)"));
  });
});

const CHECKED = `const { exec } = require("child_process");
app.get("/ping", (req, res) => {
  const host = req.query.host;
  if (host.indexOf(";") !== -1) throw new Error("bad host");
  exec("ping -c 1 " + host, (err, out) => res.send(out));
});
`;
const UNCHECKED = CHECKED.replace('  if (host.indexOf(";") !== -1) throw new Error("bad host");\n', "");

describe("a finding on both sides whose check the change removed", () => {
  it("is reported as a removed guard: the rule did not know the check, the sink still lost it", () => {
    // the rule fires on both sides (a denylist of one character is no check it trusts) ...
    expect(findings(null, CHECKED).map((f) => f.ruleId)).toContain("js.command.exec-dynamic");
    // ... and the change that deletes the check is what made it reachable
    const f = findings(CHECKED, UNCHECKED).find((x) => x.ruleId === "js.command.exec-dynamic");
    expect(f?.introducedBy).toMatchObject({ kind: "removed-guard", baseLine: 4 });
    expect(f?.introducedBy?.detail).toContain('host.indexOf(";")');
  });

  it("is not reported when the change adds the check, or swaps it for another", () => {
    expect(findings(UNCHECKED, CHECKED).filter((x) => x.ruleId === "js.command.exec-dynamic")).toEqual([]);
    const swapped = CHECKED.replace('host.indexOf(";") !== -1', "!checkHost(host)");
    expect(findings(CHECKED, swapped).filter((x) => x.ruleId === "js.command.exec-dynamic")).toEqual([]);
    // the new check comes after more than 20 other added lines of the function
    const logging = Array.from({ length: 25 }, (_, i) => `  console.log("step ${i}");\n`).join("");
    const late = swapped.replace("  if (!checkHost(host))", `${logging}  if (!checkHost(host))`);
    expect(findings(CHECKED, late).filter((x) => x.ruleId === "js.command.exec-dynamic")).toEqual([]);
  });

  it("is not reported when the removed line is not a check (a log line, say)", () => {
    const logged = CHECKED.replace("  exec(", '  console.log("ping", host);\n  exec(');
    expect(findings(logged, CHECKED).filter((x) => x.ruleId === "js.command.exec-dynamic")).toEqual([]);
  });
});

// A parser's table of patterns, each run on text it is given (its uses are not in view).
const TABLE = (hsl: string, hwb: string) => `module.exports = {
  hsl: ${hsl},
  hwb: ${hwb},
};
`;
const HSL = String.raw`/^hsla?\(\s*([+-]?\d{0,3})\s*,\s*([\d.]+)%\)$/`;
const HWB_SAFE = String.raw`/^hwb\(([+-]?\d{0,3}(?:\.\d+)?),/`;
const HWB_QUADRATIC = String.raw`/^hwb\(([+-]?\d*[\.]?\d+),/`;
const TABLE_RULE = "js.redos.polynomial-pattern-table";

describe("a regex the change rewrote", () => {
  it("is reported when it now backtracks where it did not (a kept pattern, uses not in view)", () => {
    const f = findings(TABLE(HSL, HWB_SAFE), TABLE(HSL, HWB_QUADRATIC)).filter((x) => x.ruleId === TABLE_RULE);
    expect(f.map((x) => x.line)).toEqual([3]);
    expect(f[0]?.confidence).toBe("low");
  });

  it("is not reported when the fix removes the backtracking, nor when an edit keeps the same places", () => {
    expect(findings(TABLE(HSL, HWB_QUADRATIC), TABLE(HSL, HWB_SAFE)).filter((x) => x.ruleId === TABLE_RULE)).toEqual(
      [],
    );
    // the same ambiguity (\d* against \d+), the bound of another part edited
    const edited = HWB_QUADRATIC.replace("[+-]?", "[+-]{0,1}");
    expect(findings(TABLE(HSL, HWB_QUADRATIC), TABLE(HSL, edited)).filter((x) => x.ruleId === TABLE_RULE)).toEqual([]);
  });

  it("is reported when an edit keeps every old place and adds one (the change made it worse)", () => {
    const APPLIED = (re: string) => `function parse(s) {\n  return ${re}.exec(s);\n}\nmodule.exports = parse;\n`;
    // spaces around an optional unit trade with each other; the edit adds \d* against \d+
    const one = String.raw`/^(\d+)\s*(?:px)?\s*;(\d+)x$/`;
    const two = String.raw`/^(\d+)\s*(?:px)?\s*;(\d*\.?\d+)x$/`;
    const rule = "js.redos.polynomial-backtracking";
    expect(findings(null, APPLIED(one)).map((x) => x.ruleId)).toContain(rule);
    expect(findings(APPLIED(one), APPLIED(two)).filter((x) => x.ruleId === rule)).toHaveLength(1);
    expect(findings(APPLIED(two), APPLIED(one)).filter((x) => x.ruleId === rule)).toEqual([]);
  });
});

// The file name comes from a call the analysis cannot see into: its origin is unknown.
const LOOKED_UP = `const fs = require("fs");
const path = require("path");
const ROOT = "/srv/files";
function serve(out) {
  const name = currentName();
  if (name.includes("..")) throw new Error("bad name");
  out.end(fs.readFileSync(path.join(ROOT, name)));
}
module.exports = { serve };
`;
const NOT_CHECKED = LOOKED_UP.replace('  if (name.includes("..")) throw new Error("bad name");\n', "");

describe("an unchanged sink of a value of unknown origin whose check the change removed", () => {
  it("is reported, at low confidence, naming the removed check", () => {
    // no finding on either side: nothing says the name is outside input
    expect(findings(null, NOT_CHECKED).filter((f) => f.line === 7)).toEqual([]);
    const f = findings(LOOKED_UP, NOT_CHECKED).filter((x) => x.line === 6);
    expect(f.length).toBeGreaterThan(0);
    expect(f[0]?.confidence).toBe("low");
    expect(f[0]?.introducedBy).toMatchObject({ kind: "removed-guard", baseLine: 6 });
  });

  it("is not reported when the removed check names nothing the sink uses, or a check is written", () => {
    const other = LOOKED_UP.replace('if (name.includes(".."))', "if (DEBUG)");
    expect(findings(other, other.replace('  if (DEBUG) throw new Error("bad name");\n', ""))).toEqual([]);
    const swapped = LOOKED_UP.replace('name.includes("..")', "!isSafeName(name)");
    expect(findings(LOOKED_UP, swapped)).toEqual([]);
    // the fixing change, which writes the check back
    expect(findings(NOT_CHECKED, LOOKED_UP)).toEqual([]);
  });
});

describe("checks inside a function the change deleted", () => {
  const WITH_HELPER = `const { exec } = require("child_process");
function unusedValidator(host) {
  if (host.indexOf(";") !== -1) throw new Error("bad host");
  return host;
}
app.get("/ping", (req, res) => {
  const host = req.query.host;
  exec("ping -c 1 " + host, (err, out) => res.send(out));
});
`;
  const WITHOUT_HELPER = WITH_HELPER.replace(/function unusedValidator[^]*?\n}\n/, "");

  it("are not guards of the function the deletion now sits next to", () => {
    expect(WITHOUT_HELPER).not.toContain("unusedValidator");
    // the finding is on both sides; deleting dead code around it is no removed guard
    expect(findings(WITH_HELPER, WITHOUT_HELPER).filter((x) => x.ruleId === "js.command.exec-dynamic")).toEqual([]);
  });
});

describe("a rule that wants a known source, in the relaxed scan", () => {
  const PY_CHECKED = `import os
BASE = "/srv/files"
def serve(out):
    name = current_name()
    if ".." in name:
        raise ValueError("bad name")
    with open(os.path.join(BASE, name)) as f:
        out.write(f.read())
`;
  const PY_UNCHECKED = PY_CHECKED.replace('    if ".." in name:\n        raise ValueError("bad name")\n', "");

  it("also takes a value of unknown origin as input, at low confidence, when its check was deleted", () => {
    const py = (base: string | null, head: string) => analyze(change(base, head, "app/files.py"), scanner).findings;
    expect(py(null, PY_UNCHECKED)).toEqual([]);
    const f = py(PY_CHECKED, PY_UNCHECKED);
    expect(f.map((x) => [x.ruleId, x.confidence, x.introducedBy?.kind])).toEqual([
      ["py.path.traversal-file-access", "low", "removed-guard"],
    ]);
    expect(py(PY_UNCHECKED, PY_CHECKED)).toEqual([]);
  });
});

describe("a sink line the change rewrote", () => {
  const CLEANED = `const { exec } = require("child_process");
module.exports = function which(name, done) {
  exec("which " + cleanName(name), (err, out) => done(err, out));
};
`;
  const RAW = CLEANED.replace("cleanName(name)", "name");

  it("is reported when the rewrite dropped the check or cleaning call it held", () => {
    // the rule fires on both sides: it does not know cleanName ...
    expect(findings(null, CLEANED).map((f) => f.ruleId)).toContain("js.command.exec-dynamic");
    // ... and the rewrite that drops it is what the reviewer must see
    const f = findings(CLEANED, RAW).filter((x) => x.ruleId === "js.command.exec-dynamic");
    expect(f.map((x) => x.introducedBy?.kind)).toEqual(["removed-guard"]);
  });

  it("is not reported when the rewrite adds the cleaning, or keeps it", () => {
    expect(findings(RAW, CLEANED).filter((x) => x.ruleId === "js.command.exec-dynamic")).toEqual([]);
    const kept = CLEANED.replace("(err, out) => done(err, out)", "(err, stdout) => done(err, stdout)");
    expect(findings(CLEANED, kept).filter((x) => x.ruleId === "js.command.exec-dynamic")).toEqual([]);
  });
});

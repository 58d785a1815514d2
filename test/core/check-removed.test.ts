// change.security-check-removed: a deleted condition that tested a value for an attack pattern,
// with nothing in the change testing for it again.
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { createScanner } from "../../src/core/engine/index.js";
import type { Scanner } from "../../src/core/engine/scanner.js";
import { defaultConfig } from "../../src/core/policy/schema.js";
import type { Finding } from "../../src/core/types.js";
import { changedFileOf, changeOf } from "../helpers/review.js";

let scanner: Scanner;
beforeAll(async () => {
  scanner = (await createScanner()).scanner;
}, 120_000);

function findings(base: string, head: string, path = "lib/merge.js"): Finding[] {
  const change = changeOf([changedFileOf(path, base, head)], defaultConfig());
  return analyze(change, scanner).findings.filter((f) => f.ruleId === "change.security-check-removed");
}

const GUARDED = `function assign(target, key, value) {
  if (key === "__proto__" || key === "constructor") return target;
  target[key] = value;
  return target;
}
module.exports = assign;
`;
const OPEN = GUARDED.replace('  if (key === "__proto__" || key === "constructor") return target;\n', "");

describe("change.security-check-removed", () => {
  it("reports a deleted key check, at the line it was, with the weakness it guarded", () => {
    const f = findings(GUARDED, OPEN);
    expect(f.map((x) => [x.line, x.cwe, x.introducedBy?.kind, x.introducedBy?.baseLine])).toEqual([
      [2, ["CWE-1321"], "removed-guard", 2],
    ]);
    expect(f[0]?.message).toContain("prototype pollution");
  });

  it("is quiet on the fix, and when the check is replaced or moved", () => {
    expect(findings(OPEN, GUARDED)).toEqual([]);
    // replaced by another test of the same thing
    const replaced = GUARDED.replace(
      'if (key === "__proto__" || key === "constructor") return target;',
      "if (!Object.prototype.hasOwnProperty.call(target, key) && key in Object.prototype) return target;",
    );
    expect(findings(GUARDED, replaced)).toEqual([]);
    // moved into a helper the change writes
    const moved = `${OPEN.replace("  target[key] = value;", "  if (unsafeKey(key)) return target;\n  target[key] = value;")}function unsafeKey(k) {\n  return k === "__proto__" || k === "constructor";\n}\n`;
    expect(findings(GUARDED, moved)).toEqual([]);
  });

  it("reports a check rewritten without the part that tested for the pattern, not the reverse", () => {
    const both = GUARDED.replace(
      'key === "__proto__" || key === "constructor"',
      'typeof key !== "string" || key === "__proto__"',
    );
    const weaker = GUARDED.replace('key === "__proto__" || key === "constructor"', 'typeof key !== "string"');
    expect(findings(both, weaker).map((f) => [f.line, f.cwe])).toEqual([[2, ["CWE-1321"]]]);
    expect(findings(weaker, both)).toEqual([]);
  });

  it("knows traversal, script URL and option checks; leaves test files and deleted functions alone", () => {
    const py = `def open_upload(root, name):\n    if ".." in name:\n        raise ValueError(name)\n    return storage.load(root, name)\n`;
    const pyOpen = py.replace('    if ".." in name:\n        raise ValueError(name)\n', "");
    expect(findings(py, pyOpen, "app/uploads.py").map((f) => f.cwe)).toEqual([["CWE-22"]]);
    expect(findings(py, pyOpen, "tests/test_uploads.py")).toEqual([]);
    const js = `function link(url) {\n  if (/^javascript:/i.test(url)) return "#";\n  return url;\n}\n`;
    expect(
      findings(js, js.replace('  if (/^javascript:/i.test(url)) return "#";\n', ""), "src/link.js").map((f) => f.cwe),
    ).toEqual([["CWE-79"]]);
    const go = `package git\n\nfunc clone(url string) error {\n\tif strings.HasPrefix(url, "-") {\n\t\treturn errBadURL\n\t}\n\treturn run("git", "clone", url)\n}\n`;
    const goOpen = go.replace('\tif strings.HasPrefix(url, "-") {\n\t\treturn errBadURL\n\t}\n', "");
    expect(findings(go, goOpen, "git/clone.go").map((f) => f.cwe)).toEqual([["CWE-88"]]);
    // a whole function deleted (dead code): its checks guarded nothing that is left
    const twoFns = `${GUARDED}function unused(key) {\n  if (key === "__proto__") throw new Error("no");\n  return key;\n}\n`;
    expect(findings(twoFns, GUARDED)).toEqual([]);
  });

  it("knows a removed call to a path or URL validator by its name, also on a condition's second line", () => {
    const java = `class Files {
    Resource find(String path) {
        if (isInvalidPath(decode(path))) {
            return null;
        }
        return this.cache.get(path);
    }
}
`;
    const javaOpen = java.replace(
      "        if (isInvalidPath(decode(path))) {\n            return null;\n        }\n",
      "",
    );
    expect(findings(java, javaOpen, "src/Files.java").map((f) => [f.cwe, f.introducedBy?.baseLine])).toEqual([
      [["CWE-22"], 3],
    ]);
    expect(findings(javaOpen, java, "src/Files.java")).toEqual([]);
    const py = `def login(request):\n    target = request.args.get("next")\n    if not is_safe_url(target, request.host):\n        target = "/"\n    session["next"] = target\n`;
    const pyOpen = py.replace('    if not is_safe_url(target, request.host):\n        target = "/"\n', "");
    expect(findings(py, pyOpen, "app/auth.py").map((f) => f.cwe)).toEqual([["CWE-601"]]);
    // the condition's part that called the validator dropped, the rest kept
    const multi = `class Repo {
    Resource get(Resource location, String local) {
        Resource file = location.createRelative(local);
        if (file.exists() && file.isReadable() && PathUtils
                .checkResource(file, location)) {
            return file;
        }
        return null;
    }
}
`;
    const weakened = multi.replace(
      "        if (file.exists() && file.isReadable() && PathUtils\n                .checkResource(file, location)) {",
      "        if (file.exists() && file.isReadable()) {",
    );
    expect(findings(multi, weakened, "src/Repo.java").map((f) => f.cwe)).toEqual([["CWE-22"]]);
    // a validator swapped for another one of the same thing: replaced, not removed
    const swapped = java.replace("isInvalidPath(decode(path))", "!isSafePath(path)");
    expect(findings(java, swapped, "src/Files.java")).toEqual([]);
    // a name that only says what a value is (`isFile`, `isDirectory`) guards nothing
    const isFile = java.replace("isInvalidPath(decode(path))", "isFile(path)");
    expect(findings(isFile, javaOpen, "src/Files.java")).toEqual([]);
  });
});

describe("change.security-check-removed on refactors", () => {
  it("is quiet when the check moved into another file of the change, or became an error test", () => {
    const base = `package api\n\nfunc open(host string) error {\n\tif err := shared.ValidateHost(host); err != nil {\n\t\treturn err\n\t}\n\treturn dial(host)\n}\n`;
    // the validation now happens in a helper, and the hunk writes the usual error test
    const head = `package api\n\nfunc open(host string) error {\n\tcfg, err := load(host)\n\tif err != nil {\n\t\treturn err\n\t}\n\treturn dial(cfg.Host)\n}\n`;
    const helper = changedFileOf(
      "api/config.go",
      "package api\n",
      "package api\n\nfunc load(h string) (Config, error) {\n\tif err := shared.ValidateHost(h); err != nil {\n\t\treturn Config{}, err\n\t}\n\treturn Config{Host: h}, nil\n}\n",
    );
    const both = changeOf([changedFileOf("api/open.go", base, head), helper], defaultConfig());
    expect(analyze(both, scanner).findings.filter((f) => f.ruleId === "change.security-check-removed")).toEqual([]);
    // alone, it is a rewrite (the hunk writes a condition), not a weakened check: `if err != nil`
    // tests no value
    expect(findings(base, head, "api/open.go")).toEqual([]);
    // the validator deleted outright is reported
    const deleted = base.replace("\tif err := shared.ValidateHost(host); err != nil {\n\t\treturn err\n\t}\n", "");
    expect(findings(base, deleted, "api/open.go").map((f) => f.cwe)).toEqual([["CWE-601"]]);
  });

  it("does not take a test for localhost for a URL validator", () => {
    const py = `def start(args):\n    if is_localhost(args.dbaddress):\n        os.makedirs(args.config_directory)\n    serve(args)\n`;
    expect(
      findings(
        py,
        py.replace("    if is_localhost(args.dbaddress):\n        os.makedirs(args.config_directory)\n", ""),
        "app/server.py",
      ),
    ).toEqual([]);
  });
});

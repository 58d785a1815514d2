// change.escaping-removed: a line the change rewrote by taking a value out of its escaping or
// cleaning call, judged from the hunks alone (no sink needs to be in view).
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

function review(base: string, head: string, path: string, disable: string[] = []) {
  const config = defaultConfig();
  config.rules.disable = disable;
  return analyze(changeOf([changedFileOf(path, base, head)], config), scanner);
}
const unwrapped = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === "change.escaping-removed");

const JAVA = (value: string) => `package app;

public class ActionProxy {
    private String namespace;

    public ActionProxy(String namespace) {
        this.namespace = ${value};
    }
}
`;

describe("change.escaping-removed", () => {
  it("reports a value taken out of its escaping call, with the weakness its name points to", () => {
    const a = review(JAVA("StringEscapeUtils.escapeEcmaScript(namespace)"), JAVA("namespace"), "src/ActionProxy.java");
    const f = unwrapped(a.findings);
    expect(f.map((x) => [x.line, x.cwe, x.confidence])).toEqual([[7, ["CWE-79"], "medium"]]);
    expect(f[0]?.message).toContain("StringEscapeUtils.escapeEcmaScript() around namespace");
    expect(f[0]?.introducedBy?.kind).toBe("changed-line");
    // the review names the check among its rules
    expect(a.rules.map((r) => r.id)).toContain("change.escaping-removed");
  });

  it("is quiet on the fix, which adds the call, and on an edit that keeps it", () => {
    expect(
      unwrapped(review(JAVA("namespace"), JAVA("StringEscapeUtils.escapeEcmaScript(namespace)"), "A.java").findings),
    ).toEqual([]);
    const kept = review(JAVA("escapeHtml(namespace)"), JAVA("escapeHtml(namespace.trim())"), "A.java");
    expect(unwrapped(kept.findings)).toEqual([]);
  });

  it("is quiet when the change writes the same call elsewhere (the escaping moved to the output)", () => {
    const base = `def render(out, name):\n    label = html.escape(name)\n    out.write(label)\n`;
    const head = `def render(out, name):\n    label = name\n    out.write(html.escape(label))\n`;
    expect(unwrapped(review(base, head, "app/view.py").findings)).toEqual([]);
  });

  it("names shell quoting and path cleaning for what they are", () => {
    const py = review(
      `def run(host):\n    cmd = "ping -c 1 " + shlex.quote(host)\n    return cmd\n`,
      `def run(host):\n    cmd = "ping -c 1 " + host\n    return cmd\n`,
      "app/net.py",
    );
    expect(unwrapped(py.findings).map((f) => f.cwe)).toEqual([["CWE-78"]]);
    const go = review(
      `package files\n\nfunc pathOf(root, name string) string {\n\treturn filepath.Join(root, filepath.Clean(name))\n}\n`,
      `package files\n\nfunc pathOf(root, name string) string {\n\treturn filepath.Join(root, name)\n}\n`,
      "files/path.go",
    );
    expect(unwrapped(go.findings).map((f) => f.cwe)).toEqual([["CWE-22"]]);
  });

  it("counts a safe wrapper taken off (a transport that refuses private addresses)", () => {
    const go = review(
      `package fetch

func client() *http.Client {
	transport := netsafe.SafeTransport(cleanhttp.DefaultTransport())
	return &http.Client{Transport: transport}
}
`,
      `package fetch

func client() *http.Client {
	transport := cleanhttp.DefaultTransport()
	return &http.Client{Transport: transport}
}
`,
      "fetch/client.go",
    );
    expect(unwrapped(go.findings).map((f) => [f.line, f.cwe])).toEqual([[4, ["CWE-918"]]]);
  });

  it("never quotes a secret: a line holding one is reported for the secret, masked", () => {
    const token = ["ghp_iG1GHt1XkHPuS7BpVZjo", "fGY8Qfldx43h70n4"].join("");
    const a = review(
      `const header = encodeHeader(auth + "${token}");\nmodule.exports = header;\n`,
      `const header = auth + "${token}";\nmodule.exports = header;\n`,
      "src/header.js",
    );
    expect(a.findings.some((f) => f.line === 1 && f.ruleId !== "change.escaping-removed")).toBe(true);
    expect(JSON.stringify(a.findings)).not.toContain(token);
  });

  it("can be switched off like any rule", () => {
    const a = review(JAVA("escapeHtml(namespace)"), JAVA("namespace"), "A.java", ["change.escaping-removed"]);
    expect(unwrapped(a.findings)).toEqual([]);
  });

  it("reports a cleaned value's definition removed while the value is still used, and not its fix", () => {
    const go = `package http

func download(w http.ResponseWriter, r *http.Request) (int, error) {
	input := r.URL.Query().Get("path")
	path, err := utils.SanitizeUserPath(input)
	if err != nil {
		return http.StatusBadRequest, err
	}
	return serveFile(w, path)
}
`;
    const open = go.replace(
      '\tinput := r.URL.Query().Get("path")\n\tpath, err := utils.SanitizeUserPath(input)\n\tif err != nil {\n\t\treturn http.StatusBadRequest, err\n\t}\n',
      '\tpath := r.URL.Query().Get("path")\n',
    );
    const a = review(go, open, "http/download.go");
    const f = unwrapped(a.findings);
    expect(f.map((x) => [x.line, x.cwe, x.introducedBy?.kind, x.introducedBy?.baseLine])).toEqual([
      [4, ["CWE-22"], "removed-guard", 5],
    ]);
    expect(f[0]?.message).toContain("path = utils.SanitizeUserPath(input)");
    expect(unwrapped(review(open, go, "http/download.go").findings)).toEqual([]);
    // deleted outright: `name = secure_filename(name)`
    const py = `def save(upload, name):\n    name = secure_filename(name)\n    upload.save(os.path.join(UPLOADS, name))\n`;
    const pyOpen = py.replace("    name = secure_filename(name)\n", "");
    expect(unwrapped(review(py, pyOpen, "app/upload.py").findings).map((x) => x.cwe)).toEqual([["CWE-22"]]);
  });

  it("is quiet when the cleaning is swapped, called elsewhere, or the value is no longer used", () => {
    const py = `def save(upload, name):\n    name = secure_filename(name)\n    upload.save(os.path.join(UPLOADS, name))\n`;
    // another cleaner written in its place
    const swapped = py.replace("secure_filename(name)", "safe_name(name)");
    expect(unwrapped(review(py, swapped, "app/upload.py").findings)).toEqual([]);
    // the same cleaner called at the use instead
    const moved = `def save(upload, name):\n    upload.save(os.path.join(UPLOADS, secure_filename(name)))\n`;
    expect(unwrapped(review(py, moved, "app/upload.py").findings)).toEqual([]);
    // the variable and its uses gone with it
    const gone = `def save(upload, name):\n    upload.save(os.path.join(UPLOADS, "default"))\n`;
    expect(unwrapped(review(py, gone, "app/upload.py").findings)).toEqual([]);
    // a flag computed from the cleaner is not the value cleaned
    const flag = `def check(name):\n    ok = secure_filename(name) == name\n    return name\n`;
    expect(unwrapped(review(flag, "def check(name):\n    return name\n", "app/check.py").findings)).toEqual([]);
    // test code
    expect(
      unwrapped(review(py, py.replace("    name = secure_filename(name)\n", ""), "tests/test_upload.py").findings),
    ).toEqual([]);
  });

  it("leaves tests alone: their escaping protects nothing in production", () => {
    const a = review(
      JAVA("StringEscapeUtils.escapeEcmaScript(namespace)"),
      JAVA("namespace"),
      "src/test/ActionProxyTest.java",
    );
    expect(unwrapped(a.findings)).toEqual([]);
  });
});

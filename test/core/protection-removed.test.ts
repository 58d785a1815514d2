// change.protection-removed: a deleted line that set a protection (a security header, a cookie
// flag, autoescaping, XML hardening, TLS verification, CSRF middleware, tar's filter, a
// prototype-less object) that nothing in the change sets again.
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/core/analyze.js";
import { createScanner } from "../../src/core/engine/index.js";
import type { Scanner } from "../../src/core/engine/scanner.js";
import { defaultConfig } from "../../src/core/policy/schema.js";
import type { ChangedFile, Finding } from "../../src/core/types.js";
import { changedFileOf, changeOf } from "../helpers/review.js";

let scanner: Scanner;
beforeAll(async () => {
  scanner = (await createScanner()).scanner;
}, 120_000);

function removed(files: ChangedFile[], disable: string[] = []): Finding[] {
  const config = defaultConfig();
  config.rules.disable = disable;
  return analyze(changeOf(files, config), scanner).findings.filter((f) => f.ruleId === "change.protection-removed");
}
const one = (path: string, base: string, head: string) => removed([changedFileOf(path, base, head)]);

const GO = `package web

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}
`;
const GO_OPEN = GO.replace('\t\tw.Header().Set("X-Content-Type-Options", "nosniff")\n', "");

describe("change.protection-removed", () => {
  it("reports a security header no longer set, at the line it was, as removed-guard", () => {
    const f = one("web/headers.go", GO, GO_OPEN);
    expect(f.map((x) => [x.line, x.cwe, x.introducedBy?.kind, x.introducedBy?.baseLine])).toEqual([
      [6, ["CWE-693"], "removed-guard", 6],
    ]);
    expect(f[0]?.message).toContain("X-Content-Type-Options: nosniff");
    // the fix, which adds it, is quiet
    expect(one("web/headers.go", GO_OPEN, GO)).toEqual([]);
  });

  it("is quiet when another file of the change sets it again, and on test files", () => {
    const moved = changedFileOf(
      "web/middleware.go",
      "package web\n",
      'package web\n\nfunc nosniff(w http.ResponseWriter) {\n\tw.Header().Set("X-Content-Type-Options", "nosniff")\n}\n',
    );
    expect(removed([changedFileOf("web/headers.go", GO, GO_OPEN), moved])).toEqual([]);
    expect(one("web/headers_test.go", GO, GO_OPEN)).toEqual([]);
  });

  it("knows cookie flags, autoescaping, XML hardening, TLS checks, CSRF, tar filters and null-prototype objects", () => {
    const cases: Array<[string, string, string]> = [
      ["app/settings.py", "DEBUG = False\nSESSION_COOKIE_HTTPONLY = True\nALLOWED_HOSTS = []\n", "CWE-1004"],
      ["app/render.py", "env = Environment(\n    loader=loader,\n    autoescape=True,\n)\n", "CWE-79"],
      ["app/xml.py", "parser = etree.XMLParser(\n    resolve_entities=False,\n)\n", "CWE-611"],
      ["src/client.js", "const agent = new https.Agent({\n  rejectUnauthorized: true,\n});\n", "CWE-295"],
      ["src/app.js", "app.use(bodyParser());\napp.use(csurf());\napp.use(router);\n", "CWE-352"],
      ["app/unpack.py", "with tarfile.open(src) as tar:\n    tar.extractall(dest,\n        filter='data')\n", "CWE-22"],
      [
        "lib/merge.js",
        "function copy(src) {\n  const out = Object.create(null);\n  return Object.assign(out, src);\n}\n",
        "CWE-1321",
      ],
      // a header given as a (name, value) pair
      [
        "app/headers.py",
        'HEADERS = [\n    ("X-Frame-Options", "DENY"),\n    ("Cache-Control", "no-store"),\n]\n',
        "CWE-1021",
      ],
    ];
    for (const [path, base, cwe] of cases) {
      const lines = base.split("\n");
      const drop = lines.findIndex((l) =>
        /HTTPONLY|autoescape|resolve_entities|rejectUnauthorized|csurf|filter=|Object\.create|X-Frame/.test(l),
      );
      const head = lines.filter((_, i) => i !== drop).join("\n");
      expect(
        one(path, base, head).map((f) => f.cwe),
        path,
      ).toEqual([[cwe]]);
    }
  });

  it("never reports a line that switched a protection off, nor a setting merely mentioned", () => {
    const off = "app.use(helmet());\nres.removeHeader('X-Frame-Options');\nrouter.use(csrf().disable());\n";
    expect(one("src/app.js", off, "app.use(helmet());\n")).toEqual([]);
    // the header's name in a list of names (CORS), not set as a header
    const cors =
      "const cors = { allowedHeaders: ['Content-Type'], exposedHeaders: ['X-Frame-Options', 'ETag'] };\nmodule.exports = cors;\n";
    expect(one("src/cors.js", cors, "module.exports = {};\n")).toEqual([]);
  });

  it("can be switched off like any rule, and is listed among the review's rules", () => {
    expect(removed([changedFileOf("web/headers.go", GO, GO_OPEN)], ["change.protection-removed"])).toEqual([]);
    const a = analyze(changeOf([changedFileOf("web/headers.go", GO, GO_OPEN)], defaultConfig()), scanner);
    expect(a.rules.map((r) => r.id)).toContain("change.protection-removed");
  });
});

describe("change.protection-removed beside a sink finding", () => {
  it("is left out when a finding of the same weakness a few lines away reports the flaw", () => {
    const base = `import javax.xml.parsers.DocumentBuilderFactory;

class Loader {
    Document load(InputStream in) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(in);
    }
}
`;
    const head = base.replace(
      '        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);\n',
      "",
    );
    const all = analyze(changeOf([changedFileOf("src/Loader.java", base, head)], defaultConfig()), scanner).findings;
    expect(all.filter((f) => f.cwe.includes("CWE-611")).map((f) => f.ruleId)).toEqual(["java.xxe.parser-factory"]);
  });
});

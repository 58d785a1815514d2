import { describe, expect, it } from "vitest";
import { timeClassify, unifiedPatch } from "../../../bench/areas.js";
import { alwaysClassified, classifyAreas, explainAreas, type AreaFile } from "../../../src/core/areas/index.js";
import { configSchema, defaultConfig, type AiguardConfigInput } from "../../../src/core/policy/schema.js";

const cfg = defaultConfig();
const config = (c: AiguardConfigInput) => configSchema.parse(c);

/** A changed file from before/after texts (either may be omitted), with the head content. */
function file(
  path: string,
  before: string | undefined,
  after: string | undefined,
  opts: { bare?: boolean; previousPath?: string } = {},
): AreaFile {
  return {
    path,
    previousPath: opts.previousPath,
    status:
      before === undefined ? "added" : after === undefined ? "removed" : opts.previousPath ? "renamed" : "modified",
    patch: unifiedPatch(before ?? "", after ?? ""),
    content: opts.bare ? undefined : after,
  };
}

const areasOf = (f: AreaFile | AreaFile[], c = cfg) => classifyAreas(Array.isArray(f) ? f : [f], c).areas;

describe("import and call signals", () => {
  const head = ['const jwt = require("jsonwebtoken");', "", "function check(raw) {", "  return 1;", "}", ""].join("\n");

  it("counts a use of an imported binding in a hunk that does not touch the import", () => {
    const after = head.replace("return 1;", "return jwt.decode(raw);");
    const r = classifyAreas([file("src/lib/check.js", head, after)], cfg);
    expect(r.areas).toEqual(["auth"]);
    expect(r.evidence).toContainEqual({
      area: "auth",
      path: "src/lib/check.js",
      line: 4,
      reason: "calls jsonwebtoken.decode",
    });
  });

  it("resolves aliases of named imports", () => {
    const before = 'import { verify as check } from "jsonwebtoken";\n\nexport const f = (t, k) => null;\n';
    const after = 'import { verify as check } from "jsonwebtoken";\n\nexport const f = (t, k) => check(t, k);\n';
    const r = classifyAreas([file("src/x.ts", before, after)], cfg);
    expect(r.evidence.map((e) => e.reason)).toContain("calls jsonwebtoken.verify");
  });

  it("counts a hunk that only adds the import", () => {
    const after = 'import Stripe from "stripe";\nimport { db } from "./db";\n';
    expect(areasOf(file("src/lookup.ts", 'import { db } from "./db";\n', after))).toEqual(["payment"]);
  });

  it("reads Python, Go and Java imports", () => {
    const py = "from cryptography.fernet import Fernet\n\nkey = load()\nbox = Fernet(key)\n";
    expect(areasOf(file("app/box.py", undefined, py))).toEqual(["crypto"]);
    const go =
      'package x\n\nimport (\n    "github.com/golang-jwt/jwt/v5"\n)\n\nfunc p(s string) { jwt.Parse(s, nil) }\n';
    expect(areasOf(file("x/p.go", undefined, go))).toEqual(["auth"]);
    const java =
      'import javax.crypto.Cipher;\n\nclass A { Cipher c() throws Exception { return Cipher.getInstance("AES/GCM/NoPadding"); } }\n';
    expect(areasOf(file("src/A.java", undefined, java))).toEqual(["crypto"]);
  });

  it("knows the usual module names when a bare diff shows no import", () => {
    const before = "def refund(order):\n    order.state = 'x'\n";
    const after = "def refund(order):\n    stripe.Refund.create(payment_intent=order.pi)\n    order.state = 'x'\n";
    expect(areasOf(file("shop/o.py", before, after, { bare: true }))).toEqual(["payment"]);
  });

  it("does not take a name the file declares itself for the module of that name", () => {
    const after = 'const secrets = loadVault();\nexport const dbUrl = () => secrets.get("db");\n';
    expect(areasOf(file("src/env.js", undefined, after))).toEqual([]);
  });

  it("weighs members: randomUUID and a cache-key hash are not crypto; a cipher is", () => {
    const uuid = 'import { randomUUID } from "node:crypto";\nexport const id = () => randomUUID();\n';
    expect(areasOf(file("src/id.ts", undefined, uuid))).toEqual([]);
    const hash =
      'import crypto from "crypto";\nexport const k = (s) => crypto.createHash("sha1").update(s).digest("hex");\n';
    expect(areasOf(file("src/cache.js", undefined, hash))).toEqual([]);
    const cipher =
      'import crypto from "crypto";\nexport const c = (k, iv) => crypto.createCipheriv("aes-256-gcm", k, iv);\n';
    expect(areasOf(file("src/c.js", undefined, cipher))).toEqual(["crypto"]);
  });

  it("matches decorators and annotations", () => {
    const before = "@app.route('/x')\ndef x():\n    return 1\n";
    const after = "@app.route('/x')\n@login_required\ndef x():\n    return 1\n";
    const r = classifyAreas([file("app/v.py", before, after, { bare: true })], cfg);
    expect(r.areas).toEqual(["auth"]);
    expect(r.evidence.map((e) => e.reason)).toContain("decorated with @login_required");
  });

  it("registers middleware and config that governs access", () => {
    expect(
      areasOf(
        file(
          "src/app.js",
          "app.use(express.json());\n",
          "app.use(express.json());\napp.use(session({ name: 'sid' }));\n",
          { bare: true },
        ),
      ),
    ).toEqual(["auth"]);
    expect(areasOf(file("settings.py", "DEBUG = False\n", "DEBUG = False\nCORS_ALLOW_ALL_ORIGINS = True\n"))).toEqual([
      "auth",
    ]);
    expect(
      areasOf(
        file("src/s.js", "res.json(ok);\n", "res.setHeader('Access-Control-Allow-Origin', '*');\nres.json(ok);\n"),
      ),
    ).toEqual(["auth"]);
  });
});

describe("weighing", () => {
  it("one weak word is not an area: a token in a comment, a session variable in UI", () => {
    expect(
      areasOf(file("src/a.ts", "export const a = 1;\n", "// refresh the token first\nexport const a = 1;\n")),
    ).toEqual([]);
    expect(
      areasOf(file("src/Nav.tsx", undefined, "export const Nav = ({ session }) => <b>{session.user.name}</b>;\n")),
    ).toEqual([]);
  });

  it("ignores calls and words inside comments and string literals", () => {
    const after = '// jwt.verify(raw, key) was here\nconst msg = "call stripe.refunds.create with the password";\n';
    expect(areasOf(file("src/m.js", undefined, after))).toEqual([]);
  });

  it("identifier words alone never make a built-in area (they are capped below the threshold)", () => {
    const after =
      "export function f(password, token, session, credentials, login, authorization) { return [password, token]; }\n";
    const r = explainAreas([file("src/f.ts", undefined, after)], cfg).find((h) => h.area === "auth")!;
    expect(r.score).toBeLessThan(r.threshold);
    expect(r.signals.length).toBeGreaterThanOrEqual(4);
    expect(areasOf(file("src/f.ts", undefined, after))).toEqual([]);
  });

  it("words add up with a stronger signal", () => {
    const after =
      "export async function signIn(email, password) {\n  const ok = await checkPassword(email, password);\n  if (!ok) return res.status(401).end();\n}\n";
    expect(areasOf(file("src/routes/account.ts", undefined, after))).toEqual(["auth"]);
  });

  it("tests and UI components weigh less; CSS and docs are not read", () => {
    const t =
      'const jwt = require("jsonwebtoken");\nit("signs", () => expect(jwt.sign({ a: 1 }, "k")).toBeTruthy());\n';
    expect(areasOf(file("test/auth.test.js", undefined, t))).toEqual([]);
    expect(areasOf(file("src/pages/login/login.module.css", undefined, ".password { color: red }\n"))).toEqual([]);
    expect(areasOf(file("docs/auth.md", undefined, "Call jwt.verify with the token.\n"))).toEqual([]);
    expect(
      areasOf(file("src/components/Edit.tsx", undefined, "const can = c.authorId === user.id || user.isAdmin;\n")),
    ).toEqual([]);
  });

  it("a path under auth/ or billing/ is enough; a login-ish file name is not", () => {
    expect(
      areasOf(file("src/billing/round.ts", "export const r = (x) => x;\n", "export const r = (x) => Math.round(x);\n")),
    ).toEqual(["payment"]);
    expect(
      areasOf(
        file("services/auth/util.go", "package auth\n", "package auth\n\nfunc Trim(s string) string { return s }\n"),
      ),
    ).toEqual(["auth"]);
    expect(
      areasOf(
        file(
          "src/components/LoginButton.tsx",
          undefined,
          'export const LoginButton = () => <a href="/login">Log in</a>;\n',
        ),
      ),
    ).toEqual([]);
  });
});

describe("policy area", () => {
  it("is assigned for the guard's own config, CODEOWNERS and CI workflows, whatever the weights", () => {
    for (const p of [
      ".aiguard.yml",
      ".aiguard.yaml",
      "CODEOWNERS",
      ".github/CODEOWNERS",
      "docs/CODEOWNERS",
      ".github/workflows/sub/x.yaml",
    ]) {
      const r = classifyAreas([file(p, "a: 1\n", "a: 2\n")], cfg);
      expect(r.areas, p).toEqual(["policy"]);
      expect(r.evidence[0]!.line).toBe(1);
    }
    expect(areasOf(file("src/CODEOWNERS", "a\n", "b\n"))).toEqual([]);
    expect(areasOf(file(".github/dependabot.yml", "a: 1\n", "a: 2\n"))).toEqual([]);
    // A workflow GitHub runs is judged by what changed in it (see workflow.test.ts).
    expect(areasOf(file(".github/workflows/ci.yml", "a: 1\n", "a: 2\n"))).toEqual([]);
  });

  it("covers deletions, renames away and files without a patch", () => {
    expect(areasOf(file(".aiguard.yml", "enabled: true\n", undefined))).toEqual(["policy"]);
    expect(areasOf({ path: "config/old.yml", previousPath: ".aiguard.yml", status: "renamed" })).toEqual(["policy"]);
    expect(areasOf({ path: ".github/workflows/x.yml", status: "modified" })).toEqual(["policy"]);
  });

  it("tells callers which paths are always classified", () => {
    expect(alwaysClassified(".github/workflows/ci.yml", cfg)).toBe(true);
    expect(alwaysClassified(".aiguard/rules/x.yml", cfg)).toBe(true);
    expect(alwaysClassified("src/auth/x.ts", cfg)).toBe(false);
    expect(alwaysClassified("rules/x.yml", config({ rules: { paths: ["rules"] } }))).toBe(true);
  });

  it("includes the repository's rule directories", () => {
    const c = config({ rules: { paths: ["./security/rules/"] } });
    expect(areasOf(file("security/rules/no-eval.yml", undefined, "id: x\n"), c)).toEqual(["policy"]);
  });

  it("cannot be replaced away by configuration", () => {
    const c = config({ areas: { policy: { replace: true, paths: ["infra/**"] } } });
    expect(areasOf(file(".aiguard.yml", "a: 1\n", "a: 2\n"), c)).toEqual(["policy"]);
    expect(areasOf(file("infra/main.tf", "a = 1\n", "a = 2\n"), c)).toEqual(["policy"]);
  });
});

describe("configuration", () => {
  it("extends a built-in area with paths, imports, calls and identifiers", () => {
    const c = config({
      areas: {
        payment: {
          paths: ["services/ledger/**"],
          imports: ["@acme/pay"],
          calls: ["ledger.post"],
          identifiers: ["settlement"],
        },
      },
    });
    expect(areasOf(file("services/ledger/x.ts", "a\n", "b\n"), c)).toEqual(["payment"]);
    expect(areasOf(file("src/p.ts", undefined, 'import { pay } from "@acme/pay/client";\npay(1);\n'), c)).toEqual([
      "payment",
    ]);
    expect(areasOf(file("src/q.ts", "x();\n", "x();\nledger.post(entry);\n"), c)).toEqual(["payment"]);
    expect(areasOf(file("src/q.ts", "x();\n", "x();\nledger.post(entry);\n"))).toEqual([]);
  });

  it("replace: true drops the built-in signals of that area", () => {
    const c = config({ areas: { payment: { replace: true, imports: ["@acme/pay"] } } });
    const stripe = file("src/s.ts", undefined, 'import Stripe from "stripe";\nnew Stripe(k).refunds.create({});\n');
    expect(areasOf(stripe)).toEqual(["payment"]);
    expect(areasOf(stripe, c)).toEqual([]);
    expect(areasOf(file("src/p.ts", undefined, 'import { pay } from "@acme/pay";\npay(1);\n'), c)).toEqual(["payment"]);
  });

  it("defines new areas; their identifiers need two words (or another signal)", () => {
    const c = config({ areas: { pii: { identifiers: ["ssn", "date_of_birth"] } } });
    expect(
      areasOf(file("src/p.ts", undefined, "export interface P { ssn: string; dateOfBirth: string }\n"), c),
    ).toEqual(["pii"]);
    expect(areasOf(file("src/p.ts", undefined, "export interface P { ssn: string }\n"), c)).toEqual([]);
    const r = classifyAreas(
      [file("src/p.ts", undefined, "export interface P { ssn: string; dateOfBirth: string }\n")],
      c,
    );
    expect(r.evidence.map((e) => e.reason)).toContain("identifiers date of birth, ssn");
  });

  it("override areas apply only to files under the override's paths", () => {
    const c = config({
      overrides: [{ paths: ["services/billing/**"], areas: { payment: { calls: ["ledger.post"] } } }],
    });
    const body = (p: string) => file(p, "x();\n", "x();\nledger.post(entry);\n");
    expect(areasOf(body("services/billing/src/post.ts"), c)).toEqual(["payment"]);
    expect(areasOf(body("services/search/src/post.ts"), c)).toEqual([]);
    expect(areasOf([body("services/billing/a.ts"), body("services/search/b.ts")], c)).toEqual(["payment"]);
    const ev = classifyAreas([body("services/billing/a.ts"), body("services/search/b.ts")], c).evidence;
    expect(ev.every((e) => e.path === "services/billing/a.ts")).toBe(true);
  });

  it("override replace only replaces for those files", () => {
    const c = config({ overrides: [{ paths: ["tools/**"], areas: { crypto: { replace: true } } }] });
    const aes = (p: string) =>
      file(
        p,
        undefined,
        'import { createCipheriv } from "crypto";\nexport const c = (k, iv) => createCipheriv("aes-256-gcm", k, iv);\n',
      );
    expect(areasOf(aes("tools/gen.ts"), c)).toEqual([]);
    expect(areasOf(aes("src/gen.ts"), c)).toEqual(["crypto"]);
  });
});

describe("deletions and evidence lines", () => {
  const guarded = [
    "router.get('/a', h);",
    "router.use(requireAuth);",
    "router.get('/b', h);",
    "router.get('/c', h);",
    "",
  ].join("\n");

  it("classifies removed lines and places evidence on the nearest head line", () => {
    const after = guarded.replace("router.use(requireAuth);\n", "");
    const r = classifyAreas([file("src/routes.js", guarded, after)], cfg);
    expect(r.areas).toEqual(["auth"]);
    const e = r.evidence.find((x) => x.reason === "registers auth middleware (removed)")!;
    expect(e.line).toBe(2); // the line now where the removed one was
  });

  it("a deletion at the end of a file points at the last line before it", () => {
    const before = "a();\nb();\napp.use(passport.initialize());\n";
    const r = classifyAreas([file("src/end.js", before, "a();\nb();\n")], cfg);
    expect(r.areas).toEqual(["auth"]);
    expect(r.evidence.every((e) => e.line === 2)).toBe(true);
  });

  it("a removed file is classified from its deleted lines, at line 1", () => {
    const r = classifyAreas(
      [
        file(
          "src/mw/jwt.js",
          'const jwt = require("jsonwebtoken");\nmodule.exports = (t) => jwt.verify(t, K);\n',
          undefined,
        ),
      ],
      cfg,
    );
    expect(r.areas).toEqual(["auth"]);
    expect(r.evidence.every((e) => e.line === 1)).toBe(true);
    expect(r.evidence.map((e) => e.reason)).toContain("calls jsonwebtoken.verify (removed)");
  });

  it("evidence on added code points at the added line, and reasons never quote string literals", () => {
    const after =
      'const a = 1;\nconst key = "sk_live_51Habcdefghijklmnop";\nconst stripe = require("stripe")(key);\nstripe.charges.create({ amount: 5 });\n';
    const r = classifyAreas([file("src/pay.js", undefined, after)], cfg);
    expect(r.areas).toEqual(["payment"]);
    for (const e of r.evidence) expect(e.reason).not.toMatch(/sk_live|abcdef/);
    expect(r.evidence.some((e) => e.line === 4)).toBe(true);
  });

  it("classifies every hunk of a file on its own", () => {
    const before = Array.from({ length: 30 }, (_, i) => `line${i}();`).join("\n") + "\n";
    const lines = before.split("\n");
    lines[2] = "line2(); // token";
    lines[25] = "jwt.verify(raw, key);";
    const r = classifyAreas([file("src/long.js", before, lines.join("\n"), { bare: true })], cfg);
    expect(r.areas).toEqual(["auth"]);
    expect(r.evidence.every((e) => e.line === 26)).toBe(true);
  });
});

describe("output", () => {
  it("is deterministic and independent of file order", () => {
    const files = [
      file("b/x.py", undefined, "import stripe\nstripe.Charge.create(amount=1)\n"),
      file("a/y.go", undefined, 'package y\n\nimport "crypto/aes"\n\nfunc c(k []byte) { aes.NewCipher(k) }\n'),
      file(".github/CODEOWNERS", "a\n", "b\n"),
    ];
    const one = classifyAreas(files, cfg);
    const two = classifyAreas([...files].reverse(), cfg);
    expect(two).toEqual(one);
    expect(one.areas).toEqual(["crypto", "payment", "policy"]);
  });

  it("classifies a 50-file, 1,000-line change of weak words only as no area (time is measured in npm run bench:quality)", () => {
    const files: AreaFile[] = [];
    for (let i = 0; i < 50; i++) {
      const body = Array.from(
        { length: 20 },
        (_, k) => `export function f${k}(a: number, token: string) { return helper${k}(a) + ${k}; } // note ${k}`,
      ).join("\n");
      files.push(file(`src/mod${i}/file${i}.ts`, undefined, `import { helper } from "../lib";\n${body}\n`));
    }
    const r = classifyAreas(files, cfg);
    // `token` as a parameter name is a weak signal: it never makes an area on its own.
    expect(r.areas).toEqual([]);
  });
});

describe("configured import wildcards (issue 10, item 9)", () => {
  it("a wildcard import spec is matched in linear-ish time, not by a backtracking regex", () => {
    const c = config({ areas: { payment: { imports: ["a*a*a*a*a*a*a*a*a*a*a*b", "@acme/*-pay"] } } });
    // a module name of a's with no b: `^a.*a.*…b$` on RegExp tries every split (hours)
    const hostile = `import x from "${"a".repeat(400)}";\nx();\n`;
    expect(areasOf(file("src/h.ts", undefined, hostile), c)).toEqual([]);
    expect(areasOf(file("src/g.ts", undefined, `import x from "${"a".repeat(400)}b";\nx();\n`), c)).toEqual([
      "payment",
    ]);
    expect(areasOf(file("src/p.ts", undefined, 'import { pay } from "@acme/card-pay";\npay(1);\n'), c)).toEqual([
      "payment",
    ]);
  }, 20_000);
});

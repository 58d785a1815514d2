import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../src/core/engine/index.js";
import type { Scanner } from "../../../src/core/engine/scanner.js";

let scanner: Scanner;
let notes: string[];
beforeAll(async () => {
  ({ scanner, notes } = await createScanner());
});

function ruleLines(path: string, content: string, ruleId: string, changed: number[] = []): number[] {
  return scanner
    .scan({ path, content, changedLines: new Set(changed) })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => f.line);
}

describe("createScanner", () => {
  it("loads the built-in rules without notes", () => {
    expect(notes).toEqual([]);
    const ids = scanner.rules().map((r) => r.id);
    for (const id of [
      "js.sql.string-built-query",
      "js.command.exec-dynamic",
      "js.eval.dynamic-code",
      "js.jwt.decode-without-verify",
      "js.tls.reject-unauthorized-false",
      "py.sql.string-built-query",
      "py.command.subprocess-shell",
      "py.command.os-system",
      "py.tls.verify-false",
      "py.deserialization.yaml-unsafe-load",
      "py.deserialization.pickle",
      "go.sql.string-built-query",
      "go.tls.insecure-skip-verify",
      "java.sql.string-built-query",
      "secrets.github-token",
      "secrets.generic-assignment",
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives full metadata for every rule", () => {
    for (const r of scanner.rules()) {
      expect(r.cwe.length, r.id).toBeGreaterThan(0);
      expect(r.message.length, r.id).toBeGreaterThan(0);
      expect(r.languages.length, r.id).toBeGreaterThan(0);
      expect(["critical", "high", "medium", "low", "info"]).toContain(r.severity);
      expect(["high", "medium", "low"]).toContain(r.confidence);
    }
  });

  it("caches built-ins: a second scanner is equivalent", async () => {
    const second = await createScanner();
    expect(second.scanner.rules()).toEqual(scanner.rules());
  });

  it("reports a missing rules directory as a note, not a crash", async () => {
    const r = await createScanner({ rulesDir: "/nonexistent/aiguard-rules" });
    expect(r.notes.join("\n")).toMatch(/could not be read/);
    expect(r.scanner.scan({ path: "a.js", content: "eval(x)", changedLines: new Set() }).findings).toEqual([]);
  });
});

describe("scan()", () => {
  it("is synchronous and returns the language", () => {
    const r = scanner.scan({ path: "a.py", content: "x = 1\n", changedLines: new Set() });
    expect(r).not.toBeInstanceOf(Promise);
    expect(r.language).toBe("python");
  });

  it("runs only the secrets scan on unknown languages", () => {
    const r = scanner.scan({ path: "notes.txt", content: "eval(req.body)\n", changedLines: new Set() });
    expect(r.language).toBeNull();
    expect(r.findings).toEqual([]);
  });

  it("detects the language from a shebang for extension-less scripts", () => {
    const r = scanner.scan({
      path: "bin/run",
      content: "#!/usr/bin/env node\neval(process.argv[2]);\n",
      changedLines: new Set(),
    });
    expect(r.language).toBe("javascript");
    expect(r.findings.map((f) => f.ruleId)).toEqual(["js.eval.dynamic-code"]);
  });

  it("reports 1-based line and column spans of the reported node", () => {
    const content = [
      "// header",
      "async function f(id) {",
      "  const rows = await db.query(",
      "    `SELECT * FROM t WHERE id = ${id}`",
      "  );",
      "}",
    ].join("\n");
    const [f] = scanner.scan({ path: "a.js", content, changedLines: new Set() }).findings;
    expect(f).toMatchObject({ ruleId: "js.sql.string-built-query", line: 3, endLine: 5, column: 22, endColumn: 4 });
    expect(f?.fingerprintText).toContain("db.query(");
  });

  it("columns count characters, not bytes, after non-ASCII text", () => {
    const content = `const s = "héllo 👋"; eval(s + x);\n`;
    const [f] = scanner.scan({ path: "a.js", content, changedLines: new Set() }).findings;
    expect(f?.column).toBe(content.indexOf("eval(") + 1);
  });

  it("limits rule queries to the changed region when changed lines are given", () => {
    const content = [
      "function a(id) { return db.query(`SELECT * FROM a WHERE id = ${id}`); }",
      ...Array.from({ length: 20 }, (_, i) => `const v${i} = ${i};`),
      "function b(id) { return db.query(`SELECT * FROM b WHERE id = ${id}`); }",
    ].join("\n");
    expect(ruleLines("a.js", content, "js.sql.string-built-query")).toEqual([1, 22]);
    expect(ruleLines("a.js", content, "js.sql.string-built-query", [22])).toEqual([22]);
  });

  it("survives syntax errors", () => {
    const content = "function (( {\n eval(a + b)\n";
    expect(() => scanner.scan({ path: "a.js", content, changedLines: new Set() })).not.toThrow();
  });

  it("never reports a rule for another language", () => {
    const py = 'cur.execute(f"SELECT * FROM t WHERE id = {x}")\n';
    const ids = scanner.scan({ path: "a.py", content: py, changedLines: new Set() }).findings.map((f) => f.ruleId);
    expect(ids).toEqual(["py.sql.string-built-query"]);
  });
});

describe("intra-function data flow", () => {
  const SQL = "js.sql.string-built-query";
  it("follows a variable assigned a built string", () => {
    const code = `function f(id) {\n  const q = "SELECT * FROM t WHERE id = " + id;\n  return db.query(q);\n}`;
    expect(ruleLines("a.js", code, SQL)).toEqual([3]);
  });

  it("follows chains of variables and += appends", () => {
    const code = `function f(id) {\n  let where = " WHERE id = " + id;\n  let q = "SELECT * FROM t";\n  q += where;\n  return db.query(q);\n}`;
    expect(ruleLines("a.ts", code, SQL)).toEqual([5]);
  });

  it("treats a variable only ever assigned constants as constant", () => {
    const code = `const T = "t";\nfunction f(id) {\n  const q = "SELECT * FROM " + T + " WHERE id = $1";\n  return db.query(q, [id]);\n}`;
    expect(ruleLines("a.js", code, SQL)).toEqual([]);
  });

  it("does not follow a name into another function, and respects parameters", () => {
    const code = `const q = "SELECT * FROM t WHERE id = " + id;\nfunction f(q) {\n  return db.query(q);\n}`;
    expect(ruleLines("a.js", code, SQL)).toEqual([]);
  });

  it("ignores assignments made after the use", () => {
    const code = `function f(id) {\n  let q = "SELECT 1";\n  db.query(q);\n  q = "SELECT * FROM t WHERE id = " + id;\n}`;
    expect(ruleLines("a.js", code, SQL)).toEqual([]);
  });

  it("works for Python, Go and Java too", () => {
    const py = `def f(cur, uid):\n    q = "SELECT * FROM t WHERE id = %s" % uid\n    cur.execute(q)\n`;
    expect(ruleLines("a.py", py, "py.sql.string-built-query")).toEqual([3]);
    const go = `package p\n\nfunc f(db *sql.DB, id string) {\n\tq := fmt.Sprintf("SELECT * FROM t WHERE id = %s", id)\n\tdb.Query(q)\n}\n`;
    expect(ruleLines("a.go", go, "go.sql.string-built-query")).toEqual([5]);
    const java = `class A {\n  void f(Statement st, String id) throws Exception {\n    String q = "SELECT * FROM t WHERE id = ";\n    q += id;\n    st.executeQuery(q);\n  }\n}\n`;
    expect(ruleLines("A.java", java, "java.sql.string-built-query")).toEqual([5]);
  });
});

describe("safe code stays quiet", () => {
  const safe: Array<[string, string]> = [
    [
      "a.js",
      `db.query("SELECT * FROM users WHERE id = $1", [id]);\nconst { execFile } = require("child_process");\nexecFile("ls", ["-la", dir]);\nconst hash = await bcrypt.hash(password, 12);\n`,
    ],
    [
      "a.ts",
      `import jwt from "jsonwebtoken";\nconst claims = jwt.verify(token, key, { algorithms: ["RS256"] });\nconst agent = new https.Agent({ ca });\n`,
    ],
    [
      "a.py",
      `import yaml, bcrypt, subprocess\ncfg = yaml.safe_load(text)\nh = bcrypt.hashpw(pw, bcrypt.gensalt())\nsubprocess.run(["git", "log", ref], check=True)\ncur.execute("SELECT * FROM t WHERE id = %s", (uid,))\n`,
    ],
    [
      "a.go",
      `package p\n\nfunc f() {\n\tdb.Query("SELECT * FROM t WHERE id = $1", id)\n\t_ = &tls.Config{MinVersion: tls.VersionTLS12}\n}\n`,
    ],
    [
      "A.java",
      `class A { void f(Connection c, String id) throws Exception { PreparedStatement ps = c.prepareStatement("SELECT * FROM t WHERE id = ?"); ps.setString(1, id); ps.executeQuery(); } }\n`,
    ],
  ];
  for (const [path, content] of safe) {
    it(path, () => {
      expect(scanner.scan({ path, content, changedLines: new Set() }).findings).toEqual([]);
    });
  }
});

describe("a PR-sized batch (timing is measured by `npm run bench`, not asserted here)", () => {
  it("scans 50 files / 1,000 changed lines and finds the flaws in each language", () => {
    const bodies: Array<[string, string]> = [
      [
        "js",
        `const { exec } = require("child_process");\nfunction f(id, name) {\n  const q = "SELECT * FROM t WHERE id = " + id;\n  db.query(q);\n  exec("ls " + name);\n  return eval(name);\n}\n`,
      ],
      [
        "py",
        `import subprocess, yaml\ndef f(cur, uid, cmd):\n    cur.execute(f"SELECT * FROM t WHERE id = {uid}")\n    subprocess.run(cmd, shell=True)\n    return yaml.load(cmd)\n`,
      ],
      ["go", `package p\n\nfunc f(db *sql.DB, id string) {\n\tdb.Query("SELECT * FROM t WHERE id = " + id)\n}\n`],
      [
        "java",
        `class A { void f(Statement s, String id) throws Exception { s.executeQuery("SELECT * FROM t WHERE id = " + id); } }\n`,
      ],
      [
        "ts",
        `import jwt from "jsonwebtoken";\nexport const f = (t: string) => jwt.decode(t);\nconst a = new https.Agent({ rejectUnauthorized: false });\n`,
      ],
    ];
    const files = Array.from({ length: 50 }, (_, i) => {
      const [ext, body] = bodies[i % bodies.length] as [string, string];
      const filler = Array.from({ length: 20 - body.split("\n").length }, (_, j) =>
        ext === "py" ? `x${j} = ${j}` : `// line ${j}`,
      ).join("\n");
      const content = `${body}${filler}\n`;
      const n = content.split("\n").length;
      return { path: `src/m${i}.${ext}`, content, changedLines: new Set(Array.from({ length: n }, (_, k) => k + 1)) };
    });
    const lines = files.reduce((s, f) => s + f.changedLines.size, 0);
    expect(lines).toBeGreaterThanOrEqual(1000);
    const byLanguage = new Map<string, number>();
    let total = 0;
    for (const f of files) {
      const r = scanner.scan(f);
      total += r.findings.length;
      byLanguage.set(r.language ?? "none", (byLanguage.get(r.language ?? "none") ?? 0) + r.findings.length);
    }
    expect(total).toBeGreaterThan(50);
    for (const lang of ["javascript", "typescript", "python", "go", "java"])
      expect(byLanguage.get(lang) ?? 0).toBeGreaterThan(0);
    // Scanning is deterministic: the same batch gives the same findings.
    expect(files.reduce((n, f) => n + scanner.scan(f).findings.length, 0)).toBe(total);
  });
});

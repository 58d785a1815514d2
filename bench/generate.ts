// Generates a synthetic but realistic pull request for benchmarks: N files across the
// supported languages, each with a block of added lines inside an existing file.
import type { ChangedFile } from "../src/core/types.js";

const SNIPPETS: Record<string, { ext: string; lines: (i: number) => string[] }> = {
  js: {
    ext: "js",
    lines: (i) => [
      `async function handler${i}(req, res) {`,
      `  const id = req.query.id;`,
      `  const rows = await db.query("SELECT * FROM users WHERE id = $1", [id]);`,
      `  const q = \`SELECT * FROM orders WHERE user = \${id}\`;`,
      `  await db.query(q);`,
      `  res.json({ rows, token: crypto.randomBytes(16).toString("hex") });`,
      `}`,
    ],
  },
  ts: {
    ext: "ts",
    lines: (i) => [
      `export function render${i}(user: { name: string }): string {`,
      `  const greeting: string = "Hello, " + user.name;`,
      `  execFile("git", ["log", "-n", "1"], () => undefined);`,
      `  return greeting.trim();`,
      `}`,
    ],
  },
  py: {
    ext: "py",
    lines: (i) => [
      `def view_${i}(request):`,
      `    uid = request.args.get("id")`,
      `    cur.execute("SELECT * FROM t WHERE id = %s", (uid,))`,
      `    cur.execute(f"SELECT * FROM t WHERE name = '{uid}'")`,
      `    subprocess.run(["ls", "-l"], check=True)`,
      `    return jsonify(ok=True)`,
    ],
  },
  go: {
    ext: "go",
    lines: (i) => [
      `func Handler${i}(w http.ResponseWriter, r *http.Request) {`,
      `\tid := r.URL.Query().Get("id")`,
      `\trows, _ := db.Query("SELECT * FROM t WHERE id = $1", id)`,
      `\t_, _ = db.Query(fmt.Sprintf("SELECT * FROM t WHERE name = '%s'", id))`,
      `\tdefer rows.Close()`,
      `}`,
    ],
  },
  java: {
    ext: "java",
    lines: (i) => [
      `  public ResultSet find${i}(Connection c, String name) throws SQLException {`,
      `    PreparedStatement ps = c.prepareStatement("SELECT * FROM t WHERE name = ?");`,
      `    ps.setString(1, name);`,
      `    Statement st = c.createStatement();`,
      `    return st.executeQuery("SELECT * FROM t WHERE name = '" + name + "'");`,
      `  }`,
    ],
  },
};

const KINDS = Object.keys(SNIPPETS);

/** A PR of `files` files and about `changedLines` added lines, each inside ~150 lines of existing code. */
export function generatePr(files = 50, changedLines = 1000): ChangedFile[] {
  const perFile = Math.max(1, Math.floor(changedLines / files));
  const out: ChangedFile[] = [];
  for (let f = 0; f < files; f++) {
    const kind = KINDS[f % KINDS.length]!;
    const s = SNIPPETS[kind]!;
    const before: string[] = [];
    for (let i = 0; i < 80; i++)
      before.push(kind === "py" ? `x_${i} = ${i}` : kind === "go" ? `var x${i} = ${i}` : `// existing line ${i}`);
    const added: string[] = [];
    for (let i = 0; added.length < perFile; i++) added.push(...s.lines(f * 1000 + i));
    added.length = perFile;
    const after = before.map((l) => l.replace("existing", "trailing").replace("x_", "y_").replace("var x", "var y"));
    const head = [
      ...(kind === "java" ? ["class Gen {"] : []),
      ...before,
      ...added,
      ...after,
      ...(kind === "java" ? ["}"] : []),
    ];
    const offset = kind === "java" ? 1 : 0;
    const start = offset + before.length + 1;
    const patch = [
      `@@ -${start},3 +${start},${perFile + 3} @@`,
      ...added.map((l) => `+${l}`),
      ...after.slice(0, 3).map((l) => ` ${l}`),
    ].join("\n");
    out.push({
      path: `src/mod${f}/file${f}.${s.ext}`,
      status: "modified",
      additions: perFile,
      deletions: 0,
      patch,
      headContent: head.join("\n"),
    });
  }
  return out;
}

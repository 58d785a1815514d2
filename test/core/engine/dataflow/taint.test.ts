// The `untrusted` constraint and the taint analysis behind it: sources (rules/_sources), local
// propagation, sanitizers, parameters (lower confidence) and constants.
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";
import type { Scanner } from "../../../../src/core/engine/scanner.js";
import type { Confidence } from "../../../../src/core/types.js";

// One sink per language, `sink(x)` / `x.sink(y)`: the first argument must be untrusted.
const RULES = `
- id: t.taint.js
  languages: [javascript, typescript, tsx]
  severity: high
  confidence: high
  message: untrusted value reaches sink
  query: '((call_expression function: [(identifier) @fn (member_expression property: (property_identifier) @fn)] arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
- id: t.taint.js-source
  languages: [javascript, typescript, tsx]
  severity: high
  confidence: high
  message: source reaches strict sink
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "strictSink"))'
  where: [{ capture: arg, untrusted: source }]
- id: t.taint.js-clean
  languages: [javascript]
  severity: info
  confidence: medium
  message: nothing outside reaches it
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "cleanSink"))'
  where: [{ capture: arg, untrusted: false }]
- id: t.taint.js-dynamic
  languages: [javascript]
  severity: high
  confidence: high
  message: built query with untrusted input
  query: '((call_expression function: (member_expression property: (property_identifier) @fn) arguments: (arguments . (_) @arg)) @report (#eq? @fn "query"))'
  where:
    - { capture: arg, dynamic: true }
    - { capture: arg, untrusted: true }
- id: t.taint.py
  languages: [python]
  severity: high
  confidence: high
  message: untrusted value reaches sink
  query: '((call function: [(identifier) @fn (attribute attribute: (identifier) @fn)] arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
- id: t.taint.go
  languages: [go]
  severity: high
  confidence: medium
  message: untrusted value reaches sink
  query: '((call_expression function: [(identifier) @fn (selector_expression field: (field_identifier) @fn)] arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
- id: t.taint.java
  languages: [java]
  severity: high
  confidence: high
  message: untrusted value reaches sink
  query: '((method_invocation name: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
`;

let scanner: Scanner;
beforeAll(async () => {
  const r = await createScanner({ customRules: [{ origin: "taint.yml", text: RULES }] });
  // only this file's rules are checked here (the built-in rules have their own tests)
  expect(r.notes.filter((n) => n.includes("taint.yml"))).toEqual([]);
  scanner = r.scanner;
});

const EXT: Record<string, string> = {
  js: "src/a.js",
  ts: "src/a.ts",
  tsx: "src/a.tsx",
  py: "app/a.py",
  go: "pkg/a.go",
  java: "src/A.java",
};

/** Confidence of the taint finding of `rule` in `code`, or null when there is none. */
function conf(lang: keyof typeof EXT, code: string, rule?: string): Confidence | null {
  const id = rule ?? `t.taint.${lang === "ts" || lang === "tsx" ? "js" : lang}`;
  const found = scanner
    .scan({ path: EXT[lang] as string, content: code, changedLines: new Set() })
    .findings.filter((f) => f.ruleId === id);
  return found.length === 0 ? null : (found[0]?.confidence ?? null);
}

const goMain = (body: string, params = "w http.ResponseWriter, r *http.Request") =>
  `package p\n\nfunc h(${params}) {\n${body}\n}\n`;
const javaClass = (body: string, params = "HttpServletRequest request") =>
  `class A {\n  void h(${params}) {\n${body}\n  }\n}\n`;

describe("untrusted: sources reach the sink (confidence kept)", () => {
  const cases: Array<[string, keyof typeof EXT, string]> = [
    // JavaScript family
    ["Express req.query", "js", "app.get('/', (req, res) => { sink(req.query.id) })"],
    [
      "Express req.params via destructuring",
      "js",
      "app.get('/:id', (req, res) => { const { id } = req.params; sink(id) })",
    ],
    [
      "Express nested destructuring with rename",
      "js",
      "function h(req, res) { const { user: { name: n } } = req.body; sink(n) }",
    ],
    ["Express req.get() header", "js", "function h(req) { sink(req.get('X-Target')) }"],
    ["Express req.param()", "js", "function h(req) { sink(req.param('u')) }"],
    ["Express cookies subscript", "js", "function h(req) { sink(req.cookies['session']) }"],
    ["Koa ctx.request.body", "js", "router.post('/', async (ctx) => { sink(ctx.request.body.url) })"],
    ["Koa ctx.query", "js", "async function h(ctx) { sink(ctx.query.q) }"],
    ["Koa ctx.params", "js", "async function h(ctx) { const p = ctx.params; sink(p.file) }"],
    [
      "Fastify request.headers",
      "ts",
      "fastify.get('/', async (request, reply) => { sink(request.headers['x-url'] as string) })",
    ],
    [
      "Next.js API route req.query",
      "ts",
      "export default function handler(req: NextApiRequest, res: NextApiResponse) { const { slug } = req.query; sink(slug) }",
    ],
    [
      "Next.js searchParams.get()",
      "ts",
      "export async function GET(request: Request) { const { searchParams } = new URL(request.url); sink(searchParams.get('next')) }",
    ],
    [
      "Next.js request.nextUrl.searchParams",
      "ts",
      "export async function GET(request: NextRequest) { const u = request.nextUrl.searchParams.get('u'); sink(u) }",
    ],
    [
      "Next.js await request.json()",
      "ts",
      "export async function POST(request: Request) { const body = await request.json(); sink(body.url) }",
    ],
    [
      "Next.js route params",
      "ts",
      "export async function GET(req: Request, { params }: { params: { id: string } }) { sink(params.id) }",
    ],
    ["NestJS @Query parameter", "ts", "class C { @Get() find(@Query('q') q: string) { sink(q) } }"],
    [
      "Lambda event.queryStringParameters",
      "js",
      "exports.handler = async (event) => { sink(event.queryStringParameters.file) }",
    ],
    [
      "Lambda JSON.parse(event.body)",
      "ts",
      "export const handler = async (event: APIGatewayProxyEvent) => { const b = JSON.parse(event.body ?? '{}'); sink(b.cmd) }",
    ],
    ["process.argv", "js", "const target = process.argv[2]; sink(target)"],
    ["location.hash", "js", "sink(location.hash.slice(1))"],
    [
      "window.location.search via URLSearchParams",
      "js",
      "const p = new URLSearchParams(window.location.search); sink(p.get('next'))",
    ],
    ["document.location", "tsx", "function C() { const u = document.location.href; sink(u); return null }"],
    // Python family
    ["Flask request.args[]", "py", "from flask import request\n\ndef view():\n    sink(request.args['q'])\n"],
    [
      "Flask request.args.get()",
      "py",
      "from flask import request\n\ndef view():\n    q = request.args.get('q', '')\n    sink(q)\n",
    ],
    ["Flask request.get_json()", "py", "def view():\n    data = request.get_json()\n    sink(data['url'])\n"],
    [
      "Flask request.form / files / headers / cookies",
      "py",
      "def view():\n    sink(request.headers.get('X-Forwarded-Host'))\n",
    ],
    ["Flask route parameter", "py", "@app.route('/files/<name>')\ndef download(name):\n    sink(name)\n"],
    ["Django request.GET", "py", "def view(request):\n    sink(request.GET.get('next'))\n"],
    ["Django request.POST / body", "py", "def view(request):\n    raw = request.body\n    sink(raw)\n"],
    [
      "FastAPI route parameter",
      "py",
      "@router.get('/items/{item_id}')\nasync def read(item_id: str, q: str | None = None):\n    sink(q)\n",
    ],
    ["input()", "py", "name = input('name? ')\nsink(name)\n"],
    ["sys.argv", "py", "import sys\n\ndef main():\n    path = sys.argv[1]\n    sink(path)\n"],
    ["from sys import argv", "py", "from sys import argv\nsink(argv[1])\n"],
    [
      "Lambda handler event",
      "py",
      "def lambda_handler(event, context):\n    sink(event['queryStringParameters']['u'])\n",
    ],
    // Go
    ["net/http r.URL.Query().Get()", "go", goMain(`\tid := r.URL.Query().Get("id")\n\tsink(id)`)],
    ["net/http r.FormValue", "go", goMain(`\tsink(r.FormValue("f"))`)],
    ["net/http r.Header.Get", "go", goMain(`\th := r.Header.Get("X-Url")\n\tsink(h)`)],
    ["net/http r.PathValue", "go", goMain(`\tsink(r.PathValue("name"))`)],
    [
      "gorilla mux.Vars(r)",
      "go",
      `package p\n\nimport "github.com/gorilla/mux"\n\nfunc h(w http.ResponseWriter, r *http.Request) {\n\tvars := mux.Vars(r)\n\tsink(vars["id"])\n}\n`,
    ],
    ["gin c.Query", "go", goMain(`\tq := c.Query("q")\n\tsink(q)`, "c *gin.Context")],
    ["gin c.Param / DefaultQuery", "go", goMain(`\tsink(c.DefaultQuery("p", "1"))`, "c *gin.Context")],
    [
      "gin ShouldBindJSON target",
      "go",
      goMain(
        `\tvar body Req\n\tif err := c.ShouldBindJSON(&body); err != nil {\n\t\treturn\n\t}\n\tsink(body.URL)`,
        "c *gin.Context",
      ),
    ],
    [
      "json.NewDecoder(r.Body).Decode(&v)",
      "go",
      goMain(`\tvar in Input\n\tjson.NewDecoder(r.Body).Decode(&in)\n\tsink(in.Path)`),
    ],
    ["os.Args", "go", `package main\n\nimport "os"\n\nfunc main() {\n\tsink(os.Args[1])\n}\n`],
    // Java
    ["servlet getParameter", "java", javaClass(`    String id = request.getParameter("id");\n    sink(id);`)],
    ["servlet getHeader", "java", javaClass(`    sink(request.getHeader("X-Url"));`)],
    ["Spring @RequestParam", "java", javaClass(`    sink(name);`, `@RequestParam("name") String name`)],
    ["Spring @PathVariable", "java", javaClass(`    sink(id);`, `@PathVariable String id`)],
    ["Spring @RequestBody", "java", javaClass(`    sink(body.getUrl());`, `@RequestBody Req body`)],
    ["Spring @RequestHeader / @CookieValue", "java", javaClass(`    sink(c);`, `@CookieValue("c") String c`)],
  ];
  for (const [name, lang, code] of cases) {
    it(name, () => {
      expect(conf(lang, code), code).toBe(lang === "go" ? "medium" : "high");
    });
  }
});

describe("untrusted: propagation forms", () => {
  const cases: Array<[string, keyof typeof EXT, string]> = [
    ["assignment chain", "js", "function h(req) { const a = req.query.x; let b; b = a; const c = b; sink(c) }"],
    ["template literal", "js", "function h(req) { sink(`https://${req.query.host}/x`) }"],
    ["concatenation", "js", "function h(req) { const u = 'http://' + req.body.host; sink(u) }"],
    ["+=", "js", "function h(req) { let u = 'http://'; u += req.query.h; sink(u) }"],
    ["array literal", "js", "function h(req) { const args = ['-c', req.query.cmd]; sink(args) }"],
    ["object literal (shorthand)", "js", "function h(req) { const url = req.query.u; sink({ url }) }"],
    ["push into array", "js", "function h(req) { const parts = []; parts.push(req.query.p); sink(parts.join('/')) }"],
    ["String(x), .trim(), .toString()", "js", "function h(req) { sink(String(req.query.a).trim().toString()) }"],
    ["JSON.parse", "js", "function h(req) { const o = JSON.parse(req.body); sink(o.path) }"],
    ["path.join", "js", "const path = require('path'); function h(req) { sink(path.join(__dirname, req.params.f)) }"],
    ["ternary and ||", "js", "function h(req) { const n = req.query.next || '/'; sink(ok ? n : '/') }"],
    ["for...of", "js", "function h(req) { for (const f of req.body.files) { sink(f) } }"],
    ["f-string", "py", "def v(request):\n    q = f\"SELECT * FROM t WHERE id = {request.GET['id']}\"\n    sink(q)\n"],
    ["% formatting", "py", "def v(request):\n    sink('cat %s' % request.GET['f'])\n"],
    [".format", "py", "def v(request):\n    sink('ls {}'.format(request.POST['d']))\n"],
    ["tuple unpack", "py", "def v(request):\n    a, b = request.GET['a'], 'x'\n    sink(a)\n"],
    ["unpack from one value", "py", "def v(request):\n    host, port = request.GET['hp'].split(':')\n    sink(host)\n"],
    ["str() .strip() .lower()", "py", "def v(request):\n    sink(str(request.GET['x']).strip().lower())\n"],
    ["json.loads", "py", "import json\n\ndef v(request):\n    d = json.loads(request.body)\n    sink(d['cmd'])\n"],
    ["list append", "py", "def v(request):\n    cmd = ['ls']\n    cmd.append(request.GET['d'])\n    sink(cmd)\n"],
    [
      "comprehension",
      "py",
      "def v(request):\n    names = [n.strip() for n in request.GET.getlist('n')]\n    sink(names)\n",
    ],
    ["os.path.join", "py", "import os\n\ndef v(request):\n    sink(os.path.join('/srv', request.GET['f']))\n"],
    ["fmt.Sprintf", "go", goMain(`\tq := fmt.Sprintf("SELECT * FROM t WHERE id = %s", r.FormValue("id"))\n\tsink(q)`)],
    ["strings.TrimSpace", "go", goMain(`\tname := strings.TrimSpace(r.FormValue("n"))\n\tsink(name)`)],
    ["filepath.Join", "go", goMain(`\tp := filepath.Join("/srv", r.URL.Query().Get("f"))\n\tsink(p)`)],
    [
      "strings.Builder",
      "go",
      goMain(`\tvar sb strings.Builder\n\tsb.WriteString(r.FormValue("x"))\n\tsink(sb.String())`),
    ],
    ["[]byte conversion", "go", goMain(`\tsink([]byte(r.FormValue("x")))`)],
    [
      "String.format",
      "java",
      javaClass(
        `    String q = String.format("SELECT * FROM t WHERE id = '%s'", request.getParameter("id"));\n    sink(q);`,
      ),
    ],
    [
      "StringBuilder.append",
      "java",
      javaClass(
        `    StringBuilder sb = new StringBuilder("SELECT ");\n    sb.append(request.getParameter("c"));\n    sink(sb.toString());`,
      ),
    ],
    [
      "concatenation (Java)",
      "java",
      javaClass(`    String p = "/data/" + request.getParameter("f");\n    sink(new File(p));`),
    ],
  ];
  for (const [name, lang, code] of cases) {
    it(name, () => {
      expect(conf(lang, code), code).toBe(lang === "go" ? "medium" : "high");
    });
  }
});

describe("untrusted: sanitized or constant values do not hold", () => {
  const cases: Array<[string, keyof typeof EXT, string]> = [
    ["literal", "js", "sink('/static/a.txt')"],
    ["constant through variables", "js", "const BASE = '/srv'; const p = BASE + '/x'; sink(p)"],
    ["parseInt", "js", "function h(req) { const id = parseInt(req.query.id, 10); sink(id) }"],
    ["Number()", "js", "function h(req) { sink(Number(req.params.n)) }"],
    ["path.basename", "js", "const path = require('path'); function h(req) { sink(path.basename(req.params.f)) }"],
    ["encodeURIComponent", "js", "function h(req) { sink('/x?q=' + encodeURIComponent(req.query.q)) }"],
    ["a global that is not a source", "js", "sink(config.url)"],
    ["a value from an unknown call without input", "js", "function h() { const u = getUrl(); sink(u) }"],
    ["reassigned only with constants", "ts", "let u: string = 'a'; if (x) { u = 'b' } sink(u)"],
    ["int()", "py", "def v(request):\n    sink(int(request.GET['n']))\n"],
    ["os.path.basename", "py", "import os\n\ndef v(request):\n    sink(os.path.basename(request.GET['f']))\n"],
    ["html.escape", "py", "import html\n\ndef v(request):\n    sink(html.escape(request.GET['f']))\n"],
    ["shlex.quote", "py", "import shlex\n\ndef v(request):\n    sink('ls ' + shlex.quote(request.GET['d']))\n"],
    ["self is not input", "py", "class A:\n    def f(self):\n        sink(self.url)\n"],
    ["FastAPI Depends() parameter", "py", "@app.get('/')\ndef r(db = Depends(get_db)):\n    sink(db)\n"],
    ["strconv.Atoi", "go", goMain(`\tn, err := strconv.Atoi(r.FormValue("n"))\n\t_ = err\n\tsink(n)`)],
    ["filepath.Base", "go", goMain(`\tsink(filepath.Base(r.FormValue("f")))`)],
    ["Go receiver field", "go", `package p\n\nfunc (s *Server) h() {\n\tsink(s.baseURL)\n}\n`],
    ["Go constant", "go", `package p\n\nconst u = "http://x"\n\nfunc h() {\n\tsink(u + "/y")\n}\n`],
    [
      "Integer.parseInt",
      "java",
      javaClass(`    int id = Integer.parseInt(request.getParameter("id"));\n    sink(id);`),
    ],
    ["UUID.fromString", "java", javaClass(`    sink(UUID.fromString(request.getParameter("id")));`)],
    ["Java literal", "java", javaClass(`    sink("fixed");`)],
  ];
  for (const [name, lang, code] of cases) {
    it(name, () => {
      expect(conf(lang, code), code).toBeNull();
    });
  }
});

describe("untrusted: function parameters of unknown origin lower the confidence", () => {
  it("one level below the rule's confidence, per language", () => {
    expect(conf("js", "function run(cmd) { sink(cmd) }")).toBe("medium");
    expect(conf("ts", "export const run = (cmd: string) => sink(`sh -c ${cmd}`)")).toBe("medium");
    expect(conf("py", "def run(cmd):\n    sink(cmd)\n")).toBe("medium");
    expect(conf("java", javaClass(`    sink(path);`, "String path"))).toBe("medium");
    // the Go rule starts at medium: lowered to low
    expect(conf("go", `package p\n\nfunc run(cmd string) {\n\tsink(cmd)\n}\n`)).toBe("low");
  });

  it("appending to a parameter keeps it a parameter (+=, push, append)", () => {
    expect(conf("js", "function f(q) { q += '!'; sink(q) }")).toBe("medium");
    expect(conf("js", "function f(parts) { parts.push('x'); sink(parts) }")).toBe("medium");
    expect(conf("py", "def f(cmd):\n    cmd.append('-v')\n    sink(cmd)\n")).toBe("medium");
    expect(conf("js", "const parts = []; parts.push('a'); sink(parts)")).toBeNull();
  });

  it("closures see the variables of the function around them", () => {
    expect(conf("js", "app.get('/', (req, res) => { const u = req.query.u; items.forEach((i) => sink(u + i)) })")).toBe(
      "high",
    );
  });

  it("an unknown call given tainted input is treated like a parameter", () => {
    expect(conf("js", "function h(req) { sink(normalize(req.query.u)) }")).toBe("medium");
  });

  it("a function value made from tainted data returns tainted data, at parameter strength", () => {
    // $ = cheerio.load(html): what $(...) returns comes from the document
    expect(
      conf("js", "app.post('/', (req, res) => { const $ = load(req.body.html); sink($('meta').attr('name')) })"),
    ).toBe("medium");
    expect(conf("js", "function f(html) { const $ = load(html); sink($('meta')) }")).toBe("medium");
    // a callee that is a constant, an import or a function of the file is not tainted data
    expect(conf("js", "const $ = load('<p/>'); sink($('meta'))")).toBeNull();
    expect(conf("js", "const { fmt } = require('x'); sink(fmt('a'))")).toBeNull();
  });

  it("a source wins over a parameter when both reach the value", () => {
    expect(conf("js", "function h(req, base) { sink(base + req.query.p) }")).toBe("high");
  });

  it("`untrusted: source` ignores parameters and keeps real sources", () => {
    expect(conf("js", "function run(cmd) { strictSink(cmd) }", "t.taint.js-source")).toBeNull();
    expect(conf("js", "function h(req) { strictSink(req.query.cmd) }", "t.taint.js-source")).toBe("high");
  });

  it("`untrusted: false` holds only when neither source nor parameter reaches the value", () => {
    expect(conf("js", "cleanSink('x')", "t.taint.js-clean")).toBe("medium");
    expect(conf("js", "function f(a) { cleanSink(a) }", "t.taint.js-clean")).toBeNull();
    expect(conf("js", "function f(req) { cleanSink(req.query.a) }", "t.taint.js-clean")).toBeNull();
  });
});

describe("untrusted together with dynamic", () => {
  it("a string built from a source holds; a parameterized query or a built constant does not", () => {
    const rule = "t.taint.js-dynamic";
    expect(conf("js", "function h(req) { db.query('SELECT * FROM t WHERE id = ' + req.query.id) }", rule)).toBe("high");
    expect(
      conf("js", "function h(req) { db.query('SELECT * FROM t WHERE id = $1', [req.query.id]) }", rule),
    ).toBeNull();
    expect(conf("js", "const T = 'users'; db.query('SELECT * FROM ' + T)", rule)).toBeNull();
    expect(conf("js", "function find(id) { return db.query(`SELECT * FROM t WHERE id = ${id}`) }", rule)).toBe(
      "medium",
    );
  });
});

describe("determinism", () => {
  it("the same input gives the same findings, whether or not changed lines are given", () => {
    const code = "function h(req, p) {\n  const a = req.query.a;\n  sink(a);\n  sink(p);\n}\n";
    const full = scanner.scan({ path: "src/a.js", content: code, changedLines: new Set() }).findings;
    const again = scanner.scan({ path: "src/a.js", content: code, changedLines: new Set() }).findings;
    const diff = scanner.scan({ path: "src/a.js", content: code, changedLines: new Set([4]) }).findings;
    expect(again).toEqual(full);
    expect(full.map((f) => [f.line, f.confidence])).toEqual([
      [3, "high"],
      [4, "medium"],
    ]);
    expect(diff.map((f) => [f.line, f.confidence])).toEqual([[4, "medium"]]);
  });
});

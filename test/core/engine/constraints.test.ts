// Each constraint kind, exercised through small custom rules and their own examples.
import { describe, expect, it } from "vitest";
import { runExamples } from "../../../src/core/engine/examples.js";
import { createScanner } from "../../../src/core/engine/index.js";
import { constraintKeys } from "../../../src/core/engine/constraints/registry.js";
import { parseRuleFile } from "../../../src/core/engine/rules/load.js";

const RULES = `
- id: t.kind.matches
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report)'
  where: [{ capture: fn, matches: "^danger" }]
  examples: { bad: ["dangerZone()"], good: ["safeZone()"] }

- id: t.kind.not-matches
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report)'
  where: [{ capture: fn, not-matches: "(?i)^SAFE" }]
  examples: { bad: ["run()"], good: ["safeRun()"] }

- id: t.kind.value-matches
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "send"))'
  where: [{ capture: arg, value-matches: "secret" }]
  examples:
    bad: ["x = 'the secret'\\nsend(x)", "send('secret')"]
    good: ["x = 'public'\\nsend(x)"]

- id: t.kind.value-looks-like
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, value-looks-like: sql }]
  examples:
    bad: ["sink('SELECT id FROM t')", "const q = \\"delete from t where id = \\" + id; sink(q)", "sink(\`UPDATE t SET a = 1\`)"]
    good: ["sink('Select a file from the list')", "sink('hello')", "sink(q)"]

- id: t.kind.scope-matches
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (identifier) @fn) @report (#eq? @fn "use"))'
  where: [{ not: { capture: report, scope-matches: 'check\\(' } }]
  examples:
    bad: ["def f(x):\\n    use(x)\\n\\ndef g(x):\\n    check(x)"]
    good: ["def f(x):\\n    check(x)\\n    use(x)"]

- id: t.kind.dynamic
  languages: [go]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, dynamic: true }]
  examples:
    bad: ["package p\\nfunc f(a string) { sink(\\"x\\" + a) }", "package p\\nfunc f(a string) { s := fmt.Sprintf(\\"%s\\", a); sink(s) }"]
    good: ["package p\\nfunc f(a string) { sink(a) }", "package p\\nconst c = \\"k\\"\\nfunc f() { sink(\\"x\\" + c) }"]

- id: t.kind.constant
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, constant: false }]
  examples:
    bad: ["class A { void f(String a) { sink(a); } }"]
    good: ["class A { void f() { String s = \\"a\\" + \\"b\\"; sink(s); } }", "class A { void f() { sink((\\"a\\")); } }"]

- id: t.kind.resolves-to
  languages: [javascript, typescript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (_) @fn) @report)'
  where: [{ capture: fn, resolves-to: ["fs.*"] }]
  examples:
    bad: ["const fs = require('fs'); fs.readFileSync(p)", "import { readFile as rf } from 'node:fs'; rf(p)", "fs.writeFile(p, d)"]
    good: ["const fs = require('fs-extra'); fs.readFileSync(p)", "readFile(p)"]

- id: t.kind.imported-from
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (_) @fn) @report)'
  where: [{ capture: fn, imported-from: requests }]
  examples:
    bad: ["import requests\\nrequests.get(u)", "from requests import post as p\\np(u)", "try:\\n    import requests as r\\nexcept ImportError:\\n    r = None\\nr.get(u)"]
    good: ["requests.get(u)", "import httpx\\nhttpx.get(u)"]

- id: t.kind.has-kwarg
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (identifier) @fn) @report (#eq? @fn "open_url"))'
  where: [{ capture: report, has-kwarg: { name: insecure, value: "^True$" } }]
  examples:
    bad: ["open_url(u, insecure=True)"]
    good: ["open_url(u, insecure=False)", "open_url(u)", "open_url(u, True)"]

- id: t.kind.type
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, type: [template_string, binary_expression] }]
  examples: { bad: ["sink(\`a\`)", "sink(a + b)"], good: ["sink(a)", "sink('a')"] }

- id: t.kind.target-matches
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (identifier) @fn) @report (#eq? @fn "rnd"))'
  where: [{ capture: report, target-matches: "(?i)token" }]
  examples:
    bad: ["reset_token = str(rnd())"]
    good: ["delay = rnd()"]

- id: t.kind.untrusted
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }]
  examples:
    bad: ["app.get('/', (req, res) => sink(req.query.q))", "function f(p) { sink('x' + p) }"]
    good: ["sink('x')", "function f(req) { sink(parseInt(req.query.n, 10)) }"]

- id: t.kind.untrusted-object
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted-object: true }]
  examples:
    bad: ["def f():\\n    sink({'u': request.get_json()['u']})"]
    good: ["def f():\\n    sink({'u': request.args.get('u')})", "def f():\\n    sink({'u': str(request.json['u'])})"]

- id: t.kind.library-input
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report (#eq? @fn "sink"))'
  where: [{ capture: arg, untrusted: true }, { capture: arg, library-input: false }]
  examples:
    bad: ["app.get('/', (req, res) => sink(req.query.q))", "export function f(p) { sink(p) }"]
    good: ["sink('x')", "export function f() { sink(parseInt('3', 10)) }"]

- id: t.kind.in-function-named
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "rnd"))'
  where: [{ capture: report, in-function-named: "(?i)token" }]
  examples:
    bad: ["function makeToken() { return [1].map(() => rnd()); }", "const newToken = () => rnd()"]
    good: ["function jitter() { return rnd(); }", "rnd()"]

- id: t.kind.in-recursive-function
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "copy"))'
  where: [{ capture: report, in-recursive-function: true }]
  examples:
    bad: ["function merge(a, b) { copy(a, b); merge(a.x, b.x); }", "const walk = (n) => { copy(n); n.kids.forEach((k) => walk(k)); }"]
    good: ["function merge(a, b) { copy(a, b); other(a); }", "copy(a)"]

- id: t.kind.named-function-matches
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "use"))'
  where: [{ not: { capture: report, named-function-matches: 'check\\(' } }]
  examples:
    bad: ["function f(xs) { xs.forEach((x) => use(x)); }"]
    good: ["function f(xs) { check(xs); xs.forEach((x) => use(x)); }"]

- id: t.kind.related-code-matches
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "use"))'
  where: [{ not: { capture: report, related-code-matches: 'check\\(' } }]
  examples:
    bad: ["function g(x) { check(x); }\\nfunction f(xs) { xs.forEach((x) => use(x)); }"]
    good: ["function g(x) { return check(x); }\\nfunction f(xs) { if (g(xs)) xs.forEach((x) => use(x)); }"]

- id: t.kind.hardcoded
  languages: [go]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (argument_list . (_) @arg)) @report (#eq? @fn "key"))'
  where: [{ capture: arg, hardcoded: true }]
  examples:
    bad: ["package p\\nfunc f() { key([]byte(\\"k\\")) }", "package p\\nvar k = []byte(\\"k\\")\\nfunc f() { key(k) }"]
    good: ["package p\\nfunc f(k []byte) { key(k) }", "package p\\nfunc f() { key([]byte(os.Getenv(\\"K\\"))) }"]

- id: t.kind.file-matches
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn) @report (#eq? @fn "load"))'
  where: [{ capture: report, file-matches: 'import org.yaml' }]
  examples:
    bad: ["import org.yaml.snakeyaml.Yaml;\\nclass A { void f() { y.load(s); } }"]
    good: ["class A { void f() { p.load(s); } }"]

- id: t.kind.guarded-by
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn) @report (#eq? @fn "use"))'
  where: [{ not: { capture: report, guarded-by: 'ALLOWED' } }]
  examples:
    bad: ["class A { void f(String x) { if (x != null) { use(x); } } }"]
    good: ["class A { void f(String x) { if (ALLOWED.contains(x)) { use(x); } } }", "class A { void f(String x) { if (!ALLOWED.contains(x)) return; use(x); } }"]

- id: t.kind.preceded-by
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn) @report (#eq? @fn "decode"))'
  where: [{ not: { capture: report, preceded-by: 'verify' } }]
  examples:
    bad: ["class A { void f(String t) { decode(t); verify(t); } }"]
    good: ["class A { void f(String t) { verify(t); decode(t); } }"]

- id: t.kind.dominated-by
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "send"))'
  where: [{ not: { capture: report, dominated-by: 'asText' } }]
  examples:
    bad: ["function f(x) { if (x.raw) { asText(); } send(x); }", "function f(x) { send(x); asText(); }"]
    good: ["function f(x) { asText(); if (x.ok) { send(x); } }"]

- id: t.kind.called-as
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (member_expression) @fn) @report (#eq? @fn "Math.random"))'
  where: [{ capture: report, called-as: '(?i)token' }]
  examples:
    bad: ["function rnd() { return Math.random().toString(36); }\\nconst token = rnd();"]
    good: ["function rnd() { return Math.random().toString(36); }\\nconst color = rnd();"]

- id: t.kind.pattern-redos
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '(call arguments: (argument_list . (string) @re))'
  where: [{ capture: re, pattern-redos: true }]
  report: re
  examples:
    bad: ["import re\\nre.compile(r'^(a+)+$')"]
    good: ["import re\\nre.compile(r'^[a-z0-9-]+$')"]

- id: t.kind.combinators
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn arguments: (arguments . (_) @arg)) @report)'
  where:
    - any:
        - { capture: fn, matches: "^one$" }
        - all:
            - { capture: fn, matches: "^two$" }
            - { capture: arg, dynamic: true }
    - not: { capture: arg, matches: "^ok" }
  examples:
    bad: ["one(x)", "two('a' + x)"]
    good: ["two(x)", "one(ok)", "three('a' + x)"]

- id: t.kind.redos
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '(regex) @re'
  where: [{ capture: re, redos: true }]
  report: re
  examples: { bad: ['const r = /^(\\w+\\s?)*$/;'], good: ['const r = /^\\w+(?: \\w+)*$/;'] }

- id: t.kind.regex-input
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '(regex) @re'
  where: [{ capture: re, regex-input: untrusted }]
  report: re
  examples: { bad: ["function f(s) { return /a+b/.test(s); }"], good: ["const ok = /a+b/.test('aab');", "function f(s) { return /a+b/.test('x' + 1); }"] }
`;

describe("constraint kinds", () => {
  const loaded = parseRuleFile(RULES, "test/constraints.yml");

  it("the test rules are valid and cover every registered kind", () => {
    expect(loaded.errors).toEqual([]);
    const used = new Set(loaded.rules.map((r) => r.spec.id.replace(/^t\.kind\./, "")));
    for (const key of constraintKeys()) expect(used, key).toContain(key);
  });

  for (const { spec } of loaded.rules) {
    it(spec.id, async () => {
      const { scanner, notes } = await createScanner({ customRules: [{ origin: "t.yml", text: RULES }] });
      expect(notes).toEqual([]);
      const failed = runExamples(scanner, spec).filter((o) => !o.ok);
      expect(failed.map((o) => `${o.kind}[${o.index}] ${o.language}: ${o.code}`)).toEqual([]);
    });
  }
});

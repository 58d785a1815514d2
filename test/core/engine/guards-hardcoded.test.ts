// The `hardcoded`, `guarded-by`, `preceded-by` and `file-matches` constraints in detail, on the
// Go and Java grammars (and the Java try-with-resources binding they rely on).
import { describe, expect, it } from "vitest";
import { runExamples } from "../../../src/core/engine/examples.js";
import { createScanner } from "../../../src/core/engine/index.js";
import { parseRuleFile } from "../../../src/core/engine/rules/load.js";

const RULES = String.raw`
- id: t.hardcoded.go
  languages: [go]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (selector_expression field: (field_identifier) @fn) arguments: (argument_list . (_) @key)) @report (#eq? @fn "NewCipher"))'
  where: [{ capture: key, hardcoded: true }]
  examples:
    bad:
      - "package p\nfunc f() { aes.NewCipher([]byte(\"0123456789abcdef\")) }"
      - "package p\nvar key = []byte(\"0123456789abcdef\")\nfunc f() { aes.NewCipher(key) }"
      - "package p\nconst k = \"6b6b\"\nfunc f() { key, _ := hex.DecodeString(k); aes.NewCipher(key) }"
      - "package p\nfunc f() { aes.NewCipher([]byte{1, 2, 3, 4}) }"
      - "package p\nfunc f() { sum := sha256.Sum256([]byte(\"pass\")); aes.NewCipher(sum[:]) }"
    good:
      - "package p\nfunc f(key []byte) { aes.NewCipher(key) }"
      - "package p\nfunc f() { aes.NewCipher([]byte(os.Getenv(\"KEY\"))) }"
      - "package p\nfunc f() { key, _ := hex.DecodeString(os.Getenv(\"KEY\")); aes.NewCipher(key) }"
      - "package p\nfunc f(n byte) { aes.NewCipher([]byte{1, n}) }"

- id: t.hardcoded.java
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((object_creation_expression type: (type_identifier) @t arguments: (argument_list . (_) @key)) @report (#eq? @t "SecretKeySpec"))'
  where: [{ capture: key, hardcoded: true }]
  examples:
    bad:
      - 'class A { Object k() { return new SecretKeySpec("k".getBytes(StandardCharsets.UTF_8), "AES"); } }'
      - 'class A { static final String K = "k"; Object k() { return new SecretKeySpec(K.getBytes(), "AES"); } }'
      - 'class A { Object k() { return new SecretKeySpec(Base64.getDecoder().decode("a2V5"), "AES"); } }'
      - 'class A { static final byte[] K = {1, 2, 3}; Object k() { return new SecretKeySpec(K, "AES"); } }'
    good:
      - 'class A { Object k(byte[] raw) { return new SecretKeySpec(raw, "AES"); } }'
      - 'class A { Object k() { return new SecretKeySpec(System.getenv("K").getBytes(), "AES"); } }'
      - 'class A { Object k(String s) { return new SecretKeySpec(s.getBytes("UTF-8"), "AES"); } }'

- id: t.guarded.java
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn) @report (#eq? @fn "sink"))'
  where: [{ not: { capture: report, guarded-by: 'ALLOWED|startsWith' } }]
  examples:
    bad:
      - 'class A { void f(String x) { sink(x); } }'
      - 'class A { void f(String x) { if (x.isEmpty()) { sink(x); } } }'
      - 'class A { void f(String x) { if (ALLOWED.contains(x)) { log(x); } else { sink(x); } } }'
      - 'class A { void f(String x) { sink(x); if (!x.startsWith("/")) return; } }'
      - 'class A { void f(String x) { if (ALLOWED.contains(x)) { g(() -> {}); } Runnable r = () -> sink(x); } }'
    good:
      - 'class A { void f(String x) { if (ALLOWED.contains(x)) { sink(x); } } }'
      - 'class A { void f(String x) { if (x != null) { if (!x.startsWith("/")) { throw new E(); } sink(x); } } }'
      - 'class A { void f(String x) { if (a) { } else if (ALLOWED.contains(x)) { sink(x); } } }'
      - 'class A { String f(String x) { return ALLOWED.contains(x) ? sink(x) : null; } }'

- id: t.guarded.go
  languages: [go]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (identifier) @fn) @report (#eq? @fn "sink"))'
  where: [{ not: { capture: report, guarded-by: 'trusted\[' } }]
  examples:
    bad:
      - "package p\nfunc f(o string) { sink(o) }"
      - "package p\nfunc f(o string) { if o != \"\" { sink(o) } }"
    good:
      - "package p\nfunc f(o string) { if trusted[o] { sink(o) } }"
      - "package p\nfunc f(r R) { if o := r.O(); trusted[o] { sink(o) } }"
      - "package p\nfunc f(o string) { if !trusted[o] { return }\n sink(o) }"

- id: t.preceded.java
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn) @report (#eq? @fn "decode"))'
  where: [{ not: { capture: report, preceded-by: '\.verify\(' } }]
  examples:
    bad:
      - 'class A { void f(String t) { JWT.decode(t); v.verify(t); } }'
      - 'class A { void g(String t) { v.verify(t); } void f(String t) { JWT.decode(t); } }'
    good:
      - 'class A { void f(String t) { v.verify(t); JWT.decode(t); } }'
      - 'class A { void f(String t) { /* ünïcode ✓ */ v.verify(t); JWT.decode(t); } }'

- id: t.file.java
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn) @report (#eq? @fn "fromXML"))'
  where: [{ not: { capture: report, file-matches: '\.allowTypes\(' } }]
  examples:
    bad: ['class A { Object f(String s) { return xs.fromXML(s); } }']
    good: ['class A { A() { xs.allowTypes(new Class[] { B.class }); } Object f(String s) { return xs.fromXML(s); } }']

- id: t.called-as.go
  languages: [go]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (selector_expression field: (field_identifier) @fn)) @report (#eq? @fn "Intn"))'
  where: [{ capture: report, called-as: '(?i)token|otp' }]
  examples:
    bad:
      - "package p\nfunc r(n int) int { return rand.Intn(n) }\nfunc f() { token := r(10); use(token) }"
      - "package p\nfunc r(n int) int { return rand.Intn(n) }\nfunc f() string { otp := fmt.Sprintf(\"%06d\", r(1000000)); return otp }"
      - "package p\nfunc (s *S) r(n int) int { return rand.Intn(n) }\nfunc (s *S) f() { token := s.r(10); use(token) }"
    good:
      - "package p\nfunc r(n int) int { return rand.Intn(n) }\nfunc f() { idx := r(10); use(idx) }"
      - "package p\nfunc r(n int) int { return rand.Intn(n) }"
      - "package p\nfunc f() { token := rand.Intn(10); use(token) }"

- id: t.resource.java
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation object: (_) @s name: (identifier) @fn) @report (#eq? @fn "readObject"))'
  where: [{ capture: s, value-matches: '^new ObjectInputStream' }]
  examples:
    bad: ['class A { Object f(InputStream x) throws Exception { try (ObjectInputStream in = new ObjectInputStream(x)) { return in.readObject(); } } }']
    good: ['class A { Object f(ObjectInput in) throws Exception { return in.readObject(); } }']

- id: t.nested-concat.java
  languages: [java]
  severity: info
  confidence: low
  message: m
  query: '((method_invocation name: (identifier) @fn arguments: (argument_list . (_) @q)) @report (#eq? @fn "run"))'
  where: [{ capture: q, value-matches: 'SECRET' }]
  examples:
    bad: ['class A { void f() { String c = "SECRET"; run("a" + c + "b"); } }']
    good: ['class A { void f() { String c = "public"; run("a" + c + "b"); } }']
`;

describe("hardcoded / guarded-by / preceded-by / file-matches", () => {
  const loaded = parseRuleFile(RULES, "test/guards.yml");

  it("the test rules are valid", () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.rules.length).toBeGreaterThan(0);
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

// `target-matches`: the name a value is stored under, passed as, or returned from.
import { describe, expect, it } from "vitest";
import { createScanner } from "../../../../src/core/engine/index.js";

const RULES = `
- id: t.target.py
  languages: [python]
  severity: info
  confidence: low
  message: m
  query: '((call function: (attribute object: (identifier) @o attribute: (identifier) @m)) @report (#eq? @o "random"))'
  where: [{ capture: report, target-matches: "(?i)token|otp|salt|code$" }]
  examples: { bad: ["token = random.random()"], good: ["x = random.random()"] }

- id: t.target.js
  languages: [javascript]
  severity: info
  confidence: low
  message: m
  query: '((call_expression function: (member_expression object: (identifier) @o)) @report (#eq? @o "Math"))'
  where: [{ capture: report, target-matches: "(?i)token|sid" }]
  examples: { bad: ["const token = Math.random()"], good: ["const x = Math.random()"] }
`;

async function lines(code: string, path: string): Promise<number[]> {
  const { scanner } = await createScanner({ customRules: [{ origin: "t.yml", text: RULES }] });
  return scanner
    .scan({ path, content: code, changedLines: new Set() })
    .findings.filter((f) => f.ruleId.startsWith("t.target."))
    .map((f) => f.line)
    .filter((l, i, a) => a.indexOf(l) === i);
}

describe("target-matches (python)", () => {
  const fires = [
    "token = random.random()",
    'reset_token = "".join(random.choice(chars) for _ in range(32))',
    "otp = str(random.randint(100000, 999999))",
    'user.reset_code = f"{random.randint(0, 9999):04d}"',
    'session["csrf_token"] = random.getrandbits(64)',
    "code = ''\nfor _ in range(6):\n    code += str(random.randint(0, 9))",
    "User.objects.create(api_token=random.getrandbits(128))",
    'payload = {"salt": random.random()}',
    "def make_token():\n    return hex(random.getrandbits(128))",
    "def generate_otp(n=6):\n    digits = '0123456789'\n    return ''.join(random.choice(digits) for _ in range(n))",
    "new_token = lambda: random.random()",
  ];
  const quiet = [
    "delay = random.random() * 2",
    "if random.random() < 0.1:\n    token = compute()",
    "random.shuffle(deck)",
    "def roll():\n    return random.randint(1, 6)",
    "def make_token():\n    jitter = random.random()\n    return secrets.token_hex(16)",
    "token[random.randint(0, 3)] = 1",
    "country_code_choice = random.choice(codes)\nprint(country_code_choice)",
  ];
  for (const code of fires)
    it(`fires: ${code.split("\n").pop()}`, async () => expect((await lines(code, "a.py")).length).toBeGreaterThan(0));
  for (const code of quiet)
    it(`quiet: ${code.split("\n").pop()}`, async () => expect(await lines(code, "a.py")).toEqual([]));
});

describe("target-matches (javascript)", () => {
  it("names variables, properties, object keys and returning functions", async () => {
    expect(await lines("const token = Math.random().toString(36)", "a.js")).toEqual([1]);
    expect(await lines("req.session.sid = Math.floor(Math.random() * 1e9)", "a.js")).toEqual([1]);
    expect(await lines("send({ token: Math.random() })", "a.js")).toEqual([1]);
    expect(await lines("function newToken() {\n  return Math.random().toString(36)\n}", "a.js")).toEqual([2]);
    expect(await lines("const makeSid = () => Math.random().toString(36)", "a.js")).toEqual([1]);
  });
  it("stays quiet for other names and bare uses", async () => {
    expect(await lines("const jitter = Math.random() * 100", "a.js")).toEqual([]);
    expect(await lines("if (Math.random() > 0.5) token = 1", "a.js")).toEqual([]);
    expect(await lines("function backoff() {\n  return Math.random() * 1000\n}", "a.js")).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../src/core/engine/index.js";
import type { Scanner } from "../../../src/core/engine/scanner.js";
import { shannonEntropy } from "../../../src/core/secrets/entropy.js";
import { maskText } from "../../../src/core/secrets/mask.js";
import { isFixturePath, isPlaceholder } from "../../../src/core/secrets/placeholders.js";
import type { RawFinding } from "../../../src/core/types.js";
import { fake } from "./fake.js";

let scanner: Scanner;
beforeAll(async () => {
  ({ scanner } = await createScanner());
});

function secrets(path: string, content: string, changed: number[] = []): RawFinding[] {
  return scanner
    .scan({ path, content, changedLines: new Set(changed) })
    .findings.filter((f) => f.ruleId.startsWith("secrets."));
}

function expectOne(path: string, content: string, ruleId: string, value: string): RawFinding {
  const found = secrets(path, content);
  expect(
    found.map((f) => f.ruleId),
    content,
  ).toEqual([ruleId]);
  const f = found[0] as RawFinding;
  expect(f.cwe).toEqual(["CWE-798"]);
  expect(f.secrets).toContain(value);
  expect(f.message).not.toContain(value);
  return f;
}

describe("provider tokens (true positives)", () => {
  const cases: Array<[string, string, (v: string) => string, string]> = [
    ["AWS access key id (AKIA)", fake.awsKeyId(), (v) => `const accessKeyId = "${v}";`, "secrets.aws-access-key-id"],
    [
      "AWS access key id (ASIA)",
      `AS${"IA"}${fake.awsKeyId(21).slice(4)}`,
      (v) => `AWS_ACCESS_KEY_ID=${v}`,
      "secrets.aws-access-key-id",
    ],
    ["AWS secret key", fake.awsSecret(), (v) => `aws_secret_access_key = "${v}"`, "secrets.aws-secret-access-key"],
    ["GitHub ghp_", fake.github("ghp"), (v) => `const token = "${v}";`, "secrets.github-token"],
    ["GitHub gho_", fake.github("gho", 31), (v) => `token: ${v}`, "secrets.github-token"],
    ["GitHub ghu_", fake.github("ghu", 32), (v) => `x = '${v}'`, "secrets.github-token"],
    ["GitHub ghs_", fake.github("ghs", 33), (v) => `curl -H "Authorization: token ${v}"`, "secrets.github-token"],
    ["GitHub ghr_", fake.github("ghr", 34), (v) => `refresh("${v}")`, "secrets.github-token"],
    ["GitHub fine-grained PAT", fake.githubPat(), (v) => `GH_TOKEN="${v}"`, "secrets.github-token"],
    ["GitLab", fake.gitlab(), (v) => `private_token = "${v}"`, "secrets.gitlab-token"],
    ["Slack bot", fake.slack("b"), (v) => `slack.WebClient("${v}")`, "secrets.slack-token"],
    ["Slack user", fake.slack("p", 61), (v) => `SLACK=${v}`, "secrets.slack-token"],
    ["Stripe secret", fake.stripe("sk"), (v) => `Stripe.api_key = "${v}"`, "secrets.stripe-live-key"],
    ["Stripe restricted", fake.stripe("rk", 71), (v) => `stripe(${JSON.stringify(v)})`, "secrets.stripe-live-key"],
    ["Google API key", fake.google(), (v) => `<meta name="maps-key" content="${v}">`, "secrets.google-api-key"],
    ["OpenAI project key", fake.openaiProject(), (v) => `client = OpenAI(api_key="${v}")`, "secrets.openai-api-key"],
    ["OpenAI legacy key", fake.openaiLegacy(), (v) => `openai.api_key = "${v}"`, "secrets.openai-api-key"],
    ["Anthropic key", fake.anthropic(), (v) => `new Anthropic({ apiKey: "${v}" })`, "secrets.anthropic-api-key"],
    ["JWT", fake.jwt(), (v) => `const session = "${v}";`, "secrets.jwt"],
    ["Slack webhook URL", fake.slackWebhook(), (v) => `const hook = "${v}";`, "secrets.slack-webhook-url"],
    ["Discord webhook URL", fake.discordWebhook(), (v) => `DISCORD_WEBHOOK=${v}`, "secrets.discord-webhook-url"],
    ["Teams webhook URL", fake.teamsWebhook(), (v) => `notify(url="${v}")`, "secrets.teams-webhook-url"],
  ];
  for (const [name, value, line, ruleId] of cases) {
    it(name, () => {
      const f = expectOne("src/config.ts", `// config\n${line(value)}\n`, ruleId, value);
      expect(f.line).toBe(2);
      const text = line(value);
      expect(f.column).toBe(text.indexOf(value) + 1);
      expect(f.endColumn).toBe(text.indexOf(value) + value.length + 1);
    });
  }

  it("finds tokens in files of any type (YAML, .env, unknown extensions)", () => {
    const v = fake.github("ghp", 40);
    expect(secrets(".github/workflows/ci.yml", `env:\n  GH: ${v}\n`).map((f) => f.ruleId)).toEqual([
      "secrets.github-token",
    ]);
    expect(secrets("deploy/.env", `GITHUB_TOKEN=${v}\n`).map((f) => f.ruleId)).toEqual(["secrets.github-token"]);
    expect(secrets("notes.weird", `token ${v}`).map((f) => f.ruleId)).toEqual(["secrets.github-token"]);
  });
});

describe("private keys", () => {
  it("reports a PEM private key block and lists its body lines as secrets", () => {
    const body = fake.pemBody();
    const pem = ["-----BEGIN RSA PRIVATE KEY-----", ...body, "-----END RSA PRIVATE KEY-----"].join("\n");
    const found = secrets("deploy/key.pem", `${pem}\n`);
    expect(found.map((f) => f.ruleId)).toEqual(["secrets.private-key"]);
    expect(found[0]?.line).toBe(1);
    for (const l of body) expect(found[0]?.secrets).toContain(l);
  });

  it("reports a key embedded in JSON with \\n escapes", () => {
    const body = fake.pemBody(50, 2).join("\\n");
    const json = `{\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n"\n}`;
    expect(secrets("sa.json", json).map((f) => f.ruleId)).toContain("secrets.private-key");
  });

  it("ignores a header without key material (code that checks for it, docs)", () => {
    expect(secrets("src/pem.ts", `if (text.startsWith("-----BEGIN PRIVATE KEY-----")) return true;\n`)).toEqual([]);
    expect(
      secrets("README.md", "-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----\n"),
    ).toEqual([]);
  });
});

describe("generic assignments weighed by entropy", () => {
  it("reports a high-entropy password, secret, api key and token", () => {
    const v = fake.password();
    for (const line of [
      `const dbPassword = "${v}";`,
      `CLIENT_SECRET = '${v}'`,
      `"api_key": "${v}",`,
      `authToken: "${v}"`,
      `db_password := "${v}"`,
    ]) {
      const found = secrets("src/settings.py", line);
      expect(
        found.map((f) => f.ruleId),
        line,
      ).toEqual(["secrets.generic-assignment"]);
      expect(found[0]?.secrets).toEqual([v]);
      expect(found[0]?.message).not.toContain(v);
    }
  });

  it("accepts unquoted values only outside source code (.env, YAML, properties)", () => {
    const v = fake.password(90);
    expect(secrets("config/prod.env", `DB_PASSWORD=${v}`).map((f) => f.ruleId)).toEqual(["secrets.generic-assignment"]);
    expect(secrets("config/app.yml", `database:\n  password: ${v}\n`).map((f) => f.ruleId)).toEqual([
      "secrets.generic-assignment",
    ]);
    expect(secrets("src/app.py", `password = ${"get_password_for"}(user)`)).toEqual([]);
  });

  it("stays quiet about generic assignments in tests, fixtures and docs", () => {
    const v = fake.password(92);
    expect(secrets("test/login.test.ts", `const password = "${v}";`)).toEqual([]);
    expect(secrets("docs/config.md", `password: ${v}`)).toEqual([]);
    expect(secrets("src/login.ts", `const password = "${v}";`)).toHaveLength(1);
  });

  it("prefers the provider rule over the generic one for the same value", () => {
    const v = fake.openaiProject(91);
    expect(secrets("src/ai.py", `OPENAI_API_KEY = "${v}"`).map((f) => f.ruleId)).toEqual(["secrets.openai-api-key"]);
  });

  it("ignores low-entropy values, words and names", () => {
    for (const line of [
      `password = "password"`,
      `const token = "Bearer";`,
      `secret: "my-app-secret-name"`,
      `apiKey: "apiKeyHeaderName"`,
      `password = "aaaaaaaaaaaa"`,
      `token = "1234"`,
      `TOKEN_URL = "https://auth.example.org/oauth/token"`,
      `passwordField = "x9$kL2#qPz7!"`,
    ]) {
      expect(secrets("src/app.ts", line), line).toEqual([]);
    }
  });
});

describe("true negatives: placeholders, lookups, fixtures", () => {
  it("ignores placeholders", () => {
    for (const line of [
      `password = "changeme"`,
      `api_key = "your_api_key_here"`,
      `API_KEY="<your-key>"`,
      `token: "\${GITHUB_TOKEN}"`,
      `secret = "{{ vault_secret }}"`,
      `password = "xxxxxxxxxxxxxxxx"`,
      `aws_access_key_id = "AKIAXXXXXXXXXXXXXXXX"`,
      `OPENAI_API_KEY=sk-...`,
      `password: "********"`,
      `token = "$TOKEN_FROM_ENV"`,
      `SLACK_WEBHOOK = "https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX"`,
      `url = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"`,
      `hook = "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}"`,
    ]) {
      expect(secrets("src/app.py", line), line).toEqual([]);
    }
  });

  it("ignores environment and secret-store lookups", () => {
    for (const [path, line] of [
      ["src/a.ts", "const token = process.env.GITHUB_TOKEN;"],
      ["src/a.ts", "const apiKey = process.env['OPENAI_API_KEY'] ?? '';"],
      ["src/a.py", "password = os.environ['DB_PASSWORD']"],
      ["src/a.py", 'api_key = os.getenv("API_KEY")'],
      ["src/a.py", 'secret = os.environ.get("SECRET", "")'],
      ["src/a.go", 'token := os.Getenv("TOKEN")'],
      ["src/A.java", 'String password = System.getenv("DB_PASSWORD");'],
      ["config/app.yml", "password: ${DB_PASSWORD}"],
    ] as const) {
      expect(secrets(path, line), line).toEqual([]);
    }
  });

  it("ignores AWS's documented example keys", () => {
    expect(secrets("src/aws.ts", `const id = "AKIAIOSFODNN7EXAMPLE";`)).toEqual([]);
    expect(secrets("src/aws.ts", `aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"`)).toEqual([]);
  });

  it("ignores fake/dummy/test values in test, fixture and docs paths, but not elsewhere", () => {
    const v = `ghp_${"test"}${fake.github("ghp", 77).slice(8)}`;
    expect(secrets("test/fixtures/tokens.ts", `const t = "${v}";`)).toEqual([]);
    expect(secrets("docs/setup.md", `export GH=${v}`)).toEqual([]);
    expect(secrets("src/client.ts", `const t = "${v}";`).map((f) => f.ruleId)).toEqual(["secrets.github-token"]);
  });

  it("only scans changed lines when they are given", () => {
    const v = fake.github("ghp", 80);
    const content = `a\nconst t = "${v}";\nb\n`;
    expect(secrets("src/x.ts", content, [1, 3])).toEqual([]);
    expect(secrets("src/x.ts", content, [2]).map((f) => f.line)).toEqual([2]);
  });
});

describe("masking", () => {
  it("the core's maskText hides every reported value in the line", () => {
    const v = fake.stripe("sk", 99);
    const line = `stripe.setKey("${v}")`;
    const [f] = secrets("src/pay.ts", line);
    expect(f).toBeDefined();
    const masked = maskText(line, f?.secrets);
    expect(masked).not.toContain(v);
    expect(masked).toContain("stripe.setKey(");
  });
});

describe("helpers", () => {
  it("shannonEntropy", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("abcd")).toBeCloseTo(2, 5);
    expect(shannonEntropy(fake.awsSecret())).toBeGreaterThan(4);
  });

  it("isPlaceholder / isFixturePath", () => {
    expect(isPlaceholder("your_api_key_here")).toBe(true);
    expect(isPlaceholder("${VAR}")).toBe(true);
    expect(isPlaceholder(fake.github())).toBe(false);
    expect(isFixturePath("test/fixtures/a.json")).toBe(true);
    expect(isFixturePath("src/__tests__/a.ts")).toBe(true);
    expect(isFixturePath("pkg/client_test.go")).toBe(true);
    expect(isFixturePath("README.md")).toBe(true);
    expect(isFixturePath("src/contest/a.ts")).toBe(false);
  });
});

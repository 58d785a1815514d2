// Framework secret keys and service credentials (rules/secrets/frameworks.yml, services.yml).
// Every token-shaped value is generated at run time (see fake.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { createScanner } from "../../../src/core/engine/index.js";
import type { Scanner } from "../../../src/core/engine/scanner.js";
import type { RawFinding } from "../../../src/core/types.js";
import { fake } from "./fake.js";

let scanner: Scanner;
beforeAll(async () => {
  ({ scanner } = await createScanner());
});

function secrets(path: string, content: string): RawFinding[] {
  return scanner
    .scan({ path, content, changedLines: new Set() })
    .findings.filter((f) => f.ruleId.startsWith("secrets."));
}

/** Exactly one finding, of `ruleId`, carrying `value` and never printing it. */
function expectOne(path: string, content: string, ruleId: string, value: string): RawFinding {
  const found = secrets(path, content);
  expect(
    found.map((f) => f.ruleId),
    content,
  ).toEqual([ruleId]);
  const f = found[0] as RawFinding;
  expect(f.secrets).toContain(value);
  expect(f.message).not.toContain(value);
  expect(f.fix ?? "").not.toContain(value);
  return f;
}

describe("framework secret keys", () => {
  const key = (seed: number) => `${fake.password(seed)}${fake.hex(12, seed)}`;

  it("Django SECRET_KEY in settings", () => {
    const v = `django-insecure-${key(1)}`;
    const f = expectOne("mysite/settings.py", `DEBUG = False\nSECRET_KEY = '${v}'\n`, "secrets.django-secret-key", v);
    expect(f.line).toBe(2);
    expect(f.cwe).toEqual(["CWE-798"]);
    expectOne(
      "app/config.py",
      `class Settings(BaseSettings):\n    SECRET_KEY: str = "${key(2)}"\n`,
      "secrets.django-secret-key",
      key(2),
    );
  });

  it("Flask app.secret_key, app.config['SECRET_KEY'] and config.update(SECRET_KEY=...)", () => {
    expectOne("app/__init__.py", `app.secret_key = "${key(3)}"`, "secrets.flask-secret-key", key(3));
    expectOne("app/__init__.py", `app.config["SECRET_KEY"] = '${key(4)}'`, "secrets.flask-secret-key", key(4));
    expectOne(
      "app/__init__.py",
      `app.config.update(DEBUG=False, SECRET_KEY="${key(5)}")`,
      "secrets.flask-secret-key",
      key(5),
    );
  });

  it("a weak but literal key is still reported (the worst case)", () => {
    expectOne("app/__init__.py", `app.secret_key = "super secret"`, "secrets.flask-secret-key", "super secret");
    expectOne(
      "src/server.js",
      `app.use(session({ secret: "keyboard cat", resave: false }))`,
      "secrets.express-session-secret",
      "keyboard cat",
    );
  });

  it("Rails secret_key_base in YAML and Ruby", () => {
    const v = fake.hex(128, 6);
    expectOne("config/secrets.yml", `production:\n  secret_key_base: ${v}\n`, "secrets.rails-secret-key-base", v);
    expectOne(
      "config/environments/production.rb",
      `  config.secret_key_base = "${v}"`,
      "secrets.rails-secret-key-base",
      v,
    );
  });

  it("Express session({ secret }) over several lines, and cookieParser(secret)", () => {
    const v = key(7);
    const code = `app.use(\n  session({\n    name: "sid",\n    secret: "${v}",\n    resave: false,\n  }),\n);\n`;
    expect(expectOne("src/app.ts", code, "secrets.express-session-secret", v).line).toBe(4);
    expectOne("src/app.js", `app.use(cookieParser("${key(8)}"));`, "secrets.cookie-parser-secret", key(8));
  });

  it("JWT signing secrets: jsonwebtoken, PyJWT, java-jwt, jjwt, golang-jwt, passport-jwt (CWE-798 + CWE-321)", () => {
    const cases: Array<[string, (v: string) => string]> = [
      ["src/auth.ts", (v) => `const token = jwt.sign({ sub: user.id, role }, "${v}", { expiresIn: "1h" });`],
      ["src/auth.js", (v) => `const claims = jwt.verify(req.headers["authorization"], '${v}');`],
      ["app/auth.py", (v) => `token = jwt.encode({"sub": uid}, "${v}", algorithm="HS256")`],
      ["app/auth.py", (v) => `claims = jwt.decode(token, "${v}", algorithms=["HS256"])`],
      ["src/main/java/Auth.java", (v) => `Algorithm alg = Algorithm.HMAC256("${v}");`],
      [
        "src/main/java/Auth.java",
        (v) => `Jwts.builder().setSubject(s).signWith(SignatureAlgorithm.HS256, "${v}").compact();`,
      ],
      ["src/main/java/Auth.java", (v) => `SecretKey k = Keys.hmacShaKeyFor("${v}".getBytes(StandardCharsets.UTF_8));`],
      ["internal/auth/token.go", (v) => `signed, err := token.SignedString([]byte("${v}"))`],
      ["src/passport.ts", (v) => `passport.use(new JwtStrategy({ jwtFromRequest, secretOrKey: "${v}" }, verify));`],
      ["src/app.js", (v) => `app.use(expressjwt({ secret: "${v}", algorithms: ["HS256"] }));`],
    ];
    cases.forEach(([path, line], i) => {
      const v = key(20 + i);
      const f = expectOne(path, line(v), "secrets.jwt-signing-secret", v);
      expect(f.cwe).toEqual(["CWE-798", "CWE-321"]);
    });
  });

  it("Spring jwt.secret in properties and YAML", () => {
    const v = fake.base64(44, 9);
    expectOne(
      "src/main/resources/application.properties",
      `server.port=8080\njwt.secret=${v}\n`,
      "secrets.spring-jwt-secret",
      v,
    );
    expectOne("src/main/resources/application.yml", `app.jwt.secret-key: "${v}"\n`, "secrets.spring-jwt-secret", v);
    expectOne(
      "src/main/resources/application.yml",
      `jwt:\n  secret: ${v}\n  expiration: 3600\n`,
      "secrets.spring-jwt-secret-nested",
      v,
    );
  });
});

describe("framework secret keys: what stays quiet", () => {
  it("environment and secret-store lookups", () => {
    for (const [path, code] of [
      ["mysite/settings.py", `SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`],
      ["mysite/settings.py", `SECRET_KEY = os.getenv("SECRET_KEY", "")`],
      ["app/__init__.py", `app.secret_key = os.environ.get("SECRET_KEY")`],
      ["app/__init__.py", `app.config["SECRET_KEY"] = settings.secret_key`],
      ["src/app.ts", `app.use(session({\n  secret: process.env.SESSION_SECRET!,\n}))`],
      ["src/auth.ts", `jwt.sign(payload, process.env.JWT_SECRET as string)`],
      ["src/auth.ts", `jwt.verify(token, config.jwtSecret)`],
      ["src/main/java/Auth.java", `Algorithm alg = Algorithm.HMAC256(System.getenv("JWT_SECRET"));`],
      ["internal/auth/token.go", `signed, err := token.SignedString([]byte(os.Getenv("JWT_SECRET")))`],
      ["src/main/resources/application.properties", "jwt.secret=${JWT_SECRET}"],
      ["src/main/resources/application.yml", "jwt:\n  secret: ${JWT_SECRET:}\n"],
      ["config/secrets.yml", 'production:\n  secret_key_base: <%= ENV["SECRET_KEY_BASE"] %>\n'],
    ] as const) {
      expect(secrets(path, code), code).toEqual([]);
    }
  });

  it("placeholders", () => {
    for (const [path, code] of [
      ["mysite/settings.py", `SECRET_KEY = "changeme"`],
      ["app/__init__.py", `app.secret_key = "<your-secret-key>"`],
      ["src/auth.ts", `jwt.sign(payload, "your-256-bit-secret")`],
      ["src/app.js", `app.use(session({ secret: "REPLACE_ME" }))`],
      ["src/main/resources/application.properties", "jwt.secret=xxxxxxxxxxxxxxxx"],
    ] as const) {
      expect(secrets(path, code), code).toEqual([]);
    }
  });

  it("test fixtures and docs", () => {
    const v = `${fake.password(40)}x`;
    expect(secrets("tests/test_views.py", `app.secret_key = "${v}"`)).toEqual([]);
    expect(secrets("test/auth.test.ts", `const t = jwt.sign({ sub: 1 }, "${v}");`)).toEqual([]);
    expect(secrets("docs/auth.md", `jwt.sign(payload, "${v}")`)).toEqual([]);
    expect(secrets("src/auth.ts", `jwt.sign(payload, "${v}")`)).toHaveLength(1);
  });

  it("a public key passed to jwt.verify, an unrelated `secret:` and SECRET_KEY outside Python", () => {
    expect(
      secrets("src/auth.ts", `jwt.verify(token, "-----BEGIN PUBLIC KEY-----\\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A")`),
    ).toEqual([]);
    expect(secrets("src/ui.ts", `const field = { secret: "Reveal" };`)).toEqual([]);
    expect(secrets("src/settings.js", `const SECRET_KEY = "ab";`)).toEqual([]);
  });
});

describe("service credentials", () => {
  const cases: Array<[string, string, string, (v: string) => string]> = [
    [
      "Azure storage connection string",
      "secrets.azure-storage-account-key",
      fake.azureAccountKey(),
      (v) =>
        `"Storage": "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${v};EndpointSuffix=core.windows.net"`,
    ],
    [
      "Azure Service Bus connection string",
      "secrets.azure-shared-access-key",
      fake.azureSharedKey(),
      (v) => `SB=Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${v}`,
    ],
    ["SendGrid", "secrets.sendgrid-api-key", fake.sendgrid(), (v) => `sgMail.setApiKey("${v}");`],
    ["npm token", "secrets.npm-token", fake.npm(), (v) => `//registry.npmjs.org/:_authToken=${v}`],
    ["legacy .npmrc token", "secrets.npmrc-auth-token", fake.uuid(51), (v) => `//registry.npmjs.org/:_authToken=${v}`],
    ["PyPI token", "secrets.pypi-token", fake.pypi(), (v) => `password = ${v}`],
    ["Telegram bot token", "secrets.telegram-bot-token", fake.telegram(), (v) => `bot = telebot.TeleBot("${v}")`],
    [
      "Discord bot token",
      "secrets.discord-bot-token",
      fake.discord(),
      (v) => `const discord = new Client(); discord.login("${v}");`,
    ],
    ["Twilio auth token", "secrets.twilio-auth-token", fake.hex(32, 52), (v) => `TWILIO_AUTH_TOKEN = "${v}"`],
    [
      "Twilio client(sid, token)",
      "secrets.twilio-auth-token",
      fake.hex(32, 53),
      (v) => `const client = twilio("${fake.twilioSid()}", "${v}");`,
    ],
    ["Mailgun", "secrets.mailgun-api-key", fake.mailgun(), (v) => `mailgun.client({ username: "api", key: "${v}" })`],
    ["Heroku API key", "secrets.heroku-api-key", fake.uuid(54), (v) => `HEROKU_API_KEY=${v}`],
  ];
  for (const [name, ruleId, value, line] of cases) {
    it(name, () => {
      const text = line(value);
      const f = expectOne(name.includes("npm") ? ".npmrc" : "src/config.ts", `// setup\n${text}\n`, ruleId, value);
      expect(f.line).toBe(2);
      expect(f.column).toBe(text.indexOf(value) + 1);
    });
  }

  it("Google service account key file", () => {
    const body = fake.pemBody(60, 3).join("\\n");
    const json = `{\n  "type": "service_account",\n  "project_id": "p",\n  "private_key_id": "${fake.hex(40, 61)}",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n${body}\\n-----END PRIVATE KEY-----\\n",\n  "client_email": "sa@p.iam.gserviceaccount.com"\n}\n`;
    const found = secrets("deploy/sa.json", json);
    expect(found.map((f) => f.ruleId)).toEqual(["secrets.gcp-service-account-key"]);
    expect(found[0]?.line).toBe(5);
    expect(found[0]?.secrets?.[0]).toContain(body.slice(0, 64));
  });

  it("tokens without a distinctive prefix need the provider's name nearby", () => {
    expect(secrets("src/a.ts", `const id = "${fake.discord(70)}";`)).toEqual([]);
    expect(secrets("src/a.ts", `const sid = "${fake.twilioKey(71)}";`)).toEqual([]);
    expect(secrets("src/a.ts", `const h = "${fake.mailgun(72)}";`)).toEqual([]);
    expect(secrets("src/a.ts", `const requestId = "${fake.uuid(73)}";`)).toEqual([]);
    expect(secrets("src/twilio.ts", `// Twilio\nconst sid = "${fake.twilioKey(74)}";`).map((f) => f.ruleId)).toEqual([
      "secrets.twilio-api-key",
    ]);
  });

  it("the storage emulator's published key and placeholders stay quiet", () => {
    const emulator = `Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq${fake.base64(24, 80)}==`;
    expect(
      secrets(
        "local.settings.json",
        `"AzureWebJobsStorage": "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${emulator}"`,
      ),
    ).toEqual([]);
    expect(
      secrets(
        "src/mail.ts",
        `sgMail.setApiKey("SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")`,
      ),
    ).toEqual([]);
    expect(secrets(".npmrc", "//registry.npmjs.org/:_authToken=${NPM_TOKEN}")).toEqual([]);
  });
});

describe("connection URLs and byte-wrapped literals", () => {
  it("reports a password embedded in a database / broker URL, not dev defaults or templates", () => {
    const v = fake.password(90).replace(/[!#]/g, "x");
    expectOne(
      "app/db.py",
      `DB_URL = "postgresql://app:${v}@db.internal:5432/app"`,
      "secrets.connection-string-password",
      v,
    );
    expectOne(
      "src/db.ts",
      `const uri = "mongodb+srv://svc:${v}@cluster0.mongodb.net/prod";`,
      "secrets.connection-string-password",
      v,
    );
    expect(secrets("docker-compose.yml", "DATABASE_URL: postgres://postgres:postgres@localhost:5432/dev")).toEqual([]);
    expect(secrets("src/db.ts", "const uri = `mongodb://app:${process.env.DB_PASS}@db/app`;")).toEqual([]);
    expect(secrets("src/db.ts", `const uri = "mongodb://app:<password>@db/app";`)).toEqual([]);
  });

  it("reads through []byte(...), Buffer.from(...) and b'...' in generic assignments", () => {
    const v = fake.password(91);
    expectOne("internal/auth/keys.go", `var sessionSigningKey = []byte("${v}")`, "secrets.generic-assignment", v);
    expectOne("src/keys.ts", `const hmacKey = Buffer.from("${v}");`, "secrets.generic-assignment", v);
    expectOne("app/keys.py", `SECRET = b"${v}"`, "secrets.generic-assignment", v);
    expect(secrets("internal/auth/keys.go", `var hmacSecret = []byte(os.Getenv("JWT_SECRET"))`)).toEqual([]);
  });

  it("a Java package named com.example is production code, not a docs example", () => {
    const v = fake.password(92);
    expectOne(
      "src/main/java/com/example/auth/Keys.java",
      `Algorithm alg = Algorithm.HMAC256("${v}");`,
      "secrets.jwt-signing-secret",
      v,
    );
    expect(secrets("examples/auth/keys.js", `jwt.sign(p, "${v}")`)).toEqual([]);
  });
});

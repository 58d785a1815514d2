// HTTP server bootstrap: middleware, CORS, sessions and cookie helpers.
const express = require("express");
const session = require("express-session");
const RedisStore = require("connect-redis").default;
const cors = require("cors");
const helmet = require("helmet");
const { createClient } = require("redis");

const app = express();
const redis = createClient({ url: process.env.REDIS_URL });
redis.connect().catch(console.error);

const TRUSTED_ORIGINS = ["https://app.example.com", "https://admin.example.com"];
const THIRTY_DAYS = 30 * 24 * 60 * 60 * 1000;

app.set("trust proxy", 1);
app.use(helmet());
app.use(express.json({ limit: "1mb" }));

// Public, read-only catalogue: any site may read it, no cookies involved.
app.use("/public", cors({ origin: "*" })); // safe: CWE-942

// Main API used by the SPA.
app.use("/api", cors({ origin: TRUSTED_ORIGINS, credentials: true })); // safe: CWE-942

// Embeddable widget API.
app.use("/widget", cors({ origin: true, credentials: true })); // expect: CWE-942

// Partner API: partners call us from their own dashboards.
app.use("/partner", (req, res, next) => {
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin || "*"); // expect: CWE-942
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization");
  if (req.method === "OPTIONS") return res.sendStatus(204);
  next();
});

// Reporting API: only our own origins get credentials.
app.use("/reports", (req, res, next) => {
  const origin = req.headers.origin;
  if (origin && TRUSTED_ORIGINS.includes(origin)) {
    res.setHeader("Access-Control-Allow-Origin", origin); // safe: CWE-942
    res.setHeader("Access-Control-Allow-Credentials", "true");
    res.setHeader("Vary", "Origin");
  }
  next();
});

app.use(
  session({
    store: new RedisStore({ client: redis }),
    name: "sid",
    secret: "f2Kq8vLx0Rz7TmB4wN9cJ6pY3hD5sG1a", // expect: CWE-798
    resave: false,
    saveUninitialized: false,
    cookie: { secure: false, httpOnly: true, maxAge: THIRTY_DAYS }, // expect: CWE-614
  }),
);

app.use("/admin", session({ name: "admin.sid", secret: process.env.ADMIN_SESSION_SECRET, resave: false, saveUninitialized: false, cookie: { secure: true, httpOnly: true, sameSite: "strict" } })); // safe: CWE-798, CWE-614, CWE-1004

function issueSessionCookies(res, sessionToken, rememberToken) {
  res.cookie("session", sessionToken, { httpOnly: false, secure: true, sameSite: "lax" }); // expect: CWE-1004
  res.cookie("remember_me", rememberToken, { httpOnly: true, maxAge: THIRTY_DAYS }); // expect: CWE-614
}

function issueSessionCookiesSafely(res, sessionToken) {
  res.cookie("session", sessionToken, { httpOnly: true, secure: true, sameSite: "lax" }); // safe: CWE-614, CWE-1004
}

app.post("/preferences/theme", (req, res) => {
  const theme = req.body.theme === "dark" ? "dark" : "light";
  res.cookie("theme", theme, { maxAge: THIRTY_DAYS, sameSite: "lax" }); // safe: CWE-614, CWE-1004
  res.cookie("tz", String(req.body.timezone || "UTC").slice(0, 64), { maxAge: THIRTY_DAYS }); // safe: CWE-614, CWE-1004
  res.sendStatus(204);
});

app.get("/healthz", (_req, res) => res.json({ status: "ok" }));

module.exports = { app, issueSessionCookies, issueSessionCookiesSafely };

"use strict";

const crypto = require("crypto");
const express = require("express");
const session = require("express-session");
const cors = require("cors");
const helmet = require("helmet");
const RedisStore = require("connect-redis").default;
const { createClient } = require("redis");
const bcrypt = require("bcrypt");
const ordersRouter = require("../src/routes/orders");
const partnerRouter = require("../src/routes/partner");
const { findUserByEmail, createSessionRecord } = require("../src/services/users");

const app = express();
const redisClient = createClient({ url: process.env.REDIS_URL });
redisClient.connect().catch((err) => console.error("redis connect failed", err));

app.set("trust proxy", 1);
app.use(helmet());
app.use(express.json({ limit: "1mb" }));

app.use("/status", cors({ origin: "*" }), (req, res) => res.json({ ok: true })); // safe: CWE-942

app.use(cors({ origin: ["https://app.acme.io", "https://admin.acme.io"], credentials: true })); // safe: CWE-942

app.use(
  session({
    store: new RedisStore({ client: redisClient, prefix: "sess:" }),
    secret: "s3ss-9f8Kq2LxVbN7wT4eRzYpHc5mUd1", // expect: CWE-798
    name: "acme.sid",
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: false, // expect: CWE-1004
      secure: process.env.NODE_ENV === "production", // safe: CWE-614
      sameSite: "lax",
      maxAge: 1000 * 60 * 60 * 8,
    },
  })
);

// Partner dashboards are embedded on many customer domains.
app.use("/partner", cors({ origin: true, credentials: true }), partnerRouter); // expect: CWE-942

app.post("/login", async (req, res) => {
  const { email, password } = req.body;
  const user = await findUserByEmail(String(email || ""));
  if (!user || !(await bcrypt.compare(String(password || ""), user.passwordHash))) { // safe: CWE-327
    return res.status(401).json({ error: "Invalid credentials" });
  }
  const sessionToken = crypto.randomBytes(32).toString("hex"); // safe: CWE-338
  await createSessionRecord(user.id, sessionToken);
  res.cookie("auth_session", sessionToken, { httpOnly: true, sameSite: "strict", maxAge: 86_400_000 }); // expect: CWE-614
  res.json({ id: user.id, name: user.name });
});

app.post("/preferences", (req, res) => {
  const theme = req.body.theme === "dark" ? "dark" : "light";
  res.cookie("theme", theme, { maxAge: 365 * 24 * 3600 * 1000 }); // safe: CWE-614
  res.sendStatus(204);
});

app.use("/api", ordersRouter);

app.use((err, req, res, _next) => {
  console.error(err);
  res.status(500).json({ error: "Internal server error" });
});

const port = Number(process.env.PORT) || 3000;
app.listen(port, () => console.log(`api listening on ${port}`));

module.exports = app;

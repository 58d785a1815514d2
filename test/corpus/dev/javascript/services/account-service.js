// Account endpoints: login, password reset and member search (Mongoose).
const express = require("express");
const mongoose = require("mongoose");
const bcrypt = require("bcrypt");
const jwt = require("jsonwebtoken");
const { z } = require("zod");

const PASSWORD_MIN_LENGTH = 12; // safe: CWE-798
const BCRYPT_ROUNDS = 12;

const userSchema = new mongoose.Schema({
  email: { type: String, required: true, unique: true },
  password: { type: String, required: true }, // safe: CWE-798
  displayName: String,
  role: { type: String, default: "member" },
  resetToken: String,
  resetExpires: Date,
});
const User = mongoose.model("User", userSchema);

const loginBody = z.object({ email: z.string().email(), password: z.string().min(1) });
const resetBody = z.object({ token: z.string().length(64), password: z.string().min(PASSWORD_MIN_LENGTH) });

const router = express.Router();

router.post("/login", async (req, res) => {
  const { email, password } = loginBody.parse(req.body);
  const user = await User.findOne({ email }); // safe: CWE-943
  if (!user || !(await bcrypt.compare(password, user.password))) {
    return res.status(401).json({ error: "invalid credentials" });
  }
  const token = jwt.sign({ sub: user.id, role: user.role }, process.env.JWT_SECRET, { expiresIn: "1h" }); // safe: CWE-798
  res.json({ token });
});

router.post("/login/legacy", async (req, res) => {
  const user = await User.findOne({ email: req.body.email }); // expect: CWE-943
  if (!user || !(await bcrypt.compare(String(req.body.password), user.password))) {
    return res.status(401).json({ error: "invalid credentials" });
  }
  const token = jwt.sign({ sub: user.id, role: user.role }, "9c1f4e7b2a8d6035e1b7c9f0a3d5e8b2", { expiresIn: "7d" }); // expect: CWE-798
  res.json({ token });
});

router.post("/password/reset", async (req, res) => {
  const token = req.body.token;
  const user = await User.findOne({ resetToken: token, resetExpires: { $gt: new Date() } }); // expect: CWE-943
  if (!user) return res.status(400).json({ error: "invalid or expired token" });
  user.password = await bcrypt.hash(req.body.password, BCRYPT_ROUNDS); // safe: CWE-327
  user.resetToken = undefined;
  await user.save();
  res.status(204).end();
});

router.post("/password/reset/v2", async (req, res) => {
  const { token, password } = resetBody.parse(req.body);
  const user = await User.findOne({ resetToken: token, resetExpires: { $gt: new Date() } }); // safe: CWE-943
  if (!user) return res.status(400).json({ error: "invalid or expired token" });
  user.password = await bcrypt.hash(password, BCRYPT_ROUNDS);
  user.resetToken = undefined;
  await user.save();
  res.status(204).end();
});

router.get("/members/lookup", async (req, res) => {
  const member = await User.findOne({ email: String(req.query.email) }, { displayName: 1 }); // safe: CWE-943
  res.json(member);
});

router.get("/members/search", async (req, res) => {
  const prefix = req.query.prefix;
  const members = await User.find({ $where: `this.displayName && this.displayName.startsWith('${prefix}')` }).limit(20); // expect: CWE-943
  res.json(members.map((m) => ({ id: m.id, displayName: m.displayName })));
});

router.get("/members/search/v2", async (req, res) => {
  const prefix = String(req.query.prefix ?? "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const members = await User.find({ displayName: { $regex: `^${prefix}` } }).limit(20); // safe: CWE-943
  res.json(members.map((m) => ({ id: m.id, displayName: m.displayName })));
});

module.exports = router;

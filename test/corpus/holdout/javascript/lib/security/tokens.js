"use strict";

const crypto = require("crypto");

// Key shared with the legacy billing system (see BILL-2211).
const LEGACY_KEY = Buffer.from("7c1e9a44b02fd86e3a5b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f", "hex"); // expect: CWE-321

const TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

function generateResetToken(length = 32) {
  let token = "";
  for (let i = 0; i < length; i++) {
    token += TOKEN_ALPHABET.charAt(Math.floor(Math.random() * TOKEN_ALPHABET.length)); // expect: CWE-338
  }
  return token;
}

function newSessionId() {
  return Date.now().toString(36) + Math.random().toString(36).slice(2); // expect: CWE-338
}

function generateApiKey() {
  return "ak_" + crypto.randomBytes(24).toString("base64url"); // safe: CWE-338
}

function retryDelayMs(attempt) {
  const base = Math.min(30_000, 250 * 2 ** attempt);
  return base + Math.floor(Math.random() * 250); // safe: CWE-338
}

function hashPassword(password) {
  return crypto.createHash("md5").update(password).digest("hex"); // expect: CWE-327
}

function hashPasswordStrong(password) {
  const salt = crypto.randomBytes(16);
  const derived = crypto.scryptSync(password, salt, 64); // safe: CWE-327
  return `${salt.toString("hex")}:${derived.toString("hex")}`;
}

function etagFor(body) {
  return `"${crypto.createHash("md5").update(body).digest("hex")}"`; // safe: CWE-327
}

function fileChecksum(buffer) {
  return crypto.createHash("sha256").update(buffer).digest("hex"); // safe: CWE-327
}

function encryptLegacy(plaintext) {
  const cipher = crypto.createCipheriv("aes-256-ecb", LEGACY_KEY, null); // expect: CWE-327
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
}

function encryptForPartner(plaintext, key) {
  const cipher = crypto.createCipheriv("aes-256-cbc", key, Buffer.alloc(16, 0)); // expect: CWE-327
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
}

function encrypt(plaintext, key = Buffer.from(process.env.DATA_KEY_HEX || "", "hex")) { // safe: CWE-321
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv); // safe: CWE-327
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64");
}

function safeEqual(a, b) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

module.exports = {
  generateResetToken,
  newSessionId,
  generateApiKey,
  retryDelayMs,
  hashPassword,
  hashPasswordStrong,
  etagFor,
  fileChecksum,
  encryptLegacy,
  encryptForPartner,
  encrypt,
  safeEqual,
};

// Shared crypto helpers: password hashing, field encryption, tokens and cache keys.
const crypto = require("node:crypto");
const fs = require("node:fs");

const FIELD_KEY = Buffer.from(process.env.FIELD_ENCRYPTION_KEY ?? "", "base64"); // safe: CWE-798
const TOKEN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

// ---- passwords -------------------------------------------------------------

function hashPassword(password) {
  return crypto.createHash("md5").update(password).digest("hex"); // expect: CWE-327
}

function legacyDigest(user, password) {
  const salted = `${user.salt}:${password}`;
  return crypto.createHash("sha1").update(salted).digest("base64"); // expect: CWE-327
}

function hashPasswordScrypt(password) {
  const salt = crypto.randomBytes(16);
  const key = crypto.scryptSync(password, salt, 64, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }); // safe: CWE-327
  return `${salt.toString("hex")}:${key.toString("hex")}`;
}

function hashPasswordPbkdf2(password, salt) {
  return crypto.pbkdf2Sync(password, salt, 600000, 32, "sha256").toString("hex"); // safe: CWE-327
}

// ---- field encryption ------------------------------------------------------

function encryptLegacy(plaintext) {
  const cipher = crypto.createCipheriv("des-ede3-cbc", FIELD_KEY.subarray(0, 24), crypto.randomBytes(8)); // expect: CWE-327
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
}

function encryptDeterministic(value) {
  const cipher = crypto.createCipheriv("aes-128-ecb", FIELD_KEY.subarray(0, 16), null); // expect: CWE-327
  return Buffer.concat([cipher.update(value, "utf8"), cipher.final()]).toString("hex");
}

function encryptCbc(plaintext) {
  const cipher = crypto.createCipheriv("aes-256-cbc", FIELD_KEY, Buffer.alloc(16, 0)); // expect: CWE-327
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
}

function encryptWithAppKey(plaintext, iv) {
  const cipher = crypto.createCipheriv("aes-256-cbc", "q7Zt2LwX9pVb4NcR8mKs1HdY6fGj3EaU", iv); // expect: CWE-321
  return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
}

function encryptField(plaintext) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", FIELD_KEY, iv); // safe: CWE-327, CWE-321
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

// ---- checksums and cache keys (not security decisions) ---------------------

function fileChecksum(filePath) {
  return crypto.createHash("sha256").update(fs.readFileSync(filePath)).digest("hex"); // safe: CWE-327
}

function etagFor(body) {
  return `"${crypto.createHash("md5").update(body).digest("hex")}"`; // safe: CWE-327
}

function cacheKey(url) {
  return "thumb:" + crypto.createHash("sha1").update(url).digest("hex"); // safe: CWE-327
}

function signWebhook(payload) {
  return crypto.createHmac("sha256", process.env.WEBHOOK_SIGNING_SECRET).update(payload).digest("hex"); // safe: CWE-327, CWE-798
}

// ---- tokens ------------------------------------------------------------------

function passwordResetToken() {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2); // expect: CWE-338
}

function sessionId(length = 32) {
  let id = "";
  for (let i = 0; i < length; i++) id += TOKEN_ALPHABET[Math.floor(Math.random() * TOKEN_ALPHABET.length)]; // expect: CWE-338
  return id;
}

function newApiKey() {
  const apiKey = "ak_" + Math.random().toString(16).substring(2) + Date.now().toString(16); // expect: CWE-338
  return apiKey;
}

function loginOtp() {
  return String(Math.floor(100000 + Math.random() * 900000)); // expect: CWE-338
}

const secureToken = () => crypto.randomBytes(32).toString("base64url"); // safe: CWE-338
const requestId = () => crypto.randomUUID(); // safe: CWE-338
const secureOtp = () => String(crypto.randomInt(100000, 1000000)); // safe: CWE-338

function retryDelay(attempt) {
  return Math.min(30000, 2 ** attempt * 250) + Math.floor(Math.random() * 250); // safe: CWE-338
}

function shuffleQuestions(questions) {
  const out = [...questions];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1)); // safe: CWE-338
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

module.exports = { hashPassword, legacyDigest, hashPasswordScrypt, hashPasswordPbkdf2, encryptLegacy, encryptDeterministic, encryptCbc, encryptWithAppKey, encryptField, fileChecksum, etagFor, cacheKey, signWebhook, passwordResetToken, sessionId, newApiKey, loginOtp, secureToken, requestId, secureOtp, retryDelay, shuffleQuestions };

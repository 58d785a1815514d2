// User preferences and workspace settings: partial updates are deep-merged into the stored document.
const express = require("express");
const _ = require("lodash");
const { loadSettings, saveSettings } = require("../store/settings");

const router = express.Router();
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (isPlainObject(source[key])) {
      if (!isPlainObject(target[key])) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; // expect: CWE-1321
    }
  }
  return target;
}

function safeDeepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (FORBIDDEN_KEYS.has(key)) continue;
    if (isPlainObject(source[key])) {
      if (!Object.hasOwn(target, key) || !isPlainObject(target[key])) target[key] = Object.create(null); // safe: CWE-1321
      safeDeepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; // safe: CWE-1321
    }
  }
  return target;
}

router.patch("/preferences", async (req, res) => {
  const current = await loadSettings(req.user.id);
  const updated = deepMerge(current, req.body);
  await saveSettings(req.user.id, updated);
  res.json(updated);
});

router.patch("/preferences/v2", async (req, res) => {
  const current = await loadSettings(req.user.id);
  const updated = safeDeepMerge(current, req.body);
  await saveSettings(req.user.id, updated);
  res.json(updated);
});

router.put("/workspace/:id/settings", async (req, res) => {
  const settings = _.merge({}, await loadSettings(req.params.id), req.body); // expect: CWE-1321
  await saveSettings(req.params.id, settings);
  res.json(settings);
});

router.post("/workspace/:id/settings/field", async (req, res) => {
  const settings = await loadSettings(req.params.id);
  _.set(settings, req.body.path, req.body.value); // expect: CWE-1321
  await saveSettings(req.params.id, settings);
  res.json(settings);
});

router.post("/preferences/:section", async (req, res) => {
  const prefs = await loadSettings(req.user.id);
  const { key, value } = req.body;
  if (!prefs[req.params.section]) prefs[req.params.section] = {};
  prefs[req.params.section][key] = value; // expect: CWE-1321
  await saveSettings(req.user.id, prefs);
  res.json(prefs);
});

router.post("/preferences/v2/:section", async (req, res) => {
  const prefs = await loadSettings(req.user.id);
  const { section } = req.params;
  const { key, value } = req.body;
  if (FORBIDDEN_KEYS.has(section) || FORBIDDEN_KEYS.has(key)) return res.status(400).json({ error: "invalid key" });
  const bucket = Object.hasOwn(prefs, section) ? prefs[section] : (prefs[section] = {});
  bucket[key] = value; // safe: CWE-1321
  await saveSettings(req.user.id, prefs);
  res.json(prefs);
});

// Per-request feature flags live in a Map so arbitrary flag names are harmless.
router.post("/flags", (req, res) => {
  const flags = new Map(Object.entries(req.session.flags ?? {}));
  for (const [name, enabled] of Object.entries(req.body)) flags.set(name, Boolean(enabled)); // safe: CWE-1321
  req.session.flags = Object.fromEntries(flags);
  res.json(req.session.flags);
});

router.post("/drafts", (req, res) => {
  const draft = structuredClone(req.body); // safe: CWE-1321
  const merged = Object.assign(Object.create(null), draft); // safe: CWE-1321
  res.status(201).json({ fields: Object.keys(merged).length });
});

module.exports = router;

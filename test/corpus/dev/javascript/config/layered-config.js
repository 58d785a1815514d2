// Layered configuration: built-in defaults < config file < environment < admin overrides.
// The merge helpers below grew one by one; the admin API patches the live config at run time.
"use strict";
const fs = require("node:fs");
const express = require("express");
const Ajv = require("ajv");
const _ = require("lodash");

const DEFAULTS = Object.freeze({
  server: { port: 8080, host: "127.0.0.1", trustProxy: false },
  log: { level: "info", format: "json" },
  features: { search: true, exports: false },
});

const PROTO_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const SECTIONS = new Set(Object.keys(DEFAULTS));

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Original helper, still used by the plugin loader.
function mergeLayers(target, source) {
  for (const key of Object.keys(source)) {
    if (isPlainObject(source[key]) && isPlainObject(target[key])) {
      mergeLayers(target[key], source[key]);
    } else {
      target[key] = source[key]; // expect: CWE-1321
    }
  }
  return target;
}

// Skips the keys that reach a prototype, using a deny list shared with the path helpers.
function mergeChecked(target, source) {
  for (const key of Object.keys(source)) {
    if (PROTO_KEYS.has(key)) continue;
    if (isPlainObject(source[key]) && isPlainObject(target[key])) {
      mergeChecked(target[key], source[key]);
    } else {
      target[key] = source[key]; // safe: CWE-1321
    }
  }
  return target;
}

// Any key that Object.prototype already answers (__proto__, constructor, toString, ...) is skipped.
function mergeSkippingInherited(target, source) {
  for (const key in source) {
    if (!Object.prototype.hasOwnProperty.call(source, key)) continue;
    if (key in Object.prototype) continue;
    const value = source[key];
    if (isPlainObject(value) && isPlainObject(target[key])) {
      mergeSkippingInherited(target[key], value);
    } else {
      target[key] = value; // safe: CWE-1321
    }
  }
  return target;
}

// Only keys that exist in the defaults' shape are merged; anything else is dropped.
function mergeKnown(target, source, shape = DEFAULTS) {
  for (const key of Object.keys(source)) {
    if (!Object.prototype.hasOwnProperty.call(shape, key)) continue;
    if (isPlainObject(shape[key]) && isPlainObject(source[key])) {
      target[key] = mergeKnown(isPlainObject(target[key]) ? target[key] : {}, source[key], shape[key]); // safe: CWE-1321
    } else {
      target[key] = source[key]; // safe: CWE-1321
    }
  }
  return target;
}

// Overrides are kept in Maps until they are frozen into the effective config.
function overridesToMap(source, into = new Map()) {
  for (const [key, value] of Object.entries(source)) {
    if (isPlainObject(value)) into.set(key, overridesToMap(value, into.get(key) instanceof Map ? into.get(key) : new Map())); // safe: CWE-1321
    else into.set(key, value); // safe: CWE-1321
  }
  return into;
}

// Env vars such as APP__LOG__LEVEL=debug become { log: { level: "debug" } } in a null-prototype tree;
// the values are always strings.
function envToTree(env, prefix = "APP__") {
  const root = Object.create(null);
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(prefix) || typeof value !== "string") continue;
    const keys = name.slice(prefix.length).toLowerCase().split("__");
    const leaf = keys.pop();
    let node = root;
    for (const key of keys) {
      if (typeof node[key] !== "object") node[key] = Object.create(null); // safe: CWE-1321
      node = node[key];
    }
    node[leaf] = value; // safe: CWE-1321
  }
  return root;
}

// Dotted path setter for the admin API; segments must look like identifiers.
function setByPath(obj, dotted, value) {
  const keys = String(dotted).split(".");
  if (!keys.every((k) => /^[A-Za-z_$][\w$]*$/.test(k))) throw new TypeError(`bad path ${dotted}`);
  const last = keys.pop();
  let node = obj;
  for (const key of keys) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key];
  }
  node[last] = value; // expect: CWE-1321
  return obj;
}

// Same setter for the v2 API, which refuses the prototype keys on every level.
function setByPathChecked(obj, dotted, value) {
  const keys = String(dotted).split(".");
  if (keys.some((k) => PROTO_KEYS.has(k))) throw new TypeError(`bad path ${dotted}`);
  const last = keys.pop();
  let node = obj;
  for (const key of keys) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key];
  }
  node[last] = value; // safe: CWE-1321
  return obj;
}

function loadConfig(file) {
  const fromFile = JSON.parse(fs.readFileSync(file, "utf8"));
  const config = mergeChecked(structuredClone(DEFAULTS), fromFile);
  return mergeChecked(config, envToTree(process.env));
}

const ajv = new Ajv({ allErrors: true });
const validateOverride = ajv.compile({
  type: "object",
  additionalProperties: false,
  properties: {
    log: {
      type: "object",
      additionalProperties: false,
      properties: { level: { enum: ["debug", "info", "warn", "error"] }, format: { enum: ["json", "text"] } },
    },
    features: { type: "object", additionalProperties: false, properties: { search: { type: "boolean" }, exports: { type: "boolean" } } },
  },
});

const live = loadConfig(process.env.CONFIG_FILE || "config.json");
const router = express.Router();

router.patch("/admin/config", (req, res) => {
  if (!validateOverride(req.body)) return res.status(400).json({ errors: validateOverride.errors });
  _.merge(live, req.body); // safe: CWE-1321
  res.json(live);
});

router.patch("/admin/config/raw", (req, res) => {
  mergeLayers(live, req.body);
  res.json(live);
});

router.patch("/admin/config/known", (req, res) => {
  mergeKnown(live, req.body);
  mergeSkippingInherited(live, req.body);
  res.json(live);
});

router.put("/admin/config/:section/:key", (req, res) => {
  const { section, key } = req.params;
  if (!SECTIONS.has(section) || !/^[a-z][A-Za-z0-9]*$/.test(key)) return res.status(404).json({ error: "unknown setting" });
  live[section][key] = req.body.value; // safe: CWE-1321
  res.json(live[section]);
});

router.put("/admin/stats/:group/:name", (req, res) => {
  const stats = req.app.locals.stats;
  stats[req.params.group][req.params.name] = Number(req.body.value); // expect: CWE-1321
  res.sendStatus(204);
});

router.post("/admin/config/path", (req, res) => {
  setByPath(live, req.body.path, req.body.value); // expect: CWE-1321
  res.json(live);
});

router.post("/admin/config/v2/path", (req, res) => {
  setByPathChecked(live, req.body.path, req.body.value);
  res.json(live);
});

module.exports = { router, loadConfig, mergeLayers, overridesToMap };

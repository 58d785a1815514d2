// A tiny router and the request validators of the public API. Route templates ("/users/:id")
// are compiled to regular expressions once at start-up; search and filter endpoints build
// patterns from query strings.
"use strict";
const http = require("node:http");
const escapeStringRegexp = require("escape-string-regexp");

const PARAM = /:([A-Za-z_]\w*)/g;
const TRAILING_SLASHES = /\/+$/; // expect: CWE-1333

function escapeRegex(text) {
  return String(text).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compileRoute(template) {
  const names = [];
  const source = template
    .split("/")
    .map((part) => (part.startsWith(":") ? (names.push(part.slice(1)), "([^/]+)") : escapeRegex(part)))
    .join("\\/");
  return { re: new RegExp(`^${source}\\/?$`), names }; // safe: CWE-1333
}

function compileTemplate(template) {
  const names = [...template.matchAll(PARAM)].map((m) => m[1]);
  return { re: new RegExp("^" + template.replace(PARAM, "([^/]+)") + "$"), names }; // safe: CWE-1333
}

const routes = [];
function route(method, template, handler) {
  routes.push({ method, handler, ...compileRoute(template) });
}

// ---- validators -------------------------------------------------------------------------
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/; // safe: CWE-1333
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/; // safe: CWE-1333
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([\da-z-]+(?:\.[\da-z-]+)*))?$/i; // safe: CWE-1333
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/; // safe: CWE-1333
const HEX_COLOR = /^#(?:[0-9a-f]{3}){1,2}$/i; // safe: CWE-1333
const PHONE = /^\+?[0-9 ()-]{7,20}$/; // safe: CWE-1333
const USERNAME = /^(?=.{3,32}$)[a-z][a-z0-9_]*$/; // safe: CWE-1333
const TAG_LIST = /^\s*\w+(?:\s*,\s*\w+)*\s*$/; // safe: CWE-1333
const WORD_LIST = /^(?:(?=(\w+))\1[ ,]?)*$/; // safe: CWE-1333
const DISPLAY_NAME = /^([a-zA-Z]+\s?)+$/; // expect: CWE-1333
const DOMAIN = /^([a-z0-9]+(-[a-z0-9]+)*\.)+[a-z]{2,}$/i; // safe: CWE-1333

function validateSignup(body) {
  const errors = [];
  if (!EMAIL.test(String(body.email))) errors.push("email");
  if (!USERNAME.test(String(body.username))) errors.push("username");
  if (body.displayName && !DISPLAY_NAME.test(body.displayName)) errors.push("displayName");
  if (body.phone && !PHONE.test(body.phone)) errors.push("phone");
  if (body.website && !DOMAIN.test(body.website)) errors.push("website");
  if (body.tags && !TAG_LIST.test(body.tags)) errors.push("tags");
  if (body.keywords && !WORD_LIST.test(body.keywords)) errors.push("keywords");
  return errors;
}

function validateRelease(body) {
  return SLUG.test(String(body.slug)) && SEMVER.test(String(body.version)) && HEX_COLOR.test(String(body.color));
}

function validateClient(address) {
  return IPV4.test(address);
}

// ---- handlers ----------------------------------------------------------------------------
route("GET", "/search", (req, res, url) => {
  const q = url.searchParams.get("q") ?? "";
  const re = new RegExp(escapeStringRegexp(q), "i"); // safe: CWE-1333
  send(res, 200, articles.filter((a) => re.test(a.title)));
});

route("GET", "/search/raw", (req, res, url) => {
  const re = new RegExp(url.searchParams.get("pattern"), "i"); // expect: CWE-1333
  send(res, 200, articles.filter((a) => re.test(a.title)));
});

route("GET", "/tags/:prefix", (req, res, url, params) => {
  const prefix = params.prefix.replace(/[^a-z0-9-]/gi, "");
  const re = new RegExp(`^${prefix}(?:-\\d+)?$`, "i"); // safe: CWE-1333
  send(res, 200, tags.filter((t) => re.test(t)));
});

route("GET", "/highlight", (req, res, url) => {
  const term = url.searchParams.get("term") ?? "";
  const re = new RegExp(`(${term})`, "gi"); // expect: CWE-1333
  send(res, 200, articles.map((a) => a.body.replace(re, "<<$1>>")));
});

route("POST", "/signup", async (req, res) => {
  const body = JSON.parse(await readBody(req));
  const errors = validateSignup(body);
  send(res, errors.length ? 400 : 201, { errors });
});

route("POST", "/releases", async (req, res) => {
  const body = JSON.parse(await readBody(req));
  send(res, validateRelease(body) ? 201 : 400, {});
});

route("POST", "/notes", async (req, res) => {
  const text = await readBody(req);
  const trimmed = text.replace(/^\s+|\s+$/g, ""); // expect: CWE-1333
  const lines = text.split(/\r?\n/); // safe: CWE-1333
  send(res, 201, { length: trimmed.length, lines: lines.length });
});

route("POST", "/notes/v2", async (req, res) => {
  const text = await readBody(req);
  if (text.length > 500) return send(res, 413, {});
  const trimmed = text.replace(/^\s+|\s+$/g, ""); // safe: CWE-1333
  send(res, 201, { length: trimmed.length });
});

const KEYWORDS = ["select", "from", "where", "order", "by"];
const KEYWORD_RE = new RegExp(`\\b(?:${KEYWORDS.join("|")})\\b`, "gi"); // safe: CWE-1333

function highlightSql(sql) {
  return sql.replace(KEYWORD_RE, (k) => k.toUpperCase());
}

// ---- plumbing ----------------------------------------------------------------------------
const articles = [];
const tags = [];

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = "";
    req.on("data", (chunk) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function send(res, status, payload) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(payload));
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, "http://localhost");
    const path = url.pathname.replace(TRAILING_SLASHES, "") || "/";
    for (const r of routes) {
      const m = r.method === req.method && r.re.exec(path);
      if (m) return r.handler(req, res, url, Object.fromEntries(r.names.map((n, i) => [n, m[i + 1]])));
    }
    send(res, 404, { error: "not found", client: validateClient(req.socket.remoteAddress ?? "") });
  })
  .listen(3000);

module.exports = { compileRoute, compileTemplate, validateSignup, highlightSql };

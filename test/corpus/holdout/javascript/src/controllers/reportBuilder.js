"use strict";

const Router = require("@koa/router");
const vm = require("vm");
const fs = require("fs/promises");
const path = require("path");
const yaml = require("js-yaml");
const ejs = require("ejs");

const router = new Router({ prefix: "/reports" });
const TEMPLATE_DIR = path.resolve(__dirname, "../../templates/reports");
const DEFAULTS = { pageSize: 50, theme: { font: "Inter", accent: "#2f6fed" } };

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (source[key] && typeof source[key] === "object") {
      if (!target[key]) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key]; // expect: CWE-1321
    }
  }
  return target;
}

function assignOwn(target, source) {
  for (const key of Object.keys(source)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    target[key] = source[key]; // safe: CWE-1321
  }
  return target;
}

function setByPath(obj, dottedPath, value) {
  const keys = dottedPath.split(".");
  let cursor = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof cursor[k] !== "object" || cursor[k] === null) cursor[k] = {};
    cursor = cursor[k];
  }
  cursor[keys[keys.length - 1]] = value; // expect: CWE-1321
  return obj;
}

router.patch("/layout/:id", async (ctx) => {
  const layout = structuredClone(DEFAULTS);
  for (const { path: field, value } of ctx.request.body.changes || []) setByPath(layout, field, value);
  ctx.body = layout;
});

router.post("/preview", async (ctx) => {
  const { formula, rows } = ctx.request.body;
  const results = rows.map((row) => vm.runInNewContext(formula, { row, Math })); // expect: CWE-95
  ctx.body = { results };
});

router.post("/calc", async (ctx) => {
  const expression = ctx.request.body.expression;
  const compute = new Function("row", `return (${expression});`); // expect: CWE-95
  ctx.body = { value: compute(ctx.request.body.row || {}) };
});

router.post("/config", async (ctx) => {
  const parsed = yaml.load(ctx.request.body.yaml || ""); // safe: CWE-502
  const filters = JSON.parse(ctx.request.body.filters || "{}"); // safe: CWE-95
  ctx.body = deepMerge(structuredClone(DEFAULTS), parsed || {});
  ctx.state.filters = assignOwn({}, filters);
});

router.post("/render", async (ctx) => {
  const html = ejs.render(ctx.request.body.template, { data: ctx.state.reportData }); // expect: CWE-1336
  ctx.type = "html";
  ctx.body = html;
});

router.get("/templates/raw", async (ctx) => {
  const file = path.join(TEMPLATE_DIR, ctx.query.name);
  ctx.type = "text/plain";
  ctx.body = await fs.readFile(file, "utf8"); // expect: CWE-22
});

router.get("/templates/:name/render", async (ctx) => {
  const safeName = path.basename(ctx.params.name);
  const tpl = await fs.readFile(path.join(TEMPLATE_DIR, `${safeName}.ejs`), "utf8"); // safe: CWE-22
  ctx.type = "html";
  ctx.body = ejs.render(tpl, { data: ctx.state.reportData }); // safe: CWE-1336
});

router.get("/open", (ctx) => {
  ctx.redirect(ctx.query.returnTo || "/reports"); // expect: CWE-601
});

router.get("/done", (ctx) => {
  const back = String(ctx.query.back || "");
  ctx.redirect(/^\/(?![/\\])/.test(back) ? back : "/reports"); // safe: CWE-601
});

module.exports = router;

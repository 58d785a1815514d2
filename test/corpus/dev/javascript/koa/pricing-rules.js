// Pricing rules service (Koa): merchants define discount formulas that are applied at checkout.
const Koa = require("koa");
const Router = require("@koa/router");
const bodyParser = require("koa-bodyparser");
const vm = require("node:vm");
const { Parser } = require("expr-eval");

const app = new Koa();
const router = new Router({ prefix: "/pricing" });
const rules = new Map();
const formulaParser = new Parser({ operators: { assignment: false, fndef: false } });

// Rules arrive from the merchant dashboard as source text.
function compileRule(expression) {
  return new Function("order", "customer", `return (${expression});`); // expect: CWE-95
}

const roundToCents = new Function("amount", "return Math.round(amount * 100) / 100;"); // safe: CWE-95

router.post("/rules", (ctx) => {
  const { id, expression } = ctx.request.body;
  rules.set(id, compileRule(expression));
  ctx.status = 201;
});

router.post("/preview", (ctx) => {
  const { formula, subtotal } = ctx.request.body;
  const discount = eval(formula.replace(/subtotal/g, String(subtotal))); // expect: CWE-95
  ctx.body = { discount: roundToCents(discount) };
});

router.post("/preview/sandboxed", (ctx) => {
  const { formula, order } = ctx.request.body;
  const sandbox = { order, Math };
  const result = vm.runInNewContext(formula, sandbox, { timeout: 50 }); // expect: CWE-95
  ctx.body = { result };
});

router.post("/preview/safe", (ctx) => {
  const { formula, subtotal } = ctx.request.body;
  const expr = formulaParser.parse(String(formula)); // safe: CWE-95
  ctx.body = { discount: roundToCents(expr.evaluate({ subtotal: Number(subtotal) })) };
});

router.post("/scripts/run", (ctx) => {
  const script = ctx.request.body.script;
  const wrapped = `(function () { ${script} })()`;
  ctx.body = { output: vm.runInThisContext(wrapped) }; // expect: CWE-95
});

router.put("/config", (ctx) => {
  const raw = ctx.request.body.config;
  const config = typeof raw === "string" ? JSON.parse(raw) : raw; // safe: CWE-95
  ctx.body = { saved: Object.keys(config).length };
});

router.get("/tax", (ctx) => {
  const subtotal = Number(ctx.query.subtotal) || 0;
  const tax = vm.runInNewContext("Math.round(subtotal * rate * 100) / 100", { subtotal, rate: 0.2, Math }); // safe: CWE-95
  ctx.body = { tax };
});

router.post("/apply/:id", (ctx) => {
  const rule = rules.get(ctx.params.id);
  if (!rule) ctx.throw(404, "unknown rule");
  ctx.body = { discount: roundToCents(rule(ctx.request.body.order, ctx.state.customer)) };
});

app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());

module.exports = app;

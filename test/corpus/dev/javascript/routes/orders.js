// Order history endpoints for the customer dashboard (Express + node-postgres).
const express = require("express");
const { Pool } = require("pg");
const escapeHtml = require("escape-html");
const { requireSession } = require("../middleware/session");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = express.Router();

const SORTABLE_COLUMNS = new Set(["created_at", "total", "status"]);
const PAGE_SIZE = 25;

router.use(requireSession);

router.get("/orders", async (req, res, next) => {
  try {
    const { status } = req.query;
    const customerId = req.session.customerId;
    const sql = `SELECT id, total, status, created_at FROM orders WHERE customer_id = ${customerId} AND status = '${status}'`;
    const { rows } = await pool.query(sql); // expect: CWE-89
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get("/orders/sorted", async (req, res, next) => {
  try {
    const column = SORTABLE_COLUMNS.has(req.query.sort) ? req.query.sort : "created_at";
    const limit = Math.min(Number.parseInt(req.query.limit, 10) || PAGE_SIZE, 100);
    const { rows } = await pool.query(`SELECT id, total, status FROM orders WHERE customer_id = $1 ORDER BY ${column} DESC LIMIT $2`, [req.session.customerId, limit]); // safe: CWE-89
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get("/orders/export", async (req, res, next) => {
  try {
    const { rows } = await pool.query(`SELECT * FROM orders WHERE customer_id = $1 ORDER BY ${req.query.orderBy}`, [req.session.customerId]); // expect: CWE-89
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get("/orders/:id", async (req, res, next) => {
  try {
    const { rows } = await pool.query("SELECT * FROM orders WHERE id = $1 AND customer_id = $2", [req.params.id, req.session.customerId]); // safe: CWE-89
    if (rows.length === 0) return res.status(404).json({ error: "not found" });
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

router.get("/orders/:id/items", async (req, res, next) => {
  try {
    const { rows } = await pool.query("SELECT sku, qty, price FROM order_items WHERE order_id = " + req.params.id); // expect: CWE-89
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get("/stats/open-orders", async (_req, res) => {
  const { rows } = await pool.query("SELECT count(*) AS open FROM orders WHERE status = 'open'"); // safe: CWE-89
  res.json(rows[0]);
});

// Used by the support console, which passes the reference typed by the agent.
async function findByReference(reference) {
  const { rows } = await pool.query(`SELECT * FROM orders WHERE reference = '${reference}'`); // expect: CWE-89
  return rows[0] ?? null;
}

router.post("/orders/:id/cancel", async (req, res) => {
  await pool.query("UPDATE orders SET status = 'cancelled' WHERE id = $1 AND customer_id = $2", [req.params.id, req.session.customerId]); // safe: CWE-89
  const returnTo = req.query.returnTo;
  if (returnTo) return res.redirect(returnTo); // expect: CWE-601
  res.redirect("/orders"); // safe: CWE-601
});

router.post("/orders/:id/reorder", async (req, res) => {
  const next = req.body.next;
  if (typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")) {
    return res.redirect(next); // safe: CWE-601
  }
  res.redirect(`/orders/${encodeURIComponent(req.params.id)}`); // safe: CWE-601
});

router.get("/orders/:id/receipt", async (req, res) => {
  const note = req.query.note || "";
  res.send(`<h1>Receipt for order ${req.params.id}</h1><p>${note}</p>`); // expect: CWE-79
});

router.get("/orders/:id/receipt-safe", async (req, res) => {
  const note = escapeHtml(String(req.query.note || ""));
  res.send(`<h1>Receipt</h1><p>${note}</p>`); // safe: CWE-79
});

module.exports = { router, findByReference };

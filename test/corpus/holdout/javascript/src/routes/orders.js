"use strict";

const express = require("express");
const path = require("path");
const { exec, execFile } = require("child_process");
const { pool } = require("../db");
const { requireUser } = require("../middleware/auth");

const router = express.Router();

const SORTABLE_COLUMNS = new Set(["created_at", "total", "status"]);
const RETURN_PATHS = ["/orders", "/account", "/cart"];
const INVOICE_DIR = "/var/acme/invoices";

function statusQuery(status) {
  return `SELECT id, total, status, created_at FROM orders WHERE status = '${status}' ORDER BY created_at DESC`;
}

router.use(requireUser);

// GET /orders?status=shipped
router.get("/orders", async (req, res, next) => {
  try {
    const sql = statusQuery(req.query.status || "open");
    const { rows } = await pool.query(sql); // expect: CWE-89
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.get("/orders/:id", async (req, res, next) => {
  try {
    const { rows } = await pool.query("SELECT * FROM orders WHERE id = $1 AND customer_id = $2", [req.params.id, req.user.id]); // safe: CWE-89
    if (rows.length === 0) return res.status(404).json({ error: "Order not found" });
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

router.get("/customers/:customerId/orders", async (req, res, next) => {
  const sortColumn = SORTABLE_COLUMNS.has(req.query.sort) ? req.query.sort : "created_at";
  try {
    const { rows } = await pool.query(`SELECT id, total, status FROM orders WHERE customer_id = $1 ORDER BY ${sortColumn} DESC`, [req.params.customerId]); // safe: CWE-89
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

// Generates a PDF invoice for the order using wkhtmltopdf.
router.post("/orders/:id/invoice", (req, res, next) => {
  const orderId = Number.parseInt(req.params.id, 10);
  if (!Number.isInteger(orderId)) return res.status(400).json({ error: "Invalid order id" });
  const outFile = path.join(INVOICE_DIR, `${orderId}.pdf`);
  execFile("wkhtmltopdf", [`https://internal.acme.local/invoices/${orderId}`, outFile], (err) => { // safe: CWE-78
    if (err) return next(err);
    res.download(outFile); // safe: CWE-22
  });
});

router.post("/orders/export", (req, res) => {
  const format = req.body.format || "csv";
  const label = req.body.label || "export";
  const command = `./bin/export-orders --format ${format} --label "${label}"`;
  exec(command, { cwd: process.cwd(), timeout: 60_000 }, (err, stdout) => { // expect: CWE-78
    if (err) return res.status(500).json({ error: "Export failed" });
    res.type("text/plain").send(stdout);
  });
});

router.get("/orders/search/results", (req, res) => {
  const term = req.query.q || "";
  res.send(`<h2>Results for ${term}</h2><div id="results" data-endpoint="/api/orders"></div>`); // expect: CWE-79
});

router.get("/orders/search/suggest", (req, res) => {
  const term = String(req.query.q || "").slice(0, 64);
  res.json({ query: term, suggestions: [] }); // safe: CWE-79
});

router.get("/checkout/complete", (req, res) => {
  res.redirect(req.query.next || "/orders"); // expect: CWE-601
});

router.get("/checkout/cancel", (req, res) => {
  const target = RETURN_PATHS.includes(req.query.returnTo) ? req.query.returnTo : "/cart";
  res.redirect(target); // safe: CWE-601
});

module.exports = router;

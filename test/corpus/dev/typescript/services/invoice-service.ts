// Invoice service (Express + Knex). Every handler here is meant to be safe.
import { execFile } from "node:child_process";
import { createHash, randomBytes, randomUUID, createCipheriv } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import express, { type Request, type Response } from "express";
import knex from "knex";
import { z } from "zod";
import escapeHtml from "escape-html";

const execFileAsync = promisify(execFile);
const db = knex({ client: "pg", connection: process.env.DATABASE_URL }); // safe: CWE-798
const INVOICE_DIR = path.resolve(process.env.INVOICE_DIR ?? "/var/lib/invoices");
const ARCHIVE_KEY = Buffer.from(process.env.INVOICE_ARCHIVE_KEY ?? "", "base64"); // safe: CWE-798, CWE-321
const STATUS_URL = "https://status.payments.example.com/api/v2/summary.json";

const createInvoice = z.object({ customerId: z.string().uuid(), amountCents: z.number().int().positive(), memo: z.string().max(500) });

export const router = express.Router();

router.get("/invoices", async (req: Request, res: Response) => {
  const rows = await db("invoices").where({ customer_id: String(req.query.customer ?? "") }).orderBy("created_at", "desc").limit(50); // safe: CWE-89, CWE-943
  res.json(rows);
});

router.get("/invoices/search", async (req: Request, res: Response) => {
  const rows = await db.raw("SELECT id, memo FROM invoices WHERE memo ILIKE ? LIMIT 50", [`%${String(req.query.q ?? "")}%`]); // safe: CWE-89
  res.json(rows.rows);
});

router.post("/invoices", async (req: Request, res: Response) => {
  const input = createInvoice.parse(req.body);
  const [invoice] = await db("invoices").insert({ id: randomUUID(), customer_id: input.customerId, amount_cents: input.amountCents, memo: input.memo }).returning("*"); // safe: CWE-89, CWE-338
  res.status(201).json(invoice);
});

router.get("/invoices/:id/pdf", async (req: Request, res: Response) => {
  const file = path.resolve(INVOICE_DIR, `${req.params.id}.pdf`);
  if (!file.startsWith(INVOICE_DIR + path.sep)) return res.status(400).end();
  res.type("application/pdf").send(await fs.readFile(file)); // safe: CWE-22
});

router.post("/invoices/:id/render", async (req: Request, res: Response) => {
  const id = z.string().uuid().parse(req.params.id);
  const out = path.join(INVOICE_DIR, `${id}.pdf`);
  await execFileAsync("wkhtmltopdf", ["--quiet", `http://localhost:3000/invoices/${id}/html`, out]); // safe: CWE-78, CWE-918
  res.json({ rendered: path.basename(out) });
});

router.get("/invoices/:id/html", async (req: Request, res: Response) => {
  const invoice = await db("invoices").where({ id: req.params.id }).first(); // safe: CWE-89
  if (!invoice) return res.status(404).send("Not found");
  res.send(`<h1>Invoice ${escapeHtml(invoice.id)}</h1><p>${escapeHtml(invoice.memo)}</p>`); // safe: CWE-79
});

router.get("/invoices/:id/etag", async (req: Request, res: Response) => {
  const invoice = await db("invoices").where({ id: req.params.id }).first();
  const etag = createHash("md5").update(JSON.stringify(invoice ?? {})).digest("hex"); // safe: CWE-327
  res.setHeader("ETag", `"${etag}"`);
  res.json(invoice ?? null);
});

router.get("/payments/status", async (_req: Request, res: Response) => {
  const upstream = await fetch(STATUS_URL, { signal: AbortSignal.timeout(3000) }); // safe: CWE-918
  res.json(await upstream.json());
});

router.post("/invoices/:id/share", async (req: Request, res: Response) => {
  const token = randomBytes(24).toString("base64url"); // safe: CWE-338
  await db("invoice_shares").insert({ invoice_id: req.params.id, token, expires_at: db.raw("now() + interval '7 days'") });
  res.json({ url: `/shared/${token}` });
});

export function sealArchive(data: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ARCHIVE_KEY, iv); // safe: CWE-327, CWE-321
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

router.get("/done", (req: Request, res: Response) => {
  res.redirect(req.query.tab === "paid" ? "/invoices?tab=paid" : "/invoices"); // safe: CWE-601
});

// Import endpoints: restore saved carts, import workflow definitions (YAML/JSON) and product feeds (XML).
const express = require("express");
const cookieParser = require("cookie-parser");
const serialize = require("node-serialize");
const yaml = require("js-yaml");
const libxmljs = require("libxmljs");
const { importProducts } = require("../services/catalog");

const router = express.Router();
router.use(cookieParser());
router.use(express.text({ type: ["application/xml", "text/yaml", "text/plain"], limit: "2mb" }));

router.get("/cart/restore", (req, res) => {
  const encoded = req.cookies.cart;
  if (!encoded) return res.json({ items: [] });
  const cart = serialize.unserialize(Buffer.from(encoded, "base64").toString("utf8")); // expect: CWE-502
  res.json(cart);
});

router.get("/cart/restore/v2", (req, res) => {
  const encoded = req.cookies.cart;
  if (!encoded) return res.json({ items: [] });
  const cart = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")); // safe: CWE-502
  res.json({ items: Array.isArray(cart.items) ? cart.items : [] });
});

// Drafts are stored by the editor and handed back here verbatim.
function restoreDraft(blob) {
  return serialize.unserialize(blob); // expect: CWE-502
}

router.post("/workflows/import", (req, res) => {
  const definition = yaml.load(req.body); // safe: CWE-502
  if (!definition || typeof definition !== "object" || !Array.isArray(definition.steps)) {
    return res.status(422).json({ error: "a workflow needs a steps list" });
  }
  res.status(201).json({ name: definition.name, steps: definition.steps.length });
});

router.post("/workflows/import.json", express.json(), (req, res) => {
  const steps = JSON.parse(JSON.stringify(req.body.steps ?? [])); // safe: CWE-502
  res.status(201).json({ steps: steps.length });
});

router.post("/feeds/products", async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: true, huge: true }); // expect: CWE-611
  const products = doc.find("//product").map((node) => ({
    sku: node.get("sku")?.text(),
    title: node.get("title")?.text(),
    price: Number(node.get("price")?.text()),
  }));
  await importProducts(products);
  res.json({ imported: products.length });
});

router.post("/feeds/products/v2", async (req, res) => {
  const doc = libxmljs.parseXml(req.body, { noent: false, nonet: true, dtdload: false }); // safe: CWE-611
  const products = doc.find("//product").map((node) => ({ sku: node.get("sku")?.text(), title: node.get("title")?.text() }));
  await importProducts(products);
  res.json({ imported: products.length });
});

router.post("/feeds/prices", async (req, res) => {
  const doc = libxmljs.parseXml(req.body); // safe: CWE-611
  const prices = doc.find("//price").map((node) => ({ sku: node.attr("sku")?.value(), amount: Number(node.text()) }));
  res.json({ prices: prices.length });
});

module.exports = { router, restoreDraft };

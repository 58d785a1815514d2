"use strict";

const fs = require("fs");
const https = require("https");
const axios = require("axios");
const jwt = require("jsonwebtoken");
const { WebhookSubscription, Delivery } = require("../models");
const logger = require("../lib/logger");

const SIGNING_SECRET = process.env.WEBHOOK_SIGNING_SECRET;
const BILLING_API = "https://billing.internal.acme.io";

const partnerAgent = new https.Agent({ keepAlive: true, ca: fs.readFileSync(process.env.PARTNER_CA_PATH) }); // safe: CWE-295
const legacyAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: false }); // expect: CWE-295

function signPayload(payload) {
  return jwt.sign(payload, SIGNING_SECRET, { algorithm: "HS256", expiresIn: "5m" }); // safe: CWE-798
}

function signLegacyPayload(payload) {
  return jwt.sign(payload, "wh_legacy_Q7pZ3mK9vX2rT8nB4cY6jD1s", { expiresIn: "5m" }); // expect: CWE-798
}

async function deliver(subscription, event) {
  const body = { id: event.id, type: event.type, createdAt: event.createdAt, data: event.data };
  const token = subscription.legacy ? signLegacyPayload(body) : signPayload(body);
  const response = await axios.post(subscription.targetUrl, body, { // expect: CWE-918
    timeout: 10_000,
    headers: { "x-acme-signature": token },
    httpsAgent: subscription.legacy ? legacyAgent : partnerAgent,
  });
  return response.status;
}

async function fetchInvoice(invoiceId) {
  const { data } = await axios.get(`${BILLING_API}/invoices/${encodeURIComponent(invoiceId)}`, { httpsAgent: partnerAgent }); // safe: CWE-918
  return data;
}

async function platformHealthy() {
  const { data } = await axios.get("https://status.acme.io/api/v2/summary.json", { timeout: 3000 }); // safe: CWE-918
  return data.status.indicator === "none";
}

function readAck(ackToken) {
  const claims = jwt.decode(ackToken); // expect: CWE-347
  return claims && claims.deliveryId;
}

function verifyAck(ackToken) {
  const claims = jwt.verify(ackToken, SIGNING_SECRET, { algorithms: ["HS256"] }); // safe: CWE-347
  return claims.deliveryId;
}

async function runOnce(event) {
  if (!(await platformHealthy())) return;
  const subs = await WebhookSubscription.findAll({ where: { eventType: event.type, active: true } });
  for (const sub of subs) {
    try {
      const status = await deliver(sub, event);
      await Delivery.create({ subscriptionId: sub.id, eventId: event.id, status });
    } catch (err) {
      logger.warn({ err: err.message, sub: sub.id }, "webhook delivery failed");
      setTimeout(() => deliver(sub, event).catch(() => {}), 60_000); // safe: CWE-95
    }
  }
}

async function handleAck(req, res) {
  const deliveryId = req.query.strict ? verifyAck(req.body.ack) : readAck(req.body.ack);
  await Delivery.update({ acknowledged: true }, { where: { id: deliveryId } });
  res.sendStatus(204);
}

module.exports = { runOnce, handleAck, fetchInvoice };

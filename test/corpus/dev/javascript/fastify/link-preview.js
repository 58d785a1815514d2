// Link previews, webhook test-delivery and partner status checks (Fastify).
import Fastify from "fastify";
import axios from "axios";
import got from "got";
import fs from "node:fs";
import https from "node:https";

const app = Fastify({ logger: true });

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // expect: CWE-295

const partnerAgent = new https.Agent({ rejectUnauthorized: false, keepAlive: true }); // expect: CWE-295
const internalAgent = new https.Agent({ rejectUnauthorized: true, ca: fs.readFileSync("/etc/ssl/internal-ca.pem") }); // safe: CWE-295

const PREVIEW_HOSTS = new Set(["github.com", "www.youtube.com", "twitter.com", "medium.com"]);

function titleOf(html) {
  const m = /<title>([^<]*)<\/title>/i.exec(html);
  return m ? m[1].trim() : null;
}

app.get("/preview", async (request, reply) => {
  const response = await fetch(request.query.url, { redirect: "follow" }); // expect: CWE-918
  reply.send({ title: titleOf(await response.text()) });
});

app.get("/preview/v2", async (request, reply) => {
  let target;
  try {
    target = new URL(String(request.query.url));
  } catch {
    return reply.code(400).send({ error: "bad url" });
  }
  if (target.protocol !== "https:" || !PREVIEW_HOSTS.has(target.hostname)) {
    return reply.code(400).send({ error: "host not allowed" });
  }
  const response = await fetch(target, { redirect: "error" }); // safe: CWE-918
  reply.send({ title: titleOf(await response.text()) });
});

app.post("/webhooks/test", async (request, reply) => {
  const callback = new URL(request.body.callbackUrl);
  callback.searchParams.set("test", "1");
  const endpoint = callback.toString();
  const result = await axios.post(endpoint, { event: "ping", sentAt: Date.now() }, { timeout: 5000 }); // expect: CWE-918
  reply.send({ status: result.status });
});

app.get("/tenants/:tenant/status", async (request) => {
  const body = await got(`https://${request.params.tenant}.svc.example.internal/healthz`).json(); // expect: CWE-918
  return { healthy: body.ok === true };
});

app.get("/weather/:city", async (request) => {
  const url = `https://api.open-meteo.example.com/v1/cities/${encodeURIComponent(request.params.city)}/forecast`;
  const { data } = await axios.get(url, { timeout: 3000 }); // safe: CWE-918
  return data;
});

app.get("/partners/:id/invoices", async (request) => {
  const { data } = await axios.get(`https://partners.example.com/api/v2/invoices?partner=${encodeURIComponent(request.params.id)}`, { httpsAgent: partnerAgent }); // safe: CWE-918
  return data;
});

app.get("/internal/metrics", async () => {
  const { data } = await axios.get("https://metrics.example.internal/api/summary", { httpsAgent: internalAgent }); // safe: CWE-918, CWE-295
  return data;
});

// Helper shared with the RSS importer; callers pass the feed address they were given.
export async function fetchFeed(feedUrl) {
  const res = await got(feedUrl, { timeout: { request: 10000 } }); // expect: CWE-918
  return res.body;
}

export default app;

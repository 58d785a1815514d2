// AWS Lambda behind API Gateway (HTTP API, no authorizer): renders a tenant report to PDF.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from "aws-lambda";
import { execSync, execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import jwt, { type JwtPayload } from "jsonwebtoken";
import { Client } from "pg";

const TEMPLATE_DIR = "/opt/templates";
const db = new Client({ connectionString: process.env.REPORTS_DB_URL });
const ready = db.connect();

function bearer(event: APIGatewayProxyEventV2): string {
  return (event.headers.authorization ?? "").replace(/^Bearer\s+/i, "");
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  await ready;
  const claims = jwt.decode(bearer(event)) as JwtPayload | null; // expect: CWE-347
  if (!claims || claims.role !== "report-admin") return { statusCode: 403, body: "forbidden" };

  const qs = event.queryStringParameters ?? {};
  const tenant = qs.tenant ?? claims.tenant;
  const from = qs.from ?? "1970-01-01";
  const { rows } = await db.query(`SELECT day, revenue, orders FROM daily_stats WHERE tenant = '${tenant}' AND day >= '${from}' ORDER BY day`); // expect: CWE-89
  const { rows: totals } = await db.query("SELECT sum(revenue) AS revenue FROM daily_stats WHERE tenant = $1 AND day >= $2", [tenant, from]); // safe: CWE-89

  const templateName = event.pathParameters?.template ?? "default";
  const template = await fs.readFile(`${TEMPLATE_DIR}/${templateName}.html`, "utf8"); // expect: CWE-22
  const fallback = await fs.readFile(path.join(TEMPLATE_DIR, `${path.basename(templateName)}.html`), "utf8").catch(() => ""); // safe: CWE-22

  const html = (template || fallback).replace("{{rows}}", JSON.stringify(rows)).replace("{{total}}", String(totals[0]?.revenue ?? 0));
  const title = qs.title ?? "report";
  const htmlPath = `/tmp/${Date.now()}.html`;
  const pdfPath = `/tmp/${Date.now()}.pdf`;
  await fs.writeFile(htmlPath, html);

  execSync(`wkhtmltopdf --title "${title}" ${htmlPath} ${pdfPath}`); // expect: CWE-78
  execFileSync("wkhtmltopdf", ["--title", title, htmlPath, pdfPath]); // safe: CWE-78

  const pdf = await fs.readFile(pdfPath); // safe: CWE-22
  return {
    statusCode: 200,
    isBase64Encoded: true,
    headers: { "content-type": "application/pdf" },
    body: pdf.toString("base64"),
  };
}

export async function verifiedHandler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> {
  const claims = jwt.verify(bearer(event), process.env.REPORTS_JWT_SECRET!, { algorithms: ["HS256"], issuer: "auth.example.com" }) as JwtPayload; // safe: CWE-347, CWE-798
  if (claims.role !== "report-admin") return { statusCode: 403, body: "forbidden" };
  return handler(event);
}

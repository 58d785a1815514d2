// Third-party integration clients for the billing worker.
import Stripe from "stripe";
import { Octokit } from "@octokit/rest";
import { S3Client } from "@aws-sdk/client-s3";
import { createSign } from "node:crypto";
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12; // safe: CWE-798
export const API_KEY_HEADER = "x-api-key"; // safe: CWE-798
export const PASSWORD_RESET_PATH = "/account/password/reset"; // safe: CWE-798

export const signupSchema = z.object({
  email: z.string().email(),
  password: z.string().min(PASSWORD_MIN_LENGTH), // safe: CWE-798
  apiKey: z.string().optional(), // safe: CWE-798
});

export const s3 = new S3Client({
  region: "eu-west-1",
  credentials: {
    accessKeyId: "AKIAKJGCXEPN2G6L3PPT", // expect: CWE-798
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "", // safe: CWE-798
  },
});

export const s3FromEnv = new S3Client({ region: process.env.AWS_REGION }); // safe: CWE-798

const GITHUB_TOKEN = "ghp_iG1GHt1XkHPuS7BpVZjofGY8Qfldx43h70n4"; // expect: CWE-798
export const github = new Octokit({ auth: GITHUB_TOKEN });
export const githubFromEnv = new Octokit({ auth: process.env.GITHUB_TOKEN }); // safe: CWE-798

export const stripe = new Stripe("sk_live_0kFOXdrr78wjCuNWhsk2XDWU", { apiVersion: "2024-06-20" }); // expect: CWE-798
export const stripeFromEnv = new Stripe(process.env.STRIPE_SECRET_KEY!, { apiVersion: "2024-06-20" }); // safe: CWE-798

const ANALYTICS_API_KEY = "214e63e8cf21df160bb583df38c50c8d"; // expect: CWE-798
const MAPS_API_KEY = process.env.MAPS_API_KEY ?? "your_api_key_here"; // safe: CWE-798
const SEARCH_API_KEY = process.env.SEARCH_API_KEY || "<your-api-key>"; // safe: CWE-798

export const warehouseDb = {
  host: "warehouse.db.internal",
  user: "billing_rw",
  password: "Xq7!rLp2#vNe9TzW4k", // expect: CWE-798
  database: "billing",
};

export const localDevDb = {
  host: "localhost",
  user: "postgres",
  password: process.env.PGPASSWORD ?? "changeme", // safe: CWE-798
  database: "billing_dev",
};

export const smtp = { host: "smtp.example.com", user: "mailer", password: "" }; // safe: CWE-798

const INVOICE_SIGNING_KEY = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAt08LqrjyB0H/sTaT3EyoXIcs6+kTnnrunYElJCHSHBVZisX/hxAk\nNgLwkrRiYkS+GaFzlAmNUNnMedKqXSToO/6SgI1NPqFGUJMuyi183156VnP49/6oAdgy\nTyiVcEA6KXiHqmkWHupOewjB7hFSjuw3P4eIILMx5zDocuucaqEp5nOVsy7SGllQEb3u\n0WBeikItKxt8W0dBo9S/CNbA57petedWXtm81iIDh9JrKHBtQRZBUeZRKdaeCJYPXttA\n-----END RSA PRIVATE KEY-----\n"; // expect: CWE-798

export function signInvoice(pdf: Buffer): string {
  return createSign("RSA-SHA256").update(pdf).sign(INVOICE_SIGNING_KEY, "base64");
}

export async function trackEvent(name: string, props: Record<string, unknown>): Promise<void> {
  await fetch("https://analytics.example.com/v1/events", {
    method: "POST",
    headers: { "content-type": "application/json", [API_KEY_HEADER]: ANALYTICS_API_KEY },
    body: JSON.stringify({ name, props }),
  });
}

export function mapsUrl(query: string): string {
  return `https://maps.example.com/search?key=${MAPS_API_KEY}&q=${encodeURIComponent(query)}`;
}

export function searchHeaders(): Record<string, string> {
  return { [API_KEY_HEADER]: SEARCH_API_KEY };
}

import { execFile } from "node:child_process";
import { createCipheriv, createHash, randomBytes, scrypt as scryptCb } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import yaml from "js-yaml";
import type { PoolClient } from "pg";

const execFileAsync = promisify(execFile);
const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

const STORAGE_ROOT = path.resolve(process.env.ATTACHMENT_ROOT ?? "/var/acme/attachments");
const SCANNER_URL = "https://av-scanner.internal.acme.io/v1/scan";

export interface AttachmentMeta {
  id: string;
  ownerId: number;
  fileName: string;
  sha256: string;
}

function resolveInsideRoot(relative: string): string {
  const full = path.resolve(STORAGE_ROOT, relative);
  if (full !== STORAGE_ROOT && !full.startsWith(STORAGE_ROOT + path.sep)) throw new Error("path escapes storage root");
  return full;
}

export async function readAttachment(relative: string): Promise<Buffer> {
  return fs.readFile(resolveInsideRoot(relative)); // safe: CWE-22
}

export async function storeAttachment(client: PoolClient, ownerId: number, originalName: string, data: Buffer): Promise<AttachmentMeta> {
  const id = randomBytes(16).toString("hex"); // safe: CWE-338
  const fileName = path.basename(originalName).replace(/[^\w.-]/g, "_");
  const sha256 = createHash("sha256").update(data).digest("hex"); // safe: CWE-327
  await fs.writeFile(path.join(STORAGE_ROOT, `${id}-${fileName}`), data); // safe: CWE-22
  await client.query("INSERT INTO attachments (id, owner_id, file_name, sha256) VALUES ($1, $2, $3, $4)", [id, ownerId, fileName, sha256]); // safe: CWE-89
  return { id, ownerId, fileName, sha256 };
}

export async function pdfPageCount(relative: string): Promise<number> {
  const { stdout } = await execFileAsync("pdfinfo", [resolveInsideRoot(relative)], { timeout: 10_000 }); // safe: CWE-78
  const match = /Pages:\s+(\d+)/.exec(stdout);
  return match ? Number(match[1]) : 0;
}

export async function scanForMalware(data: Buffer): Promise<boolean> {
  const res = await fetch(SCANNER_URL, { method: "POST", body: data, headers: { authorization: `Bearer ${process.env.AV_SCANNER_TOKEN}` } }); // safe: CWE-918
  const verdict = (await res.json()) as { clean: boolean };
  return verdict.clean;
}

export async function encryptForArchive(data: Buffer): Promise<Buffer> {
  const key = Buffer.from(process.env.ARCHIVE_KEY_B64 ?? "", "base64"); // safe: CWE-321
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv); // safe: CWE-327
  const body = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export async function derivePassphraseKey(passphrase: string, salt: Buffer): Promise<Buffer> {
  return scrypt(passphrase, salt, 32); // safe: CWE-327
}

export function parseRetentionPolicy(text: string): Record<string, unknown> {
  const doc = yaml.load(text); // safe: CWE-502
  const policy: Record<string, unknown> = Object.create(null);
  if (doc && typeof doc === "object") {
    for (const [k, v] of Object.entries(doc)) {
      if (k === "__proto__" || k === "constructor") continue;
      policy[k] = v; // safe: CWE-1321
    }
  }
  return policy;
}

export function uploadRetryDelay(attempt: number): number {
  return 200 * 2 ** attempt + Math.floor(Math.random() * 100); // safe: CWE-338
}

// POST /api/github/webhooks (WEBHOOK_PATH): the App's front door, in place of Probot's own
// webhook middleware, which reads any body whole and logs unverified payloads when the
// signature is wrong. In order, each step cheap before the next:
//   1. a body over GitHub's 25 MB cap is refused (413) from its Content-Length, unread, or as
//      soon as a chunked body passes the cap; nothing over the cap is ever held in memory;
//   2. the X-Hub-Signature-256 is checked over the raw bytes before anything parses them (401);
//   3. the JSON is parsed and the events the handlers read are checked against their schemas
//      (src/github/events.ts): an odd payload is a 400, not a handler crash;
//   4. the event goes to Probot's handlers, and the answer (200) waits until they have queued
//      the review, as before; after 9 s it is 202 "still processing".
// A refused delivery is logged once, with its size and delivery id: never its content.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger, Probot } from "probot";
import { checkWebhookEvent } from "../github/events.js";

/** GitHub caps webhook payloads at 25 MB and does not deliver larger ones. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;
/** GitHub waits 10 s for an answer; Probot answered 202 after 9 s. */
export const ACK_TIMEOUT_MS = 9000;

/** How long the rest of a refused body is read (and dropped) before the connection is closed. */
export const LINGER_MS = 5000;

const isJson = /^\s*application\/json\s*(?:;|$)/i;
/** Strict: a body that is not UTF-8 is no GitHub payload (and would not round-trip for the signature check). */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export interface WebhookDoorOptions {
  /** The webhook path (trailing slashes ignored). */
  path: string;
  log: Logger;
  /** Whether `signature` (`sha256=…`) signs `body` with the webhook secret. */
  verify: (body: string, signature: string) => Promise<boolean>;
  /** Hands a verified, checked event to the handlers; settles when they are done. */
  receive: (event: { id: string; name: string; payload: object }) => Promise<void>;
  maxBytes?: number | undefined;
  ackTimeoutMs?: number | undefined;
  lingerMs?: number | undefined;
}

/** Probot's middleware shape: `next` (Express style) is called for other paths. */
export type WebhookDoor = (req: IncomingMessage, res: ServerResponse, next?: Function) => Promise<boolean>;

/** The headers of a delivery, cut short for logs: before the signature check they are anyone's. */
interface Delivery {
  id: string;
  event: string;
  signature: string | undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

function answer(res: ServerResponse, status: number, body: string): true {
  const type = status < 300 ? "text/plain" : "application/json";
  const text = status < 300 ? `${body}\n` : JSON.stringify({ error: body });
  res.writeHead(status, { "content-type": type, "content-length": String(Buffer.byteLength(text)) }).end(text);
  return true;
}

/**
 * After a 413 the rest of the body is read and dropped (never kept) for at most `ms`, then the
 * connection is closed. Closing at once would reset it while the sender is still writing, and
 * the sender (GitHub) could lose the 413 and see only a reset.
 */
function linger(req: IncomingMessage, ms: number): void {
  if (req.complete) return;
  req.on("data", () => {});
  req.resume();
  const timer = setTimeout(() => req.socket.destroy(), ms);
  const done = () => clearTimeout(timer);
  req.once("end", done);
  req.once("close", done);
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? "/", "http://localhost").pathname.replace(/\/+$/, "") || "/";
  } catch {
    return undefined;
  }
}

/** The body, or why not: over `max` bytes (it stops reading there and drops what it had), or the client went away. */
export function readBody(
  req: IncomingMessage,
  max: number,
): Promise<Buffer | { tooLarge: number } | { aborted: true }> {
  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (value: Buffer | { tooLarge: number } | { aborted: true }) => {
      if (settled) return;
      settled = true;
      chunks = [];
      resolve(value);
    };
    req.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > max) settle({ tooLarge: size });
      else chunks.push(chunk);
    });
    req.on("end", () => settle(Buffer.concat(chunks, size)));
    req.on("error", () => settle({ aborted: true }));
    req.on("close", () => settle({ aborted: true }));
  });
}

export function webhookDoor(options: WebhookDoorOptions): WebhookDoor {
  const max = options.maxBytes ?? MAX_WEBHOOK_BYTES;
  const path = pathOf(options.path);
  const { log } = options;
  const refuse = (res: ServerResponse, d: Delivery, status: number, error: string, fields: object = {}) => {
    log.warn({ delivery: d.id, event: d.event, status, ...fields }, `webhook refused: ${error}`);
    return answer(res, status, error);
  };
  return async (req, res, next) => {
    if (pathOf(req.url) !== path) {
      next?.();
      return false;
    }
    if (req.method !== "POST") return answer(res, 404, `Unknown route: ${req.method} ${path}`);
    if (!isJson.test(header(req, "content-type") ?? ""))
      return answer(res, 415, 'Unsupported "Content-Type" header value. Must be "application/json"');
    const d: Delivery = {
      id: (header(req, "x-github-delivery") ?? "").slice(0, 100),
      event: (header(req, "x-github-event") ?? "").slice(0, 100),
      signature: header(req, "x-hub-signature-256"),
    };
    const missing = ["x-github-event", "x-hub-signature-256", "x-github-delivery"].filter((h) => !header(req, h));
    if (missing.length > 0) return refuse(res, d, 400, `Required headers missing: ${missing.join(", ")}`);
    const declared = Number(header(req, "content-length"));
    const tooLarge = (bytes: number | string) => {
      linger(req, options.lingerMs ?? LINGER_MS);
      return refuse(res, d, 413, `body over the ${max / 1048576} MB limit`, { bytes });
    };
    if (declared > max) return tooLarge(declared);
    const body = await readBody(req, max);
    if ("aborted" in body) return true;
    if ("tooLarge" in body) return tooLarge(`>${max}`);
    return await verified(options, res, d, body, refuse);
  };
}

type Refuse = (res: ServerResponse, d: Delivery, status: number, error: string, fields?: object) => true;

/** Steps 2 to 4, on a body read whole (at most the cap). */
async function verified(
  options: WebhookDoorOptions,
  res: ServerResponse,
  d: Delivery,
  raw: Buffer,
  refuse: Refuse,
): Promise<boolean> {
  const bytes = raw.length;
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    return refuse(res, d, 400, "body is not UTF-8", { bytes });
  }
  const good = await options.verify(text, d.signature ?? "").catch(() => false);
  if (!good) return refuse(res, d, 401, "signature does not match the payload and the webhook secret", { bytes });
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return refuse(res, d, 400, "payload is not JSON", { bytes });
  }
  const check = checkWebhookEvent(d.event, payload);
  if (!check.ok)
    return refuse(res, d, 400, `not a ${d.event} event the App can read`, { bytes, problem: check.problem });
  return await handOver(options, res, { id: d.id, name: d.event, payload: payload as object });
}

/** 200 once the handlers are done (the review is queued), 202 if they take longer than the timeout. */
async function handOver(
  options: WebhookDoorOptions,
  res: ServerResponse,
  event: { id: string; name: string; payload: object },
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((r) => {
    timer = setTimeout(() => r("late"), options.ackTimeoutMs ?? ACK_TIMEOUT_MS);
  });
  // Probot's own error handler logs a handler's error, with the delivery id.
  const handled = options.receive(event).then(
    () => "done" as const,
    () => "failed" as const,
  );
  const outcome = await Promise.race([handled, late]);
  clearTimeout(timer);
  if (outcome === "late") return answer(res, 202, "still processing");
  if (outcome === "failed") return answer(res, 500, "a handler failed; see the App's log");
  return answer(res, 200, "ok");
}

/**
 * Puts the front door in place of Probot's webhook middleware on this Probot instance: Probot's
 * server (and anything else) asks `getNodeMiddleware()` for it when it starts.
 */
export function installWebhookDoor(app: Probot): void {
  app.getNodeMiddleware = async ({ log, path } = {}) => {
    await app.ready();
    return webhookDoor({
      path: path ?? app.webhookPath,
      log: (log ?? app.log).child({ name: "webhooks" }),
      verify: (body, signature) => app.webhooks.verify(body, signature),
      receive: (event) => app.receive(event as Parameters<Probot["receive"]>[0]),
    });
  };
}

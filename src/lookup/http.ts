// A small HTTP client for registry look-ups: real fetch, a per-request time limit, a
// User-Agent, and answers reduced to status + body so registry modules stay simple.
import { VERSION } from "../version.js";
import { errorText } from "../core/text.js";

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpClient {
  get(url: string, init?: { headers?: Record<string, string>; method?: "GET" | "HEAD" }): Promise<HttpResponse>;
  post(url: string, body: unknown, init?: { headers?: Record<string, string> }): Promise<HttpResponse>;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export interface HttpClientOptions {
  /** Per-request time limit in ms. */
  timeoutMs?: number;
  /** Answers larger than this are refused (a registry document of hundreds of MB must not exhaust memory). */
  maxBytes?: number;
  /** Aborts every request of this client (a superseded review). */
  signal?: AbortSignal | undefined;
  /** Extra headers on every request (e.g. an Authorization for a private registry). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** The largest npm documents (typescript, @types/node) are about 10 MB. */
export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function formatBytes(bytes: number): string {
  return bytes >= 1048576 ? `${Math.round(bytes / 1048576)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** The body as text, refusing it once it grows past `maxBytes`. */
async function readLimited(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new HttpError(`the answer is ${formatBytes(declared)}, over the ${formatBytes(maxBytes)} limit`);
  }
  if (!res.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new HttpError(`the answer is over the ${formatBytes(maxBytes)} limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function createHttpClient(opts: HttpClientOptions = {}): HttpClient {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const doFetch = opts.fetch ?? fetch;
  const request = async (rawUrl: string, init: RequestInit): Promise<HttpResponse> => {
    // fetch refuses URLs with credentials: a mirror given as https://user:token@host gets them as Basic auth.
    const { url, authorization } = splitCredentials(rawUrl);
    let res: Response;
    try {
      res = await doFetch(url, {
        ...init,
        redirect: "follow",
        signal: opts.signal
          ? AbortSignal.any([opts.signal, AbortSignal.timeout(timeoutMs)])
          : AbortSignal.timeout(timeoutMs),
        headers: {
          "user-agent": `aiguard/${VERSION} (+https://github.com/aiguard)`,
          accept: "application/json",
          ...(authorization ? { authorization } : {}),
          ...opts.headers,
          ...(init.headers as Record<string, string>),
        },
      });
    } catch (e) {
      const err = e as Error;
      const why = opts.signal?.aborted
        ? "cancelled"
        : err.name === "TimeoutError" || err.name === "AbortError"
          ? `timed out after ${timeoutMs} ms`
          : ((err.cause as Error | undefined)?.message ?? err.message);
      throw new HttpError(`${init.method ?? "GET"} ${redactUrl(url)}: ${why}`);
    }
    let text = "";
    try {
      text = init.method === "HEAD" ? "" : await readLimited(res, maxBytes);
    } catch (e) {
      if (e instanceof HttpError)
        throw new HttpError(`${init.method ?? "GET"} ${redactUrl(url)}: ${e.message}`, res.status);
      throw new HttpError(
        `${init.method ?? "GET"} ${redactUrl(url)}: could not read the answer: ${errorText(e)}`,
        res.status,
      );
    }
    return { status: res.status, headers: res.headers, text };
  };
  return {
    get: (url, init) => request(url, { method: init?.method ?? "GET", headers: init?.headers ?? {} }),
    post: (url, body, init) =>
      request(url, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "content-type": "application/json", ...(init?.headers ?? {}) },
      }),
  };
}

/** Parse a JSON body; a registry that answers HTML or garbage gives an HttpError, not a crash. */
export function parseJson(res: HttpResponse, url: string): unknown {
  try {
    return JSON.parse(res.text) as unknown;
  } catch {
    throw new HttpError(`${redactUrl(url)}: the answer is not JSON (HTTP ${res.status})`, res.status);
  }
}

/** Throw for any status but 2xx. */
export function expectOk(res: HttpResponse, url: string): void {
  if (res.status < 200 || res.status >= 300) throw new HttpError(`${redactUrl(url)}: HTTP ${res.status}`, res.status);
}

function splitCredentials(raw: string): { url: string; authorization?: string } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { url: raw };
  }
  if (!u.username && !u.password) return { url: raw };
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  u.username = "";
  u.password = "";
  return { url: u.toString(), authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}` };
}

/** Credentials in a mirror URL (https://user:token@host) never reach notes or logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = "***";
      u.password = "";
    }
    return u.toString();
  } catch {
    return url;
  }
}

/** Join a configured base URL and a path without doubling or losing slashes. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`;
}

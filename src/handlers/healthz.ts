// GET /healthz -> 200 {"status":"ok"} (for Docker and load balancers).
import type { IncomingMessage, ServerResponse } from "node:http";

export function healthz(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (path !== "/healthz" || (req.method !== "GET" && req.method !== "HEAD")) return false;
  res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : JSON.stringify({ status: "ok" }));
  return true;
}

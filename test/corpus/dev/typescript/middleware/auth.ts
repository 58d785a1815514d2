// Express authentication middleware for the API gateway: user tokens, service tokens and partner tokens.
import type { NextFunction, Request, Response } from "express";
import { readFileSync } from "node:fs";
import jwt, { type JwtHeader, type JwtPayload } from "jsonwebtoken";
import jwksClient from "jwks-rsa";

const PUBLIC_KEY = readFileSync(process.env.JWT_PUBLIC_KEY_PATH ?? "/etc/keys/jwt.pub", "utf8");
const SERVICE_SECRET = process.env.SERVICE_TOKEN_SECRET ?? ""; // safe: CWE-798
const jwks = jwksClient({ jwksUri: "https://login.partner-idp.example.com/.well-known/jwks.json", cache: true });

declare module "express-serve-static-core" {
  interface Request {
    user?: JwtPayload;
  }
}

function tokenFrom(req: Request): string | null {
  const header = req.headers.authorization;
  return header?.startsWith("Bearer ") ? header.slice(7) : null;
}

export function requireUser(req: Request, res: Response, next: NextFunction) {
  const token = tokenFrom(req);
  if (!token) return res.status(401).json({ error: "missing token" });
  try {
    req.user = jwt.verify(token, PUBLIC_KEY) as JwtPayload; // expect: CWE-347
    next();
  } catch {
    res.status(401).json({ error: "invalid token" });
  }
}

export function requireUserStrict(req: Request, res: Response, next: NextFunction) {
  const token = tokenFrom(req);
  if (!token) return res.status(401).json({ error: "missing token" });
  try {
    req.user = jwt.verify(token, PUBLIC_KEY, { algorithms: ["RS256"], audience: "api.example.com" }) as JwtPayload; // safe: CWE-347
    next();
  } catch {
    res.status(401).json({ error: "invalid token" });
  }
}

export function requireService(req: Request, res: Response, next: NextFunction) {
  const token = tokenFrom(req) ?? "";
  const claims = jwt.verify(token, SERVICE_SECRET, { algorithms: ["HS256", "none"] }) as JwtPayload; // expect: CWE-347
  if (claims.scope !== "internal") return res.status(403).end();
  next();
}

export function requireAdmin(req: Request, res: Response, next: NextFunction) {
  const payload = jwt.decode(tokenFrom(req) ?? "") as JwtPayload | null; // expect: CWE-347
  if (payload?.role !== "admin") return res.status(403).json({ error: "admins only" });
  req.user = payload;
  next();
}

async function partnerKey(header: JwtHeader): Promise<string> {
  const key = await jwks.getSigningKey(header.kid);
  return key.getPublicKey();
}

export async function requirePartner(req: Request, res: Response, next: NextFunction) {
  const token = tokenFrom(req);
  if (!token) return res.status(401).end();
  const decoded = jwt.decode(token, { complete: true }); // safe: CWE-347
  if (!decoded?.header.kid) return res.status(401).json({ error: "token has no key id" });
  try {
    const key = await partnerKey(decoded.header);
    req.user = jwt.verify(token, key, { algorithms: ["RS256", "ES256"], issuer: "https://login.partner-idp.example.com/" }) as JwtPayload; // safe: CWE-347
    next();
  } catch {
    res.status(401).json({ error: "invalid partner token" });
  }
}

export function issueServiceToken(service: string): string {
  return jwt.sign({ sub: service, scope: "internal" }, SERVICE_SECRET, { algorithm: "HS256", expiresIn: "5m" }); // safe: CWE-798
}

export function issueLegacyToken(userId: string): string {
  return jwt.sign({ sub: userId }, "prod-legacy-jwt-K3y!7fQ2xZp9", { expiresIn: "30d" }); // expect: CWE-798
}

// Account endpoints: sign-up validation, profile patches, avatar conversion and CSV imports.
import { execFileSync } from "node:child_process";
import express, { type Request, type Response } from "express";

const router = express.Router();

type Profile = { displayName: string; locale: string; notifications: { email: boolean; sms: boolean } };
const PROFILE_FIELDS = ["displayName", "locale"] as const;
const MAX_EMAIL = 254;

const EMAIL_LOOSE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/; // safe: CWE-1333
const PASSWORD_POLICY = /^(?=.*[A-Z])(?=.*\d)(?=.*[^\w\s]).{12,128}$/; // safe: CWE-1333
const DATA_URL = /^data:(image\/(?:png|jpeg|webp));base64,([A-Za-z0-9+/]+={0,2})$/; // safe: CWE-1333
const EXTENSION = /\.(\w+)$/; // safe: CWE-1333

function isEmail(value: unknown): boolean {
  return typeof value === "string" && value.length <= MAX_EMAIL && EMAIL_LOOSE.test(value);
}

router.post("/signup", (req: Request, res: Response) => {
  const { email, password, tags } = req.body;
  if (!isEmail(email)) return res.status(400).json({ error: "email" });
  if (!PASSWORD_POLICY.test(String(password))) return res.status(400).json({ error: "password" });
  const interests = String(tags ?? "").split(/\s*,\s*/); // expect: CWE-1333
  res.status(201).json({ email, interests });
});

router.post("/invite", (req: Request, res: Response) => {
  const email = String(req.body.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return res.status(400).json({ error: "email" }); // expect: CWE-1333
  res.status(202).json({ invited: email });
});

router.post("/invite/v2", (req: Request, res: Response) => {
  const email = String(req.body.email).slice(0, MAX_EMAIL);
  const domain = email.split("@")[1] ?? "";
  const note = String(req.body.note ?? "").slice(0, 280).replace(/\s+$/, ""); // safe: CWE-1333
  res.status(202).json({ domain, note });
});

router.post("/avatar", (req: Request, res: Response) => {
  const m = DATA_URL.exec(String(req.body.image));
  if (!m) return res.status(400).json({ error: "image" });
  const ext = EXTENSION.exec(String(req.body.filename))?.[1] ?? "png";
  const file = `/tmp/avatar-${req.user.id}.${ext === "jpg" ? "jpg" : "png"}`;
  execFileSync("convert", ["-", "-resize", "256x256", file], { input: Buffer.from(m[2], "base64") }); // safe: CWE-78
  res.status(204).end();
});

router.get("/avatar/identify", (req: Request, res: Response) => {
  const out = execFileSync("identify", ["-format", "%wx%h", "--", `/srv/avatars/${Number(req.query.id)}.png`]); // safe: CWE-78
  res.type("text/plain").send(out);
});

// Profile patches copy only known fields; nested notification flags are copied key by key.
router.patch("/profile", async (req: Request, res: Response) => {
  const profile: Profile = await loadProfile(req.user.id);
  for (const field of PROFILE_FIELDS) {
    if (typeof req.body[field] === "string") profile[field] = req.body[field]; // safe: CWE-1321
  }
  const flags = req.body.notifications ?? {};
  for (const channel of Object.keys(profile.notifications) as (keyof Profile["notifications"])[]) {
    if (typeof flags[channel] === "boolean") profile.notifications[channel] = flags[channel]; // safe: CWE-1321
  }
  res.json(await saveProfile(req.user.id, profile));
});

// Generic patch used by the admin tools.
function applyPatch<T extends object>(target: T, patch: Record<string, unknown>): T {
  for (const [key, value] of Object.entries(patch)) {
    const current = (target as Record<string, unknown>)[key];
    if (value && typeof value === "object" && current && typeof current === "object") {
      applyPatch(current as object, value as Record<string, unknown>);
    } else {
      (target as Record<string, unknown>)[key] = value; // expect: CWE-1321
    }
  }
  return target;
}

// Copy that defines own properties on a fresh object: no setter runs and nothing is inherited.
function cloneData(source: unknown): unknown {
  if (Array.isArray(source)) return source.map(cloneData);
  if (!source || typeof source !== "object") return source;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    Object.defineProperty(out, key, { value: cloneData(value), enumerable: true, writable: true, configurable: true }); // safe: CWE-1321
  }
  return out;
}

router.patch("/admin/users/:id", async (req: Request, res: Response) => {
  const user = await loadProfile(req.params.id);
  res.json(await saveProfile(req.params.id, applyPatch(user, cloneData(req.body) as Record<string, unknown>)));
});

router.post("/import", (req: Request, res: Response) => {
  const csv = String(req.body.csv ?? "");
  if (csv.length > 2_000) return res.status(413).end();
  const rows = csv.split(/\r?\n/).map((line) => line.split(/\s*;\s*/)); // safe: CWE-1333
  res.json({ rows: rows.length });
});

declare function loadProfile(id: string): Promise<Profile>;
declare function saveProfile(id: string, p: Profile): Promise<Profile>;

export default router;

// Next.js API route (pages router): enables draft preview and proxies cover images for the editor.
import type { NextApiRequest, NextApiResponse } from "next";

const IMAGE_CDN = "https://images.example-cdn.com";
const ALLOWED_IMAGE_HOSTS = new Set(["images.example-cdn.com", "uploads.example.com"]);

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const { secret, slug, returnTo, image } = req.query;

  if (secret !== process.env.PREVIEW_SECRET) {
    return res.status(401).json({ message: "Invalid token" });
  }

  if (typeof image === "string") {
    const upstream = await fetch(image); // expect: CWE-918
    res.setHeader("Content-Type", upstream.headers.get("content-type") ?? "application/octet-stream");
    return res.send(Buffer.from(await upstream.arrayBuffer()));
  }

  res.setDraftMode({ enable: true });
  if (typeof returnTo === "string") {
    return res.redirect(307, returnTo); // expect: CWE-601
  }
  res.redirect(307, `/posts/${encodeURIComponent(String(slug ?? ""))}`); // safe: CWE-601
}

export async function proxyCover(req: NextApiRequest, res: NextApiResponse) {
  const src = new URL(String(req.query.src), IMAGE_CDN);
  if (src.protocol !== "https:" || !ALLOWED_IMAGE_HOSTS.has(src.hostname)) {
    return res.status(400).json({ message: "image host not allowed" });
  }
  const upstream = await fetch(src.toString()); // safe: CWE-918
  res.setHeader("Content-Type", upstream.headers.get("content-type") ?? "image/jpeg");
  res.send(Buffer.from(await upstream.arrayBuffer()));
}

export async function coverById(req: NextApiRequest, res: NextApiResponse) {
  const upstream = await fetch(`${IMAGE_CDN}/covers/${encodeURIComponent(String(req.query.id))}.jpg`); // safe: CWE-918
  res.setHeader("Content-Type", "image/jpeg");
  res.send(Buffer.from(await upstream.arrayBuffer()));
}

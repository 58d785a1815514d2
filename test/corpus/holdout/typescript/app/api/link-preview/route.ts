import { NextRequest, NextResponse } from "next/server";
import { createHash } from "node:crypto";
import { kv } from "@/lib/kv";

export const runtime = "nodejs";

const ALLOWED_IMAGE_HOSTS = new Set(["images.unsplash.com", "cdn.acme.io", "pbs.twimg.com"]);

function metaContent(html: string, property: string): string | null {
  const re = new RegExp(`<meta[^>]+property=["']${property}["'][^>]+content=["']([^"']+)["']`, "i");
  return re.exec(html)?.[1] ?? null;
}

export async function GET(req: NextRequest) {
  const raw = req.nextUrl.searchParams.get("url") ?? "";
  let target: URL;
  try {
    target = new URL(raw);
  } catch {
    return NextResponse.json({ error: "invalid url" }, { status: 400 });
  }
  if (!["http:", "https:"].includes(target.protocol)) {
    return NextResponse.json({ error: "unsupported scheme" }, { status: 400 });
  }

  const cacheKey = `preview:${createHash("md5").update(target.href).digest("hex")}`; // safe: CWE-327
  const cached = await kv.get(cacheKey);
  if (cached) return NextResponse.json(cached);

  const page = await fetch(target.href, { redirect: "follow", signal: AbortSignal.timeout(5000) }); // expect: CWE-918
  const html = await page.text();

  const title = metaContent(html, "og:title");
  const imageRef = metaContent(html, "og:image");
  let imageDataUrl: string | null = null;
  if (imageRef) {
    const imageUrl = new URL(imageRef, target);
    if (imageUrl.protocol === "https:" && ALLOWED_IMAGE_HOSTS.has(imageUrl.hostname)) {
      const img = await fetch(imageUrl, { redirect: "error", signal: AbortSignal.timeout(5000) }); // safe: CWE-918
      const buf = Buffer.from(await img.arrayBuffer());
      imageDataUrl = `data:${img.headers.get("content-type") ?? "image/jpeg"};base64,${buf.toString("base64")}`;
    }
  }

  const preview = { title, image: imageDataUrl, host: target.hostname };
  await kv.set(cacheKey, preview, { ex: 3600 });
  return NextResponse.json(preview);
}

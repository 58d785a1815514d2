import { NextRequest, NextResponse } from "next/server";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";

const GOOGLE_CLIENT_ID = process.env.GOOGLE_CLIENT_ID!;
const GOOGLE_CLIENT_SECRET = process.env.GOOGLE_CLIENT_SECRET!; // safe: CWE-798
const APP_ORIGIN = process.env.NEXT_PUBLIC_APP_URL ?? "http://localhost:3000";

type GoogleProfile = { sub: string; email: string; name: string; picture?: string };

async function exchangeCode(code: string): Promise<string> {
  const res = await fetch("https://oauth2.googleapis.com/token", { // safe: CWE-918
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      code,
      client_id: GOOGLE_CLIENT_ID,
      client_secret: GOOGLE_CLIENT_SECRET,
      redirect_uri: `${APP_ORIGIN}/api/auth/callback`,
      grant_type: "authorization_code",
    }),
  });
  if (!res.ok) throw new Error(`token exchange failed: ${res.status}`);
  const json = (await res.json()) as { access_token: string };
  return json.access_token;
}

async function fetchProfile(accessToken: string): Promise<GoogleProfile> {
  const res = await fetch("https://openidconnect.googleapis.com/v1/userinfo", { headers: { authorization: `Bearer ${accessToken}` } }); // safe: CWE-918
  return (await res.json()) as GoogleProfile;
}

export async function GET(req: NextRequest) {
  const code = req.nextUrl.searchParams.get("code");
  const returnTo = req.nextUrl.searchParams.get("returnTo") ?? "/dashboard";
  const expectedState = req.cookies.get("oauth_state")?.value;

  if (!code || !expectedState || req.nextUrl.searchParams.get("state") !== expectedState) {
    return NextResponse.redirect(new URL("/login?error=oauth", req.url)); // safe: CWE-601
  }

  const profile = await fetchProfile(await exchangeCode(code));
  const user = await db.user.upsert({
    where: { googleSub: profile.sub },
    update: { name: profile.name },
    create: { googleSub: profile.sub, email: profile.email, name: profile.name },
  });

  const sessionToken = randomBytes(32).toString("base64url"); // safe: CWE-338
  await db.session.create({ data: { token: sessionToken, userId: user.id, expiresAt: new Date(Date.now() + 7 * 864e5) } });

  const res = NextResponse.redirect(new URL(returnTo, req.url)); // expect: CWE-601
  res.cookies.set("session", sessionToken, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 7 * 86400 }); // expect: CWE-614
  res.cookies.set("last_login_provider", "google", { path: "/", maxAge: 30 * 86400 }); // safe: CWE-614
  res.cookies.delete("oauth_state");
  return res;
}

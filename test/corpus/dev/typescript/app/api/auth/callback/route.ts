// Next.js route handler for /api/auth/callback: finishes the OAuth flow and records the sign-in.
import { NextRequest, NextResponse } from "next/server";
import { PrismaClient } from "@prisma/client";
import { exchangeCode, createSession } from "@/lib/auth";

const prisma = new PrismaClient();

export async function GET(req: NextRequest) {
  const code = req.nextUrl.searchParams.get("code");
  const callbackUrl = req.nextUrl.searchParams.get("callbackUrl") ?? "/dashboard";
  if (!code) return NextResponse.redirect(new URL("/login?error=missing_code", req.url)); // safe: CWE-601

  const profile = await exchangeCode(code);
  const user = await prisma.user.upsert({ where: { email: profile.email }, update: { name: profile.name }, create: { email: profile.email, name: profile.name } }); // safe: CWE-89
  await prisma.$executeRaw`UPDATE "User" SET "lastLoginAt" = now(), "lastLoginIp" = ${req.headers.get("x-forwarded-for") ?? ""} WHERE id = ${user.id}`; // safe: CWE-89
  await createSession(user.id);

  return NextResponse.redirect(new URL(callbackUrl, req.url)); // expect: CWE-601
}

export async function POST(req: NextRequest) {
  const form = await req.formData();
  const next = String(form.get("next") ?? "/dashboard");
  const dest = new URL(next, req.nextUrl.origin);
  if (dest.origin !== req.nextUrl.origin) {
    return NextResponse.redirect(new URL("/dashboard", req.nextUrl.origin)); // safe: CWE-601
  }
  return NextResponse.redirect(dest); // safe: CWE-601
}

// Admin audit search used by the sign-in history page.
export async function PUT(req: NextRequest) {
  const { email, provider } = await req.json();
  const rows = await prisma.$queryRawUnsafe(`SELECT * FROM "SignIn" WHERE email = '${email}' ORDER BY "createdAt" DESC LIMIT 50`); // expect: CWE-89
  const filtered = await prisma.$queryRawUnsafe('SELECT * FROM "SignIn" WHERE provider = $1 LIMIT 50', provider); // safe: CWE-89
  const recent = await prisma.$queryRaw`SELECT * FROM "SignIn" WHERE email = ${email} LIMIT 50`; // safe: CWE-89
  return NextResponse.json({ rows, filtered, recent });
}

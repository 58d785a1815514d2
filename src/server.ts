// What `npm start` runs. Reads the environment as Probot does (APP_ID, PRIVATE_KEY or
// PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST, GHE_PROTOCOL, PORT, HOST, LOG_LEVEL,
// WEBHOOK_PATH, and a .env file), but refuses to start without a webhook secret, a valid app id
// and a private key that parses: Probot would otherwise fall back to the secret "development",
// or to its set-up mode, which answers webhooks 200 and drops them.
import { getPrivateKey } from "@probot/get-private-key";
import { createPrivateKey } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { run } from "probot";
import { createApp } from "./app.js";
import type { ReviewQueue } from "./queue/types.js";
import { errorText } from "./core/text.js";

/** Docker gives 10 s between SIGTERM and SIGKILL: leave time to cancel running reviews. */
const SHUTDOWN_GRACE_MS = 8000;

/** The names of required settings that are missing or unusable, each with a hint. */
function missingSettings(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  if (!env.WEBHOOK_SECRET?.trim()) missing.push("WEBHOOK_SECRET (the webhook secret set in the GitHub App's settings)");
  if (!env.APP_ID?.trim()) missing.push("APP_ID (the GitHub App's numeric id)");
  else if (!/^[1-9]\d*$/.test(env.APP_ID.trim()))
    missing.push(`APP_ID (must be the App's id, a positive number; got "${env.APP_ID}")`);
  const keyPath = env.PRIVATE_KEY_PATH?.trim();
  if (!env.PRIVATE_KEY?.trim()) {
    if (!keyPath) missing.push("PRIVATE_KEY or PRIVATE_KEY_PATH (the GitHub App's private key, PEM)");
    else if (!existsSync(resolve(keyPath))) missing.push(`PRIVATE_KEY_PATH (no file at ${keyPath})`);
    else missing.push(...keyProblems(env, "PRIVATE_KEY_PATH"));
  } else missing.push(...keyProblems(env, "PRIVATE_KEY"));
  return missing;
}

/** The key read the way Probot reads it, then parsed: a truncated PEM or a file that is no key is refused now, not at the first review. */
function keyProblems(env: NodeJS.ProcessEnv, from: "PRIVATE_KEY" | "PRIVATE_KEY_PATH"): string[] {
  let text: string | null;
  try {
    text = getPrivateKey({ env });
  } catch {
    return [`${from} (not a PEM private key: copy the whole .pem file the App's settings page gave you)`];
  }
  if (text === null) return [`${from} (no private key found)`];
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== "rsa")
      return [`${from} (a ${key.asymmetricKeyType} key; GitHub Apps sign with RSA keys)`];
  } catch {
    return [`${from} (the key does not parse: is the PEM truncated or is it another file?)`];
  }
  return [];
}

/** Probot reads `.env` from the working directory; so does this check (without overriding the environment). */
function withDotEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  try {
    return { ...parseEnv(readFileSync(resolve(".env"), "utf8")), ...env };
  } catch {
    return env;
  }
}

async function main(): Promise<void> {
  const missing = missingSettings(withDotEnv(process.env));
  if (missing.length > 0) {
    console.error(
      `aiguard: refusing to start; these settings are missing or unusable:\n${missing.map((m) => `  - ${m}`).join("\n")}`,
    );
    process.exit(1);
  }
  process.on("unhandledRejection", (reason) =>
    console.error("aiguard: unhandled rejection (the server keeps running):", reason),
  );
  let queue: ReviewQueue | undefined;
  const server = await run(createApp({ onQueue: (q) => (queue = q) }));
  process.once("SIGTERM", () => {
    // Stop taking webhooks, then cancel running reviews (their check runs are completed as
    // `cancelled`, not left in progress) before exiting.
    const grace = new Promise<void>((r) => setTimeout(r, SHUTDOWN_GRACE_MS).unref());
    server
      .stop()
      .then(() => Promise.race([queue?.close(), grace]))
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
}

main().catch((err: unknown) => {
  console.error("aiguard: could not start:", errorText(err));
  process.exit(1);
});

// Fake credentials built at run time, so that no token-shaped string is committed
// (and no push protection or secret scanner trips over this test suite).
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const B64 = `${ALNUM}+/`;
const HEX = "0123456789abcdef";

/** Deterministic pseudo-random string (xorshift), high entropy, from an alphabet. */
export function randomString(length: number, seed: number, alphabet: string = ALNUM): string {
  let x = seed * 2654435761 + 1;
  let out = "";
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += alphabet[Math.abs(x) % alphabet.length];
  }
  return out;
}

export const fake = {
  awsKeyId: (seed = 1) => `AK${"IA"}${randomString(16, seed, UPPER32)}`,
  awsSecret: (seed = 2) => randomString(40, seed, B64),
  github: (prefix = "ghp", seed = 3) => `${prefix}_${randomString(36, seed)}`,
  githubPat: (seed = 4) => `github_pat_${randomString(22, seed)}_${randomString(59, seed + 1)}`,
  gitlab: (seed = 5) => `gl${"pat"}-${randomString(20, seed)}`,
  slack: (kind = "b", seed = 6) =>
    `xox${kind}-${randomString(12, seed, "0123456789")}-${randomString(13, seed + 1, "0123456789")}-${randomString(24, seed + 2)}`,
  stripe: (prefix = "sk", seed = 7) => `${prefix}_li${"ve"}_${randomString(24, seed)}`,
  google: (seed = 8) => `AI${"za"}${randomString(35, seed)}`,
  openaiProject: (seed = 9) => `sk-${"proj"}-${randomString(48, seed)}`,
  openaiLegacy: (seed = 10) => `sk-${randomString(48, seed)}`,
  anthropic: (seed = 11) => `sk-${"ant"}-api03-${randomString(80, seed)}`,
  jwt: (seed = 12) =>
    `ey${"J"}hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.ey${"J"}${randomString(40, seed)}.${randomString(43, seed + 1)}`,
  pemBody: (seed = 13, lines = 4) => Array.from({ length: lines }, (_, i) => randomString(64, seed + i, B64)),
  password: (seed = 14) => `${randomString(6, seed)}!${randomString(6, seed + 1)}#9`,
  hex: (length: number, seed = 15) => randomString(length, seed, HEX),
  base64: (length: number, seed = 16) => randomString(length, seed, B64),
  sendgrid: (seed = 17) => `S${"G"}.${randomString(22, seed)}.${randomString(43, seed + 1)}`,
  npm: (seed = 18) => `np${"m"}_${randomString(36, seed)}`,
  pypi: (seed = 19) => `pyp${"i"}-AgEIcHlwaS5vcmc${randomString(60, seed)}`,
  telegram: (seed = 20) => `${randomString(10, seed, "123456789")}:A${"A"}${randomString(33, seed + 1)}`,
  discord: (seed = 21) => `M${randomString(25, seed)}.${randomString(6, seed + 1)}.${randomString(38, seed + 2)}`,
  twilioSid: (seed = 22) => `A${"C"}${randomString(32, seed, HEX)}`,
  twilioKey: (seed = 23) => `S${"K"}${randomString(32, seed, HEX)}`,
  mailgun: (seed = 24) => `ke${"y"}-${randomString(32, seed, HEX)}`,
  uuid: (seed = 25) => {
    const h = randomString(32, seed, HEX);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  },
  azureAccountKey: (seed = 26) => `${randomString(86, seed, B64)}==`,
  azureSharedKey: (seed = 27) => `${randomString(43, seed, B64)}=`,
  slackWebhook: (seed = 28) =>
    `https://hooks.${"slack"}.com/services/T${randomString(10, seed, UPPER32)}/B${randomString(10, seed + 1, UPPER32)}/${randomString(24, seed + 2)}`,
  discordWebhook: (seed = 29) =>
    `https://${"discord"}.com/api/webhooks/${randomString(19, seed, "0123456789")}/${randomString(68, seed + 1, `${ALNUM}_-`)}`,
  teamsWebhook: (seed = 30) => {
    const guid = (s: number) => {
      const h = randomString(32, s, HEX);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
    };
    return `https://contoso.webhook.${"office"}.com/webhookb2/${guid(seed)}@${guid(seed + 1)}/IncomingWebhook/${randomString(32, seed + 2, HEX)}/${guid(seed + 3)}`;
  },
};

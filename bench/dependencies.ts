// Dependency governance figures for `npm run bench`: the pure diff + risk pass over a large
// lockfile change, and registry look-ups against a local stand-in registry with latency.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { assessDependencies } from "../src/core/dependencies/assess.js";
import { configSchema } from "../src/core/policy/schema.js";
import type { ChangedFile } from "../src/core/types.js";
import { LookupCache } from "../src/lookup/cache.js";
import { lookupDependencies } from "../src/lookup/index.js";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function lockfile(count: number, offset = 0): string {
  const packages: Record<string, unknown> = {
    "": { name: "bench", version: "1.0.0", dependencies: { [`pkg-${offset}`]: "^1.0.0" } },
  };
  for (let i = 0; i < count; i++)
    packages[`node_modules/bench-package-${i + offset}`] = {
      version: `1.${i % 10}.${i % 7}`,
      license: "MIT",
      ...(i % 97 === 0 ? { hasInstallScript: true } : {}),
    };
  return JSON.stringify({ name: "bench", version: "1.0.0", lockfileVersion: 3, requires: true, packages }, null, 2);
}

// Other lockfile formats, same shape: `n` packages, in the format each tool writes.
const GENERATORS: Record<string, (n: number) => string> = {
  "yarn.lock": (n) => {
    let s = "# yarn lockfile v1\n\n";
    for (let i = 0; i < n; i++)
      s += `"pkg-${i}@^1.0.0":\n  version "1.0.${i}"\n  resolved "https://registry.yarnpkg.com/pkg-${i}/-/pkg-${i}-1.0.${i}.tgz"\n  integrity sha512-abc\n\n`;
    return s;
  },
  "pnpm-lock.yaml": (n) => {
    let s =
      "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies:\n      pkg-0:\n        specifier: ^1.0.0\n        version: 1.0.0\n\npackages:\n\n";
    for (let i = 0; i < n; i++) s += `  pkg-${i}@1.0.${i}:\n    resolution: {integrity: sha512-abc}\n\n`;
    s += "snapshots:\n\n";
    for (let i = 0; i < n; i++) s += `  pkg-${i}@1.0.${i}: {}\n\n`;
    return s;
  },
  "poetry.lock": (n) => {
    let s = "";
    for (let i = 0; i < n; i++)
      s += `[[package]]\nname = "pkg-${i}"\nversion = "1.0.${i}"\ndescription = ""\noptional = false\npython-versions = "*"\nfiles = []\n\n`;
    return `${s}[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "x"\n`;
  },
  "uv.lock": (n) => {
    let s = 'version = 1\nrequires-python = ">=3.11"\n\n';
    for (let i = 0; i < n; i++)
      s += `[[package]]\nname = "pkg-${i}"\nversion = "1.0.${i}"\nsource = { registry = "https://pypi.org/simple" }\n\n`;
    return s;
  },
};

export function benchLockfileFormats(): string {
  const config = configSchema.parse({}).dependencies;
  const parts: string[] = [];
  for (const [path, gen] of Object.entries(GENERATORS)) {
    const files: ChangedFile[] = [
      { path, status: "modified", additions: 1, deletions: 0, baseContent: gen(2000), headContent: gen(2300) },
    ];
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      assessDependencies(files, { config });
      times.push(performance.now() - t);
    }
    parts.push(`${path} ${median(times).toFixed(0)} ms`);
  }
  return `dependency diff + offline risks, other lockfiles of 2,000 → 2,300 packages (median of 5): ${parts.join(", ")}`;
}

export function benchDependencyAnalysis(): string {
  const base = lockfile(2000);
  const head = lockfile(2300);
  const files: ChangedFile[] = [
    {
      path: "package-lock.json",
      status: "modified",
      additions: 1800,
      deletions: 0,
      baseContent: base,
      headContent: head,
    },
  ];
  const config = configSchema.parse({}).dependencies;
  const times: number[] = [];
  let changes = 0;
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    changes = assessDependencies(files, { config }).dependencies.length;
    times.push(performance.now() - t);
  }
  return `dependency diff + offline risks, package-lock.json v3 of 2,000 → 2,300 packages (${(head.length / 1024).toFixed(0)} KB): median ${median(times).toFixed(1)} ms (${changes} changes)`;
}

/** A local registry: npm packuments and an OSV querybatch, each answer after `latencyMs`. */
async function standInRegistry(
  latencyMs: number,
): Promise<{ server: Server; url: string; requests: () => number; maxInFlight: () => number }> {
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const old = new Date(Date.now() - 1000 * 86_400_000).toISOString();
  const server = createServer((req, res) => {
    requests++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      setTimeout(() => {
        inFlight--;
        res.setHeader("content-type", "application/json");
        if (req.method === "POST") {
          const n = (JSON.parse(body) as { queries: unknown[] }).queries.length;
          res.end(JSON.stringify({ results: Array.from({ length: n }, () => ({ vulns: [] })) }));
          return;
        }
        const name = decodeURIComponent((req.url ?? "/").slice(1));
        res.end(
          JSON.stringify({
            name,
            "dist-tags": { latest: "1.0.0" },
            time: { created: old, "1.0.0": old },
            versions: { "1.0.0": { license: "MIT" } },
          }),
        );
      }, latencyMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, requests: () => requests, maxInFlight: () => maxInFlight };
}

export async function benchDependencyLookups(): Promise<string[]> {
  const latency = 25;
  const reg = await standInRegistry(latency);
  try {
    const deps: Record<string, string> = {};
    for (let i = 0; i < 100; i++) deps[`bench-lib-${i}`] = "1.0.0";
    const files: ChangedFile[] = [
      {
        path: "package.json",
        status: "modified",
        additions: 100,
        deletions: 0,
        baseContent: '{"dependencies":{}}',
        headContent: JSON.stringify({ dependencies: deps }, null, 2),
      },
    ];
    const config = configSchema.parse({});
    const cache = new LookupCache();
    const opts = { baseUrls: { npm: reg.url, osv: reg.url }, cache, concurrency: 8 };
    const t0 = performance.now();
    const first = await lookupDependencies(files, config, opts);
    const cold = performance.now() - t0;
    const coldRequests = reg.requests();
    const t1 = performance.now();
    const second = await lookupDependencies(files, config, opts);
    const warm = performance.now() - t1;
    return [
      `registry look-ups, 100 new npm packages, stand-in registry answering in ${latency} ms, concurrency 8: ${cold.toFixed(0)} ms cold (${coldRequests} requests: ${first.stats.packages} packuments + ${first.stats.advisoryRequests} OSV batch; at most ${reg.maxInFlight()} in flight)`,
      `same look-ups again with the process cache: ${warm.toFixed(0)} ms (${reg.requests() - coldRequests} more requests: ${second.stats.cached} cached packages, advisories asked again in one batch)`,
    ];
  } finally {
    reg.server.close();
  }
}

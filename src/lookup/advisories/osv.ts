// Known advisories from OSV (https://osv.dev): ONE `querybatch` request for every package
// version, then the details of each distinct advisory it names (summary, severity), cached.
import { z } from "zod";
import { ecosystemById } from "../../core/dependencies/ecosystems/index.js";
import { type Advisory, severityOfWord } from "../../core/dependencies/facts.js";
import type { Severity } from "../../core/types.js";
import { parseAnswer } from "../answer.js";
import type { LookupCache } from "../cache.js";
import { HttpError, expectOk, joinUrl, redactUrl, type HttpClient } from "../http.js";

export const OSV_DEFAULT_URL = "https://api.osv.dev";
/** OSV accepts at most this many queries in one batch. */
export const OSV_BATCH_LIMIT = 1000;

export interface AdvisoryQuery {
  /** As the review names it (`crates.io`); sent under OSV's name for it. */
  ecosystem: string;
  name: string;
  /** An exact version as aiguard writes it; sent in OSV's form (Go: without the leading `v`). */
  version: string;
}

/** The query in OSV's terms: its ecosystem name and version form (each ecosystem module's `osv`). */
function inOsvTerms(q: AdvisoryQuery): AdvisoryQuery {
  const osv = ecosystemById(q.ecosystem)?.osv;
  if (!osv) return q;
  return { ecosystem: osv.ecosystem, name: q.name, version: osv.version ? osv.version(q.version) : q.version };
}

/** POST /v1/querybatch: one result per query, in order, each listing advisory ids (empty: none). */
export const batchAnswerSchema = z.looseObject({
  results: z.array(
    z.looseObject({
      vulns: z.array(z.looseObject({ id: z.string() })).nullish(),
      next_page_token: z.string().nullish(),
    }),
  ),
});

const severityWord = z.looseObject({ severity: z.string().nullish() });

/** GET /v1/vulns/{id}: what is read of one advisory (its words, aliases and severities). */
export const vulnSchema = z.looseObject({
  id: z.string(),
  summary: z.string().nullish(),
  details: z.string().nullish(),
  aliases: z.array(z.string()).nullish(),
  severity: z.array(z.looseObject({ type: z.string(), score: z.string() })).nullish(),
  database_specific: severityWord.nullish(),
  affected: z
    .array(z.looseObject({ database_specific: severityWord.nullish(), ecosystem_specific: severityWord.nullish() }))
    .nullish(),
});

type OsvVuln = z.output<typeof vulnSchema>;

/** The advisory's own severity word (GHSA's database_specific), else a CVSS v3 base score band. */
export function osvSeverity(v: OsvVuln): Severity | undefined {
  const word =
    v.database_specific?.severity ??
    v.affected?.map((a) => a.database_specific?.severity ?? a.ecosystem_specific?.severity).find(Boolean);
  const fromWord = severityOfWord(word);
  if (fromWord) return fromWord;
  // Only v3 vectors are scored here; a record may list a v4 vector first.
  const cvss =
    v.severity?.find((s) => s.type === "CVSS_V3")?.score ?? v.severity?.find((s) => /^CVSS:3\./.test(s.score))?.score;
  const score = cvss ? cvss3Score(cvss) : null;
  if (score === null) return undefined;
  if (score >= 9) return "critical";
  if (score >= 7) return "high";
  if (score >= 4) return "medium";
  return score > 0 ? "low" : "info";
}

/** CVSS 3.x base score from a vector (the FIRST specification's formula). Null when unreadable. */
export function cvss3Score(vector: string): number | null {
  const m = Object.fromEntries(
    vector
      .split("/")
      .slice(1)
      .map((p) => p.split(":") as [string, string]),
  );
  const W = {
    AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
    AC: { L: 0.77, H: 0.44 },
    UI: { N: 0.85, R: 0.62 },
    CIA: { H: 0.56, L: 0.22, N: 0 },
  } as const;
  const changed = m.S === "C";
  const pr = { N: 0.85, L: changed ? 0.68 : 0.62, H: changed ? 0.5 : 0.27 }[m.PR as "N" | "L" | "H"];
  const av = W.AV[m.AV as keyof typeof W.AV];
  const ac = W.AC[m.AC as keyof typeof W.AC];
  const ui = W.UI[m.UI as keyof typeof W.UI];
  const [c, i, a] = [m.C, m.I, m.A].map((x) => W.CIA[x as keyof typeof W.CIA]);
  if ([pr, av, ac, ui, c, i, a].some((x) => x === undefined)) return null;
  const iss = 1 - (1 - c!) * (1 - i!) * (1 - a!);
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss;
  if (impact <= 0) return 0;
  const exploit = 8.22 * av! * ac! * pr! * ui!;
  const roundUp = (x: number) => Math.ceil(x * 10 - 1e-9) / 10;
  return roundUp(Math.min(changed ? 1.08 * (impact + exploit) : impact + exploit, 10));
}

function advisoryUrl(id: string): string {
  return id.startsWith("GHSA-") ? `https://github.com/advisories/${id}` : `https://osv.dev/vulnerability/${id}`;
}

export interface OsvResult {
  /** By query index. */
  advisories: Advisory[][];
  notes: string[];
}

/**
 * Advisories for each query. One POST per 1,000 queries (normally exactly one); details of each
 * distinct advisory id through `detail` (GET /v1/vulns/{id}), concurrency-limited by the caller's
 * `schedule`. A detail that fails still yields the advisory, with its id and link.
 */
export async function queryOsv(
  queries: AdvisoryQuery[],
  ctx: {
    http: HttpClient;
    baseUrl: string;
    cache?: LookupCache | undefined;
    schedule: <T>(fn: () => Promise<T>) => Promise<T>;
    maxDetails?: number;
  },
): Promise<OsvResult> {
  const notes: string[] = [];
  const ids: string[][] = [];
  const sent = queries.map(inOsvTerms);
  for (let start = 0; start < sent.length; start += OSV_BATCH_LIMIT) {
    const batch = sent.slice(start, start + OSV_BATCH_LIMIT);
    const url = joinUrl(ctx.baseUrl, "/v1/querybatch");
    const res = await ctx.http.post(url, {
      queries: batch.map((q) => ({ package: { ecosystem: q.ecosystem, name: q.name }, version: q.version })),
    });
    expectOk(res, url);
    const body = parseAnswer(batchAnswerSchema, res, url);
    // A short answer would pass the queries it left out as free of advisories.
    if (body.results.length !== batch.length)
      throw new HttpError(
        `${redactUrl(url)}: unexpected answer (${body.results.length} results for ${batch.length} queries)`,
        res.status,
      );
    batch.forEach((q, i) => {
      const r = body.results[i];
      ids.push((r?.vulns ?? []).map((v) => v.id));
      if (r?.next_page_token)
        notes.push(
          `OSV has more advisories for ${q.name}@${q.version} than one answer holds; the first ${r.vulns?.length ?? 0} are shown`,
        );
    });
  }
  const distinct = [...new Set(ids.flat())];
  const limit = ctx.maxDetails ?? 100;
  const details = new Map<string, OsvVuln>();
  await Promise.all(
    distinct.slice(0, limit).map((id) =>
      ctx.schedule(async () => {
        const key = `osv\0${id}`;
        const cached = ctx.cache?.get<OsvVuln>(key);
        if (cached) {
          details.set(id, cached);
          return;
        }
        const url = joinUrl(ctx.baseUrl, `/v1/vulns/${encodeURIComponent(id)}`);
        try {
          const res = await ctx.http.get(url);
          expectOk(res, url);
          const v = parseAnswer(vulnSchema, res, url);
          details.set(id, v);
          ctx.cache?.set(key, v);
        } catch {
          // The id and link are still reported; only the summary and severity are missing.
        }
      }),
    ),
  );
  if (distinct.length > limit)
    notes.push(`${distinct.length} advisories found; details were read for the first ${limit}`);
  const advisories = ids.map((list) =>
    list.map((id): Advisory => {
      const v = details.get(id);
      // Prefer a GHSA alias for the link: it is what GitHub users know.
      const ghsa = v?.aliases?.find((a) => a.startsWith("GHSA-"));
      return {
        id,
        summary: (v?.summary ?? v?.details?.split("\n")[0] ?? "").slice(0, 200),
        severity: v ? osvSeverity(v) : undefined,
        url: advisoryUrl(ghsa ?? id),
        aliases: v?.aliases ?? undefined,
      };
    }),
  );
  return { advisories, notes };
}

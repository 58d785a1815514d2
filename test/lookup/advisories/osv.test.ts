// OSV: CVSS scoring, severity words, and queryOsv's batching and detail reading (nock'd).
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  OSV_BATCH_LIMIT,
  cvss3Score,
  osvSeverity,
  queryOsv,
  type AdvisoryQuery,
} from "../../../src/lookup/advisories/osv.js";
import { LookupCache } from "../../../src/lookup/cache.js";
import { createHttpClient } from "../../../src/lookup/http.js";

const OSV = "https://api.osv.dev";
const http = createHttpClient({ timeoutMs: 2000 });
const schedule = <T>(fn: () => Promise<T>): Promise<T> => fn();
const ctx = (over: Partial<Parameters<typeof queryOsv>[1]> = {}) => ({ http, baseUrl: OSV, schedule, ...over });

interface BatchBody {
  queries: Array<{ package: { ecosystem: string; name: string }; version: string }>;
}
const parse = (body: unknown) => (typeof body === "string" ? JSON.parse(body) : body) as BatchBody;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("cvss3Score", () => {
  it.each([
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5],
    ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10],
    ["CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2],
    ["CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8],
    ["CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N", 5.9],
    ["CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1],
    ["CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6],
  ])("%s → %s", (vector, score) => {
    expect(cvss3Score(vector)).toBe(score);
  });

  it("no impact (C:N/I:N/A:N) scores 0", () => {
    expect(cvss3Score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N")).toBe(0);
    expect(cvss3Score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N")).toBe(0);
  });

  it("metric order does not matter", () => {
    expect(cvss3Score("CVSS:3.1/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N/S:U")).toBe(9.8);
  });

  it("an unreadable vector is null", () => {
    expect(cvss3Score("not a vector")).toBeNull();
    expect(cvss3Score("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H")).toBeNull(); // A missing
    expect(cvss3Score("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")).toBeNull(); // bad value
    expect(cvss3Score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")).toBeNull();
  });
});

describe("osvSeverity", () => {
  it("takes the advisory's own word (GHSA database_specific)", () => {
    expect(osvSeverity({ id: "GHSA-1", database_specific: { severity: "CRITICAL" } })).toBe("critical");
    expect(osvSeverity({ id: "GHSA-2", database_specific: { severity: "HIGH" } })).toBe("high");
    expect(osvSeverity({ id: "GHSA-3", database_specific: { severity: "MODERATE" } })).toBe("medium");
    expect(osvSeverity({ id: "GHSA-4", database_specific: { severity: "low" } })).toBe("low");
  });

  it("the word wins over a CVSS vector", () => {
    expect(
      osvSeverity({
        id: "GHSA-5",
        database_specific: { severity: "LOW" },
        severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" }],
      }),
    ).toBe("low");
  });

  it("reads the word from affected[] (database_specific or ecosystem_specific)", () => {
    expect(osvSeverity({ id: "RUSTSEC-1", affected: [{}, { ecosystem_specific: { severity: "HIGH" } }] })).toBe("high");
    expect(osvSeverity({ id: "X-1", affected: [{ database_specific: { severity: "Moderate" } }] })).toBe("medium");
  });

  it("falls back to the CVSS v3 base score band", () => {
    const v = (score: string) => ({ id: "CVE-1", severity: [{ type: "CVSS_V3", score }] });
    expect(osvSeverity(v("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))).toBe("critical"); // 9.8
    expect(osvSeverity(v("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"))).toBe("high"); // 7.5
    expect(osvSeverity(v("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"))).toBe("medium"); // 6.1
    expect(osvSeverity(v("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"))).toBe("low"); // 3.1
    expect(osvSeverity(v("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"))).toBe("info"); // 0
  });

  it("an unknown word falls through to CVSS", () => {
    expect(
      osvSeverity({
        id: "X-2",
        database_specific: { severity: "UNKNOWN" },
        severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N" }],
      }),
    ).toBe("high");
  });

  // Known bug (src/lookup/advisories/osv.ts:38): the first CVSS_V3 *or* CVSS_V4 entry is taken, and
  // cvss3Score cannot read a v4 vector, so a record listing v4 before v3 gets no severity at all.
  it("uses the CVSS v3 vector even when a v4 vector is listed first", () => {
    const v = {
      id: "PYSEC-2025-1",
      severity: [
        { type: "CVSS_V4", score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N" },
        { type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" },
      ],
    };
    expect(osvSeverity(v)).toBe("critical");
  });

  it("none: no word, no (readable) vector", () => {
    expect(osvSeverity({ id: "PYSEC-1" })).toBeUndefined();
    expect(osvSeverity({ id: "PYSEC-2", severity: [{ type: "CVSS_V3", score: "garbage" }] })).toBeUndefined();
    expect(osvSeverity({ id: "PYSEC-3", severity: [{ type: "Ubuntu", score: "high" }] })).toBeUndefined();
  });
});

describe("queryOsv", () => {
  it("1,001 queries → 2 POSTs (1,000 + 1), answers mapped back to each query", async () => {
    const queries: AdvisoryQuery[] = Array.from({ length: OSV_BATCH_LIMIT + 1 }, (_, i) => ({
      ecosystem: "npm",
      name: `pkg-${i}`,
      version: "1.0.0",
    }));
    const bodies: BatchBody[] = [];
    const batch = nock(OSV)
      .post("/v1/querybatch")
      .times(2)
      .reply(200, (_uri, body) => {
        const b = parse(body);
        bodies.push(b);
        // pkg-0 (first batch) and pkg-1000 (second batch) are vulnerable.
        return {
          results: b.queries.map((q) =>
            q.package.name === "pkg-0"
              ? { vulns: [{ id: "GHSA-aaaa-bbbb-cccc" }] }
              : q.package.name === "pkg-1000"
                ? { vulns: [{ id: "GHSA-dddd-eeee-ffff" }] }
                : {},
          ),
        };
      });
    const details = nock(OSV)
      .get("/v1/vulns/GHSA-aaaa-bbbb-cccc")
      .reply(200, {
        id: "GHSA-aaaa-bbbb-cccc",
        summary: "Prototype pollution in pkg-0",
        database_specific: { severity: "HIGH" },
      })
      .get("/v1/vulns/GHSA-dddd-eeee-ffff")
      .reply(200, {
        id: "GHSA-dddd-eeee-ffff",
        summary: "ReDoS in pkg-1000",
        database_specific: { severity: "MODERATE" },
      });

    const r = await queryOsv(queries, ctx());

    expect(batch.isDone()).toBe(true);
    expect(details.isDone()).toBe(true);
    expect(bodies.map((b) => b.queries.length)).toEqual([1000, 1]);
    expect(bodies[0]!.queries[0]).toEqual({ package: { ecosystem: "npm", name: "pkg-0" }, version: "1.0.0" });
    expect(bodies[1]!.queries).toEqual([{ package: { ecosystem: "npm", name: "pkg-1000" }, version: "1.0.0" }]);
    expect(r.advisories).toHaveLength(1001);
    expect(r.advisories[0]).toEqual([
      expect.objectContaining({ id: "GHSA-aaaa-bbbb-cccc", summary: "Prototype pollution in pkg-0", severity: "high" }),
    ]);
    expect(r.advisories[1000]).toEqual([
      expect.objectContaining({ id: "GHSA-dddd-eeee-ffff", summary: "ReDoS in pkg-1000", severity: "medium" }),
    ]);
    expect(r.advisories.slice(1, 1000).every((a) => a.length === 0)).toBe(true);
    expect(r.notes).toEqual([]);
  });

  it("next_page_token: a note that only the first advisories are shown", async () => {
    nock(OSV)
      .post("/v1/querybatch")
      .reply(200, {
        results: [{ vulns: [{ id: "GO-2024-0001" }, { id: "GO-2024-0002" }], next_page_token: "opaque-token" }],
      })
      .get("/v1/vulns/GO-2024-0001")
      .reply(200, { id: "GO-2024-0001", summary: "one" })
      .get("/v1/vulns/GO-2024-0002")
      .reply(200, { id: "GO-2024-0002", summary: "two" });
    const r = await queryOsv([{ ecosystem: "Go", name: "golang.org/x/net", version: "0.17.0" }], ctx());
    expect(r.advisories[0]!.map((a) => a.id)).toEqual(["GO-2024-0001", "GO-2024-0002"]);
    expect(r.notes).toEqual([
      "OSV has more advisories for golang.org/x/net@0.17.0 than one answer holds; the first 2 are shown",
    ]);
  });

  it("asks in OSV's terms: each ecosystem's OSV name, Go versions without the leading v", async () => {
    const bodies: BatchBody[] = [];
    nock(OSV)
      .post("/v1/querybatch", (body) => {
        bodies.push(parse(body));
        return true;
      })
      .reply(200, { results: [{ vulns: [], next_page_token: "t" }, {}] });
    const r = await queryOsv(
      [
        { ecosystem: "Go", name: "golang.org/x/net", version: "v0.17.0" },
        { ecosystem: "crates.io", name: "h2", version: "0.3.20" },
      ],
      ctx(),
    );
    expect(bodies[0]!.queries).toEqual([
      { package: { ecosystem: "Go", name: "golang.org/x/net" }, version: "0.17.0" },
      { package: { ecosystem: "crates.io", name: "h2" }, version: "0.3.20" },
    ]);
    expect(r.notes).toEqual([
      "OSV has more advisories for golang.org/x/net@0.17.0 than one answer holds; the first 0 are shown",
    ]);
  });

  it("a detail that fails still yields the advisory's id and link", async () => {
    const scope = nock(OSV)
      .post("/v1/querybatch")
      .reply(200, { results: [{ vulns: [{ id: "PYSEC-2023-74" }] }, { vulns: [{ id: "RUSTSEC-2024-0003" }] }] })
      .get("/v1/vulns/PYSEC-2023-74")
      .reply(500, "oops")
      .get("/v1/vulns/RUSTSEC-2024-0003")
      .reply(200, "<html>not json</html>");
    const r = await queryOsv(
      [
        { ecosystem: "PyPI", name: "requests", version: "2.30.0" },
        { ecosystem: "crates.io", name: "h2", version: "0.3.20" },
      ],
      ctx(),
    );
    expect(scope.isDone()).toBe(true);
    expect(r.advisories).toEqual([
      [
        {
          id: "PYSEC-2023-74",
          summary: "",
          severity: undefined,
          url: "https://osv.dev/vulnerability/PYSEC-2023-74",
          aliases: undefined,
        },
      ],
      [
        {
          id: "RUSTSEC-2024-0003",
          summary: "",
          severity: undefined,
          url: "https://osv.dev/vulnerability/RUSTSEC-2024-0003",
          aliases: undefined,
        },
      ],
    ]);
    expect(r.notes).toEqual([]);
  });

  it("prefers a GHSA alias for the link; a GHSA id links to GitHub; summary falls back to the details' first line", async () => {
    nock(OSV)
      .post("/v1/querybatch")
      .reply(200, { results: [{ vulns: [{ id: "PYSEC-2023-74" }, { id: "GHSA-wf5p-g6vw-rhxx" }] }] })
      .get("/v1/vulns/PYSEC-2023-74")
      .reply(200, {
        id: "PYSEC-2023-74",
        details: "Requests leaks Proxy-Authorization headers to destination servers.\nMore text here.",
        aliases: ["CVE-2023-32681", "GHSA-j8r2-6x86-q33q"],
        severity: [{ type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N" }],
      })
      .get("/v1/vulns/GHSA-wf5p-g6vw-rhxx")
      .reply(200, {
        id: "GHSA-wf5p-g6vw-rhxx",
        summary: "Axios CSRF",
        aliases: ["CVE-2023-45857"],
        database_specific: { severity: "MODERATE" },
      });
    const r = await queryOsv([{ ecosystem: "PyPI", name: "requests", version: "2.30.0" }], ctx());
    expect(r.advisories[0]).toEqual([
      {
        id: "PYSEC-2023-74",
        summary: "Requests leaks Proxy-Authorization headers to destination servers.",
        severity: "medium", // 6.1
        url: "https://github.com/advisories/GHSA-j8r2-6x86-q33q",
        aliases: ["CVE-2023-32681", "GHSA-j8r2-6x86-q33q"],
      },
      {
        id: "GHSA-wf5p-g6vw-rhxx",
        summary: "Axios CSRF",
        severity: "medium",
        url: "https://github.com/advisories/GHSA-wf5p-g6vw-rhxx",
        aliases: ["CVE-2023-45857"],
      },
    ]);
  });

  it("reads the details of an advisory shared by several packages once, and caches them", async () => {
    const cache = new LookupCache();
    const batch = () =>
      nock(OSV)
        .post("/v1/querybatch")
        .reply(200, {
          results: [{ vulns: [{ id: "GHSA-shared-0000-0000" }] }, { vulns: [{ id: "GHSA-shared-0000-0000" }] }],
        });
    batch();
    const details = nock(OSV)
      .get("/v1/vulns/GHSA-shared-0000-0000")
      .once()
      .reply(200, { id: "GHSA-shared-0000-0000", summary: "shared", database_specific: { severity: "LOW" } });
    const qs: AdvisoryQuery[] = [
      { ecosystem: "npm", name: "a", version: "1.0.0" },
      { ecosystem: "npm", name: "b", version: "2.0.0" },
    ];
    const r1 = await queryOsv(qs, ctx({ cache }));
    expect(details.isDone()).toBe(true);
    expect(r1.advisories.map((l) => l[0]!.severity)).toEqual(["low", "low"]);

    const again = batch();
    const r2 = await queryOsv(qs, ctx({ cache })); // no details mock: a request would fail and lose the summary
    expect(again.isDone()).toBe(true);
    expect(r2.advisories).toEqual(r1.advisories);
  });

  it("reads at most maxDetails details, with a note", async () => {
    nock(OSV)
      .post("/v1/querybatch")
      .reply(200, { results: [{ vulns: [{ id: "GHSA-0001" }, { id: "GHSA-0002" }, { id: "GHSA-0003" }] }] })
      .get("/v1/vulns/GHSA-0001")
      .reply(200, { id: "GHSA-0001", summary: "first" })
      .get("/v1/vulns/GHSA-0002")
      .reply(200, { id: "GHSA-0002", summary: "second" });
    const r = await queryOsv([{ ecosystem: "npm", name: "a", version: "1.0.0" }], ctx({ maxDetails: 2 }));
    expect(r.advisories[0]!.map((a) => [a.id, a.summary])).toEqual([
      ["GHSA-0001", "first"],
      ["GHSA-0002", "second"],
      ["GHSA-0003", ""],
    ]);
    expect(r.notes).toEqual(["3 advisories found; details were read for the first 2"]);
  });

  it("a failing batch throws (the caller turns it into a note)", async () => {
    nock(OSV).post("/v1/querybatch").reply(429, "slow down");
    await expect(queryOsv([{ ecosystem: "npm", name: "a", version: "1.0.0" }], ctx())).rejects.toThrow(
      /querybatch: HTTP 429/,
    );
  });

  it("a batch answer that is not JSON throws a readable error", async () => {
    nock(OSV).post("/v1/querybatch").reply(200, "<html>maintenance</html>");
    await expect(queryOsv([{ ecosystem: "npm", name: "a", version: "1.0.0" }], ctx())).rejects.toThrow(/not JSON/);
  });

  it("a batch answer that does not fit its schema throws, naming where", async () => {
    nock(OSV)
      .post("/v1/querybatch")
      .reply(200, { results: [{ vulns: [{ summary: "no id" }] }] });
    await expect(queryOsv([{ ecosystem: "npm", name: "a", version: "1.0.0" }], ctx())).rejects.toThrow(
      /querybatch: unexpected answer \(.*at results\.0\.vulns\.0\.id\)/,
    );
    nock(OSV).post("/v1/querybatch").reply(200, { error: "maintenance" });
    await expect(queryOsv([{ ecosystem: "npm", name: "a", version: "1.0.0" }], ctx())).rejects.toThrow(/at results/);
  });

  it("a batch answer with fewer results than queries throws instead of passing the rest as clean", async () => {
    nock(OSV)
      .post("/v1/querybatch")
      .reply(200, { results: [{}] });
    await expect(
      queryOsv(
        [
          { ecosystem: "npm", name: "a", version: "1.0.0" },
          { ecosystem: "npm", name: "b", version: "1.0.0" },
        ],
        ctx(),
      ),
    ).rejects.toThrow(/unexpected answer \(1 results for 2 queries\)/);
  });

  it("an advisory whose details do not fit their schema is reported by id and link alone", async () => {
    const scope = nock(OSV)
      .post("/v1/querybatch")
      .reply(200, { results: [{ vulns: [{ id: "GHSA-aaaa-bbbb-cccc" }] }] })
      .get("/v1/vulns/GHSA-aaaa-bbbb-cccc")
      .reply(200, { id: "GHSA-aaaa-bbbb-cccc", summary: "Bad", aliases: "CVE-2024-1" });
    const r = await queryOsv([{ ecosystem: "npm", name: "a", version: "1.0.0" }], ctx());
    expect(scope.isDone()).toBe(true);
    expect(r.advisories).toEqual([
      [
        {
          id: "GHSA-aaaa-bbbb-cccc",
          summary: "",
          severity: undefined,
          url: "https://github.com/advisories/GHSA-aaaa-bbbb-cccc",
          aliases: undefined,
        },
      ],
    ]);
  });
});

// PyPI JSON API: one GET of /pypi/<name>/json, which lists every release with its files,
// upload times and yank state, so we never need the per-version endpoint.
import { z } from "zod";
import type { PackageFacts } from "../../core/dependencies/facts.js";
import { normalizePypiName } from "../../core/dependencies/ecosystems/pypi/pep508.js";
import { parseAnswer } from "../answer.js";
import { expectOk, joinUrl } from "../http.js";
import type { RegistryLookup } from "./types.js";

/** One uploaded file of a release (mirrors may give only `upload_time`; PyPI gives null where a value is absent). */
const releaseFileSchema = z.looseObject({
  upload_time_iso_8601: z.string().nullish(),
  upload_time: z.string().nullish(),
  yanked: z.boolean().nullish(),
  yanked_reason: z.string().nullish(),
});

/** GET /pypi/{name}/json: the project's info (licence fields, current version) and every release's files. */
export const projectSchema = z.looseObject({
  info: z
    .looseObject({
      version: z.string().nullish(),
      license: z.string().nullish(),
      license_expression: z.string().nullish(),
      classifiers: z.array(z.string()).nullish(),
    })
    .nullish(),
  releases: z.record(z.string(), z.array(releaseFileSchema)).nullish(),
});

type ProjectInfo = NonNullable<z.output<typeof projectSchema>["info"]>;
type ReleaseFileAnswer = z.output<typeof releaseFileSchema>;

export const pypiRegistry: RegistryLookup = {
  defaultBaseUrl: "https://pypi.org",

  async lookup(name, version, { http, baseUrl }) {
    const normalized = normalizePypiName(name);
    const url = joinUrl(baseUrl, `pypi/${encodeURIComponent(normalized)}/json`);
    const page = `https://pypi.org/project/${normalized}/`;
    const res = await http.get(url);
    if (res.status === 404 || res.status === 410) return { exists: false, url: page };
    expectOk(res, url);
    const doc = parseAnswer(projectSchema, res, url);

    const info = doc.info ?? {};
    const releases = readReleases(doc.releases ?? {});
    const facts: PackageFacts = { exists: true, url: page, license: licenseOf(info) };
    facts.created = earliest([...releases.values()].flat());

    const resolved = resolveVersion(version, releases, info.version ?? undefined);
    if (resolved !== undefined) {
      const files = releases.get(resolved) ?? [];
      facts.version = resolved;
      facts.versionPublished = earliest(files);
      if (files.length > 0 && files.every((f) => f.yanked)) {
        facts.deprecated = `yanked: ${files.find((f) => f.yankedReason)?.yankedReason ?? "no reason given"}`;
      }
    }
    return facts;
  },
};

interface ReleaseFile {
  uploaded?: string | undefined;
  yanked: boolean;
  yankedReason?: string | undefined;
}

/** `releases` as version → files (possibly empty: a version registered without uploads). */
function readReleases(raw: Record<string, ReleaseFileAnswer[]>): Map<string, ReleaseFile[]> {
  const out = new Map<string, ReleaseFile[]>();
  for (const [v, files] of Object.entries(raw)) {
    out.set(
      v,
      files.map((f) => ({
        uploaded: uploadTime(f),
        yanked: f.yanked === true,
        yankedReason: f.yanked_reason?.trim() ? f.yanked_reason.trim() : undefined,
      })),
    );
  }
  return out;
}

/** `upload_time_iso_8601`; some mirrors only give `upload_time`, which PyPI states in UTC without a zone. */
function uploadTime(f: ReleaseFileAnswer): string | undefined {
  const iso = f.upload_time_iso_8601;
  if (typeof iso === "string" && !Number.isNaN(Date.parse(iso))) return iso;
  const plain = f.upload_time;
  if (typeof plain !== "string") return undefined;
  const withZone = /(Z|[+-]\d\d:?\d\d)$/.test(plain) ? plain : `${plain}Z`;
  return Number.isNaN(Date.parse(withZone)) ? undefined : withZone;
}

function earliest(files: ReleaseFile[]): string | undefined {
  let best: string | undefined;
  for (const f of files)
    if (f.uploaded && (best === undefined || Date.parse(f.uploaded) < Date.parse(best))) best = f.uploaded;
  return best;
}

// ---- Version resolution: a compact PEP 440 subset ----

interface Pep440 {
  epoch: number;
  release: number[];
  /** [0 = a, 1 = b, 2 = rc, number] */
  pre?: [number, number] | undefined;
  post?: number | undefined;
  dev?: number | undefined;
}

const VERSION_RE =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;

/** Parse a version; the local part (`+cpu`) is accepted and ignored for ordering. */
function parsePep440(text: string): Pep440 | undefined {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return undefined;
  const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  const v: Pep440 = { epoch: num(m[1]), release: (m[2] ?? "0").split(".").map(Number) };
  if (m[3]) {
    const kind = m[3].toLowerCase();
    v.pre = [kind.startsWith("a") ? 0 : kind.startsWith("b") ? 1 : 2, num(m[4])];
  }
  if (m[5] !== undefined) v.post = Number(m[5]);
  else if (m[6]) v.post = num(m[7]);
  if (m[8]) v.dev = num(m[9]);
  return v;
}

const isPre = (v: Pep440) => v.pre !== undefined || v.dev !== undefined;

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** PEP 440 order: 1.0.dev0 < 1.0a1 < 1.0a1.post1 < 1.0rc1 < 1.0 < 1.0.post1 < 1.1.dev0. */
function comparePep440(a: Pep440, b: Pep440): number {
  if (a.epoch !== b.epoch) return Math.sign(a.epoch - b.epoch);
  const r = compareRelease(a.release, b.release);
  if (r !== 0) return r;
  // A bare dev release (1.0.dev1) sorts before every pre-release of 1.0; a final release after them.
  const preKey = (v: Pep440): [number, number] =>
    v.pre ?? (v.post === undefined && v.dev !== undefined ? [-1, 0] : [3, 0]);
  const [pa, pb] = [preKey(a), preKey(b)];
  if (pa[0] !== pb[0]) return Math.sign(pa[0] - pb[0]);
  if (pa[1] !== pb[1]) return Math.sign(pa[1] - pb[1]);
  const post = (v: Pep440) => v.post ?? -1;
  if (post(a) !== post(b)) return Math.sign(post(a) - post(b));
  const dev = (v: Pep440) => v.dev ?? Infinity;
  return dev(a) === dev(b) ? 0 : dev(a) < dev(b) ? -1 : 1;
}

type Clause = (v: Pep440, raw: string) => boolean;

interface Specifier {
  clauses: Clause[];
  /** The specifier names a pre-release, so pre-releases may be chosen. */
  allowPre: boolean;
  /** An exact pin (==x, ===x, bare x): a yanked release still counts (PEP 592). */
  exact: boolean;
}

/**
 * Parse a comma-separated PEP 440 specifier; a bare version (lockfiles) means `==`.
 * Poetry's `^x.y` / `~x.y` and `a || b` are accepted too, since pyproject Poetry tables use them.
 * Returns undefined when any part is not understood (URLs, git:, path:).
 */
function parseSpecifier(text: string): Specifier[] | undefined {
  const alternatives: Specifier[] = [];
  for (const alt of text.split("||")) {
    const spec: Specifier = { clauses: [], allowPre: false, exact: false };
    const parts = alt
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (parts.length === 0) return undefined;
    for (const part of parts) {
      const m = /^(~=|===|==|!=|<=|>=|<|>|\^|~)?\s*(.+)$/.exec(part);
      const op = m?.[1] ?? "==";
      const target = (m?.[2] ?? "").trim();
      if (op === "===") {
        spec.clauses.push((_v, raw) => raw.toLowerCase() === target.toLowerCase());
        const parsed = parsePep440(target);
        if (parsed && isPre(parsed)) spec.allowPre = true;
        if (parts.length === 1) spec.exact = true;
        continue;
      }
      const wildcard = (op === "==" || op === "!=") && target.endsWith(".*");
      const s = parsePep440(wildcard ? target.slice(0, -2) : target);
      if (!s) return undefined;
      if (isPre(s)) spec.allowPre = true;
      const clause = makeClause(op, s, wildcard);
      if (!clause) return undefined;
      spec.clauses.push(clause);
      if (op === "==" && !wildcard && parts.length === 1) spec.exact = true;
    }
    alternatives.push(spec);
  }
  return alternatives;
}

function makeClause(op: string, s: Pep440, wildcard: boolean): Clause | undefined {
  const cmp = (v: Pep440) => comparePep440(v, s);
  const sameBase = (v: Pep440, prefix: number[]) =>
    v.epoch === s.epoch && compareRelease(v.release.slice(0, prefix.length), prefix) === 0;
  switch (op) {
    case "==":
      return wildcard ? (v) => sameBase(v, s.release) : (v) => cmp(v) === 0;
    case "!=":
      return wildcard ? (v) => !sameBase(v, s.release) : (v) => cmp(v) !== 0;
    case ">=":
      return (v) => cmp(v) >= 0;
    case "<=":
      return (v) => cmp(v) <= 0;
    // `>1.7` excludes 1.7.post1, and `<2.0` excludes 2.0rc1, unless the bound itself is one.
    case ">":
      return (v) =>
        cmp(v) > 0 &&
        !(
          s.post === undefined &&
          v.post !== undefined &&
          compareRelease(v.release, s.release) === 0 &&
          v.epoch === s.epoch
        );
    case "<":
      return (v) =>
        cmp(v) < 0 && !(!isPre(s) && isPre(v) && compareRelease(v.release, s.release) === 0 && v.epoch === s.epoch);
    case "~=": {
      // ~=1.4.2 → >=1.4.2, ==1.4.*; needs at least two release segments.
      if (s.release.length < 2) return undefined;
      const prefix = s.release.slice(0, -1);
      return (v) => cmp(v) >= 0 && sameBase(v, prefix);
    }
    case "^":
    case "~": {
      // Poetry: ^1.2.3 → <2.0.0, ^0.2.3 → <0.3.0; ~1.2.3 → <1.3.0, ~1 → <2.
      const upper = [...s.release];
      let cut: number;
      if (op === "^") {
        const firstNonZero = upper.findIndex((n) => n !== 0);
        cut = firstNonZero < 0 ? upper.length - 1 : firstNonZero;
      } else cut = upper.length >= 2 ? 1 : 0;
      const bound = [...upper.slice(0, cut), (upper[cut] ?? 0) + 1];
      return (v) => cmp(v) >= 0 && v.epoch === s.epoch && compareRelease(v.release, bound) < 0;
    }
    default:
      return undefined;
  }
}

/**
 * The highest release satisfying the declared specifier: releases with files, not all yanked
 * (an exact pin may still land on a yanked one), pre-releases only when the specifier names one.
 * "" or "*" means the version PyPI calls current (info.version).
 */
function resolveVersion(
  declared: string,
  releases: Map<string, ReleaseFile[]>,
  current: string | undefined,
): string | undefined {
  const text = declared.trim();
  if (text === "" || text === "*") return current;
  const alternatives = parseSpecifier(text);
  if (!alternatives) return undefined;

  const candidates = [...releases.entries()]
    .filter(([, files]) => files.length > 0)
    .map(([raw, files]) => ({ raw, v: parsePep440(raw), yanked: files.every((f) => f.yanked) }))
    .filter((c): c is { raw: string; v: Pep440; yanked: boolean } => c.v !== undefined)
    .sort((a, b) => comparePep440(b.v, a.v));

  const pick = (allowYanked: boolean) =>
    candidates.find(
      (c) =>
        (allowYanked || !c.yanked) &&
        alternatives.some((spec) => (spec.allowPre || !isPre(c.v)) && spec.clauses.every((ok) => ok(c.v, c.raw))),
    )?.raw;
  return pick(false) ?? (alternatives.every((s) => s.exact) ? pick(true) : undefined);
}

// ---- Licence ----

/** Trove classifier (after "License :: OSI Approved :: ") → SPDX. */
const CLASSIFIER_SPDX: Record<string, string> = {
  "MIT License": "MIT",
  "MIT No Attribution License (MIT-0)": "MIT-0",
  "BSD License": "BSD-3-Clause",
  "Apache Software License": "Apache-2.0",
  "ISC License (ISCL)": "ISC",
  "Mozilla Public License 1.1 (MPL 1.1)": "MPL-1.1",
  "Mozilla Public License 2.0 (MPL 2.0)": "MPL-2.0",
  "GNU General Public License v2 (GPLv2)": "GPL-2.0-only",
  "GNU General Public License v2 or later (GPLv2+)": "GPL-2.0-or-later",
  "GNU General Public License v3 (GPLv3)": "GPL-3.0-only",
  "GNU General Public License v3 or later (GPLv3+)": "GPL-3.0-or-later",
  "GNU Lesser General Public License v2 (LGPLv2)": "LGPL-2.0-only",
  "GNU Lesser General Public License v2 or later (LGPLv2+)": "LGPL-2.0-or-later",
  "GNU Lesser General Public License v3 (LGPLv3)": "LGPL-3.0-only",
  "GNU Lesser General Public License v3 or later (LGPLv3+)": "LGPL-3.0-or-later",
  "GNU Affero General Public License v3": "AGPL-3.0-only",
  "GNU Affero General Public License v3 or later (AGPLv3+)": "AGPL-3.0-or-later",
  "Python Software Foundation License": "PSF-2.0",
  "The Unlicense (Unlicense)": "Unlicense",
  "Boost Software License 1.0 (BSL-1.0)": "BSL-1.0",
  "Eclipse Public License 2.0 (EPL-2.0)": "EPL-2.0",
  "zlib/libpng License": "Zlib",
  "Historical Permission Notice and Disclaimer (HPND)": "HPND",
  "Universal Permissive License (UPL)": "UPL-1.0",
  "European Union Public Licence 1.2 (EUPL 1.2)": "EUPL-1.2",
};
const OSI_PREFIX = "License :: OSI Approved :: ";

/**
 * PEP 639 `license_expression`, else OSI classifiers mapped to SPDX (several → " OR ", as
 * dual-licensed projects list each), else a short one-line `license` field (it often holds the
 * whole licence text), else an unmapped classifier's own words, else null.
 */
function licenseOf(info: ProjectInfo): string | null {
  const expr = info.license_expression;
  if (typeof expr === "string" && expr.trim()) return expr.trim();

  const classifiers = info.classifiers ?? [];
  const osi = classifiers.filter((c) => c.startsWith(OSI_PREFIX)).map((c) => c.slice(OSI_PREFIX.length).trim());
  const mapped = osi.map((c) => CLASSIFIER_SPDX[c]);
  if (osi.length > 0 && mapped.every((s) => s !== undefined)) return [...new Set(mapped)].join(" OR ");

  const text = typeof info.license === "string" ? info.license.trim() : "";
  if (text && text.length <= 100 && !/[\r\n]/.test(text) && text.toUpperCase() !== "UNKNOWN") return text;
  return osi[0] ?? null;
}

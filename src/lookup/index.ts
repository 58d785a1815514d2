// The I/O half of dependency governance: ask registries and an advisory database about the
// dependencies a change adds or updates, and hand the answers to the pure core as DependencyFacts.
//
//  - every registry look-up is a real HTTP call, cached by ecosystem + name + version (TTL),
//    run concurrently under a limit, each with its own time limit, all within one time budget;
//  - advisories come in ONE batched request (GitHub's dependency review when the App has it,
//    else OSV querybatch), never one per package;
//  - whatever fails or runs out of time becomes a note, "could not verify …": never a silent
//    pass and never a crash. Offline, nothing is asked and the offline checks still run.
import PQueue from "p-queue";
import { collectDependencies } from "../core/dependencies/assess.js";
import { exactVersionOf } from "../core/dependencies/ecosystems/index.js";
import { privateMatcher } from "../core/dependencies/matchers.js";
import { factKey, type Advisory, type DependencyFacts, type PackageFacts } from "../core/dependencies/facts.js";
import { isLocalSpec, type ExtractedDependencyChange } from "../core/dependencies/index.js";
import type { AiguardConfig } from "../core/policy/schema.js";
import type { ChangedFile } from "../core/types.js";
import { OSV_BATCH_LIMIT, OSV_DEFAULT_URL, queryOsv, type AdvisoryQuery } from "./advisories/osv.js";
import { LookupCache } from "./cache.js";
import { createHttpClient, type HttpClient } from "./http.js";
import { registryFor } from "./registries/index.js";
import { errorText, plural } from "../core/text.js";

/** Where to look: a base URL per ecosystem (npm, PyPI, Go, Maven, crates.io) and for `osv`. */
export type BaseUrls = Partial<Record<string, string>>;

/**
 * A source of advisories that answers for the whole change at once (GitHub's dependency review).
 * Returns null when it is not available (403: the repository lacks it), so OSV is asked instead.
 */
export type AdvisoryProvider = (
  deps: ExtractedDependencyChange[],
) => Promise<{ advisories: Map<string, Advisory[]>; licenses: Map<string, string | null> } | null>;

export interface LookupOptions {
  offline?: boolean | undefined;
  http?: HttpClient | undefined;
  baseUrls?: BaseUrls | undefined;
  cache?: LookupCache | undefined;
  /** Look-ups in flight at once. */
  concurrency?: number | undefined;
  /** Time limit of each request (ms). */
  timeoutMs?: number | undefined;
  /** Time budget of all look-ups of one review (ms). */
  budgetMs?: number | undefined;
  /** At most this many packages are looked up per review (the rest get a note). */
  maxPackages?: number | undefined;
  /** Tried before OSV (the App passes GitHub's dependency review). */
  advisoryProvider?: AdvisoryProvider | undefined;
  now?: (() => Date) | undefined;
  /** Cancels the look-ups (the review was superseded). */
  signal?: AbortSignal | undefined;
}

export interface LookupResult {
  facts: DependencyFacts | undefined;
  /** For benchmarks and logs. */
  stats: { packages: number; cached: number; failed: number; advisoryRequests: number };
}

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_BUDGET_MS = 30_000;
const DEFAULT_MAX_PACKAGES = 500;
const REGISTRY_SHARE = 0.7;

/** Whether a registry can be asked about it: a registry of its ecosystem, and a spec that names a package there. */
function askable(dep: ExtractedDependencyChange): boolean {
  const registry = registryFor(dep.ecosystem);
  return registry !== undefined && !isLocalSpec(dep.ecosystem, dep.version) && (registry.names?.(dep.version) ?? true);
}

function countDeps(n: number): string {
  return plural(n, "dependency", "dependencies");
}

/** A declared version or range a registry resolves (not a URL, path, tag or alias). */
const LOOKS_LIKE_VERSION = /^[\^~=<>!v\d][\^~=<>!v\d\s.,*|xX+-]*$/;

/** Names a registry could hold; anything else (a `..` segment, spaces, control characters) is never put in a URL. */
function plausibleName(name: string): boolean {
  return /^[\w@.\/:+~-]{1,214}$/.test(name) && !name.split(/[/:]/).some((p) => p === "." || p === "..");
}

/** The version to look up: a lockfile's exact version beats the manifest's range. */
function wantedVersion(dep: ExtractedDependencyChange): string {
  return dep.resolvedVersion ?? dep.version;
}

/** An exact version (for advisories), or null for a range we could not resolve. */
function exactVersion(dep: ExtractedDependencyChange, facts: PackageFacts | undefined): string | null {
  if (facts?.version) return facts.version;
  return exactVersionOf(dep.ecosystem, wantedVersion(dep));
}

function seconds(ms: number): string {
  return ms >= 10_000 ? String(Math.round(ms / 1000)) : String(Math.round(ms / 100) / 10);
}

class Deadline {
  private readonly at: number;
  constructor(ms: number) {
    this.at = Date.now() + ms;
  }
  get passed(): boolean {
    return Date.now() >= this.at;
  }
  /** Race a promise against the deadline. */
  async race<T>(p: Promise<T>): Promise<T | typeof Deadline.EXPIRED> {
    // A late rejection of `p` is expected after expiry; it must not surface as unhandled.
    p.catch(() => {});
    const left = this.at - Date.now();
    if (left <= 0) return Deadline.EXPIRED;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<typeof Deadline.EXPIRED>((resolve) => {
      timer = setTimeout(() => resolve(Deadline.EXPIRED), left);
    });
    try {
      return await Promise.race([p, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
  static readonly EXPIRED = Symbol("expired");
}

/**
 * Registry and advisory facts for the dependencies a change adds or updates. Never throws:
 * an unexpected failure becomes a "could not verify" note, and the offline checks still run.
 */
export async function lookupDependencies(
  files: readonly ChangedFile[],
  config: AiguardConfig,
  opts: LookupOptions = {},
): Promise<LookupResult> {
  try {
    return await lookup(files, config, opts);
  } catch (e) {
    const now = (opts.now ?? (() => new Date()))();
    return {
      facts: {
        now: now.toISOString(),
        packages: {},
        advisories: {},
        notes: [`could not verify dependencies with registries or advisory databases: ${errorText(e)}`],
        allUnverified: `the look-ups failed (${errorText(e)})`,
      },
      stats: { packages: 0, cached: 0, failed: 1, advisoryRequests: 0 },
    };
  }
}

/**
 * The recipe: (1) collect what to look up, (2) start asking (the dependency review at once),
 * (3) ask the registries within their share of the budget, (4) take the dependency review's
 * advisories, (5) ask OSV for the rest and assemble the facts. Each step hands the next its result.
 */
async function lookup(
  files: readonly ChangedFile[],
  config: AiguardConfig,
  opts: LookupOptions,
): Promise<LookupResult> {
  const stats = { packages: 0, cached: 0, failed: 0, advisoryRequests: 0 };
  const wanted = await collectWanted(files, config, opts);
  if (!wanted) return { facts: undefined, stats };
  const started = startAsking(wanted, opts, stats);
  const registered = await askRegistries(started);
  const reviewed = await takeProviderAdvisories(registered);
  return { facts: await askOsv(reviewed), stats };
}

/** Step 1: the dependencies to ask about, most important first, and notes on those that will not be. */
interface Wanted {
  asked: ExtractedDependencyChange[];
  notes: string[];
  /** Why each dependency left unasked has no answer, by fact key (see DependencyFacts.unverified). */
  unverified: Record<string, string>;
  /** dependencies.unverified is `failure`: registries not asked by choice count as unverified too. */
  failClosed: boolean;
}

/** Records why each of `deps` is left unverified. */
function markUnverified(into: Record<string, string>, deps: readonly ExtractedDependencyChange[], why: string): void {
  for (const d of deps) into[factKey(d.ecosystem, d.name, d.version)] ??= why;
}

async function collectWanted(
  files: readonly ChangedFile[],
  config: AiguardConfig,
  opts: LookupOptions,
): Promise<Wanted | null> {
  const depCfg = config.dependencies;
  // Offline, registries and OSV are never asked; GitHub's own dependency review (the App's
  // provider) still is, since the App talks to GitHub anyway (e.g. an air-gapped GHES).
  if (!config.enabled || !depCfg.enabled || !depCfg.lookups || (opts.offline === true && !opts.advisoryProvider))
    return null;
  const ignoredPaths =
    config.paths.ignore.length > 0 ? (await import("../core/glob.js")).globMatcher(config.paths.ignore) : null;
  // The same files the core reads: within limits.maxFiles, outside paths.ignore.
  const { dependencies } = collectDependencies(files.slice(0, config.limits.maxFiles), {
    config: depCfg,
    ignored: ignoredPaths,
  });
  const isPrivate = privateMatcher(depCfg);
  const candidates = dependencies.filter(
    (d) => d.change !== "removed" && !isPrivate(d.ecosystem, d.name) && askable(d),
  );
  const wanted = candidates.filter((d) => plausibleName(d.name));
  const odd = candidates.filter((d) => !plausibleName(d.name));
  if (wanted.length === 0 && odd.length === 0) return null;
  const notes: string[] = [];
  if (odd.length > 0)
    notes.push(
      `could not verify ${countDeps(odd.length)} whose name no registry can hold: ${odd
        .slice(0, 3)
        .map((d) => JSON.stringify(d.name.slice(0, 60)))
        .join(", ")}`,
    );
  // Transitive additions are many (a test framework brings hundreds): direct ones are asked first.
  const ordered = [...wanted].sort(
    (a, b) => Number(b.direct) - Number(a.direct) || Number(b.change === "added") - Number(a.change === "added"),
  );
  const limit = opts.maxPackages ?? DEFAULT_MAX_PACKAGES;
  if (ordered.length > limit)
    notes.push(
      `could not verify ${ordered.length - limit} more dependencies: at most ${limit} are looked up per review`,
    );
  const unverified: Record<string, string> = {};
  markUnverified(unverified, odd, "its name is not one a registry can hold");
  markUnverified(unverified, ordered.slice(limit), `over the limit of ${limit} look-ups per review`);
  return { asked: ordered.slice(0, limit), notes, unverified, failClosed: depCfg.unverified === "failure" };
}

/** Step 2 on: one review's look-ups in progress, and the facts gathered so far. */
interface Asking {
  asked: ExtractedDependencyChange[];
  opts: LookupOptions;
  offline: boolean;
  stats: LookupResult["stats"];
  facts: DependencyFacts;
  http: HttpClient;
  /** Registry requests get their own client, so those still running can be cut off alone. */
  registryHttp: HttpClient;
  registryStop: AbortController;
  schedule: <T>(fn: () => Promise<T>) => Promise<T>;
  queue: PQueue;
  budgetMs: number;
  deadline: Deadline;
  registryBudgetMs: number;
  registryDeadline: Deadline;
  /** GitHub's dependency review, asked at once: it needs no registry answer. */
  fromProvider: ReturnType<AdvisoryProvider> | null;
  failClosed: boolean;
}

function startAsking(wanted: Wanted, opts: LookupOptions, stats: LookupResult["stats"]): Asking {
  const now = (opts.now ?? (() => new Date()))();
  const http = opts.http ?? createHttpClient({ timeoutMs: opts.timeoutMs ?? 10_000, signal: opts.signal });
  // Registry requests get their own client, so those still running when their share of the
  // budget is spent can be cut off without touching the advisory requests that follow.
  const registryStop = new AbortController();
  const registryHttp =
    opts.http ??
    createHttpClient({
      timeoutMs: opts.timeoutMs ?? 10_000,
      signal: opts.signal ? AbortSignal.any([opts.signal, registryStop.signal]) : registryStop.signal,
    });
  const queue = new PQueue({ concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY });
  const schedule = <T>(fn: () => Promise<T>) => queue.add(fn, { throwOnTimeout: true }) as Promise<T>;
  const budgetMs = opts.budgetMs ?? DEFAULT_BUDGET_MS;
  // Registries get most of the budget; the rest is kept for advisories, the most important answer.
  const registryBudgetMs = Math.round(budgetMs * REGISTRY_SHARE);
  const deadline = new Deadline(budgetMs);
  const registryDeadline = new Deadline(registryBudgetMs);
  const facts: DependencyFacts = {
    now: now.toISOString(),
    packages: {},
    advisories: {},
    notes: [...wanted.notes],
    unverified: { ...wanted.unverified },
  };
  // GitHub's dependency review needs no registry answer: it is asked at once, alongside them.
  const fromProvider = opts.advisoryProvider ? opts.advisoryProvider(wanted.asked) : null;
  fromProvider?.catch(() => {});
  const offline = opts.offline === true;
  return {
    asked: wanted.asked,
    opts,
    offline,
    stats,
    facts,
    http,
    registryHttp,
    registryStop,
    schedule,
    queue,
    budgetMs,
    deadline,
    registryBudgetMs,
    registryDeadline,
    fromProvider,
    failClosed: wanted.failClosed,
  };
}

/** One review's registry look-ups: answers by fact key, why each failed one failed, and shared in-flight requests. */
interface RegistryRound {
  run: Asking;
  /** Why each failed look-up failed, by fact key. */
  failures: Map<string, string>;
  /** The same package asked twice in one review (two projects of a monorepo) is fetched once. */
  inFlight: Map<string, Promise<PackageFacts>>;
  /** Once the budget is spent the answers are final: look-ups still in flight write nothing. */
  closed: boolean;
}

function baseUrl(opts: LookupOptions, eco: string): string {
  return opts.baseUrls?.[eco] ?? registryFor(eco)!.defaultBaseUrl;
}

async function lookOne(round: RegistryRound, dep: ExtractedDependencyChange): Promise<void> {
  const { facts, stats, opts } = round.run;
  const cache = opts.cache;
  const key = factKey(dep.ecosystem, dep.name, dep.version);
  const cacheKey = `pkg\0${dep.ecosystem}\0${baseUrl(opts, dep.ecosystem)}\0${dep.name}\0${wantedVersion(dep)}`;
  const hit = cache?.get<PackageFacts>(cacheKey);
  if (hit) {
    facts.packages[key] = hit;
    stats.cached++;
    return;
  }
  let pending = round.inFlight.get(cacheKey);
  if (!pending) {
    stats.packages++;
    const registry = registryFor(dep.ecosystem)!;
    pending = registry.lookup(dep.name, wantedVersion(dep), {
      http: round.run.registryHttp,
      baseUrl: baseUrl(opts, dep.ecosystem),
    });
    round.inFlight.set(cacheKey, pending);
    pending.then(
      (answer) => cache?.set(cacheKey, answer, { missing: !answer.exists }),
      () => {},
    );
  }
  try {
    let answer = await pending;
    // The package exists but no release matches a plain version or range (registries that
    // resolve ranges themselves say so already).
    const spec = wantedVersion(dep);
    const unexplained =
      answer.deprecated === undefined && answer.malicious === undefined && answer.missingVersion === undefined;
    if (answer.exists && answer.version === undefined && unexplained && LOOKS_LIKE_VERSION.test(spec))
      answer = { ...answer, missingVersion: spec };
    if (!round.closed) facts.packages[key] = answer;
  } catch (e) {
    if (round.closed) return;
    stats.failed++;
    round.failures.set(key, `${dep.ecosystem} ${dep.name}: ${errorText(e)}`);
    facts.unverified![key] ??= `its registry could not be asked (${errorText(e)})`;
  }
}

/** Step 3: every registry, within its share of the budget; what failed or ran out of time becomes a note. */
async function askRegistries(run: Asking): Promise<Asking> {
  const { asked, facts, offline } = run;
  const round: RegistryRound = { run, failures: new Map(), inFlight: new Map(), closed: false };
  if (offline) {
    facts.notes.push(
      `registries were not asked (offline): existence, age and licences of ${countDeps(asked.length)} were not checked`,
    );
    // Offline by choice: counted as unverified only when the policy asks for failure.
    if (run.failClosed) markUnverified(facts.unverified!, asked, "registries were not asked (offline)");
  }
  const done = offline
    ? undefined
    : await run.registryDeadline.race(
        Promise.all(
          asked.map((d) => run.schedule(() => (run.registryDeadline.passed ? Promise.resolve() : lookOne(round, d)))),
        ),
      );
  if (done === Deadline.EXPIRED) {
    round.closed = true;
    run.queue.clear();
    run.registryStop.abort();
  }
  noteRegistryGaps(round);
  return run;
}

function noteRegistryGaps({ run, failures }: RegistryRound): void {
  const { asked, facts, offline } = run;
  if (failures.size > 0) {
    const why = [...failures.values()];
    facts.notes.push(
      `could not verify ${countDeps(why.length)} with ${why.length === 1 ? "its registry" : "their registries"} (existence, age, licence): ${why.slice(0, 5).join("; ")}${why.length > 5 ? ` and ${why.length - 5} more` : ""}`,
    );
  }
  // Neither answered nor failed: the registry share of the budget ran out first.
  const timedOut = offline
    ? []
    : asked.filter(
        (d) =>
          !facts.packages[factKey(d.ecosystem, d.name, d.version)] &&
          !failures.has(factKey(d.ecosystem, d.name, d.version)),
      );
  if (timedOut.length > 0) {
    markUnverified(facts.unverified!, timedOut, "its registry did not answer within the look-up time budget");
    facts.notes.push(
      `could not verify ${countDeps(timedOut.length)}: the registry share of the look-up time budget (${seconds(run.registryBudgetMs)} of ${seconds(run.budgetMs)} s) ran out (${timedOut
        .slice(0, 5)
        .map((d) => d.name)
        .join(", ")})`,
    );
  }
}

/** Step 4: the dependency review's advisories (and licences the registries did not give), when it answered in time. */
async function takeProviderAdvisories(run: Asking): Promise<Asking> {
  const { facts, asked } = run;
  let fromProvider: Awaited<ReturnType<AdvisoryProvider>> = null;
  if (run.fromProvider) {
    try {
      const r = await run.deadline.race(run.fromProvider);
      if (r !== Deadline.EXPIRED) {
        run.stats.advisoryRequests++;
        fromProvider = r;
      }
    } catch (e) {
      facts.notes.push(`GitHub dependency review could not be read (${errorText(e)}); advisories come from OSV`);
    }
  }
  if (fromProvider) {
    for (const d of asked) {
      const k = factKey(d.ecosystem, d.name, d.version);
      const found = fromProvider.advisories.get(k);
      if (found) facts.advisories[k] = found;
      const pkg = facts.packages[k];
      const lic = fromProvider.licenses.get(k);
      if (pkg && pkg.license === undefined && lic !== undefined) facts.packages[k] = { ...pkg, license: lic };
    }
    facts.advisorySource = "github";
  }
  return run;
}

/** What OSV is asked: each dependency not yet covered, at an exact version, and the fact key of each query. */
function osvQueries(run: Asking): { queries: AdvisoryQuery[]; keys: string[] } {
  const { facts } = run;
  const queries: AdvisoryQuery[] = [];
  const keys: string[] = [];
  const unresolved: string[] = [];
  for (const d of run.asked) {
    const k = factKey(d.ecosystem, d.name, d.version);
    if (facts.advisories[k]) continue;
    const pkg = facts.packages[k];
    if (pkg && !pkg.exists) continue;
    const v = exactVersion(d, pkg);
    if (!v) {
      unresolved.push(`${d.name} ${d.version}`);
      continue;
    }
    queries.push({ ecosystem: d.ecosystem, name: d.name, version: v });
    keys.push(k);
  }
  if (unresolved.length > 0)
    facts.notes.push(
      `could not check advisories for ${countDeps(unresolved.length)} declared by a range no lockfile or registry resolved: ${unresolved.slice(0, 5).join(", ")}`,
    );
  return { queries, keys };
}

/** Step 5: whatever the dependency review did not cover (or all, without it) goes to OSV in one batch. */
async function askOsv(run: Asking): Promise<DependencyFacts> {
  const { facts, asked, stats, deadline, opts } = run;
  if (run.offline) {
    const missing = asked.filter((d) => !facts.advisories[factKey(d.ecosystem, d.name, d.version)]).length;
    if (missing > 0)
      facts.notes.push(
        `could not verify advisories for ${countDeps(missing)}: GitHub's dependency review did not cover ${missing === 1 ? "it" : "them"} and OSV is not asked offline`,
      );
    return facts;
  }
  const { queries, keys } = osvQueries(run);
  if (queries.length === 0) return facts;
  const outOfTime = `could not verify advisories for ${countDeps(queries.length)}: the look-up time budget ran out`;
  if (deadline.passed) {
    facts.notes.push(outOfTime);
    return facts;
  }
  try {
    const r = await deadline.race(
      queryOsv(queries, {
        http: run.http,
        baseUrl: opts.baseUrls?.osv ?? OSV_DEFAULT_URL,
        cache: opts.cache,
        schedule: run.schedule,
      }),
    );
    if (r === Deadline.EXPIRED) {
      facts.notes.push(outOfTime);
    } else {
      stats.advisoryRequests += Math.ceil(queries.length / OSV_BATCH_LIMIT);
      facts.advisorySource = facts.advisorySource === "github" ? "github+osv" : "osv";
      keys.forEach((k, i) => (facts.advisories[k] = r.advisories[i] ?? []));
      facts.notes.push(...r.notes);
    }
  } catch (e) {
    facts.notes.push(`could not verify advisories for ${countDeps(queries.length)}: OSV ${errorText(e)}`);
  }
  return facts;
}

export { LookupCache };

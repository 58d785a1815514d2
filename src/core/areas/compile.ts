// Signals data (built-in YAML) + `.aiguard.yml` areas (+ per-directory overrides) -> one compiled
// signal set with fast lookups. Compiled sets are cached per config object and override set.
import { globMatcher } from "../glob.js";
import type { AiguardConfig } from "../policy/schema.js";
import { BUILTIN_SIGNALS, type AreaData, type SignalsData } from "./data.js";
import { goPackageName } from "./imports.js";
import { identifierKey, splitWords, wordForms } from "./words.js";

type AreaConfig = AiguardConfig["areas"][string];

/** A compiled glob list (linear-time, see ../glob.ts). */
export interface GlobTest {
  test(path: string): boolean;
}

export interface PathSig {
  area: string;
  /** A word of the path (matched against `pathWords(path)`), or null for a glob. */
  word: string | null;
  /** The glob's matcher (linear-time, see ../glob.ts). */
  re: GlobTest | null;
  /** For `** /{a,b}/ **` globs: the directory names, to say which one matched. */
  dirs: ReadonlySet<string> | null;
  reason: string;
  weight: number;
  /** From `.aiguard.yml`: applies to every file, tests included, like a CODEOWNERS entry. */
  configured: boolean;
}

export interface ModuleSig {
  area: string;
  spec: string;
  /** Hit key: an import and its uses count once. */
  key: string;
  match: (module: string) => boolean;
  specificity: number;
  weight: number;
  members: ReadonlyMap<string, number>;
  lang: ReadonlySet<string> | null;
  /** The local name a bare diff is assumed to use for this module, per language kind. */
  implicitName: string | null;
  implicitGo: boolean;
}

export interface CallSig {
  area: string;
  spec: string;
  key: string;
  weight: number;
  lang: ReadonlySet<string> | null;
}

export interface WordSig {
  area: string;
  word: string;
  /** Hit key: `api key` and `apikey` are one signal. */
  key: string;
  weight: number;
}

export interface PatternSig {
  area: string;
  re: RegExp;
  weight: number;
  reason: string;
  lang: ReadonlySet<string> | null;
}

export interface AreaDef {
  name: string;
  threshold: number;
  /** Identifier words add at most this much per hunk (Infinity: no cap). */
  identifierCap: number;
  /** Any change to a file on one of the area's paths assigns it, whatever the weights. */
  always: boolean;
}

export interface SignalSet {
  areas: ReadonlyMap<string, AreaDef>;
  /** Paths of `always` areas. */
  always: PathSig[];
  paths: PathSig[];
  modules: ModuleSig[];
  calls: ReadonlyMap<string, CallSig[]>;
  words: ReadonlyMap<string, WordSig[]>;
  patterns: PatternSig[];
  ignoreIdentifiers: ReadonlySet<string>;
  skip: GlobTest;
  isTest: GlobTest;
  testFactor: number;
  isUi: GlobTest;
  uiFactor: number;
  /** Weight of signals found on a hunk's context lines, relative to changed lines. */
  contextFactor: number;
  /** Longest phrase (in words) in the identifier table. */
  maxPhrase: number;
  /** `${lang}\0${module}` -> area -> the most specific matching module signal. */
  moduleCache: Map<string, Map<string, ModuleSig>>;
}

// ---- area specs: what the data and the config say, before compiling ----

interface RawPath {
  glob?: string | undefined;
  word?: string | undefined;
  weight: number;
  reason?: string | undefined;
  configured: boolean;
}
interface RawImport {
  module: string;
  weight: number;
  lang?: string[] | undefined;
  members?: Record<string, number> | undefined;
  implicit?: boolean | undefined;
}
interface RawCall {
  call: string;
  weight: number;
  lang?: string[] | undefined;
}
interface RawPattern {
  regex: string;
  flags?: string | undefined;
  weight: number;
  reason: string;
  lang?: string[] | undefined;
}
interface AreaSpec {
  threshold: number;
  identifierCap: number;
  always: boolean;
  paths: RawPath[];
  imports: RawImport[];
  calls: RawCall[];
  identifiers: Map<string, number>;
  patterns: RawPattern[];
}

function specFromData(area: AreaData, data: SignalsData): AreaSpec {
  return {
    threshold: area.threshold ?? data.defaults.threshold,
    identifierCap: area.identifierCap ?? Number.POSITIVE_INFINITY,
    always: area.always ?? false,
    paths: area.paths.map((p) => ({ ...p, weight: p.weight ?? data.defaults.weights.paths, configured: false })),
    imports: area.imports.map((i) => ({ ...i })),
    calls: area.calls.map((c) => ({ ...c })),
    identifiers: new Map(Object.entries(area.identifiers)),
    patterns: area.patterns.map((p) => ({ ...p })),
  };
}

function normalizeCall(c: string): string {
  return c.trim().replace(/^@/, "").replace(/\(\)$/, "");
}

/** Merge one `.aiguard.yml` area entry into the specs (top level or an override). */
function applyConfigArea(specs: Map<string, AreaSpec>, name: string, cfg: AreaConfig, data: SignalsData): void {
  const w = data.defaults.weights;
  let spec = specs.get(name);
  if (!spec) {
    spec = {
      threshold: data.defaults.threshold,
      identifierCap: Number.POSITIVE_INFINITY,
      always: false,
      paths: [],
      imports: [],
      calls: [],
      identifiers: new Map(),
      patterns: [],
    };
    specs.set(name, spec);
  }
  // `replace` drops what came before, except the paths of an `always` area (policy): a config
  // cannot stop changes to itself, CODEOWNERS or CI from being flagged.
  if (cfg.replace) {
    spec.paths = spec.always ? spec.paths.filter((p) => !p.configured && data.areas[name]?.always) : [];
    spec.imports = [];
    spec.calls = [];
    spec.identifiers = new Map();
    spec.patterns = [];
  }
  for (const g of cfg.paths) spec.paths.push({ glob: g, weight: spec.always ? 0 : w.paths, configured: true });
  for (const m of cfg.imports) spec.imports.push({ module: m.trim(), weight: w.imports });
  for (const c of cfg.calls) spec.calls.push({ call: normalizeCall(c), weight: w.calls });
  for (const id of cfg.identifiers) {
    const key = splitWords(id).join(" ");
    if (key) spec.identifiers.set(key, w.identifiers);
  }
}

function rulesDirGlobs(config: AiguardConfig): string[] {
  return config.rules.paths
    .map((p) => p.replace(/^\.\//, "").replace(/\/+$/, ""))
    .filter((p) => p.length > 0 && p !== ".")
    .map((p) => `${p}/**`);
}

function baseSpecs(config: AiguardConfig | null, data: SignalsData): Map<string, AreaSpec> {
  const specs = new Map<string, AreaSpec>();
  for (const [name, area] of Object.entries(data.areas)) specs.set(name, specFromData(area, data));
  if (config) {
    for (const [name, cfg] of Object.entries(config.areas)) applyConfigArea(specs, name, cfg, data);
    const policy = specs.get("policy");
    if (policy?.always) {
      for (const g of rulesDirGlobs(config))
        policy.paths.push({ glob: g, weight: 0, reason: "changes aiguard rules", configured: true });
    }
  }
  return specs;
}

// ---- compiling ----

const DIR_GLOB = /^\*\*\/(?:\{([^{}*]+)\}|([^{}*/]+))\/\*\*$/;

function globRe(globs: string[], nocase: boolean): GlobTest {
  const match = globMatcher(globs, { nocase });
  return { test: match };
}

function pathSig(area: string, p: RawPath): PathSig {
  if (p.word !== undefined) {
    const word = p.word.toLowerCase();
    return {
      area,
      word,
      re: null,
      dirs: null,
      reason: p.reason ?? `path mentions ${word}`,
      weight: p.weight,
      configured: p.configured,
    };
  }
  const glob = p.glob!;
  const dir = DIR_GLOB.exec(glob);
  const dirs =
    dir && p.reason === undefined ? new Set((dir[1] ?? dir[2]!).split(",").map((x) => x.trim().toLowerCase())) : null;
  return {
    area,
    word: null,
    re: globRe([glob], !p.configured),
    dirs,
    reason: p.reason ?? `path matches ${glob}`,
    weight: p.weight,
    configured: p.configured,
  };
}

/** Every form of every word of a path (extension dropped), for word path signals. */
export function pathWords(path: string): Set<string> {
  const out = new Set<string>();
  for (const w of splitWords(path.replace(/\.[^./]+$/, ""))) for (const f of wordForms(w)) out.add(f);
  return out;
}

/** The reason a path signal gives for `path`, or null when it does not match. */
export function matchPath(sig: PathSig, path: string, words: ReadonlySet<string>): string | null {
  if (sig.word !== null) return words.has(sig.word) ? sig.reason : null;
  if (!sig.re!.test(path)) return null;
  if (sig.dirs) {
    const segs = path.split("/");
    segs.pop();
    const seg = segs.find((x) => sig.dirs!.has(x.toLowerCase()));
    return `path under ${seg ?? [...sig.dirs][0]}/`;
  }
  return sig.reason;
}

/** `*` stands for any run of characters. Time O(spec × text) at worst, whatever the spec. */
export function wildcardMatch(spec: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < spec.length && spec[p] === "*") {
      star = p++;
      resume = t;
    } else if (p < spec.length && spec[p] === text[t]) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (spec[p] === "*") p++;
  return p === spec.length;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const GO_PATH = /^(?:[a-z0-9-]+\.[a-z.]+\/|crypto\/)/;

function moduleSig(area: string, m: RawImport): ModuleSig {
  const spec = m.module;
  let match: (module: string) => boolean;
  let specificity = spec.length;
  if (spec.includes("*")) {
    // not a regex: `.*` runs from a configured spec would backtrack polynomially on long names
    match = (x) => wildcardMatch(spec, x);
    specificity -= 1000; // any exact or prefix spec wins over a wildcard
  } else {
    match = (x) => x === spec || (x.startsWith(spec) && (x[spec.length] === "/" || x[spec.length] === "."));
  }
  const lang = m.lang ? new Set(m.lang) : null;
  const goish = lang?.has("go") === true || GO_PATH.test(spec);
  let implicitName: string | null = null;
  if (m.implicit !== false && !spec.includes("*")) {
    if (goish) implicitName = goPackageName(spec);
    else if (IDENT.test(spec)) implicitName = spec;
  }
  return {
    area,
    spec,
    key: `mod:${spec}`,
    match,
    specificity,
    weight: m.weight,
    members: new Map(Object.entries(m.members ?? {})),
    lang,
    implicitName,
    implicitGo: goish,
  };
}

function compile(specs: Map<string, AreaSpec>, data: SignalsData): SignalSet {
  const areas = new Map<string, AreaDef>();
  const always: PathSig[] = [];
  const paths: PathSig[] = [];
  const modules: ModuleSig[] = [];
  const calls = new Map<string, CallSig[]>();
  const words = new Map<string, WordSig[]>();
  const patterns: PatternSig[] = [];
  let maxPhrase = 1;
  for (const [name, s] of specs) {
    areas.set(name, { name, threshold: s.threshold, identifierCap: s.identifierCap, always: s.always });
    for (const p of s.paths) (s.always ? always : paths).push(pathSig(name, p));
    for (const m of s.imports) modules.push(moduleSig(name, m));
    for (const c of s.calls) {
      const key = normalizeCall(c.call);
      const list = calls.get(key) ?? [];
      list.push({ area: name, spec: key, key: `call:${key}`, weight: c.weight, lang: c.lang ? new Set(c.lang) : null });
      calls.set(key, list);
    }
    for (const [word, weight] of s.identifiers) {
      const key = word.toLowerCase().trim().replace(/\s+/g, " ");
      maxPhrase = Math.max(maxPhrase, key.split(" ").length);
      const list = words.get(key) ?? [];
      list.push({ area: name, word: key, key: `id:${key.replace(/ /g, "")}`, weight });
      words.set(key, list);
    }
    for (const p of s.patterns) {
      patterns.push({
        area: name,
        re: new RegExp(p.regex, p.flags ?? ""),
        weight: p.weight,
        reason: p.reason,
        lang: p.lang ? new Set(p.lang) : null,
      });
    }
  }
  const skip = globRe(data.files.skip, true);
  const isTest = globRe(data.files.tests.globs, false);
  const isUi = globRe(data.files.ui.globs, false);
  return {
    areas,
    always,
    paths,
    modules,
    calls,
    words,
    patterns,
    ignoreIdentifiers: new Set(data.ignoreIdentifiers.map(identifierKey)),
    skip,
    isTest,
    testFactor: data.files.tests.factor,
    isUi,
    uiFactor: data.files.ui.factor,
    contextFactor: data.files.contextFactor,
    maxPhrase,
    moduleCache: new Map(),
  };
}

// ---- per config, per override set ----

interface ConfigSets {
  base: SignalSet;
  overrides: Array<{ match: (path: string) => boolean; index: number }>;
  byKey: Map<string, SignalSet>;
}

/** Compiled sets per signals data, keyed by the parts of the config that shape them. */
const cache = new WeakMap<SignalsData, Map<string, ConfigSets>>();
const byObject = new WeakMap<object, { data: SignalsData; sets: ConfigSets }>();

function setsFor(config: AiguardConfig, data: SignalsData): ConfigSets {
  const known = byObject.get(config);
  if (known && known.data === data) return known.sets;
  const key = JSON.stringify([
    config.areas,
    config.rules.paths,
    config.overrides.map((o) => [o.paths, o.areas ?? null]),
  ]);
  let perData = cache.get(data);
  if (!perData) {
    perData = new Map();
    cache.set(data, perData);
  }
  let sets = perData.get(key);
  if (!sets) {
    const overrides = config.overrides
      .map((o, index) => ({ o, index }))
      .filter(({ o }) => o.areas && Object.keys(o.areas).length > 0)
      .map(({ o, index }) => ({ match: globMatcher(o.paths), index }));
    sets = { base: compile(baseSpecs(config, data), data), overrides, byKey: new Map() };
    if (perData.size > 50) perData.clear();
    perData.set(key, sets);
  }
  byObject.set(config, { data, sets });
  return sets;
}

/** The signals that apply to a file: built-ins, `.aiguard.yml` areas, and the areas of every override whose paths match it. */
export function signalsForFile(path: string, config: AiguardConfig, data: SignalsData = BUILTIN_SIGNALS): SignalSet {
  const sets = setsFor(config, data);
  if (sets.overrides.length === 0) return sets.base;
  const hit = sets.overrides.filter((o) => o.match(path)).map((o) => o.index);
  if (hit.length === 0) return sets.base;
  const key = hit.join(",");
  let set = sets.byKey.get(key);
  if (!set) {
    const specs = baseSpecs(config, data);
    for (const i of hit) {
      for (const [name, cfg] of Object.entries(config.overrides[i]!.areas ?? {}))
        applyConfigArea(specs, name, cfg, data);
    }
    set = compile(specs, data);
    sets.byKey.set(key, set);
  }
  return set;
}

/** Most specific module signal per area for a module imported in a file of language `lang`. */
export function modulesFor(set: SignalSet, lang: string | null, module: string): Map<string, ModuleSig> {
  const key = `${lang ?? ""}\0${module}`;
  let hit = set.moduleCache.get(key);
  if (!hit) {
    hit = new Map();
    for (const m of set.modules) {
      if (m.lang && (lang === null || !m.lang.has(lang))) continue;
      if (!m.match(module)) continue;
      const prev = hit.get(m.area);
      if (!prev || m.specificity > prev.specificity) hit.set(m.area, m);
    }
    set.moduleCache.set(key, hit);
  }
  return hit;
}

// Compiled secret detectors: each finds candidate values on one line of text.
import { compileRuleRegex } from "../regex.js";
import { shannonEntropy } from "./entropy.js";
import type { AssignmentDetectorSpec, PatternDetectorSpec, PemDetectorSpec, SecretDetectorSpec } from "./schema.js";

export interface Candidate {
  value: string;
  /** 0-based offset of the value in the line. */
  index: number;
  /** Further lines that hold parts of the secret (PEM bodies), for masking. */
  extra?: string[];
  /** Lower confidence than the detector's default. */
  weak?: boolean;
}

export interface LineView {
  line: string;
  /** 0-based line index in the file. */
  index: number;
  /** All lines of the file (for multi-line detectors). */
  lines: readonly string[];
  /** The file is source code (values must be quoted for assignment detectors). */
  code: boolean;
}

export interface SecretDetector {
  spec: SecretDetectorSpec;
  /** The detector applies to this file path (its `paths` regex). */
  appliesTo(path: string): boolean;
  /** A value that is known to be public (the detector's `ignore` regex). */
  ignored(value: string): boolean;
  /** Cheap test on the line before any regex runs. */
  mayMatch(line: string, lower: string): boolean;
  find(view: LineView): Candidate[];
}

function valueOf(m: RegExpMatchArray): { value: string; index: number } | null {
  const v = m.groups?.value ?? m[0];
  if (!v) return null;
  const offset = m.groups?.value !== undefined ? m[0].indexOf(v) : 0;
  return { value: v, index: (m.index ?? 0) + Math.max(0, offset) };
}

function globalize(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
}

type Common = Pick<SecretDetector, "appliesTo" | "ignored">;

function common(spec: SecretDetectorSpec): Common {
  const paths = spec.paths !== undefined ? compileRuleRegex(spec.paths) : null;
  const ignore = spec.ignore !== undefined ? compileRuleRegex(spec.ignore) : null;
  return {
    appliesTo: (path) => paths === null || paths.test(path),
    ignored: (value) => ignore !== null && ignore.test(value),
  };
}

/** `near` context: the regex matches the line before `index`, or one of the `lines` lines above. */
function hasContext(near: RegExp, lines: number, view: LineView, index: number): boolean {
  near.lastIndex = 0;
  if (near.test(view.line.slice(0, index))) return true;
  for (let i = view.index - 1; i >= 0 && i >= view.index - lines; i--) {
    const l = view.lines[i] ?? "";
    if (l.length > 20_000) continue;
    near.lastIndex = 0;
    if (near.test(l)) return true;
  }
  return false;
}

function patternDetector(spec: PatternDetectorSpec): SecretDetector {
  const re = globalize(compileRuleRegex(spec.pattern));
  const near = spec.near ? compileRuleRegex(spec.near.pattern) : null;
  const nearLines = spec.near?.lines ?? 0;
  return {
    spec,
    ...common(spec),
    mayMatch: (line) => spec.keywords.some((k) => line.includes(k)),
    find(view) {
      const out: Candidate[] = [];
      for (const m of view.line.matchAll(re)) {
        const v = valueOf(m);
        if (!v) continue;
        if (spec.minEntropy !== undefined && shannonEntropy(v.value) < spec.minEntropy) continue;
        if (near && !hasContext(near, nearLines, view, m.index ?? 0)) continue;
        out.push(v);
      }
      return out;
    },
  };
}

/** Letters-only words joined by separators, camelCase names, short numbers: names, not secrets. */
function wordLike(value: string): boolean {
  const segments = value.split(/[-_.\s/:]+/).filter((s) => s.length > 0);
  return segments.every((s) => /^[A-Za-z]+$/.test(s) || /^\d{1,3}$/.test(s) || /^[a-z]+\d{1,2}$/i.test(s));
}

/** A literal turned into bytes on the spot: Go `[]byte("k")`, `Buffer.from("k")`, Python `b"k"`. */
const BYTES_WRAPPER = `(?:\\[\\]byte\\s*\\(\\s*|(?:Buffer\\.from|bytes|bytearray|new\\s+String)\\s*\\(\\s*)?[bB]?`;

function assignmentDetector(spec: AssignmentDetectorSpec): SecretDetector {
  const keys = compileRuleRegex(spec.keys);
  const keyFlags = keys.flags.includes("i") ? "gi" : "g";
  // name, optional closing quote of a JSON/dict key, an assignment operator, an optional
  // conversion to bytes (`[]byte("...")`, `Buffer.from("...")`, `b"..."`), then the value
  const quoted = new RegExp(
    `(?<![A-Za-z0-9_])(?:[A-Za-z0-9_.-]*?)(?:${keys.source})["']?\\s*(?::=|=>|=|:)\\s*${BYTES_WRAPPER}(?<q>["'\`])(?<value>[^"'\`\\s]{1,${spec.maxLength}})\\k<q>`,
    keyFlags,
  );
  const bare = new RegExp(
    `(?<![A-Za-z0-9_])(?:[A-Za-z0-9_.-]*?)(?:${keys.source})["']?\\s*(?:=|:)[ \\t]*(?<value>[^"'\`\\s#;,]{1,${spec.maxLength}})[ \\t]*(?:#.*)?$`,
    keyFlags,
  );
  const probe = new RegExp(keys.source, keys.flags.includes("i") ? "i" : "");
  return {
    spec,
    ...common(spec),
    mayMatch: (line) => probe.test(line),
    find({ line, code }) {
      const out: Candidate[] = [];
      const res = code ? [quoted] : [quoted, bare];
      for (const re of res) {
        for (const m of line.matchAll(re)) {
          const v = valueOf(m);
          if (!v) continue;
          const value = v.value;
          if (value.length < spec.minLength) continue;
          if (/:\/\/|^\.{0,2}\//.test(value)) continue; // URLs and paths
          if (wordLike(value)) continue;
          const h = shannonEntropy(value);
          if (h < spec.minEntropy) continue;
          out.push({ ...v, weak: h < spec.minEntropy + 0.75 });
        }
        if (out.length > 0) break;
      }
      return out;
    },
  };
}

const BASE64_RUN = /[A-Za-z0-9+/=]{40,}/g;

function pemDetector(spec: PemDetectorSpec): SecretDetector {
  const begin = globalize(compileRuleRegex(spec.begin));
  return {
    spec,
    ...common(spec),
    mayMatch: (line) => line.includes("-----BEGIN"),
    find({ line, index, lines }) {
      const out: Candidate[] = [];
      for (const m of line.matchAll(begin)) {
        const start = (m.index ?? 0) + m[0].length;
        // Key material either follows on the same line (JSON "\n" escapes) or on the next lines.
        const runs: string[] = [];
        for (const r of line.slice(start).matchAll(BASE64_RUN)) runs.push(r[0]);
        for (let i = index + 1; i < lines.length && i <= index + 100; i++) {
          const l = lines[i] ?? "";
          if (l.includes("-----END")) break;
          for (const r of l.matchAll(BASE64_RUN)) runs.push(r[0]);
        }
        const first = runs[0];
        if (!first || shannonEntropy(first) < 4) continue; // header only, or "MIIE...": not a key
        out.push({ value: first, index: m.index ?? 0, extra: runs.slice(1) });
      }
      return out;
    },
  };
}

export function compileDetector(spec: SecretDetectorSpec): SecretDetector {
  switch (spec.kind) {
    case "assignment":
      return assignmentDetector(spec);
    case "pem-block":
      return pemDetector(spec);
    default:
      return patternDetector(spec);
  }
}

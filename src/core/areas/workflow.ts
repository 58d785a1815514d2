// Which changes to a GitHub Actions workflow belong in the `policy` area.
//
// A workflow file is compared side by side (base and head parsed as YAML) for the changes that
// can hand an attacker the repository: a new `pull_request_target` or `workflow_run` trigger,
// wider token `permissions` (at the workflow or a job), a new use of a secret, a `run:` step (or
// github-script) that interpolates `${{ github.event… }}` or `github.head_ref`, an action moved
// from a pinned commit to a tag or branch, a new third-party action that is not pinned, and any
// change to how CI runs aiguard. A version bump of an action (commit to commit, tag to tag) is
// none of these. When a side cannot be read or parsed the answer is "policy" (fail closed).
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { patchSides, reverseApply } from "../diff/patch.js";
import { parseHunks, type Hunk } from "./hunks.js";
import type { AreaFile } from "./types.js";

export interface WorkflowReason {
  line: number;
  reason: string;
}

/** Workflows GitHub runs: YAML files directly in .github/workflows/. */
const WORKFLOW_FILE = /^\.github\/workflows\/[^/]+\.ya?ml$/;
/** Larger workflows are not parsed: any change to them stays in the policy area. */
const MAX_WORKFLOW_BYTES = 512 * 1024;
/** Nodes visited per side (aliases included) before giving up. */
const MAX_NODES = 100_000;
const SHA = /^[0-9a-f]{40}$/i;
const RISKY_TRIGGERS = ["pull_request_target", "workflow_run"];
/** Owners whose actions GitHub itself publishes: adding one at a tag is not flagged. */
const FIRST_PARTY = new Set(["actions", "github"]);
const CHANGES = "changes a CI workflow";

/**
 * The reasons a change to a workflow file is policy (empty: it is not), or null when `f` is not
 * a workflow whose content can be judged (the path rule applies: removals, renames from elsewhere).
 */
export function workflowPolicy(f: AreaFile): WorkflowReason[] | null {
  if (!WORKFLOW_FILE.test(f.path)) return null;
  if (f.status === "removed" || f.status === "copied") return null;
  if (f.previousPath !== undefined && f.previousPath !== f.path && !WORKFLOW_FILE.test(f.previousPath)) return null;
  const hunks = parseHunks(f.patch);
  const firstLine = hunks[0]?.lines.find((l) => l.kind !== "ctx")?.line ?? 1;
  const sides = readSides(f);
  if (sides === null) {
    if (hunks.length === 0) return [{ line: firstLine, reason: `${CHANGES} (its content could not be read)` }];
    return patchOnly(hunks);
  }
  if (sides.head.length > MAX_WORKFLOW_BYTES || sides.base.length > MAX_WORKFLOW_BYTES)
    return [{ line: firstLine, reason: `${CHANGES} (too large to compare)` }];
  const base = workflowFacts(sides.base);
  const head = workflowFacts(sides.head);
  if (base === null || head === null)
    return [{ line: firstLine, reason: `${CHANGES} (it could not be parsed as YAML)` }];
  const added = new Set<number>();
  for (const h of hunks) for (const l of h.lines) if (l.kind === "add") added.add(l.line);
  const out = compareFacts(base, head, added);
  const aiguard = aiguardChange(sides.base, sides.head);
  if (aiguard !== null) out.push({ line: aiguard, reason: "changes how CI runs aiguard" });
  const seen = new Set<string>();
  return out
    .filter((r) => {
      const key = `${r.line}\0${r.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0));
}

/** Base and head texts: read, or rebuilt from the patch where that is exact. Null: unknown. */
function readSides(f: AreaFile): { base: string; head: string } | null {
  if (f.status === "added") {
    const head = f.content ?? (f.patch ? patchSides(f.patch).head : undefined);
    return head === undefined ? null : { base: "", head };
  }
  if (f.content === undefined) return null;
  const base = f.baseContent ?? (f.patch ? reverseApply(f.content, f.patch) : null);
  return base === null ? null : { base, head: f.content };
}

// ---- facts of one side ----

type Level = 0 | 1 | 2;
/** Scope -> none (0), read (1), write (2); "*" is every scope not named. */
type Perms = Map<string, Level>;

interface Occurrence {
  key: string;
  line: number;
  reason: string;
}

interface Facts {
  triggers: Map<string, number>;
  workflowPerms: { perms: Perms | undefined; line: number };
  jobs: Map<string, { perms: Perms | undefined; line: number }>;
  /** Secret uses and untrusted interpolations, keyed by job and what they read. */
  occurrences: Occurrence[];
  uses: Array<{ action: string; ref: string; line: number }>;
}

interface Reader {
  doc: Document;
  lines: LineCounter;
  text: string;
  budget: number;
}

function workflowFacts(text: string): Facts | null {
  const facts: Facts = {
    triggers: new Map(),
    workflowPerms: { perms: undefined, line: 1 },
    jobs: new Map(),
    occurrences: [],
    uses: [],
  };
  if (text.trim() === "") return facts;
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) return null;
  const r: Reader = { doc, lines, text, budget: MAX_NODES };
  const root = resolve(r, doc.contents);
  if (root === null || root === undefined) return facts;
  if (!isMap(root)) return null;
  try {
    for (const pair of root.items) {
      const key = keyOf(pair.key);
      const value = resolve(r, pair.value);
      if (key === "on") readTriggers(r, value, facts.triggers, lineOf(r, pair.key));
      else if (key === "permissions") facts.workflowPerms = { perms: readPerms(r, value), line: lineOf(r, pair.key) };
      else if (key === "jobs" && isMap(value)) readJobs(r, value, facts);
      else collect(r, value, "", facts);
    }
  } catch (e) {
    if (e instanceof TooLarge) return null;
    throw e;
  }
  return facts;
}

class TooLarge extends Error {}

function resolve(r: Reader, node: unknown, depth = 0): unknown {
  if (--r.budget < 0 || depth > 32) throw new TooLarge();
  return isAlias(node) ? resolve(r, node.resolve(r.doc), depth + 1) : node;
}

function keyOf(node: unknown): string | null {
  return isScalar(node) && (typeof node.value === "string" || typeof node.value === "boolean")
    ? String(node.value)
    : null;
}

function lineOf(r: Reader, node: unknown, offset = 0): number {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? r.lines.linePos(range[0] + offset).line : 1;
}

function readTriggers(r: Reader, node: unknown, out: Map<string, number>, line: number): void {
  if (isScalar(node)) {
    if (typeof node.value === "string") out.set(node.value, lineOf(r, node));
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const v = resolve(r, item);
      if (isScalar(v) && typeof v.value === "string") out.set(v.value, lineOf(r, v));
    }
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const k = keyOf(pair.key);
      if (k !== null) out.set(k, lineOf(r, pair.key));
    }
  } else {
    out.set("?", line);
  }
}

const LEVELS: Record<string, Level> = { none: 0, read: 1, write: 2 };

/** A `permissions` value; anything GitHub would not read as narrower counts as write. */
function readPerms(r: Reader, node: unknown): Perms {
  const out: Perms = new Map();
  if (isScalar(node)) {
    out.set("*", node.value === "read-all" ? 1 : node.value === "" || node.value === null ? 0 : 2);
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const k = keyOf(pair.key);
      const v = resolve(r, pair.value);
      out.set(k ?? "*", isScalar(v) && typeof v.value === "string" ? (LEVELS[v.value] ?? 2) : 2);
    }
  } else {
    out.set("*", 2);
  }
  return out;
}

function readJobs(r: Reader, jobs: { items: unknown[] }, facts: Facts): void {
  for (const item of jobs.items) {
    if (!isPair(item)) continue;
    const id = keyOf(item.key) ?? "?";
    const job = resolve(r, item.value);
    let perms: Perms | undefined;
    let line = lineOf(r, item.key);
    if (isMap(job)) {
      for (const pair of job.items) {
        const key = keyOf(pair.key);
        const value = resolve(r, pair.value);
        if (key === "permissions") {
          perms = readPerms(r, value);
          line = lineOf(r, pair.key);
        } else if (key === "uses") readUses(r, value, facts);
        else if (key === "secrets" && isScalar(value) && value.value === "inherit")
          facts.occurrences.push({
            key: `${id}\0secrets:inherit`,
            line: lineOf(r, pair.key),
            reason: "passes every secret to a called workflow",
          });
        else if (key === "steps" && isSeq(value)) readSteps(r, value, id, facts);
        else collect(r, value, id, facts);
      }
    }
    facts.jobs.set(id, { perms, line });
  }
}

function readSteps(r: Reader, steps: { items: unknown[] }, job: string, facts: Facts): void {
  for (const item of steps.items) {
    const step = resolve(r, item);
    if (!isMap(step)) {
      collect(r, step, job, facts);
      continue;
    }
    let script = false;
    for (const pair of step.items) {
      const key = keyOf(pair.key);
      const value = resolve(r, pair.value);
      if (key === "uses") {
        readUses(r, value, facts);
        script = isScalar(value) && /^actions\/github-script@/.test(String(value.value));
      }
    }
    for (const pair of step.items) {
      const key = keyOf(pair.key);
      const value = resolve(r, pair.value);
      if (key === "run") untrusted(r, value, job, "a run step", facts);
      else if (key === "with" && script && isMap(value)) {
        for (const p of value.items) {
          const v = resolve(r, p.value);
          if (keyOf(p.key) === "script") untrusted(r, v, job, "a github-script step", facts);
          else collect(r, v, job, facts);
        }
      } else if (key !== "uses") collect(r, value, job, facts);
    }
  }
}

function readUses(r: Reader, node: unknown, facts: Facts): void {
  if (!isScalar(node) || typeof node.value !== "string") return;
  const m = /^([^@\s]+)@(\S+)$/.exec(node.value.trim());
  if (!m || m[1]!.startsWith("./") || m[1]!.startsWith("docker://")) return;
  facts.uses.push({ action: m[1]!.toLowerCase(), ref: m[2]!, line: lineOf(r, node) });
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}/g;
const SECRET = /\bsecrets\b\s*(?:\.\s*([A-Za-z_][\w-]*)|\[\s*(['"])([^'"]*)\2\s*\])?/g;
const UNTRUSTED = /\bgithub\s*\.\s*(?:event\s*\.\s*[\w.\-[\]'"*]+|head_ref\b)/g;

/** Every `${{ … }}` expression in the scalars under `node`, with its line. */
function expressions(r: Reader, node: unknown, visit: (expr: string, line: number) => void): void {
  const n = resolve(r, node);
  if (isScalar(n)) {
    if (typeof n.value !== "string" || !n.value.includes("${{")) return;
    const source = n.range ? r.text.slice(n.range[0], n.range[1]) : "";
    for (const m of n.value.matchAll(EXPRESSION)) {
      const at = source.indexOf(m[0]);
      visit(m[1]!, lineOf(r, n, at < 0 ? 0 : at));
    }
  } else if (isMap(n)) {
    for (const pair of n.items) {
      expressions(r, pair.key, visit);
      expressions(r, pair.value, visit);
    }
  } else if (isSeq(n)) {
    for (const item of n.items) expressions(r, item, visit);
  }
}

/** Secret uses anywhere under `node`. */
function collect(r: Reader, node: unknown, job: string, facts: Facts): void {
  expressions(r, node, (expr, line) => {
    for (const m of expr.matchAll(SECRET)) {
      const name = m[1] ?? m[3];
      facts.occurrences.push(
        name === undefined
          ? { key: `${job}\0secrets:*`, line, reason: "reads secrets by a computed name or as a whole" }
          : { key: `${job}\0secret:${name.toUpperCase()}`, line, reason: `uses the secret ${name}` },
      );
    }
  });
}

/** Untrusted event data interpolated into a script, and secret uses, under `node`. */
function untrusted(r: Reader, node: unknown, job: string, where: string, facts: Facts): void {
  collect(r, node, job, facts);
  expressions(r, node, (expr, line) => {
    for (const m of expr.matchAll(UNTRUSTED)) {
      const what = m[0].replace(/\s+/g, "");
      facts.occurrences.push({ key: `${job}\0untrusted:${what}`, line, reason: `interpolates ${what} into ${where}` });
    }
  });
}

// ---- comparing the sides ----

function compareFacts(base: Facts, head: Facts, added: ReadonlySet<number>): WorkflowReason[] {
  const out: WorkflowReason[] = [];
  for (const t of RISKY_TRIGGERS) {
    const line = head.triggers.get(t);
    if (line !== undefined && !base.triggers.has(t)) out.push({ line, reason: `adds the ${t} trigger` });
  }
  if (head.triggers.has("?") && !base.triggers.has("?"))
    out.push({ line: head.triggers.get("?")!, reason: "changes the triggers in a way that could not be read" });
  out.push(...comparePerms(base, head));
  out.push(...newOccurrences(base.occurrences, head.occurrences, added));
  out.push(...compareUses(base, head));
  return out;
}

function level(p: Perms | undefined, scope: string): Level {
  // No permissions block: the repository's default, at least read.
  if (p === undefined) return 1;
  return p.get(scope) ?? p.get("*") ?? 0;
}

/** Scopes that `head` grants more of than `base`, or null when none. */
function widened(base: Perms | undefined, head: Perms | undefined): string[] | null {
  const scopes = new Set<string>(["*", ...(base?.keys() ?? []), ...(head?.keys() ?? [])]);
  const wider = [...scopes].filter((s) => level(head, s) > level(base, s)).sort();
  return wider.length === 0 ? null : wider;
}

function permsReason(base: Perms | undefined, head: Perms | undefined): string | null {
  const wider = widened(base, head);
  if (wider === null) return null;
  if (head === undefined) return "removes the permissions block: the token gets the repository's default permissions";
  const name = (l: Level) => (l === 2 ? "write" : "read");
  // Scopes that only follow "all scopes" are not named again.
  const named = wider.includes("*") ? wider.filter((s) => s === "*" || level(head, s) !== level(head, "*")) : wider;
  const shown = named.map((s) => `${s === "*" ? "all scopes" : s}: ${name(level(head, s))}`);
  return `widens the token's permissions (${shown.join(", ")})`;
}

function comparePerms(base: Facts, head: Facts): WorkflowReason[] {
  const out: WorkflowReason[] = [];
  const top = permsReason(base.workflowPerms.perms, head.workflowPerms.perms);
  if (top !== null) out.push({ line: head.workflowPerms.line, reason: top });
  for (const [id, job] of head.jobs) {
    const before = base.jobs.get(id);
    const basePerms = before ? (before.perms ?? base.workflowPerms.perms) : base.workflowPerms.perms;
    const headPerms = job.perms ?? head.workflowPerms.perms;
    // A job that inherits the workflow's permissions is covered by the line above.
    if (job.perms === undefined && (before === undefined || before.perms === undefined)) continue;
    const reason = permsReason(basePerms, headPerms);
    if (reason !== null) out.push({ line: job.line, reason: `job ${id} ${reason}` });
  }
  return out;
}

/** Occurrences the head has more of than the base (per key), on an added line where possible. */
function newOccurrences(base: Occurrence[], head: Occurrence[], added: ReadonlySet<number>): WorkflowReason[] {
  const count = new Map<string, number>();
  for (const o of base) count.set(o.key, (count.get(o.key) ?? 0) + 1);
  const byKey = new Map<string, Occurrence[]>();
  for (const o of head) byKey.set(o.key, [...(byKey.get(o.key) ?? []), o]);
  const out: WorkflowReason[] = [];
  for (const [key, list] of byKey) {
    const extra = list.length - (count.get(key) ?? 0);
    if (extra <= 0) continue;
    const ordered = [...list].sort((a, b) => Number(added.has(b.line)) - Number(added.has(a.line)) || a.line - b.line);
    for (const o of ordered.slice(0, extra)) out.push({ line: o.line, reason: o.reason });
  }
  return out;
}

function compareUses(base: Facts, head: Facts): WorkflowReason[] {
  const refs = new Map<string, string[]>();
  for (const u of base.uses) refs.set(u.action, [...(refs.get(u.action) ?? []), u.ref]);
  const out: WorkflowReason[] = [];
  for (const u of head.uses) {
    if (SHA.test(u.ref)) continue;
    const before = refs.get(u.action);
    if (before === undefined) {
      if (!FIRST_PARTY.has(u.action.split("/")[0]!))
        out.push({ line: u.line, reason: `adds the action ${u.action}@${u.ref}, not pinned to a commit` });
    } else if (before.every((ref) => SHA.test(ref))) {
      out.push({ line: u.line, reason: `changes ${u.action} from a pinned commit to ${u.ref}` });
    }
  }
  return out;
}

/** The head line of the first change to a line that mentions aiguard, or null when there is none. */
function aiguardChange(base: string, head: string): number | null {
  const mentions = (text: string) =>
    text
      .split("\n")
      .map((l, i) => ({ text: l.trim(), line: i + 1 }))
      .filter((l) => /aiguard/i.test(l.text));
  const before = new Map<string, number>();
  for (const l of mentions(base)) before.set(l.text, (before.get(l.text) ?? 0) + 1);
  const after = mentions(head);
  for (const l of after) {
    const n = before.get(l.text) ?? 0;
    if (n === 0) return l.line;
    before.set(l.text, n - 1);
  }
  return [...before.values()].some((n) => n > 0) ? 1 : null;
}

// ---- only the diff ----

const USES_LINE = /^\s*(?:-\s+)?uses:\s*(['"]?)([^@\s'"]+)@([^\s'"#]+)\1\s*(?:#.*)?$/;

/**
 * Without the whole file only a change that swaps action versions (commit for commit, tag for
 * tag) is known to be harmless; every other changed line is policy.
 */
function patchOnly(hunks: Hunk[]): WorkflowReason[] {
  const removed = new Map<string, string[]>();
  const addedUses: Array<{ action: string; ref: string; line: number }> = [];
  const out: WorkflowReason[] = [];
  for (const h of hunks) {
    for (const l of h.lines) {
      if (l.kind === "ctx" || /^\s*(?:#.*)?$/.test(l.text)) continue;
      const m = USES_LINE.exec(l.text);
      if (!m) {
        out.push({ line: l.line, reason: `${CHANGES} (only the diff could be read)` });
        continue;
      }
      const action = m[2]!.toLowerCase();
      if (l.kind === "del") removed.set(action, [...(removed.get(action) ?? []), m[3]!]);
      else addedUses.push({ action, ref: m[3]!, line: l.line });
    }
  }
  for (const u of addedUses) {
    const refs = removed.get(u.action);
    const ok = refs !== undefined && refs.length > 0 && (SHA.test(u.ref) || refs.every((r) => !SHA.test(r)));
    if (refs !== undefined) refs.shift();
    if (!ok) out.push({ line: u.line, reason: `${CHANGES}: uses ${u.action}@${u.ref} (only the diff could be read)` });
  }
  for (const [action, refs] of removed) {
    if (refs.length > 0) out.push({ line: hunks[0]!.lines[0]!.line, reason: `${CHANGES}: removes a use of ${action}` });
  }
  return out.sort((a, b) => a.line - b.line);
}

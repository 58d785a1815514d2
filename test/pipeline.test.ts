// The one pipeline: enrichment passed beside the change (never written into it), the scanner and
// the look-ups asked side by side, approvals asked only when the decision waits for them, and a
// review that stops between steps when it is superseded.
import { describe, expect, it, vi } from "vitest";
import type { Change } from "../src/core/change.js";
import type { DependencyFacts } from "../src/core/dependencies/facts.js";
import type { Scanner, ScanTarget } from "../src/core/engine/scanner.js";
import { configSchema, defaultConfig } from "../src/core/policy/schema.js";
import type { ChangedFile, Decision } from "../src/core/types.js";
import { DISABLED_NOTE, type PipelineDeps, reviewChange } from "../src/pipeline.js";
import { changeOf } from "./helpers/review.js";

/** Reports `danger` on every changed line that contains it. */
const scanner: Scanner = {
  scan(t: ScanTarget) {
    const lines = t.content.split("\n");
    const findings = [...t.changedLines]
      .filter((n) => lines[n - 1]?.includes("danger"))
      .map((line) => ({
        ruleId: "t.danger",
        cwe: ["CWE-94"],
        severity: "high" as const,
        confidence: "high" as const,
        line,
        endLine: line,
        message: "danger",
      }));
    return { language: "javascript", findings, notes: [] };
  },
  rules: () => [
    { id: "t.danger", cwe: ["CWE-94"], severity: "high", confidence: "high", message: "danger", languages: [] },
  ],
};

function added(path: string, text: string): ChangedFile {
  const lines = text.replace(/\n$/, "").split("\n");
  return {
    path,
    status: "added",
    additions: lines.length,
    deletions: 0,
    headContent: text,
    patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`,
  };
}

const manifest = (deps: string) => `{\n  "dependencies": {\n${deps}\n  }\n}\n`;

function deps(over: Partial<PipelineDeps> = {}): PipelineDeps {
  return {
    scanner: async () => ({ scanner, notes: ["scanner note"] }),
    lookup: async () => undefined,
    clock: () => new Date("2026-03-01T00:00:00Z"),
    ...over,
  };
}

/** A frozen copy: any write into the gathered change throws. */
function frozen(change: Change): Change {
  return Object.freeze({
    ...change,
    files: Object.freeze(change.files.map((f) => Object.freeze({ ...f }))),
    notes: Object.freeze([...change.notes]),
    customRules: Object.freeze([...change.customRules]),
  });
}

const approvalPolicy = configSchema.parse({
  tiers: [
    {
      name: "critical",
      when: { paths: ["billing/**"] },
      conclusion: "action_required",
      reviewers: { teams: ["security"] },
      approvals: 1,
    },
    { name: "low", conclusion: "success" },
  ],
});

describe("reviewChange", () => {
  it("reviews a change it never writes into, with the gather notes first and the scanner's after", async () => {
    const change = frozen(
      changeOf([added("src/a.js", "const x = 1;\ndanger();\n")], defaultConfig(), { notes: ["gather note"] }),
    );
    const { review, decision } = await reviewChange(change, deps());
    expect(review.findings.map((f) => [f.ruleId, f.line])).toEqual([["t.danger", 2]]);
    expect(review.notes.slice(0, 2)).toEqual(["gather note", "scanner note"]);
    expect(review.conclusion).toBe("failure");
    expect(decision.tier).toBe("high");
    expect(review.base).toBe("b");
  });

  it("asks for the scanner and the registry facts side by side, handing each the change", async () => {
    const order: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const change = changeOf([added("src/a.js", "x\n")], defaultConfig(), {
      customRules: [{ origin: ".aiguard/rules/x.yml", text: "id: x" }],
    });
    await reviewChange(
      change,
      deps({
        // The scanner waits for the look-up to have started: asked one after the other, this would hang.
        scanner: async (rules) => {
          order.push(`scanner ${rules.length}`);
          await gate;
          return { scanner, notes: [] };
        },
        lookup: async (c) => {
          order.push(`lookup ${c.files.length}`);
          release();
          return undefined;
        },
      }),
    );
    expect(order).toEqual(["scanner 1", "lookup 1"]);
  });

  it("turns registry facts into dependency risks", async () => {
    const head = manifest('    "left-padx": "1.0.0"');
    const file: ChangedFile = { ...added("package.json", head), status: "modified", baseContent: manifest("") };
    const facts: DependencyFacts = {
      packages: { "npm\0left-padx\x001.0.0": { exists: true, created: "2026-02-27T00:00:00Z", version: "1.0.0" } },
      advisories: {},
      notes: [],
      now: "2026-03-01T00:00:00Z",
    };
    const change = changeOf([file], defaultConfig());
    const lookup = vi.fn(async () => facts);
    const { review } = await reviewChange(change, deps({ lookup }));
    expect(lookup).toHaveBeenCalledWith(change);
    // Two days old when it was looked up: a new package.
    expect(review.dependencies.find((d) => d.name === "left-padx")?.risks.map((r) => r.kind)).toContain("new-package");
  });

  it("judges accepted risks by the review's clock", async () => {
    const config = configSchema.parse({
      dependencies: { ignore: [{ name: "loadsh", reason: "vendored fork", until: "2026-06-30" }] },
    });
    const file: ChangedFile = {
      ...added("package.json", manifest('    "loadsh": "4.17.21"')),
      status: "modified",
      baseContent: manifest(""),
    };
    const risksAt = async (iso: string) => {
      const { review } = await reviewChange(changeOf([file], config), deps({ clock: () => new Date(iso) }));
      const dep = review.dependencies.find((d) => d.name === "loadsh");
      return { risks: dep?.risks.map((r) => r.kind), ignored: dep?.ignored?.map((r) => r.kind) };
    };
    expect(await risksAt("2026-03-01T00:00:00Z")).toEqual({ risks: [], ignored: ["typosquat"] });
    expect(await risksAt("2026-07-01T00:00:00Z")).toMatchObject({ risks: ["typosquat"] });
  });

  it("asks for approvals only when the decision waits for them, and counts them", async () => {
    const approvals = vi.fn(async (d: Decision) => ({
      approvals: [{ user: "alice", commitSha: "h", teams: d.reviewers.teams, staleAreas: [] }],
      notes: ["approvals note"],
    }));
    const waiting = await reviewChange(
      changeOf([added("billing/refund.js", "x\n")], approvalPolicy),
      deps({ approvals }),
    );
    expect(approvals).toHaveBeenCalledTimes(1);
    expect(approvals.mock.calls[0]?.[0]).toMatchObject({ tier: "critical", approvals: { required: 1 } });
    expect(waiting.review.conclusion).toBe("success");
    expect(waiting.review.approval).toMatchObject({ satisfied: true, areas: [{ approvedBy: ["alice"], missing: 0 }] });
    expect(waiting.review.notes.at(-1)).toBe("approvals note");

    approvals.mockClear();
    const plain = await reviewChange(changeOf([added("src/a.js", "x\n")], approvalPolicy), deps({ approvals }));
    expect(approvals).not.toHaveBeenCalled();
    expect(plain.review.conclusion).toBe("success");

    const draft = await reviewChange(
      changeOf([added("billing/refund.js", "x\n")], approvalPolicy, { draft: true }),
      deps({ approvals }),
    );
    expect(approvals).not.toHaveBeenCalled();
    expect(draft.review.approval).toBeUndefined();
  });

  it("never lets approvals turn a review that could not analyse every file green", async () => {
    const approvals = vi.fn(async (d: Decision) => ({
      approvals: [{ user: "alice", commitSha: "h", teams: d.reviewers.teams, staleAreas: [] }],
      notes: [],
    }));
    const file = { ...added("billing/refund.js", "x\n"), headOmitted: "over 20 MB" };
    const failClosed = { ...approvalPolicy, incomplete: "failure" as const };
    const r = await reviewChange(changeOf([file], failClosed), deps({ approvals }));
    expect(r.review.approval).toMatchObject({ satisfied: true });
    expect(r.review.incomplete).toEqual([
      { path: "billing/refund.js", reason: "over 20 MB: only the added lines were scanned for secrets" },
    ]);
    expect(r.review.conclusion).toBe("failure");
    expect(r.decision.reason).toMatch(/1 file not fully analysed/);
  });

  it("without approvals the tier keeps waiting, with what is missing", async () => {
    const { review } = await reviewChange(changeOf([added("billing/refund.js", "x\n")], approvalPolicy), deps());
    expect(review.conclusion).toBe("action_required");
    expect(review.approval).toMatchObject({ satisfied: false, areas: [{ missing: 1 }] });
  });

  it("stops between steps once its signal aborts, before asking for approvals", async () => {
    const controller = new AbortController();
    const approvals = vi.fn(async () => ({ approvals: [], notes: [] }));
    const review = reviewChange(
      changeOf([added("billing/refund.js", "x\n")], approvalPolicy),
      deps({
        approvals,
        signal: controller.signal,
        lookup: async () => {
          controller.abort(new Error("superseded"));
          return undefined;
        },
      }),
    );
    await expect(review).rejects.toThrow("superseded");
    expect(approvals).not.toHaveBeenCalled();
  });

  it("does not analyse a disabled repository: no scanner, no look-ups, no findings, one note", async () => {
    const config = configSchema.parse({ enabled: false });
    const scannerProvider = vi.fn(async () => ({ scanner, notes: [] }));
    const lookup = vi.fn(async () => undefined);
    let t = 0;
    const { review, decision } = await reviewChange(
      changeOf([added("src/a.js", "danger();\nmore();\n")], config, { notes: ["gather note"] }),
      deps({ scanner: scannerProvider, lookup, timer: () => (t += 5) }),
    );
    expect(scannerProvider).not.toHaveBeenCalled();
    expect(lookup).not.toHaveBeenCalled();
    expect(review.conclusion).toBe("success");
    expect(review.findings).toEqual([]);
    expect(review.dependencies).toEqual([]);
    expect(review.areas).toEqual([]);
    expect(review.notes).toEqual(["gather note", DISABLED_NOTE]);
    expect(review.stats).toMatchObject({ filesChanged: 1, linesAdded: 2, linesRemoved: 0, filesAnalyzed: 0 });
    expect(decision.reason).toBe("aiguard is disabled by configuration");
    expect(review.stats.durationMs).toBe(10);
  });
});

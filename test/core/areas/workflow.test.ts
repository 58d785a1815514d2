import { describe, expect, it } from "vitest";
import { unifiedPatch } from "../../../bench/areas.js";
import { classifyAreas, type AreaFile } from "../../../src/core/areas/index.js";
import { analyze } from "../../../src/core/analyze.js";
import { decide } from "../../../src/core/policy/decide.js";
import { configSchema, defaultConfig } from "../../../src/core/policy/schema.js";
import type { Change } from "../../../src/core/change.js";
import type { Scanner } from "../../../src/core/engine/scanner.js";

const cfg = defaultConfig();
const PATH = ".github/workflows/ci.yml";

function file(before: string | undefined, after: string, opts: { bare?: boolean } = {}): AreaFile {
  return {
    path: PATH,
    status: before === undefined ? "added" : "modified",
    patch: unifiedPatch(before ?? "", after),
    content: opts.bare ? undefined : after,
  };
}

const classify = (f: AreaFile, c = cfg) => classifyAreas([f], c);

// The shape Dependabot writes: actions pinned to a commit, the version in a comment.
const BASE = `name: CI
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1
      - uses: actions/setup-node@60edb5dd545a775178f52524783378180af0d1f8 # v4.0.2
        with:
          node-version: 20
      - uses: codecov/codecov-action@e28ff129e5465c2c0dcc6f003fc735cb6ae0c673 # v4.5.0
        with:
          token: \${{ secrets.CODECOV_TOKEN }}
      - run: npm ci && npm test
      - run: echo "branch \${{ github.ref_name }}"
`;

describe("workflow changes that are not policy", () => {
  it("a Dependabot bump of pinned actions (commit to commit, comment too)", () => {
    const after = BASE.replace(
      "actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1",
      "actions/checkout@692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7",
    ).replace(
      "actions/setup-node@60edb5dd545a775178f52524783378180af0d1f8 # v4.0.2",
      "actions/setup-node@1e60f620b9541d16bece96c5465dc8ee9832be0b # v4.0.3",
    );
    expect(classify(file(BASE, after))).toEqual({ areas: [], evidence: [] });
    // The same bump seen only as a diff (a bare `--diff` review).
    expect(classify(file(BASE, after, { bare: true })).areas).toEqual([]);
  });

  it("a tag-to-tag bump by a person, and ordinary edits of steps", () => {
    const base = BASE.replace(/@[0-9a-f]{40} # (v[\d.]+)/g, "@$1");
    const after = base
      .replace("actions/checkout@v4.1.1", "actions/checkout@v4.1.7")
      .replace("npm ci && npm test", "npm ci && npm run lint && npm test")
      .replace("node-version: 20", "node-version: 22");
    expect(classify(file(base, after)).areas).toEqual([]);
  });

  it("narrowing permissions, or moving a secret within its job", () => {
    const after = BASE.replace("permissions:\n  contents: read", "permissions: {}");
    expect(classify(file(BASE, after)).areas).toEqual([]);
  });

  it("is success under the default policy (no action_required)", () => {
    const after = BASE.replace(
      "b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1",
      "692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7",
    );
    const change: Change = {
      base: "b",
      head: "h",
      files: [
        {
          path: PATH,
          status: "modified",
          patch: unifiedPatch(BASE, after),
          headContent: after,
          additions: 1,
          deletions: 1,
        },
      ],
      config: cfg,
      customRules: [],
      fullContext: true,
      draft: false,
      notes: [],
    };
    const scanner: Scanner = { rules: () => [], scan: () => ({ findings: [], notes: [] }) } as unknown as Scanner;
    const analysis = analyze(change, scanner);
    expect(analysis.areas).toEqual([]);
    expect(decide(analysis, cfg).conclusion).toBe("success");
  });
});

describe("workflow changes that are policy", () => {
  const evidence = (before: string | undefined, after: string) => classify(file(before, after)).evidence;

  it("adds a pull_request_target or workflow_run trigger", () => {
    const after = BASE.replace("  pull_request:\n", "  pull_request_target:\n");
    expect(evidence(BASE, after)).toEqual([
      { area: "policy", path: PATH, line: 5, reason: "adds the pull_request_target trigger" },
    ]);
    const run = BASE.replace("  pull_request:\n", "  workflow_run:\n    workflows: [Build]\n");
    expect(evidence(BASE, run).map((e) => e.reason)).toEqual(["adds the workflow_run trigger"]);
    const list = BASE.replace(
      /on:\n {2}push:\n {4}branches: \[main\]\n {2}pull_request:\n/,
      "on: [push, pull_request_target]\n",
    );
    expect(evidence(BASE, list)).toEqual([
      { area: "policy", path: PATH, line: 2, reason: "adds the pull_request_target trigger" },
    ]);
  });

  it("widens the token's permissions, at the workflow or a job", () => {
    const write = BASE.replace("  contents: read", "  contents: write");
    expect(evidence(BASE, write)).toEqual([
      { area: "policy", path: PATH, line: 6, reason: "widens the token's permissions (contents: write)" },
    ]);
    const all = BASE.replace("permissions:\n  contents: read", "permissions: write-all");
    expect(evidence(BASE, all).map((e) => e.reason)).toEqual(["widens the token's permissions (all scopes: write)"]);
    const job = BASE.replace(
      "    runs-on: ubuntu-latest\n",
      "    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n",
    );
    expect(evidence(BASE, job)).toEqual([
      { area: "policy", path: PATH, line: 11, reason: "job test widens the token's permissions (id-token: write)" },
    ]);
    const gone = BASE.replace("permissions:\n  contents: read\n", "");
    expect(evidence(BASE, gone)[0]!.reason).toMatch(/^removes the permissions block/);
  });

  it("uses a secret it did not use before", () => {
    const after = BASE.replace(
      "      - run: npm ci && npm test\n",
      "      - run: npm publish\n        env:\n          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}\n",
    );
    expect(evidence(BASE, after)).toEqual([
      { area: "policy", path: PATH, line: 21, reason: "uses the secret NPM_TOKEN" },
    ]);
    const inherit = `${BASE}  release:\n    uses: ./.github/workflows/release.yml\n    secrets: inherit\n`;
    expect(evidence(BASE, inherit).map((e) => e.reason)).toEqual(["passes every secret to a called workflow"]);
  });

  it("interpolates event data into a run step", () => {
    const after = BASE.replace(
      'echo "branch ${{ github.ref_name }}"',
      'echo "title ${{ github.event.pull_request.title }}"',
    );
    expect(evidence(BASE, after)).toEqual([
      { area: "policy", path: PATH, line: 20, reason: "interpolates github.event.pull_request.title into a run step" },
    ]);
    const block = BASE.replace(
      '      - run: echo "branch ${{ github.ref_name }}"\n',
      '      - run: |\n          set -e\n          git checkout "${{ github.head_ref }}"\n',
    );
    expect(evidence(BASE, block)).toEqual([
      { area: "policy", path: PATH, line: 22, reason: "interpolates github.head_ref into a run step" },
    ]);
  });

  it("moves an action from a pinned commit to a tag or branch", () => {
    const after = BASE.replace(
      "codecov/codecov-action@e28ff129e5465c2c0dcc6f003fc735cb6ae0c673 # v4.5.0",
      "codecov/codecov-action@main",
    );
    expect(evidence(BASE, after)).toEqual([
      { area: "policy", path: PATH, line: 16, reason: "changes codecov/codecov-action from a pinned commit to main" },
    ]);
    // Seen only as a diff, too.
    expect(classify(file(BASE, after, { bare: true })).areas).toEqual(["policy"]);
  });

  it("adds a third-party action that is not pinned", () => {
    const after = BASE.replace(
      "      - run: npm ci && npm test\n",
      "      - uses: someone/deploy-action@v1\n      - run: npm ci && npm test\n",
    );
    expect(evidence(BASE, after).map((e) => e.reason)).toEqual([
      "adds the action someone/deploy-action@v1, not pinned to a commit",
    ]);
  });

  it("a new workflow is judged by what it contains", () => {
    const plain = BASE.replace(/ {8}with:\n {10}token: .*\n/, "");
    expect(evidence(undefined, plain)).toEqual([]);
    expect(evidence(undefined, BASE).map((e) => e.reason)).toEqual(["uses the secret CODECOV_TOKEN"]);
    const risky = plain.replace("  pull_request:\n", "  pull_request_target:\n");
    expect(evidence(undefined, risky).map((e) => e.reason)).toEqual(["adds the pull_request_target trigger"]);
  });

  it("stays policy when it cannot be judged", () => {
    const after = BASE.replace("npm ci && npm test", "npm ci && npm test && make");
    // Only the diff, and a line that is not an action version.
    expect(classify(file(BASE, after, { bare: true })).areas).toEqual(["policy"]);
    // Not YAML.
    expect(evidence(BASE, `${BASE}  bad: [\n`)[0]!.reason).toMatch(/could not be parsed/);
    // Removed, or known by neither content nor patch.
    expect(classify({ path: PATH, status: "removed", patch: unifiedPatch(BASE, "") }).areas).toEqual(["policy"]);
    expect(classify({ path: PATH, status: "modified" }).areas).toEqual(["policy"]);
  });

  it("keeps workflows in policy when the config names their path", () => {
    const c = configSchema.parse({ areas: { policy: { paths: [".github/workflows/**"] } } });
    const after = BASE.replace(
      "b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1",
      "692973e3d937129bcbf40652eb9f2f61becf3332 # v4.1.7",
    );
    expect(classify(file(BASE, after), c).areas).toEqual(["policy"]);
  });
});

// GitHub's dependency review as an advisory provider: its answer is checked against a schema
// before anything in it is believed (the client is a stub; the App tests ask it through nock).
import { describe, expect, it } from "vitest";
import { factKey } from "../../../src/core/dependencies/facts.js";
import type { ExtractedDependencyChange } from "../../../src/core/dependencies/index.js";
import type { GitHub } from "../../../src/github/client/octokit.js";
import { dependencyReviewProvider } from "../../../src/github/gather/dependency-review.js";

const target = { owner: "o", repo: "r", baseSha: "b".repeat(40), headSha: "h".repeat(40) };

/** A client whose compare call answers `data` (or fails with `status`). */
function client(data: unknown, status?: number): GitHub {
  const diffRange = async () => {
    if (status !== undefined) throw Object.assign(new Error(`HTTP ${status}`), { status });
    return { data };
  };
  return { rest: { dependencyGraph: { diffRange } } } as unknown as GitHub;
}

const minimist: ExtractedDependencyChange = {
  ecosystem: "npm",
  name: "minimist",
  version: "1.2.5",
  change: "added",
  manifest: "package.json",
  direct: true,
  risks: [],
};

const entry = {
  change_type: "added",
  manifest: "package.json",
  ecosystem: "npm",
  name: "minimist",
  version: "1.2.5",
  package_url: "pkg:npm/minimist@1.2.5",
  license: null,
  source_repository_url: "https://github.com/minimistjs/minimist",
  scope: "runtime",
  vulnerabilities: [
    {
      severity: "high",
      advisory_ghsa_id: "GHSA-xvch-5gv4-984h",
      advisory_summary: "Prototype Pollution in minimist",
      advisory_url: "https://github.com/advisories/GHSA-xvch-5gv4-984h",
    },
  ],
};

describe("dependencyReviewProvider", () => {
  it("reads a well-formed answer (extra fields and a null licence included)", async () => {
    const r = await dependencyReviewProvider(client([entry]), target)([minimist]);
    const k = factKey("npm", "minimist", "1.2.5");
    expect(r?.advisories.get(k)).toEqual([
      {
        id: "GHSA-xvch-5gv4-984h",
        summary: "Prototype Pollution in minimist",
        severity: "high",
        url: "https://github.com/advisories/GHSA-xvch-5gv4-984h",
      },
    ]);
    expect(r?.licenses.get(k)).toBeNull();
  });

  it("403 and 404 mean: not available, ask OSV", async () => {
    await expect(dependencyReviewProvider(client(null, 403), target)([minimist])).resolves.toBeNull();
    await expect(dependencyReviewProvider(client(null, 404), target)([minimist])).resolves.toBeNull();
  });

  it.each([
    ["an object instead of a list", { message: "ok" }, /expected array/],
    ["an entry without a name", [{ ...entry, name: undefined }], /at 0\.name/],
    [
      "vulnerabilities that are not a list",
      [{ ...entry, vulnerabilities: "GHSA-xvch-5gv4-984h" }],
      /at 0\.vulnerabilities/,
    ],
    [
      "an advisory without its id",
      [{ ...entry, vulnerabilities: [{ ...entry.vulnerabilities[0], advisory_ghsa_id: 7 }] }],
      /at 0\.vulnerabilities\.0\.advisory_ghsa_id/,
    ],
  ])("rejects %s (the look-up notes it and asks OSV)", async (_what, data, where) => {
    const err = await dependencyReviewProvider(client(data), target)([minimist]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^dependency review: unexpected answer \(/);
    expect((err as Error).message).toMatch(where);
  });
});

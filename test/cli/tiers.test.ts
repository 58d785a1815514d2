// The CLI's JSON carries the policy decision: tier, areas with evidence, labels, reviewers.
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, reviewJson, TestRepo } from "./helpers.js";

afterAll(cleanup);

describe("aiguard review --format json: risk tiers", () => {
  it("routes a payment change to the security team with labels and evidence", async () => {
    const repo = new TestRepo();
    repo.write("src/billing/index.js", "module.exports = {};\n");
    const base = repo.commit("base");
    repo.write(
      "src/helpers.js",
      [
        'const Stripe = require("stripe");',
        "const stripe = Stripe(process.env.STRIPE_KEY);",
        "",
        "async function refundOrder(order) {",
        "  return stripe.refunds.create({ payment_intent: order.paymentIntentId, amount: order.total });",
        "}",
        "",
        "module.exports = { refundOrder };",
        "",
      ].join("\n"),
    );
    repo.commit("refund helper");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(1);
    expect(r.review).toMatchObject({
      conclusion: "action_required",
      tier: "critical",
      areas: ["payment"],
      labels: ["security-review:payment"],
      reviewers: { teams: ["security"], users: [] },
      findings: [],
    });
    expect(r.review.areaEvidence.length).toBeGreaterThan(0);
    for (const e of r.review.areaEvidence) {
      expect(e).toMatchObject({ area: "payment", path: "src/helpers.js" });
      expect(typeof e.line).toBe("number");
      expect(e.reason.length).toBeGreaterThan(0);
    }
    expect(r.review.approval).toMatchObject({
      required: 1,
      satisfied: false,
      areas: [{ area: "payment", approvedBy: [], missing: 1 }],
    });
  });

  it("lets a docs-only change pass at once in the low tier", async () => {
    const repo = new TestRepo();
    repo.write("README.md", "# app\n");
    const base = repo.commit("base");
    repo
      .write("README.md", "# app\n\nHow to log in with your password and session token.\n")
      .write("docs/auth.md", "Authentication uses JWT tokens.\n");
    repo.commit("docs");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.code).toBe(0);
    expect(r.review).toMatchObject({ conclusion: "success", tier: "low", areas: [], labels: [] });
  });

  it("applies tiers from the base commit's .aiguard.yml", async () => {
    const repo = new TestRepo();
    repo.write(
      ".aiguard.yml",
      "tiers:\n  - name: infra\n    when: { paths: ['infra/**'] }\n    conclusion: action_required\n    reviewers: { users: [octocat] }\n  - name: rest\n    conclusion: success\n",
    );
    const base = repo.commit("policy");
    repo.write("infra/main.tf", 'resource "null_resource" "x" {}\n');
    repo.commit("infra");
    const r = await reviewJson(["--repo", repo.dir, "--base", base]);
    expect(r.review).toMatchObject({
      tier: "infra",
      conclusion: "action_required",
      reviewers: { teams: [], users: ["octocat"] },
    });
  });
});

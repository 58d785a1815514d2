// Labels the decision asks for.
import type { GitHub } from "./octokit.js";

export async function addLabels(octokit: GitHub, pr: { owner: string; repo: string; pullNumber: number }, labels: readonly string[]): Promise<void> {
  if (labels.length === 0) return;
  await octokit.rest.issues.addLabels({ owner: pr.owner, repo: pr.repo, issue_number: pr.pullNumber, labels: [...labels] });
}

// applyApprovals(decision, approvals): turns a tier that waits for humans green once enough
// qualified people approved every area that needs it. Pure.
import type { ApprovalInput, ApprovalStatus, AreaApproval, Decision } from "../types.js";

export type { ApprovalInput, ApprovalStatus, AreaApproval };

export function applyApprovals(
  decision: Decision,
  approvals: readonly ApprovalInput[],
): { decision: Decision; status: ApprovalStatus | null } {
  const req = decision.approvals;
  if (!req || req.required <= 0) return { decision, status: null };
  const teams = new Set(decision.reviewers.teams.map((t) => t.toLowerCase()));
  const users = new Set(decision.reviewers.users.map((u) => u.toLowerCase()));
  const ignored: ApprovalStatus["ignored"] = [];
  const qualified: ApprovalInput[] = [];
  const seen = new Set<string>();
  for (const a of approvals) {
    const login = a.user.toLowerCase();
    if (seen.has(login)) continue;
    seen.add(login);
    const inTeam = a.teams.some((t) => teams.has(t.toLowerCase()));
    if (inTeam || users.has(login)) qualified.push(a);
    else {
      const who =
        [...decision.reviewers.teams.map((t) => `team ${t}`), ...decision.reviewers.users.map((u) => `@${u}`)].join(
          " or ",
        ) || "no reviewers configured";
      ignored.push({ user: a.user, reason: `not a member of ${who}` });
    }
  }
  const areas: AreaApproval[] = req.areas.map((area) => {
    const approvedBy: string[] = [];
    for (const a of qualified) {
      if (area !== "*" && a.staleAreas.includes(area)) continue;
      if (area === "*" && a.staleAreas.length > 0) continue;
      approvedBy.push(a.user);
    }
    return { area, approvedBy, missing: Math.max(0, req.required - approvedBy.length) };
  });
  for (const a of qualified) {
    const stale = a.staleAreas.filter((s) => req.areas.includes(s) || req.areas.includes("*"));
    if (stale.length > 0)
      ignored.push({
        user: a.user,
        reason: `approved ${a.commitSha.slice(0, 7)}; later commits changed ${stale.join(", ")}`,
      });
  }
  const satisfied = areas.every((a) => a.missing === 0);
  const status: ApprovalStatus = { required: req.required, areas, ignored, satisfied };
  if (!satisfied) return { decision, status };
  const names = [...new Set(areas.flatMap((a) => a.approvedBy))].map((u) => `@${u}`).join(", ");
  return {
    decision: { ...decision, conclusion: "success", reason: `${decision.reason}; approved by ${names}` },
    status,
  };
}

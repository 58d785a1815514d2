// Dependency risks as located alerts (one per risky dependency, on the manifest line that
// declares it): the check run's annotations and SARIF results come from here.
import { ecosystemById } from "../core/dependencies/ecosystems/index.js";
import type { DependencyChange, Severity } from "../core/types.js";
import { severityRank } from "../core/types.js";

export interface DependencyAlert {
  /** `dependency/<kind>` of the worst risk. */
  ruleId: string;
  path: string;
  line: number;
  severity: Severity;
  title: string;
  message: string;
  /** Stable id: ecosystem, name, version, manifest. */
  key: string;
  dependency: DependencyChange;
}

export function describeDependency(d: DependencyChange): string {
  const version =
    d.resolvedVersion && d.resolvedVersion !== d.version ? `${d.version} (${d.resolvedVersion})` : d.version;
  return `${d.ecosystem} package ${d.name}@${version}, ${d.change}${d.direct ? "" : " (transitive)"}`;
}

export function dependencyAlerts(deps: readonly DependencyChange[]): DependencyAlert[] {
  const out: DependencyAlert[] = [];
  for (const d of deps) {
    if (d.change === "removed" || d.risks.length === 0) continue;
    const risks = [...d.risks].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    const worst = risks[0]!;
    const kinds = [...new Set(risks.map((r) => r.kind))].join(", ");
    const lines = [describeDependency(d), ""];
    for (const r of risks) lines.push(`- ${r.kind} (${r.severity}): ${r.detail}${r.url ? ` ${r.url}` : ""}`);
    if (d.url) lines.push("", `Registry: ${d.url}`);
    out.push({
      ruleId: `dependency/${worst.kind}`,
      path: d.manifest,
      line: d.line ?? 1,
      severity: worst.severity,
      title: `[${worst.severity}] ${d.name}: ${kinds}`,
      message: lines.join("\n"),
      key: `${d.ecosystem}\0${d.name}\0${d.version}\0${d.manifest}`,
      dependency: d,
    });
  }
  return out;
}

/** The package's public page (the look-up's answer when there was one). */
export function packagePage(d: DependencyChange): string | undefined {
  if (d.url) return d.url;
  return ecosystemById(d.ecosystem)?.packagePage(d.name);
}

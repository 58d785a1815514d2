// dependencies.ignore: risks accepted by configuration, applied after every check. An entry past
// its `until` date is dropped with a note, so its risks are reported again.
import type { DependenciesConfig, DependencyRiskKind } from "../../policy/schema.js";
import type { DependencyChange, DependencyRisk, IgnoredDependencyRisk } from "../../types.js";
import { matcherFor, type NameMatcher } from "../matchers.js";

export type ActiveIgnore = DependenciesConfig["ignore"][number] & { match: NameMatcher };

/** The entries still in force at `now` (ms; NaN: none expires), and a note for each expired one. */
export function compileIgnores(
  entries: DependenciesConfig["ignore"],
  now: number,
): { active: ActiveIgnore[]; notes: string[] } {
  const active: ActiveIgnore[] = [];
  const notes: string[] = [];
  for (const i of entries) {
    if (i.until && Number.isFinite(now) && Date.parse(`${i.until}T23:59:59Z`) < now)
      notes.push(`dependencies.ignore for ${i.name} expired on ${i.until}; its risks are reported again`);
    else active.push({ ...i, match: matcherFor(i) });
  }
  return { active, notes };
}

/** Splits a dependency's risks into those still reported and those an ignore entry accepts (with its reason). */
export function applyIgnores(
  dep: Pick<DependencyChange, "ecosystem" | "name">,
  risks: readonly DependencyRisk[],
  ignores: readonly ActiveIgnore[],
): { kept: DependencyRisk[]; ignored: IgnoredDependencyRisk[] } {
  const kept: DependencyRisk[] = [];
  const ignored: IgnoredDependencyRisk[] = [];
  for (const r of risks) {
    const ig = ignores.find(
      (i) => (!i.risks || i.risks.includes(r.kind as DependencyRiskKind)) && i.match.test(dep.ecosystem, dep.name),
    );
    if (ig) ignored.push({ ...r, reason: ig.reason });
    else kept.push(r);
  }
  return { kept, ignored };
}

// Builders for the risk-check tests: a validated config, a dependency change and a context at a fixed time.
import { factKey, type Advisory, type PackageFacts } from "../../../../src/core/dependencies/facts.js";
import type { ExtractedDependencyChange } from "../../../../src/core/dependencies/index.js";
import { riskContext, type RiskContext } from "../../../../src/core/dependencies/risks/context.js";
import { configSchema } from "../../../../src/core/policy/schema.js";

export const NOW = "2025-06-15T12:00:00.000Z";
const DAY = 86_400_000;
export const daysBefore = (n: number): string => new Date(Date.parse(NOW) - n * DAY).toISOString();

export function depsConfig(input: Record<string, unknown> = {}) {
  return configSchema.parse({ dependencies: input }).dependencies;
}

export function dep(over: Partial<ExtractedDependencyChange> = {}): ExtractedDependencyChange {
  return {
    ecosystem: "npm",
    name: "left-pad",
    version: "1.3.0",
    change: "added",
    manifest: "package.json",
    direct: true,
    risks: [],
    ...over,
  };
}

export interface ContextInput {
  config?: Record<string, unknown>;
  /** Facts of `d` (by its fact key). */
  pkg?: PackageFacts;
  advisories?: Advisory[];
  d?: ExtractedDependencyChange;
  offline?: boolean;
  now?: string;
}

export function context(input: ContextInput = {}): RiskContext {
  const d = input.d ?? dep();
  const key = factKey(d.ecosystem, d.name, d.version);
  const facts = input.offline
    ? undefined
    : {
        now: input.now ?? NOW,
        packages: input.pkg ? { [key]: input.pkg } : {},
        advisories: input.advisories ? { [key]: input.advisories } : {},
        notes: [],
      };
  return riskContext(depsConfig(input.config), facts, Date.parse(input.now ?? NOW)).context;
}

// "Policy in effect": the merged `.aiguard.yml` layers a review ran with, folded, for the
// check-run summary. Tiers the config leaves out come from aiguard's default policy.
import { parse, stringify } from "yaml";
import { defaultPolicyText } from "../core/policy/defaults.js";
import type { PolicyInEffect } from "../core/policy/config.js";

export type { PolicyInEffect };

/** At most this much YAML is shown; the rest is cut with a note. */
export const MAX_POLICY_CHARS = 20_000;

let defaultTiersYaml: string | undefined;
/** The default policy's tiers as YAML (read and rendered once). */
function defaultTiersText(): string {
  if (defaultTiersYaml === undefined) {
    const tiers = (parse(defaultPolicyText()) as { tiers?: unknown } | null)?.tiers;
    defaultTiersYaml = `# tiers: aiguard's default policy (no config sets tiers)\n${stringify({ tiers }, { lineWidth: 0 })}`;
  }
  return defaultTiersYaml;
}

function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}

export function renderPolicy(policy: PolicyInEffect, maxChars = MAX_POLICY_CHARS): string {
  const { tiers, ...rest } = policy.merged;
  let yaml = Object.keys(rest).length > 0 ? stringify(rest, { lineWidth: 0 }) : "";
  if (tiers !== undefined) {
    yaml += stringify({ tiers }, { lineWidth: 0 });
  } else {
    yaml += defaultTiersText();
  }
  if (yaml.length > maxChars)
    yaml = `${yaml.slice(0, maxChars)}\n# …cut short: the policy is longer than ${maxChars} characters`;
  const from =
    policy.sources.length === 0
      ? "No `.aiguard.yml` was found (in this repository at the base commit or in the organisation's `.github`): aiguard's defaults apply."
      : `Merged from ${policy.sources.map((s) => `\`${s}\``).join(" → ")} (later files win).`;
  const f = fence(yaml);
  return [
    "<details><summary>Policy in effect</summary>",
    "",
    from,
    "",
    `${f}yaml`,
    yaml.trimEnd(),
    f,
    "",
    "</details>",
  ].join("\n");
}

// Rule files: YAML text -> validated rule specs, with errors that name the file and the rule.
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { languageById, languageIds } from "../../lang/registry.js";
import { type RuleSpec, RuleSchema } from "./schema.js";
import { errorText } from "../../text.js";

export interface LoadedRule {
  spec: RuleSpec;
  origin: string;
}

export interface LoadResult {
  rules: LoadedRule[];
  errors: string[];
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const path = i.path.map(String).join(".");
      return path ? `${path}: ${i.message}` : i.message;
    })
    .join("; ");
}

/** Parse one rule file. Invalid rules are reported in `errors` and left out; valid ones still load. */
export function parseRuleFile(text: string, origin: string): LoadResult {
  const errors: string[] = [];
  const rules: LoadedRule[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (e) {
    return { rules, errors: [`${origin}: not valid YAML: ${errorText(e).split("\n")[0]}`] };
  }
  if (doc === null || doc === undefined) return { rules, errors: [`${origin}: the file holds no rules`] };
  let items: unknown[];
  if (Array.isArray(doc)) items = doc;
  else if (
    typeof doc === "object" &&
    doc !== null &&
    "rules" in doc &&
    Array.isArray((doc as { rules: unknown }).rules)
  )
    items = (doc as { rules: unknown[] }).rules;
  else items = [doc];

  items.forEach((item, i) => {
    const rawId =
      typeof item === "object" && item !== null && "id" in item ? String((item as { id: unknown }).id) : `#${i + 1}`;
    const parsed = RuleSchema.safeParse(item);
    if (!parsed.success) {
      errors.push(`${origin}: rule ${rawId}: ${formatIssues(parsed.error.issues)}`);
      return;
    }
    const unknown = parsed.data.languages.filter((l) => !languageById(l));
    if (unknown.length > 0) {
      errors.push(
        `${origin}: rule ${rawId}: unknown language ${unknown.join(", ")} (known: ${languageIds().join(", ")})`,
      );
      return;
    }
    rules.push({ spec: parsed.data, origin });
  });
  return { rules, errors };
}

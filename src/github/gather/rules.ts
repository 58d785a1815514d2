// A repository's own rule files (config `rules.paths`), read at the PR's base commit so a
// PR cannot weaken the rules that judge it. One GraphQL query for all directories.
import type { RuleSource } from "../../core/types.js";
import type { CallOptions, GitHub } from "../client/octokit.js";

export const MAX_RULE_FILES = 100;
export const MAX_RULE_FILE_BYTES = 256 * 1024;

interface BlobFields {
  text?: string | null;
  isBinary?: boolean | null;
  byteSize?: number;
}
interface TreeEntry {
  name: string;
  type: string;
  object?: BlobFields | null;
}
type PathObject = ({ __typename?: string; entries?: TreeEntry[] } & BlobFields) | null;

export function rulesQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `, $d${i}: String!`).join("");
  const fields = Array.from(
    { length: count },
    (_, i) =>
      `    d${i}: object(expression: $d${i}) { __typename ... on Blob { text isBinary byteSize } ... on Tree { entries { name type object { ... on Blob { text isBinary byteSize } } } } }`,
  ).join("\n");
  return `query aiguardRules($owner: String!, $name: String!${vars}) {\n  repository(owner: $owner, name: $name) {\n${fields}\n  }\n}`;
}

const isRuleFile = (name: string) => /\.ya?ml$/i.test(name);

export async function fetchCustomRules(
  octokit: GitHub,
  target: { owner: string; repo: string; baseSha: string; paths: readonly string[] },
  opts: CallOptions = {},
): Promise<{ rules: RuleSource[]; notes: string[] }> {
  const paths = [...new Set(target.paths.map((p) => p.replace(/^\.?\/+/, "").replace(/\/+$/, "")))].filter(Boolean);
  if (paths.length === 0) return { rules: [], notes: [] };
  const variables: Record<string, string> = {};
  paths.forEach((p, i) => (variables[`d${i}`] = `${target.baseSha}:${p}`));
  const data = await octokit.graphql<{ repository: Record<string, PathObject> | null }>(rulesQuery(paths.length), {
    owner: target.owner,
    name: target.repo,
    ...variables,
    ...(opts.signal ? { request: { signal: opts.signal } } : {}),
  });
  const rules: RuleSource[] = [];
  const notes: string[] = [];
  const add = (origin: string, blob: BlobFields | null | undefined) => {
    if (!blob || blob.isBinary || typeof blob.text !== "string") return;
    if ((blob.byteSize ?? 0) > MAX_RULE_FILE_BYTES) {
      notes.push(`rule file ${origin} skipped: over ${MAX_RULE_FILE_BYTES / 1024} KB`);
      return;
    }
    if (rules.length >= MAX_RULE_FILES) return;
    rules.push({ origin, text: blob.text });
  };
  paths.forEach((p, i) => {
    const obj = data.repository?.[`d${i}`];
    if (!obj) {
      notes.push(`rules path ${p} does not exist at the base commit ${target.baseSha.slice(0, 7)}`);
      return;
    }
    if (obj.entries) {
      for (const e of obj.entries) if (e.type === "blob" && isRuleFile(e.name)) add(`${p}/${e.name}`, e.object);
    } else if (isRuleFile(p)) {
      add(p, obj);
    }
  });
  const total = paths.reduce(
    (n, _, i) => n + (data.repository?.[`d${i}`]?.entries?.filter((e) => isRuleFile(e.name)).length ?? 0),
    0,
  );
  if (total > MAX_RULE_FILES) notes.push(`only the first ${MAX_RULE_FILES} custom rule files were loaded`);
  return { rules, notes };
}

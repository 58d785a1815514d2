// Head contents of the changed files: ONE GraphQL query per batch of files (aliased
// `object(expression:)` lookups), never one REST call per file.
import type { ChangedFile } from "../core/types.js";
import { type CallOptions, type GitHub } from "./octokit.js";

export const CONTENTS_BATCH_SIZE = 50;

interface BlobNode {
  __typename?: string;
  text?: string | null;
  isBinary?: boolean | null;
  byteSize?: number;
  isTruncated?: boolean;
}

type RepoObjects = Record<string, BlobNode | null>;

/**
 * The batched query. `withText[i]` false asks only whether blob i is binary and how big
 * (for files GitHub gave no patch for: their text would not be analysed anyway).
 */
export function contentsQuery(withText: readonly boolean[]): string {
  const vars = withText.map((_, i) => `, $e${i}: String!`).join("");
  const fields = withText
    .map((t, i) => `    f${i}: object(expression: $e${i}) { __typename ... on Blob { ${t ? "text isBinary byteSize isTruncated" : "isBinary byteSize"} } }`)
    .join("\n");
  return `query aiguardContents($owner: String!, $name: String!${vars}) {\n  repository(owner: $owner, name: $name) {\n${fields}\n  }\n}`;
}

/** Files whose head content is worth reading: present at head and not yet skipped. */
export function wantsContent(file: ChangedFile): boolean {
  return file.status !== "removed" && !file.skipped;
}

function kb(bytes: number): string {
  return `over ${Math.round(bytes / 1024)} KB`;
}

async function queryBatch(
  octokit: GitHub,
  owner: string,
  repo: string,
  expressions: string[],
  withText: boolean[],
  opts: CallOptions,
): Promise<RepoObjects> {
  const variables: Record<string, string> = {};
  expressions.forEach((e, i) => (variables[`e${i}`] = e));
  try {
    const data = await octokit.graphql<{ repository: RepoObjects | null }>(contentsQuery(withText), {
      owner,
      name: repo,
      ...variables,
      ...(opts.signal ? { request: { signal: opts.signal } } : {}),
    });
    return data.repository ?? {};
  } catch (err) {
    // Partial success (some objects failed): use what came back.
    const data = (err as { data?: { repository?: RepoObjects | null } }).data;
    if (data?.repository) return data.repository;
    throw err;
  }
}

/**
 * Fill `headContent` (or `skipped`) of each file that `wantsContent`, in place
 * (`select` narrows further, e.g. to files not ignored by the config).
 * Binary files are skipped as "binary"; blobs over `maxFileBytes` are skipped with a note;
 * a blob GitHub truncates is analysed from its diff alone.
 */
export async function fetchHeadContents(
  octokit: GitHub,
  target: { owner: string; repo: string; headSha: string; maxFileBytes: number },
  files: ChangedFile[],
  opts: CallOptions & { select?: ((file: ChangedFile) => boolean) | undefined } = {},
): Promise<{ notes: string[] }> {
  const notes: string[] = [];
  const wanted = files.filter((f) => wantsContent(f) && (opts.select?.(f) ?? true));
  const truncated: string[] = [];
  for (let start = 0; start < wanted.length; start += CONTENTS_BATCH_SIZE) {
    const batch = wanted.slice(start, start + CONTENTS_BATCH_SIZE);
    const objects = await queryBatch(
      octokit,
      target.owner,
      target.repo,
      batch.map((f) => `${target.headSha}:${f.path}`),
      batch.map((f) => Boolean(f.patch)),
      opts,
    );
    batch.forEach((file, i) => {
      const node = objects[`f${i}`];
      if (!node) {
        file.skipped = "not found at the head commit";
        return;
      }
      if (node.__typename && node.__typename !== "Blob") {
        file.skipped = node.__typename === "Commit" ? "submodule" : "not a file";
        return;
      }
      if (node.isBinary) {
        file.skipped = "binary";
        return;
      }
      if (typeof node.byteSize === "number" && node.byteSize > target.maxFileBytes) {
        file.skipped = kb(target.maxFileBytes);
        return;
      }
      if (!file.patch) return; // no diff to analyse; the core notes it
      if (node.isTruncated || typeof node.text !== "string") {
        truncated.push(file.path);
        return; // headContent stays undefined: the core analyses the lines in the diff
      }
      file.headContent = node.text;
    });
  }
  if (truncated.length > 0) {
    const shown = truncated.slice(0, 5).join(", ");
    const more = truncated.length > 5 ? ` and ${truncated.length - 5} more` : "";
    notes.push(`GitHub returned truncated contents for ${truncated.length} file${truncated.length === 1 ? "" : "s"} (only the diff was analysed): ${shown}${more}`);
  }
  return { notes };
}

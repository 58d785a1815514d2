// Head contents of the changed files: ONE GraphQL query per batch of files (aliased
// `object(expression:)` lookups), never one REST call per file.
import { MAX_MANIFEST_BYTES, touchesDependencies } from "../../core/dependencies/index.js";
import { reverseApply } from "../../core/diff/patch.js";
import { secretScanOmits } from "../../core/secrets/scan.js";
import type { ChangedFile } from "../../core/types.js";
import { compareCommits } from "./compare.js";
import { type CallOptions, type GitHub } from "../client/octokit.js";
import { readRawFile } from "./raw-file.js";
import { plural } from "../../core/text.js";

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
    .map(
      (t, i) =>
        `    f${i}: object(expression: $e${i}) { __typename ... on Blob { ${t ? "text isBinary byteSize isTruncated" : "isBinary byteSize"} } }`,
    )
    .join("\n");
  return `query aiguardContents($owner: String!, $name: String!${vars}) {\n  repository(owner: $owner, name: $name) {\n${fields}\n  }\n}`;
}

/** Files whose head content is worth reading: present at head and not yet skipped. */
export function wantsContent(file: ChangedFile): boolean {
  return file.status !== "removed" && !file.skipped;
}

/**
 * Files GraphQL cut short, read whole through the REST raw media type: one request each (GitHub
 * has no batch form), all at once. A file that cannot be read is absent from the answer.
 */
async function readWhole(
  octokit: GitHub,
  repo: { owner: string; repo: string },
  ref: string,
  wanted: Array<{ file: ChangedFile; path: string }>,
  opts: CallOptions,
): Promise<Map<ChangedFile, string>> {
  const texts = await Promise.all(
    wanted.map((w) => readRawFile(octokit, { owner: repo.owner, repo: repo.repo, path: w.path, ref }, opts)),
  );
  return new Map(
    wanted.flatMap((w, i) => (texts[i] === null || texts[i] === undefined ? [] : [[w.file, texts[i]] as const])),
  );
}

/** Manifests and lockfiles are read whole (text even without a patch, up to MAX_MANIFEST_BYTES). */
function isManifest(file: ChangedFile): boolean {
  return touchesDependencies(file);
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
 * Binary files are skipped as "binary". Blobs over `maxFileBytes` are read for the secrets scan
 * (up to SECRET_SCAN_MAX_BYTES each and SECRET_SCAN_TOTAL_BYTES in all, through REST when GraphQL
 * cuts them short); beyond that `headOmitted` says why and the core scans the patch's lines.
 * A blob GitHub truncates is analysed from its diff alone.
 */
export async function fetchHeadContents(
  octokit: GitHub,
  target: { owner: string; repo: string; headSha: string; maxFileBytes: number },
  files: ChangedFile[],
  opts: CallOptions & {
    select?: ((file: ChangedFile) => boolean) | undefined;
    /** Other small files to read at the head in the first batch (no extra request): the root manifests. */
    alsoRead?: readonly string[] | undefined;
  } = {},
): Promise<{ notes: string[]; also: Map<string, string> }> {
  const notes: string[] = [];
  const also = new Map<string, string>();
  const wanted = files.filter((f) => wantsContent(f) && (opts.select?.(f) ?? true));
  const truncated: string[] = [];
  const manifestsToRead: ChangedFile[] = [];
  // Files over maxFileBytes read for the secrets scan: those GraphQL cut short, and the bytes so far.
  const large = { toRead: [] as ChangedFile[], bytes: 0 };
  for (let start = 0; start < wanted.length; start += CONTENTS_BATCH_SIZE) {
    const batch = wanted.slice(start, start + CONTENTS_BATCH_SIZE);
    const extra = start === 0 ? (opts.alsoRead ?? []) : [];
    const objects = await queryBatch(
      octokit,
      target.owner,
      target.repo,
      [...batch.map((f) => `${target.headSha}:${f.path}`), ...extra.map((p) => `${target.headSha}:${p}`)],
      [...batch.map((f) => Boolean(f.patch) || isManifest(f)), ...extra.map(() => true)],
      opts,
    );
    extra.forEach((path, j) => {
      const node = objects[`f${batch.length + j}`];
      if (node && !node.isBinary && !node.isTruncated && typeof node.text === "string") also.set(path, node.text);
    });
    batch.forEach((file, i) => {
      const manifest = isManifest(file);
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
      const size = typeof node.byteSize === "number" ? node.byteSize : 0;
      if (size > 0) file.headBytes = size;
      if (manifest && size > MAX_MANIFEST_BYTES)
        notes.push(`${file.path}: over ${MAX_MANIFEST_BYTES / 1024 / 1024} MB, its dependencies were not read`);
      else if (manifest) {
        // Dependencies come from the whole file, however large (lockfiles are); over maxFileBytes
        // the core runs only the secrets scan on it.
        if (node.isTruncated || typeof node.text !== "string") manifestsToRead.push(file);
        else file.headContent = node.text;
        if (size > target.maxFileBytes) large.bytes += size;
        return;
      }
      if (!file.patch) return; // no diff to analyse; the core notes it
      if (size > target.maxFileBytes) {
        // Over the limit: read for the secrets scan alone, within bounds; beyond, the patch's lines.
        const omitted = secretScanOmits(size, large.bytes);
        if (omitted !== null) file.headOmitted = omitted;
        else if (!node.isTruncated && typeof node.text === "string") file.headContent = node.text;
        else large.toRead.push(file);
        if (omitted === null) large.bytes += size;
        return;
      }
      if (node.isTruncated || typeof node.text !== "string") {
        truncated.push(file.path);
        return; // headContent stays undefined: the core analyses the lines in the diff
      }
      file.headContent = node.text;
    });
  }
  const whole = await readWhole(
    octokit,
    target,
    target.headSha,
    [...manifestsToRead, ...large.toRead].map((file) => ({ file, path: file.path })),
    opts,
  );
  for (const file of manifestsToRead) {
    const text = whole.get(file);
    if (text === undefined)
      notes.push(`${file.path}: could not read the whole file at the head commit, its dependencies were not read`);
    else file.headContent = text;
  }
  for (const file of large.toRead) {
    const text = whole.get(file);
    if (text === undefined) file.headOmitted = "could not be read whole at the head commit";
    else file.headContent = text;
  }
  if (truncated.length > 0) {
    const shown = truncated.slice(0, 5).join(", ");
    const more = truncated.length > 5 ? ` and ${truncated.length - 5} more` : "";
    notes.push(
      `GitHub returned truncated contents for ${plural(truncated.length, "file")} (only the diff was analysed): ${shown}${more}`,
    );
  }
  return { notes, also };
}

/**
 * The base side of changed manifests and lockfiles, for the dependency diff. Where GitHub gave a
 * patch, the base is the head with the patch reversed (no request at all). A manifest without a
 * usable patch (GitHub leaves out large diffs, e.g. lockfiles) is read at the merge base:
 * one compare call for the merge base, then one GraphQL query for all such files.
 */
export async function fetchManifestBases(
  octokit: GitHub,
  target: { owner: string; repo: string; baseSha: string; headSha: string },
  files: ChangedFile[],
  opts: CallOptions & { select?: ((file: ChangedFile) => boolean) | undefined } = {},
): Promise<{ notes: string[] }> {
  const notes: string[] = [];
  const pending: ChangedFile[] = [];
  for (const f of files) {
    if (!isManifest(f) || f.status === "added" || !(opts.select?.(f) ?? true)) continue;
    if (f.patch && (f.headContent !== undefined || f.status === "removed")) {
      const base = reverseApply(f.status === "removed" ? "" : f.headContent!, f.patch);
      if (base !== null) {
        f.baseContent = base;
        continue;
      }
    }
    if (f.status === "removed" || f.headContent !== undefined) pending.push(f);
  }
  if (pending.length === 0) return { notes };
  const comparison = await compareCommits(
    octokit,
    { owner: target.owner, repo: target.repo, base: target.baseSha, head: target.headSha },
    opts,
  );
  if (!comparison?.mergeBase)
    notes.push(
      `could not find the merge base of ${target.baseSha.slice(0, 7)} and ${target.headSha.slice(0, 7)}; manifests were compared with the base commit itself`,
    );
  const mergeBase = comparison?.mergeBase ?? target.baseSha;
  const cutShort: ChangedFile[] = [];
  for (let start = 0; start < pending.length; start += CONTENTS_BATCH_SIZE) {
    const batch = pending.slice(start, start + CONTENTS_BATCH_SIZE);
    const objects = await queryBatch(
      octokit,
      target.owner,
      target.repo,
      batch.map((f) => `${mergeBase}:${f.previousPath ?? f.path}`),
      batch.map(() => true),
      opts,
    );
    for (const [i, file] of batch.entries()) {
      const node = objects[`f${i}`];
      if (!node || node.__typename !== "Blob" || node.isBinary) continue; // unreadable at the base: the core notes it and compares nothing
      // Without a base the core compares nothing and says so.
      if (typeof node.byteSize === "number" && node.byteSize > MAX_MANIFEST_BYTES)
        notes.push(
          `${file.path}: the base version is over ${MAX_MANIFEST_BYTES / 1024 / 1024} MB, its dependency changes were not read`,
        );
      else if (!node.isTruncated && typeof node.text === "string") file.baseContent = node.text;
      else cutShort.push(file);
    }
  }
  const whole = await readWhole(
    octokit,
    target,
    mergeBase,
    cutShort.map((file) => ({ file, path: file.previousPath ?? file.path })),
    opts,
  );
  for (const [file, text] of whole) file.baseContent = text;
  return { notes };
}

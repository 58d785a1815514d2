// Read one file's text through the REST contents API with the raw media type.
import { httpStatus, requestOptions, type CallOptions, type GitHub } from "../client/octokit.js";

export interface FileLocation {
  owner: string;
  repo: string;
  path: string;
  /** Commit, branch or tag; the repository's default branch when omitted. */
  ref?: string | undefined;
}

function decode(data: unknown): string | null {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  // A JSON answer: the raw media type was ignored (a file object) or the path is a directory.
  if (data && typeof data === "object" && !Array.isArray(data)) {
    const o = data as { type?: string; content?: string; encoding?: string };
    if (o.type === "file" && typeof o.content === "string") {
      return o.encoding === "base64" ? Buffer.from(o.content, "base64").toString("utf8") : o.content;
    }
  }
  return null;
}

/** The file's text, or null when it does not exist (404) or is not a file. Other errors throw. */
export async function readRawFile(octokit: GitHub, loc: FileLocation, opts: CallOptions = {}): Promise<string | null> {
  try {
    const res = await octokit.rest.repos.getContent({
      owner: loc.owner,
      repo: loc.repo,
      path: loc.path,
      ...(loc.ref ? { ref: loc.ref } : {}),
      mediaType: { format: "raw" },
      ...requestOptions(opts),
    });
    return decode(res.data as unknown);
  } catch (err) {
    if (httpStatus(err) === 404) return null;
    throw err;
  }
}

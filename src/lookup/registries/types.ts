// One module per registry; all share this interface (index.ts lists them, keyed by ecosystem id).
import type { PackageFacts } from "../../core/dependencies/facts.js";
import type { HttpClient } from "../http.js";

export interface RegistryLookup {
  /** Default base URL (public registry); deployments may point it at a mirror. */
  defaultBaseUrl: string;
  /**
   * Whether a declared version names a package of this registry at all (npm: not a git URL,
   * tarball, local path or alias). Specs that do not are never looked up. Default: all do.
   */
  names?(version: string): boolean;
  /**
   * Look up one package. `version` is what the manifest declared (exact, a range, or "" when
   * unknown); modules resolve ranges against the registry's version list when they can.
   * A 404 (or 410) for the package means `{ exists: false }`. Any other failure throws
   * (an HttpError); the caller turns that into a "could not verify" note.
   */
  lookup(name: string, version: string, ctx: { http: HttpClient; baseUrl: string }): Promise<PackageFacts>;
}

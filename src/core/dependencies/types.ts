// The shapes every ecosystem module shares: extracted dependencies, EcosystemId and EcosystemModule.
import type { PopularIndex, TyposquatAffixes, TyposquatMatch } from "./typosquat/types.js";

/** One dependency as declared or resolved by a single manifest or lockfile. */
export interface ExtractedDep {
  name: string;
  version: string;
  /** Declared by the project itself (not pulled in by another package). */
  direct: boolean;
  /** 1-based line in the file where it is declared. */
  line?: number | undefined;
  /** The lockfile says the package runs an install script (npm hasInstallScript, pnpm requiresBuild). */
  installScript?: boolean | undefined;
  dev?: boolean | undefined;
  /** The file that declares it, when not the file being extracted (e.g. a `-r` include). */
  file?: string | undefined;
  /** Read from a patch whose lines do not show the block it sits in: taken for a dependency by its form. */
  guessed?: boolean | undefined;
}

/** One side of one hunk of a patch: its context lines with its added (head) or removed (base) lines. */
export interface PatchFragment {
  /** What git wrote after the hunk's `@@ … @@`: the last unindented line above it (`require (`), or "". */
  header: string;
  /** In order, each with its line number on that side. */
  lines: readonly { text: string; line: number }[];
}

/** What an extractor may ask of the change set, at the same side (base or head). */
export interface ExtractContext {
  /** Content of another given file at the same side, or undefined. Paths are repo-relative. */
  read(path: string): string | undefined;
  note(message: string): void;
}

/** The ecosystems, as the review names them (these strings are part of the public output). */
export type EcosystemId = "npm" | "PyPI" | "Go" | "Maven" | "crates.io";

/** The id of an ecosystem's popular-package list in the typosquat index (and the labeled test list). */
export type TyposquatEcosystem = "npm" | "pypi" | "go" | "maven" | "cargo";

/** Other names of an ecosystem, each list lower case. */
export interface EcosystemAliases {
  /** Accepted for `ecosystem:` in .aiguard.yml (matched case-insensitively). */
  config: readonly string[];
  /** Accepted for `--registry NAME=URL` (matched case-insensitively). */
  registry: readonly string[];
  /** The suffix of its AIGUARD_REGISTRY_<NAME> variable (upper case). */
  env: string;
  /** GitHub's dependency-review ecosystem names. */
  github: readonly string[];
  /** Its package-URL type (`pkg:<type>/...`). */
  purl: string;
}

/** What the offline typosquat check needs to know of an ecosystem. */
export interface TyposquatHooks {
  list: TyposquatEcosystem;
  /** Most popular first: a JSON array of names shipped beside the module. */
  popular: URL;
  /** Affixes a look-alike adds to or drops from a popular name (in canonical form). */
  affixes: TyposquatAffixes;
  /** Folds a lower-case canonical name to the family the look-alike check compares (Go: no /vN). */
  fold?(name: string): string;
  /** The part of a canonical name compared by edit distance (default: all of it; npm: without its scope). */
  core?(canon: string): string;
  /**
   * The namespace the registry ties to an owner (an npm scope, a Go module owner, a Maven groupId),
   * or null (default: none). A name inside the namespace of a popular package is never flagged.
   */
  namespace?(canon: string): string | null;
  /**
   * Whether a popular name goes into the edit-distance index (default: every name). npm leaves
   * scoped names out (they are compared within their scope), Maven every name (it compares by groupId).
   */
  editIndexed?(canon: string): boolean;
  /** The look-alike keys of a canonical name (default: its core without affix, separators and homoglyphs, and with its affix). */
  keys?(canon: string): string[];
  /**
   * The ecosystem's own check of a name not on its list, prepared once per index (default: the
   * un-namespaced check, `checkFlat`). Returns the popular entry the name imitates, or null.
   */
  check?(index: PopularIndex): (canon: string) => TyposquatMatch | null;
}

/** One module per ecosystem: everything aiguard knows of it, except the registry I/O (src/lookup/registries). */
export interface EcosystemModule {
  /** Ecosystem name as it appears in the review (`npm`, `PyPI`, ...). */
  id: EcosystemId;
  aliases: EcosystemAliases;
  matches(path: string): boolean;
  /** Lockfiles resolve versions; manifests declare them. */
  isLockfile(path: string): boolean;
  /**
   * Every line of the file stands alone (requirements.txt), so the lines a patch shows are
   * enough to see what it added and removed, without the whole file (a bare diff).
   */
  lineBased?(path: string): boolean;
  /** Throws on malformed content; the caller turns that into a note. */
  extract(path: string, content: string, ctx: ExtractContext): ExtractedDep[];
  /**
   * A manifest seen only through a patch (a bare diff): the dependencies one side of one hunk
   * declares, from its lines alone (never throws). Both sides are read and compared, so only
   * what the patch shows is compared. Undefined: this file cannot be read from a patch (a lockfile).
   */
  fromPatch?(path: string, fragment: PatchFragment): ExtractedDep[] | undefined;
  /**
   * The name as the registry compares names: two names with the same canonical name are one
   * package. Used for allow/deny/private matching, matching GitHub's advisories and the typosquat index.
   */
  canonicalName(name: string): string;
  /** The registry ignores case in names (allow/deny globs then match without case). */
  caseInsensitive: boolean;
  /** The version names no registry package but a local one (npm `file:`, a Go `replace` by a directory). */
  isLocalSpec?(version: string): boolean;
  /** An exact version from a declared one, or null for a range (default: a plain, optionally `=`/`v`-prefixed, version). */
  exactVersion?(declared: string): string | null;
  /** The package's public page. */
  packagePage(name: string): string | undefined;
  /** How OSV names the ecosystem, and the version form it lists (Go: without the leading `v`). */
  osv: { ecosystem: string; version?(exact: string): string };
  /** Languages whose imports name its packages, and the module an import names (Maven: the groupId). */
  imports: { languages: readonly string[]; module?(name: string): string };
  typosquat: TyposquatHooks;
}

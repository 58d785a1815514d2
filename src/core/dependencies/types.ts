// Shared shapes for the per-ecosystem dependency extractors (renovate-style managers).

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
}

/** What an extractor may ask of the change set, at the same side (base or head). */
export interface ExtractContext {
  /** Content of another given file at the same side, or undefined. Paths are repo-relative. */
  read(path: string): string | undefined;
  note(message: string): void;
}

/** One module per ecosystem; all share this interface. */
export interface EcosystemModule {
  /** Ecosystem name as it appears in the review (`npm`, `PyPI`, ...). */
  id: string;
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
}

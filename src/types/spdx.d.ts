// Type declarations for the SPDX helper packages (they ship none).
declare module "spdx-satisfies" {
  /** true when `expression` can be satisfied by licences in `allowed` (SPDX ids or expressions). */
  function satisfies(expression: string, allowed: string[]): boolean;
  export default satisfies;
}
declare module "spdx-correct" {
  /** The SPDX id a free-text licence name most likely means, or null. */
  function correct(name: string, options?: { upgrade?: boolean }): string | null;
  export default correct;
}
declare module "spdx-expression-parse" {
  export type SpdxNode =
    | { license: string; plus?: boolean; exception?: string }
    | { left: SpdxNode; conjunction: "and" | "or"; right: SpdxNode };
  function parse(expression: string): SpdxNode;
  export default parse;
}

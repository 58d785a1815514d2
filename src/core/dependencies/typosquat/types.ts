// The shapes the typosquat check shares with the ecosystem modules' hooks: a popular list's
// index, its entries, a look-alike match, and an ecosystem's affixes.

/** Affixes a look-alike adds to or drops from a popular name (in canonical form). */
export interface TyposquatAffixes {
  prefixes: readonly string[];
  suffixes: readonly string[];
  /** Prefixes glued on without a separator (`nodefabric`), only before a distinctive rest of 5 or more. */
  glued?: readonly string[] | undefined;
}

/** One name of a popular list. */
export interface PopularEntry {
  /** As listed. */
  name: string;
  /** Canonical form. */
  canon: string;
  /** The part compared by edit distance (npm: name without scope; Go: path without host; Maven: artifactId). */
  core: string;
  /** The namespace the registry ties to an owner (npm scope, Go owner, Maven groupId), or null. */
  namespace: string | null;
  /** Position in the list, 0 the most popular. */
  rank: number;
  /** Bitmask of the character classes in core (see charMask). */
  mask: number;
}

/** A popular list, indexed for the look-alike checks. */
export interface PopularIndex {
  entries: readonly PopularEntry[];
  /** The canonical names on the list. */
  canon: ReadonlySet<string>;
  /** canonical name -> entry */
  byCanon: ReadonlyMap<string, PopularEntry>;
  /** Entries ranked below this count are "very popular" (severity). */
  veryPopular: number;
  /** deletion variant (0 or 1 deletion) of an entry's core -> entry ids */
  deletions: ReadonlyMap<string, readonly number[]>;
  /** core length -> ids of the entries with that length (for the distance-2 scan) */
  byLength: ReadonlyMap<number, readonly number[]>;
  /** look-alike key -> entry ids */
  keys: ReadonlyMap<string, readonly number[]>;
  /** The namespaces popular packages live under. */
  namespaces: ReadonlySet<string>;
  /** The ecosystem's affixes. */
  affixes: TyposquatAffixes;
  /** The look-alike keys of a canonical name (as the index was keyed). */
  keysOf(canon: string): string[];
}

/** A popular entry a name imitates, and how. */
export interface TyposquatMatch {
  entry: PopularEntry;
  /** Edit distance, or null for a separator / affix / homoglyph / namespace look-alike. */
  distance: number | null;
  detail: string;
  /** Strong evidence (an added or swapped affix, a look-alike scope): high severity for a very popular target. */
  strong: boolean;
  /**
   * The name sits in the popular package's own namespace (a Go owner, a Maven groupId), which only
   * its owner can publish to: a typo or a hallucinated sibling more than a planted package, so medium.
   */
  sibling?: boolean | undefined;
}

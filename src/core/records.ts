// The type guard for parsed data (JSON, YAML, TOML, XML): is a value a plain key-value record?
// Pure; imports nothing.

/** An object that is neither null nor an array: a mapping whose keys can be read. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

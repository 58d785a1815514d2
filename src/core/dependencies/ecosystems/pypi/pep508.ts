// PEP 508 requirement strings and PEP 503 name normalisation.

export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

export interface Requirement {
  name: string;
  /** `==x` → `x`; other specifiers kept as written (`>=2,<3`); `*` if none. */
  version: string;
  url?: string | undefined;
}

export function parseRequirement(text: string): Requirement | undefined {
  const noMarker = text.split(";")[0]?.trim() ?? "";
  const m = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/.exec(noMarker);
  if (!m?.[1]) return undefined;
  const rest = (m[3] ?? "").trim();
  if (rest.startsWith("@"))
    return { name: normalizePypiName(m[1]), version: rest.slice(1).trim(), url: rest.slice(1).trim() };
  const spec = rest.replace(/^\(|\)$/g, "").replace(/\s+/g, "");
  const exact = /^===?([^,]+)$/.exec(spec);
  return { name: normalizePypiName(m[1]), version: exact?.[1] ?? (spec || "*") };
}

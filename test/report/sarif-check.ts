// A structural check of the SARIF 2.1.0 subset GitHub code scanning reads. Returns the problems found.
type Json = Record<string, any>;

const LEVELS = ["none", "note", "warning", "error"];

function isUriReference(u: unknown): boolean {
  if (typeof u !== "string" || u.length === 0) return false;
  if (/[\s"<>\\^`{|}]/.test(u)) return false;
  try {
    new URL(u, "file:///root/");
    return true;
  } catch {
    return false;
  }
}

export function checkSarif(log: Json): string[] {
  const p: string[] = [];
  if (typeof log.$schema !== "string" || !/sarif.*2\.1\.0/.test(log.$schema)) p.push("$schema must name SARIF 2.1.0");
  if (log.version !== "2.1.0") p.push('version must be "2.1.0"');
  if (!Array.isArray(log.runs) || log.runs.length !== 1) {
    p.push("runs must hold exactly one run");
    return p;
  }
  const run = log.runs[0] as Json;
  const driver = run.tool?.driver as Json | undefined;
  if (!driver || typeof driver.name !== "string" || !driver.name) p.push("tool.driver.name is required");
  if (driver && typeof driver.version !== "string") p.push("tool.driver.version should be a string");
  if (driver && !/^https?:\/\//.test(driver.informationUri ?? ""))
    p.push("tool.driver.informationUri should be an absolute URI");
  const rules = (driver?.rules ?? []) as Json[];
  if (!Array.isArray(rules)) p.push("tool.driver.rules must be an array");
  const ids = new Set<string>();
  rules.forEach((r, i) => {
    const at = `rules[${i}]`;
    if (typeof r.id !== "string" || !r.id) p.push(`${at}.id is required`);
    if (ids.has(r.id)) p.push(`${at}.id ${r.id} is not unique`);
    ids.add(r.id);
    for (const k of ["shortDescription", "fullDescription"])
      if (typeof r[k]?.text !== "string" || !r[k].text) p.push(`${at}.${k}.text is required`);
    if (typeof r.help?.text !== "string") p.push(`${at}.help.text is required`);
    if (typeof r.help?.markdown !== "string") p.push(`${at}.help.markdown is required`);
    if (!LEVELS.includes(r.defaultConfiguration?.level)) p.push(`${at}.defaultConfiguration.level is invalid`);
    const props = r.properties ?? {};
    if (!Array.isArray(props.tags) || !props.tags.every((t: unknown) => typeof t === "string"))
      p.push(`${at}.properties.tags must be strings`);
    else if (!props.tags.includes("security")) p.push(`${at}.properties.tags must include "security"`);
    if (!["very-high", "high", "medium", "low"].includes(props.precision))
      p.push(`${at}.properties.precision is invalid`);
    const sev = props["security-severity"];
    if (typeof sev !== "string" || !/^\d+(\.\d+)?$/.test(sev) || Number(sev) > 10)
      p.push(`${at}.properties.security-severity must be a numeric string 0-10`);
  });
  if (!Array.isArray(run.results)) {
    p.push("results must be an array");
    return p;
  }
  (run.results as Json[]).forEach((res, i) => {
    const at = `results[${i}]`;
    if (typeof res.message?.text !== "string" || !res.message.text) p.push(`${at}.message.text is required`);
    if (typeof res.ruleId !== "string") p.push(`${at}.ruleId is required`);
    if (typeof res.ruleIndex !== "number" || rules[res.ruleIndex]?.id !== res.ruleId)
      p.push(`${at}.ruleIndex does not point at its rule`);
    if (!LEVELS.includes(res.level)) p.push(`${at}.level is invalid`);
    if (!Array.isArray(res.locations) || res.locations.length < 1) p.push(`${at}.locations must hold a location`);
    for (const loc of res.locations ?? []) {
      const pl = loc.physicalLocation;
      if (!isUriReference(pl?.artifactLocation?.uri))
        p.push(`${at} artifactLocation.uri is not a URI reference: ${pl?.artifactLocation?.uri}`);
      if (String(pl?.artifactLocation?.uri).startsWith("/")) p.push(`${at} artifactLocation.uri must be relative`);
      if (pl?.artifactLocation?.uriBaseId !== "%SRCROOT%") p.push(`${at} uriBaseId should be %SRCROOT%`);
      const reg = pl?.region;
      if (!Number.isInteger(reg?.startLine) || reg.startLine < 1) p.push(`${at} region.startLine must be >= 1`);
      if (reg?.endLine !== undefined && (!Number.isInteger(reg.endLine) || reg.endLine < reg.startLine))
        p.push(`${at} region.endLine must be >= startLine`);
    }
    const fp = res.partialFingerprints;
    if (
      !fp ||
      typeof fp !== "object" ||
      Object.keys(fp).length === 0 ||
      !Object.values(fp).every((v) => typeof v === "string")
    ) {
      p.push(`${at}.partialFingerprints must map names to strings`);
    }
    if (res.suppressions !== undefined) {
      if (!Array.isArray(res.suppressions)) p.push(`${at}.suppressions must be an array`);
      for (const s of res.suppressions ?? []) {
        if (!["inSource", "external"].includes(s.kind)) p.push(`${at}.suppressions[].kind is invalid`);
        if (s.status !== undefined && !["accepted", "underReview", "rejected"].includes(s.status))
          p.push(`${at}.suppressions[].status is invalid`);
      }
    }
  });
  return p;
}

// Maven ecosystem: its names, page and typosquat hooks; pom.xml <dependencies> and <dependencyManagement> (${property} versions resolved).
import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { EcosystemModule, ExtractedDep } from "../../types.js";
import { basename, escapeRegex, findLine, isRecord } from "../../util.js";
import { pomFromPatch } from "./pom-patch.js";
import { mavenTyposquat } from "./typosquat.js";

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === "dependency",
});

function text(v: unknown): string {
  return typeof v === "string" || typeof v === "number" ? String(v).trim() : "";
}

function resolve(value: string, props: Map<string, string>, depth = 0): string {
  if (depth > 10) return value;
  const out = value.replace(/\$\{([^}]+)\}/g, (whole, key: string) => props.get(key) ?? whole);
  return out !== value && out.includes("${") ? resolve(out, props, depth + 1) : out;
}

export function extractPom(content: string): ExtractedDep[] {
  const valid = XMLValidator.validate(content);
  if (valid !== true) throw new Error(`${valid.err.msg} (line ${valid.err.line})`);
  const doc: unknown = parser.parse(content);
  const project = isRecord(doc) ? doc["project"] : undefined;
  if (!isRecord(project)) throw new Error("no <project> element");
  const props = new Map<string, string>();
  if (isRecord(project["properties"]))
    for (const [k, v] of Object.entries(project["properties"])) props.set(k, text(v));
  const parent = isRecord(project["parent"]) ? project["parent"] : {};
  const projectVersion = text(project["version"]) || text(parent["version"]);
  if (projectVersion) props.set("project.version", projectVersion).set("pom.version", projectVersion);
  const groupId = text(project["groupId"]) || text(parent["groupId"]);
  if (groupId) props.set("project.groupId", groupId);

  const lists: unknown[] = [project["dependencies"]];
  if (isRecord(project["dependencyManagement"])) lists.push(project["dependencyManagement"]["dependencies"]);
  const out: ExtractedDep[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    if (!isRecord(list) || !Array.isArray(list["dependency"])) continue;
    for (const dep of list["dependency"]) {
      if (!isRecord(dep)) continue;
      const name = `${resolve(text(dep["groupId"]), props)}:${resolve(text(dep["artifactId"]), props)}`;
      if (seen.has(name)) continue;
      seen.add(name);
      const artifact = text(dep["artifactId"]);
      out.push({
        name,
        version: resolve(text(dep["version"]), props),
        direct: true,
        dev: text(dep["scope"]) === "test",
        line: findLine(content, new RegExp(`<artifactId>\\s*${escapeRegex(artifact)}\\s*</artifactId>`)),
      });
    }
  }
  return out;
}

export const maven: EcosystemModule = {
  id: "Maven",
  aliases: { config: ["maven"], registry: ["maven"], env: "MAVEN", github: ["maven"], purl: "maven" },
  matches: (path) => basename(path) === "pom.xml",
  isLockfile: () => false,
  extract: (_path, content) => extractPom(content),
  fromPatch: (_path, fragment) => pomFromPatch(fragment),
  canonicalName: (name) => name,
  caseInsensitive: false,
  packagePage(name) {
    const [g, a] = name.split(":");
    return g && a
      ? `https://central.sonatype.com/artifact/${encodeURIComponent(g)}/${encodeURIComponent(a)}`
      : undefined;
  },
  osv: { ecosystem: "Maven" },
  // Java code imports packages; a Maven artifact's groupId is the closest name it has.
  imports: { languages: ["java"], module: (name) => name.split(":")[0] ?? name },
  typosquat: mavenTyposquat,
};

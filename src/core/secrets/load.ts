// Loading secret detectors from YAML (rules/secrets/*.yml).
import { parse as parseYaml } from "yaml";
import { type SecretDetector, compileDetector } from "./detectors.js";
import { AssignmentDetectorSchema, PatternDetectorSchema, PemDetectorSchema } from "./schema.js";
import { errorText } from "../text.js";

export interface SecretLoadResult {
  detectors: SecretDetector[];
  errors: string[];
}

export function parseSecretFile(text: string, origin: string): SecretLoadResult {
  const detectors: SecretDetector[] = [];
  const errors: string[] = [];
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { detectors, errors: [`${origin}: not valid YAML: ${errorText(e).split("\n")[0]}`] };
  }
  const items = Array.isArray(doc) ? doc : [doc];
  items.forEach((item, i) => {
    const rawId =
      typeof item === "object" && item !== null && "id" in item ? String((item as { id: unknown }).id) : `#${i + 1}`;
    const kind =
      typeof item === "object" && item !== null && "kind" in item ? (item as { kind: unknown }).kind : "pattern";
    const schema =
      kind === "assignment"
        ? AssignmentDetectorSchema
        : kind === "pem-block"
          ? PemDetectorSchema
          : PatternDetectorSchema;
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      const msg = parsed.error.issues
        .map((x) => (x.path.length ? `${x.path.join(".")}: ${x.message}` : x.message))
        .join("; ");
      errors.push(`${origin}: secret detector ${rawId}: ${msg}`);
      return;
    }
    try {
      detectors.push(compileDetector(parsed.data));
    } catch (e) {
      errors.push(`${origin}: secret detector ${rawId}: ${errorText(e)}`);
    }
  });
  return { detectors, errors };
}

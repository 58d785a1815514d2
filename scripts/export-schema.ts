// Writes schema/aiguard.schema.json from the zod schema (`npm run schema`).
// A test checks that the committed file stays in sync.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../src/core/policy/schema.js";

export function schemaFileText(): string {
  const schema = {
    ...configJsonSchema(),
    $id: "https://github.com/aiguard/aiguard/schema/aiguard.schema.json",
    title: ".aiguard.yml",
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = new URL("../schema/aiguard.schema.json", import.meta.url);
  writeFileSync(target, schemaFileText());
  console.log(`wrote ${fileURLToPath(target)}`);
}

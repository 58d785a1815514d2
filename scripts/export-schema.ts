// Writes schema/aiguard.schema.json (the config) and schema/review.schema.json (the review's
// JSON) from their zod schemas (`npm run schema`). A test checks that the committed files stay in sync.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { configJsonSchema } from "../src/core/policy/schema.js";
import { reviewJsonSchemaDocument } from "../src/report/review-schema.js";

export function schemaFileText(): string {
  const schema = {
    ...configJsonSchema(),
    $id: "https://github.com/aiguard/aiguard/schema/aiguard.schema.json",
    title: ".aiguard.yml",
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

export function reviewSchemaFileText(): string {
  const schema = {
    ...reviewJsonSchemaDocument(),
    $id: "https://github.com/aiguard/aiguard/schema/review.schema.json",
    title: "aiguard review (schemaVersion 1)",
    description: "The review aiguard prints with `--format json` and the App stores; see docs/review-json.md.",
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [name, text] of [
    ["aiguard.schema.json", schemaFileText()],
    ["review.schema.json", reviewSchemaFileText()],
  ] as const) {
    const target = new URL(`../schema/${name}`, import.meta.url);
    writeFileSync(target, text);
    console.log(`wrote ${fileURLToPath(target)}`);
  }
}

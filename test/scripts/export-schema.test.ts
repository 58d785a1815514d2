import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reviewSchemaFileText, schemaFileText } from "../../scripts/export-schema.js";

describe("schema/aiguard.schema.json", () => {
  it("is in sync with the zod schema (run `npm run schema` to regenerate)", () => {
    const committed = readFileSync(new URL("../../schema/aiguard.schema.json", import.meta.url), "utf8");
    expect(committed).toBe(schemaFileText());
  });

  it("describes the top-level keys editors should autocomplete", () => {
    const schema = JSON.parse(schemaFileText()) as {
      properties: Record<string, { description?: string }>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["_extends", "drafts", "paths", "rules", "limits", "tiers", "areas", "overrides"]),
    );
    expect(schema.properties.rules?.description).toBeTruthy();
    expect(schema.additionalProperties).toBe(false);
  });
});

describe("schema/review.schema.json", () => {
  it("is in sync with the review's zod schema (run `npm run schema` to regenerate)", () => {
    const committed = readFileSync(new URL("../../schema/review.schema.json", import.meta.url), "utf8");
    expect(committed).toBe(reviewSchemaFileText());
  });

  it("is strict: the review and its parts allow no undescribed field", () => {
    const schema = JSON.parse(reviewSchemaFileText()) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { items?: { additionalProperties?: boolean } }>;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.findings?.items?.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(["schemaVersion", "conclusion", "findings", "notes"]));
    expect(schema.required).not.toContain("approval");
  });
});

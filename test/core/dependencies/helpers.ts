import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { DependencyChange } from "../../../src/core/types.js";

export function fixture(rel: string): string {
  return readFileSync(fileURLToPath(new URL(`./fixtures/${rel}`, import.meta.url)), "utf8");
}

export function find(deps: DependencyChange[], name: string, direct?: boolean): DependencyChange | undefined {
  return deps.find((d) => d.name === name && (direct === undefined || d.direct === direct));
}

// Every supported ecosystem. To add one: a folder exporting an EcosystemModule, and a line here.
import { cargo } from "./cargo/index.js";
import { go } from "./go/index.js";
import { maven } from "./maven/index.js";
import { npm } from "./npm/index.js";
import { pypi } from "./pypi/index.js";
import type { EcosystemModule } from "../types.js";

export const ecosystems: readonly EcosystemModule[] = [npm, pypi, go, maven, cargo];

export function moduleFor(path: string): EcosystemModule | undefined {
  return ecosystems.find((m) => m.matches(path));
}

// `imported-from: module | [modules]`: the capture (a callee or name) comes from an import of
// one of these modules (`import`, `require`, Python `import`/`from ... import`, Go imports).
// Unlike `resolves-to`, the import must be visible in the file.
import { z } from "zod";
import { qualifiedName } from "../dataflow/names.js";
import { defineConstraint } from "./types.js";

export const importedFrom = defineConstraint({
  key: "imported-from",
  describe: "the capture's root name is imported from one of these modules",
  arg: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  compile(arg) {
    const mods = typeof arg === "string" ? [arg] : arg;
    return (node, ctx) => {
      const q = qualifiedName(node, ctx.file);
      if (!q || !q.imported) return false;
      return mods.some((m) => q.name === m || q.name.startsWith(`${m}.`));
    };
  },
});

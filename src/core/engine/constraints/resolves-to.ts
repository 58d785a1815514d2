// `resolves-to: name | [names]`: the capture (a callee expression) names one of these
// qualified names once the file's imports are applied: with `const cp = require("child_process")`,
// `cp.exec` resolves to `child_process.exec`. A name ending in `.*` matches any member.
// Unresolved roots stay as written, so `child_process.exec` also matches without an import.
import { z } from "zod";
import { qualifiedName } from "../dataflow/names.js";
import { defineConstraint } from "./types.js";

export function nameMatcher(patterns: readonly string[]): (name: string) => boolean {
  const exact = new Set(patterns.filter((p) => !p.endsWith(".*")));
  const prefixes = patterns.filter((p) => p.endsWith(".*")).map((p) => p.slice(0, -1));
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}

export const resolvesTo = defineConstraint({
  key: "resolves-to",
  describe: "the capture (a callee) resolves through imports to one of these qualified names",
  arg: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  compile(arg) {
    const test = nameMatcher(typeof arg === "string" ? [arg] : arg);
    return (node, ctx) => {
      const q = qualifiedName(node, ctx.file);
      return q !== null && test(q.name);
    };
  },
});

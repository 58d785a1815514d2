// `type: node_type | [node_types]`: the captured node has one of these grammar node types.
import { z } from "zod";
import { defineConstraint } from "./types.js";

export const nodeType = defineConstraint({
  key: "type",
  describe: "the capture's node type is one of these",
  arg: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  compile(arg) {
    const types = new Set(typeof arg === "string" ? [arg] : arg);
    return (node) => types.has(node.type);
  },
});

// The severity and confidence levels written in rule files and secret detector files, as zod
// schemas shared by both loaders (a leaf: the engine and the secret scanner import it, not each other).
import { z } from "zod";

export const SeveritySchema = z.enum(["critical", "high", "medium", "low", "info"]);
export const ConfidenceSchema = z.enum(["high", "medium", "low"]);

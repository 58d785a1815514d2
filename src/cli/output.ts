// Turning a ReviewResult into the requested format, and the exit code that goes with it.
import type { ReviewResult } from "../pipeline.js";
import type { Conclusion } from "../core/types.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderSarif } from "../report/sarif.js";
import { renderText } from "../report/text.js";
import type { Format } from "./args.js";

/**
 * Colour for text output: FORCE_COLOR wins (0/false turns it off), then NO_COLOR turns it off,
 * then a TTY that isn't TERM=dumb turns it on.
 */
export function useColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === "0" || force.toLowerCase() === "false");
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return Boolean(isTTY) && env.TERM !== "dumb";
}

export function render(
  result: ReviewResult,
  format: Format,
  opts: { color: boolean; configWarnings: string[] },
): string {
  switch (format) {
    case "json":
      return renderJson(result);
    case "sarif":
      return renderSarif(result);
    case "markdown": {
      const md = renderMarkdown(result, { configWarnings: opts.configWarnings, maxChars: Number.MAX_SAFE_INTEGER });
      return md.endsWith("\n") ? md : `${md}\n`;
    }
    default:
      // Config warnings already reach a terminal on stderr and in the notes at the bottom.
      return renderText(result, { color: opts.color });
  }
}

/** The exit code of docs/review-json.md: 0 success/neutral, 1 failure/action_required. */
export function exitCodeFor(conclusion: Conclusion): 0 | 1 {
  return conclusion === "failure" || conclusion === "action_required" ? 1 : 0;
}

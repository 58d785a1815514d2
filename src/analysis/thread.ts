// The code an analysis thread runs (see pool.ts): one change in, its Analysis out. Each thread
// compiles the built-in rules once, as soon as it starts, and a repository's own rules on demand.
import { analyze } from "../core/analyze.js";
import type { MessagePort } from "node:worker_threads";
import type { Change, Enrichment } from "../core/change.js";
import type { Analysis } from "../core/types.js";
import { cachedScannerProvider } from "./scanners.js";

/** What the pool sends a thread: structured-cloneable plain data. */
export interface AnalysisTask {
  change: Change;
  enrichment: Enrichment;
  /** Told when the analysis starts (after the wait for this thread's built-in rules): the time limit runs from then. */
  started: MessagePort;
}

const scanners = cachedScannerProvider();
// Compile the built-in scanner while the thread waits for its first task.
scanners([]).catch(() => {});

export default async function analyzeTask({ change, enrichment, started }: AnalysisTask): Promise<Analysis> {
  await scanners([]);
  started.postMessage("started");
  started.close();
  const { scanner, notes } = await scanners(change.customRules);
  return analyze(change, scanner, { ...enrichment, notes: [...(enrichment.notes ?? []), ...notes] });
}

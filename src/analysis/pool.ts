// A small pool of worker threads that runs the App's analyses (tree-sitter parses, rules, secret
// scans: synchronous CPU work), so a large or pathological pull request never stalls the event
// loop that acknowledges webhooks and answers /healthz. Each analysis has a hard time limit: a
// thread that exceeds it, or whose review is aborted, is terminated and replaced. The CLI analyses
// in-process (it has no event loop to protect, and starting threads would slow it down).
import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { Change, Enrichment } from "../core/change.js";
import type { Analysis } from "../core/types.js";
import type { Analyzer } from "../pipeline.js";
import type { AnalysisTask } from "./thread.js";

/** Default hard limit of one analysis. */
export const DEFAULT_ANALYSIS_TIMEOUT_MS = 120_000;

export interface AnalysisPoolOptions {
  /** Worker threads (default: min(2, CPUs - 1), at least 1). */
  threads?: number | undefined;
  /** Hard limit of one analysis in ms; the thread is terminated past it (default 120 s). */
  timeoutMs?: number | undefined;
}

/** Why an analysis in a thread did not produce a result; the review fails (closed) with it. */
export class AnalysisFailedError extends Error {
  override readonly name = "AnalysisFailedError";
}

/**
 * The thread entry: the compiled `thread.js` beside this module (dist/ in production, build/
 * in the benchmark), or, when this module runs from TypeScript sources (vitest), `thread.ts`
 * loaded through tsx.
 */
function threadEntry(): { filename: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith(".ts");
  const filename = new URL(fromSource ? "./thread.ts" : "./thread.js", import.meta.url).href;
  return { filename, execArgv: fromSource ? ["--import", "tsx"] : [] };
}

export class AnalysisPool {
  readonly threads: number;
  readonly timeoutMs: number;
  readonly #piscina: Piscina<AnalysisTask, Analysis>;

  constructor(options: AnalysisPoolOptions = {}) {
    this.threads = Math.max(1, Math.floor(options.threads ?? Math.min(2, availableParallelism() - 1)));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ANALYSIS_TIMEOUT_MS;
    const { filename, execArgv } = threadEntry();
    this.#piscina = new Piscina<AnalysisTask, Analysis>({
      filename,
      execArgv,
      // Threads start now and stay: each compiles the rules once, before its first analysis.
      minThreads: this.threads,
      maxThreads: this.threads,
      idleTimeout: Number.POSITIVE_INFINITY,
    });
    // A thread that dies between tasks is replaced by the pool; nothing waits on it.
    this.#piscina.on("error", () => {});
  }

  /** The pipeline's analyzer: the change is copied to a thread and analysed there. */
  readonly analyze: Analyzer = async (change: Change, enrichment: Enrichment, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    // The time limit runs from the moment a thread starts on this change, not while it waits for one.
    const { port1, port2 } = new MessageChannel();
    const limit = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    port1.once("message", () => {
      timer = setTimeout(() => limit.abort(), this.timeoutMs);
    });
    const stop = signal ? AbortSignal.any([signal, limit.signal]) : limit.signal;
    try {
      return await this.#piscina.run({ change, enrichment, started: port2 }, { signal: stop, transferList: [port2] });
    } catch (err) {
      signal?.throwIfAborted();
      if (limit.signal.aborted)
        throw new AnalysisFailedError(`the analysis took longer than ${duration(this.timeoutMs)} and was stopped`);
      throw new AnalysisFailedError(`the analysis thread failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  };

  /** Stop the threads (running analyses fail). */
  async close(): Promise<void> {
    await this.#piscina.destroy();
  }
}

/**
 * The App's pool from AIGUARD_ANALYSIS_THREADS (0: analyse in the event loop) and
 * AIGUARD_ANALYSIS_TIMEOUT_MS; null when threads are switched off.
 */
export function analysisPoolFromEnv(env: NodeJS.ProcessEnv): AnalysisPool | null {
  const threads = positiveOrZero(env.AIGUARD_ANALYSIS_THREADS);
  if (threads === 0) return null;
  const timeoutMs = positiveOrZero(env.AIGUARD_ANALYSIS_TIMEOUT_MS) || undefined;
  return new AnalysisPool({ threads, timeoutMs });
}

function duration(ms: number): string {
  return ms < 10_000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** A whole number ≥ 0 from the environment; undefined when unset or not a number. */
function positiveOrZero(text: string | undefined): number | undefined {
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
}

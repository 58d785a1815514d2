// In-process cache of look-up answers, by ecosystem + name + version, with a time to live.
// Shared by every review in a process (the App keeps one for its lifetime), bounded in size.
// Failures are never cached: the next review asks again.
import { LRUCache } from "lru-cache";

export interface LookupCacheOptions {
  /** Time to live of an answer (ms). */
  ttlMs?: number;
  /** Time to live of a "no such package" answer (ms): short, since a squatter may register the name. */
  missingTtlMs?: number;
  max?: number;
}

export class LookupCache {
  private readonly lru: LRUCache<string, { value: unknown }>;
  private readonly ttl: number;
  private readonly missingTtl: number;
  hits = 0;
  misses = 0;

  constructor(opts: LookupCacheOptions = {}) {
    this.ttl = opts.ttlMs ?? 6 * 3_600_000;
    this.missingTtl = opts.missingTtlMs ?? 3_600_000;
    this.lru = new LRUCache({ max: opts.max ?? 20_000, ttl: this.ttl });
  }

  get<T>(key: string): T | undefined {
    const hit = this.lru.get(key);
    if (hit) this.hits++;
    else this.misses++;
    return hit?.value as T | undefined;
  }

  set(key: string, value: unknown, opts: { missing?: boolean } = {}): void {
    this.lru.set(key, { value }, { ttl: opts.missing ? this.missingTtl : this.ttl });
  }

  get size(): number {
    return this.lru.size;
  }
}

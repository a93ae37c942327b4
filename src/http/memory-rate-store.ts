import type { FastifyRateLimitStore } from '@fastify/rate-limit';

type Counted = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Keys kept at most; past it the oldest windows are dropped (the library's own store keeps 5,000). */
const MAX_KEYS = 100_000;
const SWEEP_MS = 60_000;

/**
 * Request counts of one instance (no REDIS_URL): a fixed window per key. Each caller gets a
 * snapshot of its count; the library's LocalStore hands every caller the same live object, so a
 * burst of parallel requests all read the burst's last count and were all refused.
 */
export class MemoryRateStore implements FastifyRateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private sweepAt = 0;

  incr(key: string, callback: Counted, timeWindow: number): void {
    const now = Date.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      this.windows.delete(key);
      window = { count: 0, endsAt: now + timeWindow };
      this.windows.set(key, window);
    }
    window.count += 1;
    callback(null, { current: window.count, ttl: window.endsAt - now });
  }

  child(): FastifyRateLimitStore {
    return new MemoryRateStore();
  }

  private sweep(now: number): void {
    if (now >= this.sweepAt) {
      this.sweepAt = now + SWEEP_MS;
      for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
    }
    // Insertion order is age order (a renewed window is re-inserted): the oldest go first.
    for (const key of this.windows.keys()) {
      if (this.windows.size < MAX_KEYS) break;
      this.windows.delete(key);
    }
  }
}

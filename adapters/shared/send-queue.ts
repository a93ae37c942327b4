import { ChannelError } from '../../src/errors';
import { TokenBucket, type TokenBucketOptions } from './token-bucket';

/**
 * Outbound sending for every adapter: messages to one target go out in order; a retryable
 * ChannelError is retried with exponential backoff (at least the platform's retry_after); sends are
 * rate-limited per target and overall; the final failure is thrown to the caller.
 */

export interface SendQueueOptions {
  /** Attempts per message including the first (default 4: WeCom asks for at most 3 retries). */
  maxAttempts?: number;
  /** Backoff before retry n is about baseDelayMs·2^(n-1), jittered, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Per-target rate (e.g. WeCom 30/min per member, Telegram ~1/s per chat); none when omitted. */
  perTarget?: TokenBucketOptions;
  /** Rate over all targets (e.g. Telegram 30/s); none when omitted. */
  global?: TokenBucketOptions;
  /** Called before each retry: where a sender logs. */
  onRetry?: (info: { target: string; attempt: number; delayMs: number; error: ChannelError }) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

/** One send to the platform; `attempt` starts at 1. */
export type SendTask<T> = (attempt: number) => Promise<T>;

interface TargetState {
  tail: Promise<void>;
  pending: number;
  bucket?: TokenBucket;
}

const SWEEP_INTERVAL_MS = 60_000;

/** One per adapter. */
export class SendQueue {
  private readonly targets = new Map<string, TargetState>();
  private readonly global?: TokenBucket;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private lastSweep: number;

  constructor(private readonly options: SendQueueOptions = {}) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    // Checked now: per-target buckets are only built at the first send to each target.
    if (options.perTarget !== undefined) TokenBucket.assertValid(options.perTarget);
    this.global = options.global === undefined ? undefined : new TokenBucket(options.global, this.now);
    this.lastSweep = this.now();
  }

  /** Sends one message after everything queued before it for `target`; resolves with its result. */
  send<T>(target: string, task: SendTask<T>): Promise<T> {
    return this.enqueue(target, (state) => this.attempt(target, state, task));
  }

  /**
   * Sends several messages back to back in one turn of the queue; stops at the first that finally
   * fails (the rest would arrive out of context) and rejects with its error.
   */
  sendAll<T>(target: string, tasks: readonly SendTask<T>[]): Promise<T[]> {
    return this.enqueue(target, async (state) => {
      const results: T[] = [];
      for (const task of tasks) results.push(await this.attempt(target, state, task));
      return results;
    });
  }

  /** Number of queued or running jobs for a target (for status pages and tests). */
  pending(target: string): number {
    return this.targets.get(target)?.pending ?? 0;
  }

  private enqueue<T>(target: string, job: (state: TargetState) => Promise<T>): Promise<T> {
    this.sweep();
    let state = this.targets.get(target);
    if (state === undefined) {
      const bucket = this.options.perTarget === undefined ? undefined : new TokenBucket(this.options.perTarget, this.now);
      state = { tail: Promise.resolve(), pending: 0, bucket };
      this.targets.set(target, state);
    }
    const current = state;
    current.pending += 1;
    const run = current.tail.then(() => job(current));
    const settled = () => {
      current.pending -= 1;
    };
    // The tail never rejects, so one failed message does not block the target's later ones.
    current.tail = run.then(settled, settled);
    return run;
  }

  private async attempt<T>(target: string, state: TargetState, task: SendTask<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      await this.acquire(state.bucket);
      try {
        return await task(attempt);
      } catch (error) {
        if (!(error instanceof ChannelError) || !error.retryable || attempt >= this.maxAttempts) throw error;
        const backoff = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
        // Jitter keeps many conversations that failed together from retrying together.
        const delayMs = Math.max(error.retryAfterMs ?? 0, backoff / 2 + (this.random() * backoff) / 2);
        this.options.onRetry?.({ target, attempt, delayMs, error });
        await this.sleep(delayMs);
      }
    }
  }

  private async acquire(bucket: TokenBucket | undefined): Promise<void> {
    for (;;) {
      const waitMs = Math.max(this.global?.waitMs() ?? 0, bucket?.waitMs() ?? 0);
      if (waitMs <= 0) {
        this.global?.take();
        bucket?.take();
        return;
      }
      await this.sleep(waitMs);
    }
  }

  /** Forgets idle targets whose bucket has refilled, so the map does not grow with every customer. */
  private sweep(): void {
    if (this.now() - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = this.now();
    for (const [target, state] of this.targets) {
      if (state.pending === 0 && (state.bucket === undefined || state.bucket.isFull())) this.targets.delete(target);
    }
  }
}

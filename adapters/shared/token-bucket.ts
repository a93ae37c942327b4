/** Size and speed of a token bucket: `capacity` sends at once, then `refillPerSecond` sends a second. */
export interface TokenBucketOptions {
  capacity: number;
  refillPerSecond: number;
}

/** A token bucket on an injectable clock; callers check `waitMs()` and `take()` in the same tick. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: () => number = Date.now,
  ) {
    TokenBucket.assertValid(options);
    this.tokens = options.capacity;
    this.updatedAt = now();
  }

  /** Throws a RangeError for a bucket that could never hand out a token. */
  static assertValid(options: TokenBucketOptions): void {
    if (!(options.capacity >= 1) || !(options.refillPerSecond > 0)) {
      throw new RangeError('a token bucket needs capacity >= 1 and refillPerSecond > 0');
    }
  }

  /** Milliseconds until one token is available; 0 when one is available now. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.options.refillPerSecond);
  }

  /** Takes one token; call only after `waitMs()` returned 0 in the same tick. */
  take(): void {
    this.refill();
    this.tokens -= 1;
  }

  /** True when the bucket has refilled completely, i.e. it remembers nothing worth keeping. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.options.capacity;
  }

  private refill(): void {
    const now = this.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.options.capacity, this.tokens + (elapsed * this.options.refillPerSecond) / 1000);
    this.updatedAt = now;
  }
}

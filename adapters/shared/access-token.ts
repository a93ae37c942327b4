/**
 * A lazily fetched, single-flight access-token cache (WeCom gettoken, Official Account token).
 * Only one fetch runs at a time: the Official Account invalidates the previous token on every fetch,
 * and WeCom blocks apps that call gettoken too often.
 */

/** What a token endpoint returned. */
export interface FetchedToken {
  token: string;
  /** Lifetime in seconds as the platform reported it (7200 for both WeChat platforms). */
  expiresInSeconds: number;
}

/** How to fetch a token and when to refresh it. */
export interface AccessTokenCacheOptions {
  fetchToken: () => Promise<FetchedToken>;
  /** Refresh this long before expiry (default 5 minutes; capped at half the lifetime). */
  refreshMarginMs?: number;
  /** Injected clock for tests. */
  now?: () => number;
}

interface CachedToken {
  token: string;
  refreshAt: number;
}

/** One per app credential. `get()` is cheap once cached; call `invalidate(token)` on 40014/42001/41001. */
export class AccessTokenCache {
  private readonly fetchToken: () => Promise<FetchedToken>;
  private readonly refreshMarginMs: number;
  private readonly now: () => number;
  private cached?: CachedToken;
  private inFlight?: Promise<string>;

  constructor(options: AccessTokenCacheOptions) {
    this.fetchToken = options.fetchToken;
    this.refreshMarginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The current token, fetching one when none is cached or the cached one is about to expire. */
  get(): Promise<string> {
    if (this.cached !== undefined && this.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token);
    this.inFlight ??= this.refresh();
    return this.inFlight;
  }

  /**
   * Drops the cached token if it is still `staleToken` (or unconditionally without an argument).
   * Passing the token the failed call used means many callers failing together cause one refresh.
   */
  invalidate(staleToken?: string): void {
    if (staleToken === undefined || this.cached?.token === staleToken) this.cached = undefined;
  }

  private async refresh(): Promise<string> {
    try {
      const fetched = await this.fetchToken();
      const lifetimeMs = Math.max(0, fetched.expiresInSeconds) * 1000;
      // A margin longer than the lifetime would refetch on every call and get the app blocked.
      const margin = Math.min(this.refreshMarginMs, lifetimeMs / 2);
      this.cached = { token: fetched.token, refreshAt: this.now() + lifetimeMs - margin };
      return fetched.token;
    } finally {
      // Cleared on failure too, so the next caller tries again instead of sharing an old rejection.
      this.inFlight = undefined;
    }
  }
}

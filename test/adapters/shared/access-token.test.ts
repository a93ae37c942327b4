import { AccessTokenCache, type FetchedToken } from '../../../adapters/shared/access-token';
import { FakeClock } from '../helpers/fake-clock';

function setup(options: { expiresInSeconds?: number; refreshMarginMs?: number } = {}) {
  const clock = new FakeClock();
  let issued = 0;
  const pending: Array<(value: FetchedToken) => void> = [];
  const fetchToken = jest.fn(
    () =>
      new Promise<FetchedToken>((resolve) => {
        pending.push(resolve);
      }),
  );
  const cache = new AccessTokenCache({ fetchToken, now: clock.now, refreshMarginMs: options.refreshMarginMs });
  /** Lets the oldest outstanding fetch answer with the next token. */
  const answer = async () => {
    issued += 1;
    pending.shift()?.({ token: `token-${issued}`, expiresInSeconds: options.expiresInSeconds ?? 7200 });
    await Promise.resolve();
  };
  return { clock, cache, fetchToken, answer };
}

describe('AccessTokenCache', () => {
  it('fetches lazily and once for concurrent callers', async () => {
    const { cache, fetchToken, answer } = setup();
    expect(fetchToken).not.toHaveBeenCalled();
    const callers = [cache.get(), cache.get(), cache.get()];
    await answer();
    await expect(Promise.all(callers)).resolves.toEqual(['token-1', 'token-1', 'token-1']);
    await expect(cache.get()).resolves.toBe('token-1');
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('refreshes the configured margin before expiry, not earlier', async () => {
    const { clock, cache, fetchToken, answer } = setup({ refreshMarginMs: 60_000 });
    const first = cache.get();
    await answer();
    await first;
    clock.advance(7200_000 - 60_000 - 1);
    await expect(cache.get()).resolves.toBe('token-1');
    clock.advance(1);
    const second = cache.get();
    await answer();
    await expect(second).resolves.toBe('token-2');
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('caps the margin at half the lifetime so a short-lived token is still cached', async () => {
    const { clock, cache, fetchToken, answer } = setup({ expiresInSeconds: 60, refreshMarginMs: 300_000 });
    const first = cache.get();
    await answer();
    await first;
    clock.advance(29_999);
    await expect(cache.get()).resolves.toBe('token-1');
    expect(fetchToken).toHaveBeenCalledTimes(1);
  });

  it('refreshes once when many callers invalidate the same stale token', async () => {
    const { cache, fetchToken, answer } = setup();
    const first = cache.get();
    await answer();
    const stale = await first;
    cache.invalidate(stale);
    const afterFirstInvalidate = cache.get();
    cache.invalidate(stale);
    cache.invalidate(stale);
    const others = [cache.get(), cache.get()];
    await answer();
    await expect(Promise.all([afterFirstInvalidate, ...others])).resolves.toEqual(['token-2', 'token-2', 'token-2']);
    // A late failure reported against the old token must not throw away the new one.
    cache.invalidate(stale);
    await expect(cache.get()).resolves.toBe('token-2');
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('invalidate() without a token always drops the cached one', async () => {
    const { cache, fetchToken, answer } = setup();
    const first = cache.get();
    await answer();
    await first;
    cache.invalidate();
    const second = cache.get();
    await answer();
    await expect(second).resolves.toBe('token-2');
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });

  it('shares a failed fetch with its concurrent callers and tries again on the next call', async () => {
    const fetchToken = jest
      .fn<Promise<FetchedToken>, []>()
      .mockRejectedValueOnce(new Error('gettoken failed'))
      .mockResolvedValueOnce({ token: 'fresh', expiresInSeconds: 7200 });
    const cache = new AccessTokenCache({ fetchToken });
    const results = await Promise.allSettled([cache.get(), cache.get()]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(cache.get()).resolves.toBe('fresh');
    expect(fetchToken).toHaveBeenCalledTimes(2);
  });
});

import { ChannelError } from '../../../src/errors';
import { SendQueue } from '../../../adapters/shared/send-queue';
import { FakeClock } from '../helpers/fake-clock';

const retryable = (retryAfterMs?: number) => new ChannelError('test', 'busy', { code: -1, retryable: true, retryAfterMs });
const fatal = () => new ChannelError('test', 'bad user', { code: 60020, retryable: false });

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('SendQueue ordering', () => {
  it('sends to one target in order even when an earlier send is slower', async () => {
    const queue = new SendQueue();
    const log: string[] = [];
    const gate = deferred();
    const first = queue.send('u1', async () => {
      await gate.promise;
      log.push('a');
    });
    const second = queue.send('u1', async () => {
      log.push('b');
    });
    const otherTarget = queue.send('u2', async () => {
      log.push('x');
    });
    await otherTarget;
    expect(log).toEqual(['x']);
    expect(queue.pending('u1')).toBe(2);
    gate.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['x', 'a', 'b']);
  });

  it('keeps sending later messages after one finally fails, and reports that failure', async () => {
    const clock = new FakeClock();
    const queue = new SendQueue({ sleep: clock.sleep, now: clock.now });
    const sent: string[] = [];
    const failing = queue.send('u1', async () => {
      throw fatal();
    });
    const next = queue.send('u1', async () => {
      sent.push('next');
    });
    await expect(failing).rejects.toMatchObject({ platformCode: 60020, retryable: false });
    await next;
    expect(sent).toEqual(['next']);
  });

  it('sendAll stops at the first final failure and does not send the rest', async () => {
    const queue = new SendQueue();
    const sent: number[] = [];
    const task = (n: number) => async () => {
      if (n === 2) throw fatal();
      sent.push(n);
      return n;
    };
    await expect(queue.sendAll('u1', [task(1), task(2), task(3)])).rejects.toBeInstanceOf(ChannelError);
    expect(sent).toEqual([1]);
    await expect(queue.sendAll('u1', [task(4), task(5)])).resolves.toEqual([4, 5]);
  });
});

describe('SendQueue retries', () => {
  it('retries a retryable error with growing backoff and succeeds', async () => {
    const clock = new FakeClock();
    const retries: number[] = [];
    const queue = new SendQueue({ sleep: clock.sleep, now: clock.now, random: () => 1, baseDelayMs: 100, onRetry: (info) => retries.push(info.attempt) });
    const attempts: number[] = [];
    const result = await queue.send('u1', async (attempt) => {
      attempts.push(attempt);
      if (attempt < 3) throw retryable();
      return 'sent';
    });
    expect(result).toBe('sent');
    expect(attempts).toEqual([1, 2, 3]);
    expect(retries).toEqual([1, 2]);
    expect(clock.sleeps).toEqual([100, 200]);
  });

  it('waits at least the retry_after the platform asked for', async () => {
    const clock = new FakeClock();
    const queue = new SendQueue({ sleep: clock.sleep, now: clock.now, baseDelayMs: 10 });
    let calls = 0;
    await queue.send('chat', async () => {
      calls += 1;
      if (calls === 1) throw retryable(7_000);
    });
    expect(calls).toBe(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(7_000);
  });

  it('gives up after maxAttempts and surfaces the last error', async () => {
    const clock = new FakeClock();
    const queue = new SendQueue({ sleep: clock.sleep, now: clock.now, maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 1500, random: () => 1 });
    let calls = 0;
    const failure = queue.send('u1', async () => {
      calls += 1;
      throw retryable();
    });
    await expect(failure).rejects.toMatchObject({ retryable: true, platformCode: -1 });
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([1000, 1500]);
  });

  it('does not retry non-retryable ChannelErrors or other errors', async () => {
    const queue = new SendQueue({ sleep: async () => undefined });
    const plain = jest.fn(async () => {
      throw new TypeError('bug');
    });
    const refused = jest.fn(async () => {
      throw fatal();
    });
    await expect(queue.send('u1', plain)).rejects.toBeInstanceOf(TypeError);
    await expect(queue.send('u1', refused)).rejects.toBeInstanceOf(ChannelError);
    expect(plain).toHaveBeenCalledTimes(1);
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it('retries with the real timer when no clock is injected', async () => {
    const queue = new SendQueue({ baseDelayMs: 1 });
    let calls = 0;
    await expect(
      queue.send('u1', async () => {
        calls += 1;
        if (calls < 3) throw retryable();
        return calls;
      }),
    ).resolves.toBe(3);
  });
});

describe('SendQueue rate limits', () => {
  it('holds one target to its bucket without slowing other targets', async () => {
    const clock = new FakeClock();
    const start = clock.time;
    const queue = new SendQueue({ sleep: clock.sleep, now: clock.now, perTarget: { capacity: 2, refillPerSecond: 0.5 } });
    const times: number[] = [];
    await Promise.all([1, 2, 3, 4].map(() => queue.send('u1', async () => void times.push(clock.time - start))));
    // Two at once, then one every two seconds.
    expect(times[0]).toBe(0);
    expect(times[1]).toBe(0);
    expect(times[2]).toBeGreaterThanOrEqual(2000);
    expect(times[3]).toBeGreaterThanOrEqual(4000);
    const before = clock.sleeps.length;
    await queue.send('u2', async () => undefined);
    expect(clock.sleeps.length).toBe(before);
  });

  it('holds all targets together to the global bucket', async () => {
    const clock = new FakeClock();
    const start = clock.time;
    const queue = new SendQueue({ sleep: clock.sleep, now: clock.now, global: { capacity: 3, refillPerSecond: 10 } });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 9 }, (_, i) => queue.send(`chat-${i}`, async () => void times.push(clock.time - start))));
    times.sort((a, b) => a - b);
    expect(times).toHaveLength(9);
    // The k-th send (from 0) cannot happen before (k - capacity + 1) refills of 100 ms each.
    times.forEach((time, k) => expect(time).toBeGreaterThanOrEqual(Math.max(0, k - 2) * 100));
  });

  it('refuses a bucket that could never send', () => {
    expect(() => new SendQueue({ global: { capacity: 0, refillPerSecond: 1 } })).toThrow(RangeError);
    expect(() => new SendQueue({ perTarget: { capacity: 1, refillPerSecond: 0 } })).toThrow(RangeError);
  });
});

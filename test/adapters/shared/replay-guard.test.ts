import pino from 'pino';
import { ReplayGuard, ReplayRefused } from '../../../adapters/shared/replay-guard';
import { mongoNonceStore } from '../../../src/db/webhook-nonces';
import { WebhookNonce } from '../../../src/db/webhook-nonce.model';
import { useTestDatabase } from '../../helpers/database';
import { eventually } from '../helpers/channel-service';

useTestDatabase(__filename);

const log = pino({ level: 'silent' });
const reasonOf = (promise: Promise<unknown>) => promise.then(() => 'accepted', (err: unknown) => (err instanceof ReplayRefused ? err.reason : String(err)));

describe('the replay guard of signed webhooks, on MongoDB', () => {
  it('lets the same delivery through however many instances see it at once, and refuses the nonce with another body', async () => {
    const now = Date.now();
    // Two instances: two stores, one collection.
    const guards = [0, 1].map(() => new ReplayGuard({ nonces: mongoNonceStore(log), windowMs: 300_000, now: () => now }));
    const ts = String(Math.floor(now / 1000));
    const same = await Promise.all(Array.from({ length: 10 }, (_, i) => reasonOf(guards[i % 2].check('wechat-mp', ts, 'n-1', '<xml>a</xml>'))));
    expect(same).toEqual(Array(10).fill('accepted'));
    expect(await reasonOf(guards[1].check('wechat-mp', ts, 'n-1', '<xml>forged</xml>'))).toBe('nonce_reused');
    // The same nonce on another channel, or another nonce, is another delivery.
    expect(await reasonOf(guards[0].check('wecom', ts, 'n-1', '<xml>forged</xml>'))).toBe('accepted');
    expect(await reasonOf(guards[0].check('wechat-mp', ts, 'n-2', '<xml>forged</xml>'))).toBe('accepted');
    expect(await WebhookNonce.countDocuments()).toBe(3);
  });

  it('refuses timestamps outside the window either way, and ones that are not seconds', async () => {
    const now = Date.UTC(2025, 0, 1);
    const guard = new ReplayGuard({ nonces: mongoNonceStore(log), windowMs: 300_000, now: () => now });
    const at = (seconds: number) => reasonOf(guard.check('wecom', String(Math.floor(now / 1000) + seconds), `w${seconds}`, 'x'));
    expect(await at(-299)).toBe('accepted');
    expect(await at(299)).toBe('accepted');
    expect(await at(-301)).toBe('stale_timestamp');
    expect(await at(301)).toBe('stale_timestamp');
    expect(await reasonOf(guard.check('wecom', '978307200', 'y2k', 'x'))).toBe('stale_timestamp');
    expect(await reasonOf(guard.check('wecom', '17e8', 'e', 'x'))).toBe('bad_timestamp');
    expect(await reasonOf(guard.check('wecom', '', 'e', 'x'))).toBe('bad_timestamp');
  });

  it('deletes nonces whose timestamp has left the window', async () => {
    await WebhookNonce.deleteMany({});
    let now = Date.now();
    const guard = new ReplayGuard({ nonces: mongoNonceStore(log, () => now), windowMs: 300_000, now: () => now });
    await guard.check('wecom', String(Math.floor(now / 1000)), 'expiring', 'x');
    expect(await WebhookNonce.countDocuments({ expiresAt: { $gte: new Date(now) } })).toBe(1);
    now += 10 * 60_000;
    await guard.check('wecom', String(Math.floor(now / 1000)), 'later', 'x');
    await eventually(async () => (await WebhookNonce.countDocuments({ expiresAt: { $lt: new Date(now) } })) === 0, 'the clean-up of expired nonces');
    expect(await WebhookNonce.exists({ expiresAt: { $gte: new Date(now) } })).toBeTruthy();
  });
});

import type { Logger } from 'pino';
import type { NonceStore, NonceVerdict } from '../../adapters/shared/replay-guard';
import { WebhookNonce } from './webhook-nonce.model';
import { isDuplicateKey } from './create-once';

const CLEAN_UP_EVERY_MS = 60_000;

/**
 * The nonce store of every instance: one unique insert per delivery (a concurrent second insert of
 * the same key collides on `_id`, error 11000), and at most once a minute a delete of the expired.
 */
export function mongoNonceStore(log: Logger, now: () => number = Date.now): NonceStore {
  let lastCleanUp = 0;
  const cleanUp = () => {
    if (now() - lastCleanUp < CLEAN_UP_EVERY_MS) return;
    lastCleanUp = now();
    WebhookNonce.deleteMany({ expiresAt: { $lt: new Date(now()) } }).catch((err: unknown) => log.warn({ err }, 'expired webhook nonces could not be deleted'));
  };
  return {
    async remember(key: string, digest: string, expiresAt: Date): Promise<NonceVerdict> {
      cleanUp();
      try {
        await WebhookNonce.create({ _id: key, digest, expiresAt });
        return 'new';
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
      const seen = await WebhookNonce.findById(key, { digest: 1 }).lean();
      return seen?.digest === digest ? 'same' : 'different';
    },
  };
}

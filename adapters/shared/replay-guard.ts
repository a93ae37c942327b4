import { createHash } from 'node:crypto';
import type { ChannelId } from '../../src/core/message';

/** What a nonce store says about a (channel, timestamp, nonce) it is asked to remember. */
export type NonceVerdict = 'new' | 'same' | 'different';

/**
 * Remembers signed deliveries across instances (src/db/webhook-nonces.ts keeps them in MongoDB
 * under a unique key, with a clean-up of expired ones).
 */
export interface NonceStore {
  /**
   * Records `key` with the digest of the request's body until `expiresAt`: 'new' the first time,
   * 'same' when it was seen with the same body (a platform's retry), 'different' otherwise.
   */
  remember(key: string, digest: string, expiresAt: Date): Promise<NonceVerdict>;
}

/** Why a signed delivery was refused although its signature matched. */
export type ReplayReason = 'bad_timestamp' | 'stale_timestamp' | 'nonce_reused';

/** A correctly signed delivery that is too old (or early), or a signed query reused for another body. */
export class ReplayRefused extends Error {
  constructor(readonly reason: ReplayReason, message: string) {
    super(message);
    this.name = 'ReplayRefused';
  }
}

export interface ReplayGuardOptions {
  nonces: NonceStore;
  /** How far a signed timestamp may be from now, either way (WEBHOOK_MAX_AGE_SECONDS). */
  windowMs: number;
  now?: () => number;
}

/**
 * The timestamp window and nonce check of platforms that sign a timestamp and a nonce (WeCom, the
 * Official Account). Called after the signature matched. A signed query seen before is refused when
 * it comes with another body — in plaintext mode WeChat signs only the query, so a query copied from
 * anywhere would otherwise carry any message; the same request again is a platform's retry and
 * passes (the message is stored once anyway).
 */
export class ReplayGuard {
  private readonly now: () => number;

  constructor(private readonly options: ReplayGuardOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Refuses a timestamp outside the window (URL checks: nothing is stored, so no nonce is kept). */
  checkTimestamp(timestamp: string): number {
    if (!/^\d{1,12}$/.test(timestamp)) throw new ReplayRefused('bad_timestamp', 'timestamp is not a number of seconds');
    const signedAt = Number(timestamp) * 1000;
    if (Math.abs(this.now() - signedAt) > this.options.windowMs) {
      throw new ReplayRefused('stale_timestamp', `timestamp is more than ${this.options.windowMs / 1000} s from now`);
    }
    return signedAt;
  }

  /** The timestamp window, then the nonce: remembered until the timestamp leaves the window. */
  async check(channel: ChannelId, timestamp: string, nonce: string, body: Uint8Array | string): Promise<void> {
    const signedAt = this.checkTimestamp(timestamp);
    const key = createHash('sha256').update(`${channel}\n${timestamp}\n${nonce}`).digest('hex');
    const digest = createHash('sha256').update(body).digest('hex');
    const verdict = await this.options.nonces.remember(key, digest, new Date(signedAt + this.options.windowMs));
    if (verdict === 'different') throw new ReplayRefused('nonce_reused', 'this timestamp and nonce were already used for another request');
  }
}

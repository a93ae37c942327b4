import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { AppError } from '../errors';
import { MemoryRateStore } from './memory-rate-store';

/** A limit: at most `max` requests per `windowMs` for one key. */
export interface Rate {
  max: number;
  windowMs: number;
}

/** What a limited request is counted by (its address, an e-mail…); undefined: not counted. */
export type RateKey = (req: FastifyRequest) => string | undefined | Promise<string | undefined>;

/** A hook (onRequest or preHandler) that refuses a request over its limit. */
export type LimitHook = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** The client's address as limits count it: an IPv6 client by its /64, as it usually holds all of it. */
export const clientAddress = (req: FastifyRequest): string => normalizeIP(req.ip);

/**
 * @fastify/rate-limit for the whole app, not applied to any route by itself: routes take the
 * hooks of `limitHook`. With a Redis URL the counts live in Redis (atomic INCR, shared by every
 * instance); a Redis outage lets requests through rather than locking everybody out.
 */
export async function registerRateLimits(app: FastifyInstance, redisUrl: string | undefined, log: Logger): Promise<void> {
  // A count waits for the connection at start, but never long: a second without Redis lets the request through.
  const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1000 }) : undefined;
  redis?.on('error', (err) => log.warn({ err: err.message }, 'rate-limit redis connection error'));
  await app.register(rateLimit, { global: false, skipOnError: true, ...(redis ? { redis, nameSpace: 'kefu:rate:' } : { store: MemoryRateStore }) });
  if (redis) app.addHook('onClose', async () => void (await redis.quit().catch(() => redis.disconnect())));
}

/**
 * A hook that counts each request under `name:<key>` and refuses the one over `rate` with 429
 * RATE_LIMITED, Retry-After and `message(seconds)`. No rate (the variable set to `off`): a no-op.
 * Counting happens before the work, so parallel requests are counted as they arrive.
 */
export function limitHook(app: FastifyInstance, name: string, rate: Rate | undefined, key: RateKey, message: (seconds: number) => string): LimitHook {
  if (!rate) return async () => undefined;
  const windowSeconds = Math.ceil(rate.windowMs / 1000);
  const counted = new WeakMap<FastifyRequest, string>();
  const check = app.createRateLimit({ max: rate.max, timeWindow: rate.windowMs, keyGenerator: (req) => `${name}:${counted.get(req)}` });
  return async (req, reply) => {
    const k = await key(req);
    if (k === undefined) return;
    counted.set(req, k);
    const result = await check(req);
    if (result.isAllowed || !result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    reply.header('retry-after', String(seconds));
    throw new AppError('RATE_LIMITED', message(seconds), { details: { retryAfterSeconds: seconds, limit: rate.max, windowSeconds } });
  };
}

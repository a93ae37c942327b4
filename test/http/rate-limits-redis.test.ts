import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Redis } from 'ioredis';
import { createServer } from '../../src/http/server';
import { clientAddress, limitHook } from '../../src/http/rate-limits';
import { testLogger } from '../helpers/logger';
import { startRedis } from '../helpers/redis';

/** One limited route, as the service's routes use limitHook. */
const limited: FastifyPluginAsync = async (app) => {
  const hook = limitHook(app, 'test-ip', { max: 5, windowMs: 60_000 }, clientAddress, (s) => `try again in ${s} seconds`);
  app.post('/limited', { onRequest: hook }, async () => ({ ok: true }));
};

const health = { databaseKind: 'none', startedAt: new Date(), channels: () => [] };

describe('limits shared through Redis (REDIS_URL)', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    redis = await startRedis();
    [a, b] = await Promise.all([0, 1].map(() => createServer({ logger: testLogger, health, redisUrl: redis.url, plugins: [{ plugin: limited as FastifyPluginAsync<never> }] })));
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await redis?.stop();
  });
  const hit = (app: FastifyInstance, address: string) => app.inject({ method: 'POST', url: '/limited', remoteAddress: address });

  it('counts one address across two instances: five requests in all, wherever they land', async () => {
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await hit(i % 2 ? b : a, '10.30.0.1'));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(Number(answers[5].headers['retry-after'])).toBeGreaterThan(0);
    const client = new Redis(redis.url);
    expect((await client.keys('kefu:rate:*')).some((k) => k.endsWith('test-ip:10.30.0.1'))).toBe(true);
    client.disconnect();
  });

  it('counts a parallel burst atomically: five of forty get through', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => hit(i % 2 ? b : a, '10.30.0.2')));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(5);
  });
});

import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { errorBody } from '../http/contract/common';
import { collectProcessMetrics, databaseErrors, httpDuration, registry } from './metrics';

export interface MetricsPluginOptions {
  /** METRICS_TOKEN: when set, the scrape must send it as a bearer token. */
  token?: string;
}

const isDatabaseError = (err: FastifyError) =>
  /^Mongo|^Mongoose/.test(err.name) || (err as { code?: unknown }).code === 'DATABASE_UNAVAILABLE';

const sameToken = (given: string, expected: string) => {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
};

/**
 * GET /metrics in Prometheus' text format, plus the hooks that feed it: every request's duration by
 * route pattern, and requests that failed on the database. Registered first and not encapsulated
 * (fastify's skip-override, what fastify-plugin sets), so its hooks see every route after it.
 */
export const metricsPlugin: FastifyPluginAsync<MetricsPluginOptions> = async (app, options) => {
  collectProcessMetrics();
  app.addHook('onResponse', async (req, reply) => {
    // The pattern, not the URL: ids in paths would make a series per conversation.
    const route = req.routeOptions.url ?? 'unmatched';
    httpDuration.observe({ method: req.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.addHook('onError', async (_req, _reply, err) => {
    if (isDatabaseError(err)) databaseErrors.inc({ kind: 'request' });
  });
  const schema = {
    tags: ['operations'],
    summary: 'Prometheus metrics in the text format (bearer METRICS_TOKEN when it is set)',
    security: [{ bearer: [] }],
    response: { 200: z.string().describe('Prometheus text exposition format 0.0.4'), 401: errorBody },
  };
  app.get('/metrics', { schema }, async (req, reply) => {
    if (options.token !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      if (match === null || !sameToken(match[1], options.token)) {
        return reply.code(401).header('www-authenticate', 'Bearer').send({ error: { code: 'UNAUTHENTICATED', message: 'Send the metrics token as a bearer token' } });
      }
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
};
(metricsPlugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

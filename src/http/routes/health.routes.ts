import type { FastifyPluginAsync } from 'fastify';
import { databaseAnswers } from '../../db/database';
import type { AdapterStatus } from '../../channels/channel-adapter';

export interface HealthOptions {
  databaseKind: string;
  startedAt: Date;
  channels: () => AdapterStatus[];
}

/** GET /healthz: 200 when the database answers, 503 otherwise; lists each channel's state. */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, opts) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness and database health',
        response: {
          200: { $ref: 'Health#' },
          503: { $ref: 'Health#' },
        },
      },
    },
    async (_req, reply) => {
      const ok = await databaseAnswers();
      return reply.status(ok ? 200 : 503).send({
        status: ok ? 'ok' : 'unavailable',
        database: { kind: opts.databaseKind, ok },
        uptimeSeconds: Math.round((Date.now() - opts.startedAt.getTime()) / 1000),
        channels: opts.channels().map((c) => ({ ...c, lastReceivedAt: c.lastReceivedAt?.toISOString(), lastSentAt: c.lastSentAt?.toISOString() })),
      });
    },
  );
};

import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { databaseAnswers } from '../../db/database';
import type { AdapterStatus } from '../../channels/channel-adapter';
import type { ServerHealth } from '../../db/embedded/running-server';

export interface HealthOptions {
  databaseKind: string;
  /** The embedded server's supervision state (up, restarting, down), when the service started one. */
  databaseServer?: () => ServerHealth;
  startedAt: Date;
  channels: () => AdapterStatus[];
}

const health = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({
      kind: z.string(),
      ok: z.boolean(),
      /** The embedded server's supervision: restarted after a crash, or given up on. */
      server: z
        .object({
          state: z.enum(['up', 'restarting', 'down']),
          restarts: z.int(),
          lastExit: z.object({ code: z.number().nullable(), signal: z.string().nullable(), at: z.string() }).optional(),
        })
        .optional(),
    }),
    uptimeSeconds: z.int(),
    channels: z.array(
      z.object({
        channel: z.string(),
        enabled: z.boolean(),
        connected: z.boolean(),
        lastReceivedAt: z.string().optional(),
        lastSentAt: z.string().optional(),
        lastError: z.string().optional(),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .meta({ id: 'Health' });

/** GET /healthz: 200 when the database answers, 503 otherwise; lists each channel's state. */
export const healthRoutes: FastifyPluginAsyncZod<HealthOptions> = async (app, opts) => {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'Liveness and database health', response: { 200: health, 503: health } } }, async (_req, reply) => {
    const ok = await databaseAnswers();
    return reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'unavailable',
      database: { kind: opts.databaseKind, ok, ...(opts.databaseServer ? { server: opts.databaseServer() } : {}) },
      uptimeSeconds: Math.round((Date.now() - opts.startedAt.getTime()) / 1000),
      channels: opts.channels().map((c) => ({ ...c, lastReceivedAt: c.lastReceivedAt?.toISOString(), lastSentAt: c.lastSentAt?.toISOString() })),
    });
  });
};

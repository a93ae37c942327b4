import type { FastifyInstance } from 'fastify';
import type { Agenda } from 'agenda';
import type { Logger } from 'pino';
import type { Config } from './config/config';
import { openDatabase, type Database } from './db/database';
import { setReportTimeZone } from './domain/shared/local-day';
import { ensureFirstAdmin } from './bootstrap/first-admin';
import { createServer } from './http/server';
import { createScheduler } from './jobs/scheduler';
import { contractRenewalJob } from './jobs/contract-renewal.job';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** The running service: what main() and whole-service tests hold on to. */
export interface Service {
  app: FastifyInstance;
  database: Database;
  scheduler: Agenda;
  /** Stops accepting, lets in-flight requests finish, stops jobs, closes the database. */
  close(): Promise<void>;
}

/** Composition root: database, first admin, scheduler, HTTP. Does not listen (see main.ts). */
export async function startService(config: Config, log: Logger): Promise<Service> {
  setReportTimeZone(config.TIME_ZONE);
  const database = await openDatabase(config, log);
  let scheduler: Agenda | undefined;
  try {
    await ensureFirstAdmin({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD }, log);
    scheduler = await createScheduler(database.uri, config.TIME_ZONE, [contractRenewalJob()], log);
    const app = await createServer({
      logger: log,
      health: { databaseKind: database.kind, startedAt: new Date(), channels: () => [] },
    });
    const started = scheduler;
    return {
      app,
      database,
      scheduler: started,
      async close() {
        await app.close();
        // The scheduler unlocks its jobs on stop; with the database gone that would wait forever.
        await withTimeout(started.stop().then(() => started.close({ force: true })), 5000).catch((err) => log.warn({ err }, 'scheduler did not stop cleanly'));
        await database.close();
      },
    };
  } catch (err) {
    await scheduler?.stop().catch(() => undefined);
    await database.close();
    throw err;
  }
}

import { Agenda, type Job } from 'agenda';
import type { Logger } from 'pino';

/** A scheduled job: its name, what it does, and (optionally) when it repeats. */
export interface JobDefinition<T extends Record<string, unknown> = Record<string, unknown>> {
  name: string;
  /** Cron expression in the company time zone, or a human interval ('5 minutes'). */
  repeat?: string;
  run(data: T, job: Job<T>): Promise<void>;
}

/**
 * Agenda on the same MongoDB-protocol database, collection `agendajobs`. Agenda 5 brings its own
 * driver, so it opens its own connection from the URI.
 */
export async function createScheduler(uri: string, timeZone: string, jobs: JobDefinition[], log: Logger, processEvery = '30 seconds'): Promise<Agenda> {
  const agenda = new Agenda({ db: { address: uri, collection: 'agendajobs' }, processEvery, defaultLockLifetime: 10 * 60_000 });
  for (const def of jobs) {
    agenda.define(def.name, async (job: Job) => {
      const started = Date.now();
      try {
        await def.run((job.attrs.data ?? {}) as Record<string, unknown>, job);
        log.info({ job: def.name, ms: Date.now() - started }, 'job done');
      } catch (err) {
        log.error({ err, job: def.name }, 'job failed');
        throw err;
      }
    });
  }
  agenda.on('error', (err: unknown) => log.error({ err }, 'scheduler error'));
  await agenda.start();
  for (const def of jobs) {
    if (def.repeat) await agenda.every(def.repeat, def.name, {}, { timezone: timeZone, skipImmediate: true });
  }
  return agenda;
}

import pino from 'pino';

/** A silent logger for tests (LOG_LEVEL=debug shows what the service logs). */
export const testLogger = pino({ level: process.env.LOG_LEVEL ?? 'silent' });

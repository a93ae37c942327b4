import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import type { Config } from '../config/config';
import { REDACT_PATHS, serializeError, serializeRequest } from './redact';

type LogConfig = Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'> & Partial<Pick<Config, 'LOG_FORMAT'>>;

/** The options every service logger shares: level, redaction, and serializers that scrub secrets. */
export function loggerOptions(config: LogConfig): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    base: { service: 'kefu' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // Fastify merges these over its own: the request URL is logged with its signed query redacted.
    serializers: { req: serializeRequest, err: serializeError, error: serializeError },
  };
}

/**
 * The service logger: readable lines (pino-pretty) when stdout is a terminal, JSON lines otherwise
 * (LOG_FORMAT=json|pretty forces one). `destination` is for tests that read what was logged.
 */
export function createLogger(config: LogConfig, destination?: DestinationStream): Logger {
  const options = loggerOptions(config);
  if (destination !== undefined) return pino(options, destination);
  const format = config.LOG_FORMAT ?? 'auto';
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY === true) ? prettyStream() : undefined;
  return pretty === undefined ? pino(options) : pino(options, pretty);
}

/**
 * pino-pretty as an in-process stream (synchronous, so nothing is lost at exit). It is a development
 * dependency: an install without it (npm ci --omit=dev) logs JSON.
 */
function prettyStream(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const build = require('pino-pretty') as (options: Record<string, unknown>) => DestinationStream;
    return build({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
  } catch {
    return undefined;
  }
}

import pino, { type Logger } from 'pino';
import type { Config } from '../config/config';

/** The service logger: JSON lines (pipe through pino-pretty in development if you like). */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'kefu' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.passwordHash', '*.token'], censor: '[redacted]' },
  });
}

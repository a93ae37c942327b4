import 'dotenv/config';
import { loadConfig, ConfigError } from './config/config';
import { createLogger } from './logging/logger';
import { NoDatabaseError } from './db/database';
import { startService } from './service';

/** Process entry: config, start, listen, and a graceful stop on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  if (process.argv.includes('--fresh')) process.env.DB_FRESH = 'true';
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw err;
  }
  const log = createLogger(config);
  let service;
  try {
    service = await startService(config, log);
  } catch (err) {
    if (err instanceof NoDatabaseError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    log.fatal({ err }, 'could not start');
    process.exit(1);
  }
  await service.app.listen({ host: config.HOST, port: config.PORT });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, 20_000);
    await service.close();
    clearTimeout(force);
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

void main();
